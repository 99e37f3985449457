import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./nonce";
import { startBackgroundWork } from "./modules/background.server";

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
  const html = renderDocument(
    <NonceProvider nonce={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.length));
  return new Response(html, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * The whole document as UTF-8 bytes. No page streams (no deferred data, no Suspense boundary
 * that waits), so it is rendered to one string and sent as one buffer with a Content-Length.
 * Not renderToPipeableStream: React 18.3's stream writer sends its whole 2,048-byte buffer
 * when a multi-byte character (å, ä, ö) does not fit in the last bytes, unfilled zero bytes
 * included, so about one page in six carried a NUL (docs/decisions/018-request-hardening.md).
 * A render error throws, and Remix renders the error boundary instead.
 */
export function renderDocument(element: ReactElement): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`<!DOCTYPE html>${renderToString(element)}`);
}
