// SPDX-License-Identifier: EUPL-1.2
// The Express app around Remix, without listening: server/index.js starts it, and the security
// tests (tests/integration/security-http.test.ts) make one around a Remix build so that the
// headers, the cross-site check and the cookies are tested as they are served.
import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { envValue } from "../app/env.server.ts";
import { logLine } from "../app/lib/log.server.ts";
import { bodyLimitFor } from "./body-limits.js";
import { trustProxySetting } from "./trust-proxy.js";

// Headers a proxy writes about the original request. Without a trusted proxy any client can
// write them, so they are dropped: Remix would otherwise compare X-Forwarded-Host with Origin
// and throw (a 500) where the request is simply not from a proxy of ours.
const FORWARDED_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto"];
// Tokens travel in these paths; they never reach the log.
const SECRET_PATHS = /^\/(inbjudan|aterstall|logga-in\/lank)\/[^/]+/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// SAML_ACS_PATH in app/modules/auth/saml.server.ts (tests/integration/saml-sign-in.test.ts checks they agree).
const SAML_ACS_PATH = "/logga-in/saml/svar";

/**
 * @param {object} options
 * @param {import("@remix-run/node").ServerBuild | (() => Promise<import("@remix-run/node").ServerBuild>)} options.build
 * @param {boolean} options.isProduction
 * @param {string} [options.buildDir] static files of a production build (client/ and client/assets/)
 * @param {import("vite").ViteDevServer} [options.vite]
 * @param {string} [options.appUrl] the public address; https there turns on HSTS and upgrade-insecure-requests
 * @param {string} [options.trustProxy]
 * @param {(line: string) => void} [options.log] where the one-line request log goes
 */
export function createApp({ build, isProduction, buildDir, vite, appUrl = envValue("APP_URL"), trustProxy = envValue("TRUST_PROXY"), log = (line) => process.stdout.write(line) }) {
  const https = isProduction && Boolean(appUrl?.startsWith("https:"));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(trustProxy));

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // One id per request, in its log line and in the log line of an error it met (handleError in
    // app/entry.server.tsx), which the error page shows so a report can be matched with the log.
    const requestId = crypto.randomUUID();
    res.locals.requestId = requestId;
    res.on("finish", () => {
      const pathname = req.path.replace(SECRET_PATHS, (_m, prefix) => `/${prefix}/[dolt]`);
      log(
        logLine("info", {
          requestId,
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
        // Offline reading (docs/decisions/036-offline-lessons.md): the service worker is our own file
        // at /sw.js, and 'strict-dynamic' above would otherwise not let the page register it.
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        ...(https ? ["upgrade-insecure-requests"] : []),
      ].join("; "),
    );
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  });

  // A 304 tells a cache to keep its stored page and take on the 304's headers. A new CSP nonce would
  // then no longer match the stored page's scripts, so a 304 carries no CSP and the stored one stays
  // (public pages answer 304: app/modules/caching/http-cache.server.ts).
  app.use((_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (statusCode, ...rest) {
      if (statusCode === 304) res.removeHeader("Content-Security-Policy");
      return writeHead.call(this, statusCode, ...rest);
    };
    next();
  });

  app.use((req, _res, next) => {
    if (!app.get("trust proxy")) for (const name of FORWARDED_HEADERS) delete req.headers[name];
    next();
  });

  // The body's size is known from Content-Length before it is read: a larger one is answered at
  // once and the connection closed, so no worker spends time on it. Browsers always send the
  // length with a form; a body without one (chunked) is refused rather than counted.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const length = req.get("content-length");
    if (length === undefined && req.get("transfer-encoding")) {
      res.set("Connection", "close").status(411).type("text/plain; charset=utf-8").send("Förfrågan saknar längduppgift (Content-Length).");
      return;
    }
    const limit = bodyLimitFor(req.path);
    if (Number(length) > limit) {
      res
        .set("Connection", "close")
        .status(413)
        .type("text/plain; charset=utf-8")
        .send(`Det som skickades är för stort (högst ${Math.round(limit / 1024 / 1024)} MB). Dela upp det och försök igen.`);
      return;
    }
    next();
  });

  // Cookie sessions need CSRF protection: a state-changing request must come from our own
  // origin (Lucia's guide). Browsers send Origin on every POST; a request with neither
  // Origin nor Sec-Fetch-Site is not from a current browser form and is refused too.
  app.use((req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // The one exception: a SAML IdP answers by a POST from its own site (the HTTP-POST binding).
    // That answer carries no session cookie (SameSite=Lax) and acts on no session; its signature,
    // audience and one-use request id (app/modules/auth/saml.server.ts) are its protection. Its
    // Origin is dropped too, or Remix's own check of Origin against Host would refuse the action.
    if (req.path === SAML_ACS_PATH) {
      delete req.headers.origin;
      return next();
    }
    const origin = req.get("origin");
    const fetchSite = req.get("sec-fetch-site");
    let sameOrigin = false;
    if (origin) {
      try {
        // The host Remix compares Origin with: a trusted proxy's X-Forwarded-Host, else Host.
        const forwardedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim();
        sameOrigin = new URL(origin).host === (forwardedHost || req.get("host"));
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
  } else if (buildDir) {
    app.use("/assets", express.static(path.join(buildDir, "client/assets"), { immutable: true, maxAge: "1y" }));
    // The other public files all have an extension; pages don't, and need no disk lookup first.
    const publicFiles = express.static(path.join(buildDir, "client"), { maxAge: "1h" });
    app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: isProduction ? "production" : "development",
      // A fresh object per request (app/load-context.ts): the session is resolved into it on first use.
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown", requestId: res.locals.requestId }),
    }),
  );
  return app;
}
