// The HTTP server: Express around Remix. remix-serve cannot set a per-response CSP nonce,
// refuse cross-origin posts before they reach the app, or log one JSON line per request,
// so this small server does (docs/decisions/002-express-server.md).
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "./app.js";
import { trustProxySetting } from "./trust-proxy.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isProduction = process.env.NODE_ENV === "production";
const buildDir = path.resolve(root, process.env.BUILD_DIR || "build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

function logError(message) {
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message }));
}

// A wrong setting stops the server before it forks or listens. TRUST_PROXY above all: one that
// let clients choose their own address would loosen the throttles without anyone noticing.
try {
  trustProxySetting(process.env.TRUST_PROXY);
} catch (error) {
  logError(error.message);
  process.exit(1);
}

// In production a small primary process forks WEB_CONCURRENCY workers (default 1) that share
// the port, restarts one that dies, and gives each a deliberate heap size. SQLite in WAL mode
// takes readers from several processes; writes queue on its lock (busy timeout).
if (isProduction && cluster.isPrimary) {
  startWorkers(Math.max(1, Number(process.env.WEB_CONCURRENCY || 1)));
} else {
  await startServer();
}

function startWorkers(count) {
  // V8 grows a heap lazily towards a large default, so a busy worker held 400+ MB it did not
  // need. The old-space limit keeps each worker under 300 MB resident
  // (the live heap is about 60 MB under load: docs/performance.md).
  const heapMb = Number(process.env.WORKER_HEAP_MB || 192);
  const heapSetElsewhere = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes("--max-old-space-size"));
  cluster.setupPrimary({
    // The workers run this file, whichever script imported it (the e2e server seeds first).
    exec: fileURLToPath(import.meta.url),
    execArgv: heapSetElsewhere ? process.execArgv : [...process.execArgv, `--max-old-space-size=${heapMb}`],
  });
  let stopping = false;
  const quickDeaths = [];
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    // A worker that keeps dying at start (a bad setting, a port in use) is not restarted forever.
    const now = Date.now();
    quickDeaths.push(now);
    while (quickDeaths.length && now - quickDeaths[0] > 30_000) quickDeaths.shift();
    if (quickDeaths.length > 5) {
      console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: "Servern avslutas: arbetsprocesserna avslutades gång på gång." }));
      process.exit(1);
    }
    console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: `En arbetsprocess avslutades (${signal ?? code}); en ny startas.` }));
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      // Signalled directly rather than through worker.kill(), whose IPC message fails with
      // EPIPE when a worker has already gone.
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      process.exit(0);
    });
  }
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
