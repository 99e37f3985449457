// The HTTP server: Express around Remix. remix-serve cannot set a per-response CSP nonce,
// refuse cross-origin posts before they reach the app, or log one JSON line per request,
// so this small server does (docs/decisions/002-express-server.md).
import cluster from "node:cluster";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isProduction = process.env.NODE_ENV === "production";
const buildDir = path.resolve(root, process.env.BUILD_DIR || "build");
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

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
  // need. The old-space limit keeps each worker under 250 MB resident with room to spare
  // (the live heap is about 60 MB under load: docs/performance.md).
  const heapMb = Number(process.env.WORKER_HEAP_MB || 256);
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

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : process.env.TRUST_PROXY);

  // Tokens travel in these paths; they never reach the log.
  const SECRET_PATHS = /^\/(inbjudan|aterstall|logga-in\/lank)\/[^/]+/;

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const pathname = req.path.replace(SECRET_PATHS, (_m, prefix) => `/${prefix}/[dolt]`);
      process.stdout.write(
        JSON.stringify({
          level: "info",
          time: new Date().toISOString(),
          method: req.method,
          path: pathname,
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          bytes: Number(res.getHeader("content-length")) || undefined,
        }) + "\n",
      );
    });
    next();
  });

  app.use((req, res, next) => {
    // Lets the app recognise one request across the copies Remix makes of it (REQUEST_ID_HEADER
    // in app/modules/access/permissions.server.ts); whatever a client sent under the name is replaced.
    req.headers["x-coachportalen-request"] = crypto.randomUUID();
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const connect = isProduction ? "'self'" : "'self' ws: wss:";
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
        // Styles come from our own stylesheet; React style attributes (progress bars) need inline.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        `connect-src ${connect}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        ...(isProduction && process.env.APP_URL?.startsWith("https:") ? ["upgrade-insecure-requests"] : []),
      ].join("; "),
    );
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if (isProduction && process.env.APP_URL?.startsWith("https:")) {
      res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    }
    next();
  });

  // Cookie sessions need CSRF protection: a state-changing request must come from our own
  // origin (Lucia's guide). Browsers send Origin on every POST; a request with neither
  // Origin nor Sec-Fetch-Site is not from a current browser form and is refused too.
  const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    let sameOrigin = false;
    if (origin) {
      try {
        sameOrigin = new URL(origin).host === req.get("host");
      } catch {
        sameOrigin = false;
      }
    } else if (fetchSite) {
      sameOrigin = fetchSite === "same-origin";
    }
    if (!sameOrigin) {
      res.status(403).type("text/plain; charset=utf-8").send("Förfrågan kom från en annan webbplats och har stoppats.");
      return;
    }
    next();
  });

  app.use(compression());

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    // The other public files all have an extension; pages don't, and need no disk lookup first.
    const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }

  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build")
    : await import(path.join(buildDir, "server/index.js"));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: isProduction ? "production" : "development",
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(port, host, () => {
    console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: `Coachportalen lyssnar på http://${host === "0.0.0.0" ? "localhost" : host}:${port}` }));
  });

  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => server.close(() => process.exit(0)));
  }
}
