// The HTTP server: Express around Remix. remix-serve cannot set a per-response CSP nonce,
// refuse cross-origin posts before they reach the app, or log one JSON line per request,
// so this small server does (docs/decisions/002-express-server.md).
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isProduction = process.env.NODE_ENV === "production";
const buildDir = path.resolve(root, process.env.BUILD_DIR || "build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

// WEB_CONCURRENCY > 1 forks that many workers sharing the port, so one machine's cores all serve.
// SQLite in WAL mode takes readers from several processes; writes queue on its lock (busy timeout).
const workers = isProduction ? Number(process.env.WEB_CONCURRENCY || 1) : 1;
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (signal !== "SIGTERM" && signal !== "SIGINT" && code !== 0) cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      process.exit(0);
    });
  }
} else {
  await startServer();
}

async function startServer() {
  const vite = isProduction
    ? undefined
    : await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build")
    : await import(path.join(buildDir, "server/index.js"));
  const app = createApp({ build, isProduction, buildDir, vite });

  const server = app.listen(port, host, () => {
    console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: `Coachportalen lyssnar på http://${host === "0.0.0.0" ? "localhost" : host}:${port}` }));
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}
