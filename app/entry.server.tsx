import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./nonce";
import { startBackgroundWork } from "./modules/background.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

startBackgroundWork();

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 404 or 403 is an answer, not a fault: only server errors are logged.
  if (error && typeof error === "object" && "status" in error && typeof error.status === "number" && error.status < 500) return;
  // One JSON line, like the request log, so that an error can be found by its time and path.
  console.error(
    JSON.stringify({
      level: "error",
      time: new Date().toISOString(),
      path: new URL(request.url).pathname,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    }),
  );
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  return new Promise((resolve, reject) => {
    // No page streams (no deferred data, no Suspense boundaries that wait), so the whole
    // document is rendered and sent as one buffer: one write instead of a chunk per React
    // flush through two stream conversions, and a Content-Length (docs/performance.md).
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(abortTimer);
        const html = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(html.length));
        resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    // The timer holds the whole render (request, loader data, React's buffers) until it fires,
    // so it is cleared once the render is complete: left running, every page stayed in memory
    // for five seconds, and a busy worker held hundreds of megabytes (docs/performance.md).
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider nonce={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell is done, onShellError rejects and Remix logs it.
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}
