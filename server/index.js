// SPDX-License-Identifier: EUPL-1.2
// The HTTP server: Express around Remix. remix-serve cannot set a per-response CSP nonce,
// refuse cross-origin posts before they reach the app, or log one JSON line per request,
// so this small server does (docs/decisions/002-express-server.md).
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "../app/env.server.ts";
import { logError, logInfo } from "../app/lib/log.server.ts";
import { createApp } from "./app.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// A wrong setting stops the server before it forks or listens, every wrong variable named at
// once. TRUST_PROXY above all: one that let clients choose their own address would loosen the
// throttles without anyone noticing.
let config;
try {
  config = parseEnv();
} catch (error) {
  logError(error.message);
  process.exit(1);
}
const isProduction = config.NODE_ENV === "production";
const buildDir = path.resolve(root, config.BUILD_DIR);
const port = config.PORT;
const host = config.HOST;
// How long a stopping server lets requests in flight finish before it cuts them off. An
// orchestrator's grace period before SIGKILL should be longer (the primary adds 2 s).
const shutdownSeconds = config.SHUTDOWN_TIMEOUT_SECONDS;
const shutdownMs = shutdownSeconds * 1000;

// In production a small primary process forks WEB_CONCURRENCY workers (default 1) that share
// the port, restarts one that dies, and gives each a deliberate heap size. SQLite in WAL mode
// takes readers from several processes; writes queue on its lock (busy timeout).
if (isProduction && cluster.isPrimary) {
  startWorkers(config.WEB_CONCURRENCY);
} else {
  await startServer();
}

function startWorkers(count) {
  // V8 grows a heap lazily towards a large default, so a busy worker held 400+ MB it did not
  // need. The old-space limit keeps each worker under 300 MB resident
  // (the live heap is about 60 MB under load: docs/performance.md).
  const heapMb = config.WORKER_HEAP_MB;
  const heapSetElsewhere = [...process.execArgv, config.NODE_OPTIONS ?? ""].some((a) => a.includes("--max-old-space-size"));
  cluster.setupPrimary({
    // The workers run this file, whichever script imported it (the e2e server seeds first).
    exec: fileURLToPath(import.meta.url),
    execArgv: heapSetElsewhere ? process.execArgv : [...process.execArgv, `--max-old-space-size=${heapMb}`],
  });
  let stopping = false;
  let stopSignal;
  let workersFailedToStop = 0;
  const running = new Set();
  const quickDeaths = [];
  const fork = () => running.add(cluster.fork());
  for (let i = 0; i < count; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      // A worker still starting has no handler yet and dies of the signal itself; it served nothing.
      if (code !== 0 && signal !== stopSignal) workersFailedToStop += 1;
      if (running.size === 0) process.exit(workersFailedToStop ? 1 : 0);
      return;
    }
    // A worker that keeps dying at start (a bad setting, a port in use) is not restarted forever.
    const now = Date.now();
    quickDeaths.push(now);
    while (quickDeaths.length && now - quickDeaths[0] > 30_000) quickDeaths.shift();
    if (quickDeaths.length > 5) {
      logError("Servern avslutas: arbetsprocesserna avslutades gång på gång.");
      process.exit(1);
    }
    logError(`En arbetsprocess avslutades (${signal ?? code}); en ny startas.`);
    fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    // Not once: Ctrl-C signals the whole process group, and a repeated signal must not fall
    // back to Node's default of dying on the spot.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stopSignal = signal;
      // The primary outlives its workers: they tell it over IPC when they stop listening, and
      // one whose primary had already gone crashed on that message with EPIPE.
      // Signalled directly rather than through worker.kill(), whose IPC message fails with
      // EPIPE when a worker has already gone.
      for (const worker of running) worker.process.kill(signal);
      setTimeout(() => {
        logError(`Servern avslutas: ${running.size} arbetsprocess(er) hade inte avslutats efter ${shutdownSeconds + 2} s och stoppas med SIGKILL.`);
        for (const worker of running) worker.process.kill("SIGKILL");
        process.exit(1);
      }, shutdownMs + 2_000).unref();
    });
  }
}

async function startServer() {
  let server;
  let stopping = false;
  const responses = new Set();

  // Stops taking connections, answers every request already received, and closes each
  // keep-alive connection as soon as it has nothing in flight.
  function stop() {
    if (stopping) return;
    stopping = true;
    // Asked to stop while loading the build: nothing was served, so nothing waits.
    if (!server) process.exit(0);
    setTimeout(() => {
      logError(`Servern avslutas: ${responses.size} förfrågning(ar) var inte klara efter ${shutdownSeconds} s och avbröts.`);
      server.closeAllConnections();
      process.exit(1);
    }, shutdownMs).unref();
    // Tells clients not to send another request on the connection, which the server is about
    // to close: a request sent as it closes would be lost.
    for (const res of responses) if (!res.headersSent) res.setHeader("Connection", "close");
    server.close(() => process.exit(0));
  }

  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, stop);
  if (cluster.isWorker) {
    // Node's cluster ends a worker at once when its primary disappears (a process.exit on
    // 'disconnect'), cutting off requests in flight; this worker stops in order instead.
    process.removeAllListeners("disconnect");
    process.on("disconnect", () => {
      logError("Huvudprocessen finns inte längre: arbetsprocessen tar inte emot fler anslutningar och avslutas när det den har fått är besvarat.");
      stop();
    });
    // A message to a primary that has just gone fails with EPIPE, emitted here; unhandled, it
    // would end the worker mid-request.
    process.on("error", (error) => {
      logError(`Kontakten med huvudprocessen bröts (${error.code ?? error.message}): arbetsprocessen avslutas.`);
      stop();
    });
  }

  const vite = isProduction
    ? undefined
    : await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));
  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build")
    : await import(path.join(buildDir, "server/index.js"));
  try {
    await (typeof build === "function" ? await build() : build).entry.module.checkBeforeListening?.();
  } catch (error) {
    logError(error.message);
    process.exit(1);
  }
  const app = createApp({ build, isProduction, buildDir, vite, appUrl: config.APP_URL, trustProxy: config.TRUST_PROXY });

  server = app.listen(port, host, () => {
    logInfo(`Coachportalen lyssnar på http://${host === "0.0.0.0" ? "localhost" : host}:${port}`);
  });
  // Before the app sees the request, so that the header is still unsent.
  server.prependListener("request", (_req, res) => {
    if (stopping) res.setHeader("Connection", "close");
    responses.add(res);
    res.once("close", () => {
      responses.delete(res);
      if (stopping) server.closeIdleConnections();
    });
  });
}
