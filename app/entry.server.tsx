// SPDX-License-Identifier: EUPL-1.2
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { Writable } from "node:stream";
import type { ReactElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { logError } from "./lib/log.server";
import { NonceProvider } from "./nonce";
import { startBackgroundWork } from "./modules/background.server";
import { checkSecretsKeyAtStartup } from "./modules/auth/secrets.server";
import { encryptTotpSecretsAtStartup } from "./modules/auth/totp-secret.server";
import { getDb } from "~db/client.server";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

startBackgroundWork();

/**
 * Run by server/index.js before it listens: a setting that cannot work with the data (a missing
 * SECRETS_KEY once a municipality has its own sign-in, or once second-factor secrets are
 * encrypted) stops the server at start; with a key, second-factor secrets still kept as they
 * are get encrypted.
 */
export async function checkBeforeListening(): Promise<void> {
  await checkSecretsKeyAtStartup(getDb());
  await encryptTotpSecretsAtStartup(getDb());
}

export function handleError(error: unknown, { request, context }: { request: Request; context?: AppLoadContext }) {
  if (request.signal.aborted) return;
  // A 404 or 403 is an answer, not a fault: only server errors are logged.
  if (error && typeof error === "object" && "status" in error && typeof error.status === "number" && error.status < 500) return;
  // The request's id is the error's id: the error page shows it (components/ErrorPage.tsx), so a
  // report can be matched with this line and the request's own.
  logError(error instanceof Error ? error.message : String(error), {
    requestId: context?.requestId,
    path: new URL(request.url).pathname,
    stack: error instanceof Error ? error.stack : undefined,
  });
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext?.cspNonce ?? "";
  const { html, failed } = await renderDocument(
    <NonceProvider nonce={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceProvider>,
    { nonce },
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(html.length));
  return new Response(html, { headers: responseHeaders, status: failed ? 500 : responseStatusCode });
}

/**
 * The whole document as one buffer, sent with a Content-Length: one write instead of a chunk per
 * React flush (docs/performance.md). It waits for everything (onAllReady), since single fetch
 * sends the loader data through Suspense boundaries in the document itself. A shell error
 * rejects, and Remix renders the error boundary; a later error marks the page as failed.
 */
export function renderDocument(element: ReactElement, { nonce = "" }: { nonce?: string } = {}): Promise<{ html: Uint8Array<ArrayBuffer>; failed: boolean }> {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const chunks: Uint8Array[] = [];
    const sink = new Writable({
      write(chunk: Uint8Array, _encoding, done) {
        chunks.push(withoutUnfilledTail(chunk));
        done();
      },
      final(done) {
        clearTimeout(abortTimer);
        const html = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
        let at = 0;
        for (const chunk of chunks) {
          html.set(chunk, at);
          at += chunk.length;
        }
        resolve({ html, failed });
        done();
      },
    });
    // The timer holds the whole render (request, loader data, React's buffers) until it fires,
    // so it is cleared once the render is complete: left running, every page stayed in memory
    // for five seconds, and a busy worker held hundreds of megabytes (docs/performance.md).
    const abortTimer = setTimeout(() => abort(), ABORT_DELAY);
    const { pipe, abort } = renderToPipeableStream(element, {
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
        failed = true;
        // Before the shell is done, onShellError rejects and Remix logs it.
        if (shellRendered) console.error(error);
      },
    });
  });
}

/**
 * React 18.3's writeStringChunk sends its whole 2,048-byte buffer when a multi-byte character
 * (å, ä, ö) does not fit in the last bytes, and the bytes it did not fill are zeros: about one page
 * in six carried a NUL (fixed in React 19, which Remix 2.17 does not declare support for). Our HTML
 * has no NUL of its own (forms refuse control characters, and NUL is a parse error in HTML), so
 * zero bytes that end a chunk are those unfilled bytes: at most three, the tail of a 4-byte character
 * (docs/decisions/018-request-hardening.md).
 */
function withoutUnfilledTail(chunk: Uint8Array): Uint8Array {
  let end = chunk.length;
  while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
  return end === chunk.length ? chunk : chunk.subarray(0, end);
}
