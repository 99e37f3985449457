// SPDX-License-Identifier: EUPL-1.2
// The ceiling: a bare node:http server that answers every request with the lesson page's bytes,
// in as many processes as the real server has. Nothing a web app does can be faster on this
// machine at this moment, so each page's throughput is reported as a share of this one's.
//   node scripts/bench/ceiling.mjs <port> <body file> <workers>
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";

const [port, file, workers = "1"] = process.argv.slice(2);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i++) cluster.fork();
  // A worker that cannot listen (the port is taken) ends the ceiling, so the benchmark notices.
  let stopping = false;
  cluster.on("exit", (_worker, code) => {
    if (!stopping && code !== 0) process.exit(1);
    // Exits once every worker has: exiting at once closed their IPC channel under them (EPIPE).
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.once("SIGTERM", () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  });
} else {
  const body = fs.readFileSync(file);
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    res.end(body);
  });
  server.listen(Number(port), "127.0.0.1");
  // Nothing to drain: the load has stopped when the benchmark stops the ceiling.
  process.once("SIGTERM", () => process.exit(0));
}
