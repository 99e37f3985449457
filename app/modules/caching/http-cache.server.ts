// SPDX-License-Identifier: EUPL-1.2
// Caching of public answers, in one place: which answers a CDN or browser may keep, for how
// long, and when a kept copy is still current (docs/decisions/013-benchmark-and-caching.md).
//
// - Only visitors without a session cookie get a public answer. The page layout names whoever is
//   signed in, so every answer to a session is private and never stored ("private, no-store").
// - Every answer that may be public says `Vary: Cookie`, so that a shared cache never hands the
//   anonymous copy to someone signed in (and the signed-in answer is never stored at all).
// - The ETag is weak and made from the loader's data and this server build, not from the HTML:
//   the HTML differs on every request by its CSP nonce, while the same data renders the same page.
//   A current copy gets 304 before anything is rendered.
// - Nothing with Set-Cookie is ever public.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { data, type HeadersFunction } from "@remix-run/node";
import { envValue } from "~/env.server";
import { readCookie, SESSION_COOKIE } from "~/modules/auth/cookie.server";

export const CACHE_CONTROL = {
  /**
   * Public pages and files (materials, their attachments, the follow-up pages): they change when
   * content is deployed or a report is published. Browsers keep a copy a minute, a CDN five; a
   * CDN may answer from a copy up to ten minutes old while it fetches a fresh one.
   */
  public: "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
  /**
   * Verification of a certificate: a revocation must show at once in a browser (it asks every
   * time, a 304 when nothing changed) and within 30 seconds behind a CDN, which may never answer
   * from a stale copy.
   */
  verification: "public, max-age=0, s-maxage=30, must-revalidate",
  /** Anything personal: the browser keeps nothing either, so a shared computer shows nothing after sign-out. */
  private: "private, no-store",
} as const;

export type CachePolicy = Exclude<keyof typeof CACHE_CONTROL, "private">;

let buildId: string | undefined;
/**
 * Identifies the code that renders the page: in production this module is inside the server
 * bundle, whose bytes change with every change of code, styles or client assets. Every process
 * of one deployment computes the same id, so their ETags agree.
 */
function currentBuildId(): string {
  if (buildId === undefined) {
    try {
      buildId = createHash("sha256").update(fs.readFileSync(fileURLToPath(import.meta.url))).digest("base64url").slice(0, 12);
    } catch {
      buildId = envValue("BUILD_ID") ?? "dev";
    }
  }
  return buildId;
}

/** A session cookie, valid or not: whatever the answer is, it is not for a shared cache. */
export function hasSessionCookie(request: Request): boolean {
  return readCookie(request, SESSION_COOKIE) !== null;
}

export function etagOf(policy: CachePolicy, body: unknown): string {
  const hash = createHash("sha256").update(currentBuildId()).update("\0").update(policy).update("\0");
  if (body instanceof Uint8Array) hash.update(body);
  else hash.update(JSON.stringify(body) ?? "");
  return `W/"${hash.digest("base64url").slice(0, 27)}"`;
}

/** If-None-Match compared weakly (RFC 9110 13.1.2): the client's copy is current. */
export function isNotModified(request: Request, etag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** The headers of an answer that may be public: Cache-Control, Vary and, when public, the ETag. */
export function cacheHeadersFor(request: Request, options: { policy: CachePolicy; body: unknown; personalized?: boolean }): Headers {
  const headers = new Headers({ Vary: "Cookie" });
  if (options.personalized || hasSessionCookie(request)) {
    headers.set("Cache-Control", CACHE_CONTROL.private);
    return headers;
  }
  headers.set("Cache-Control", CACHE_CONTROL[options.policy]);
  headers.set("ETag", etagOf(options.policy, options.body));
  return headers;
}

/**
 * A loader's answer on a public page: public with an ETag for anonymous visitors (304 when
 * their copy is current; Remix then renders nothing), private for anyone signed in. The route
 * exports `headers = publicPageHeaders` so that these reach the response.
 */
export function cacheableData<T>(
  request: Request,
  payload: T,
  options: {
    policy?: CachePolicy;
    personalized?: boolean;
    headers?: HeadersInit;
    /** What the page shows, when the payload holds more (a moment where the page shows only its day). */
    etagData?: unknown;
  } = {},
) {
  const headers = cacheHeadersFor(request, { policy: options.policy ?? "public", body: options.etagData ?? payload, personalized: options.personalized });
  for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
  const etag = headers.get("ETag");
  const status = etag && isNotModified(request, etag) ? 304 : 200;
  return data(payload, { status, headers });
}

/** A file download (a resource route's Response) under the same rules. */
export function cacheableFile(request: Request, bytes: Uint8Array<ArrayBuffer>, options: { policy?: CachePolicy; personalized?: boolean; headers: HeadersInit }): Response {
  const headers = cacheHeadersFor(request, { policy: options.policy ?? "public", body: bytes, personalized: options.personalized });
  for (const [name, value] of new Headers(options.headers)) headers.set(name, value);
  const etag = headers.get("ETag");
  if (etag && isNotModified(request, etag)) {
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(bytes, { headers });
}

const PASSED_ON = ["Cache-Control", "ETag", "Vary", "X-Robots-Tag", "Retry-After"];

/**
 * The `headers` export of a route that answers with cacheableData. Errors (404 and the like)
 * are not stored, and an answer that sets a cookie anywhere in the route tree is never public.
 */
export const publicPageHeaders: HeadersFunction = ({ loaderHeaders, parentHeaders, errorHeaders }) => {
  const headers = new Headers();
  const source = errorHeaders ?? loaderHeaders;
  for (const name of PASSED_ON) {
    const value = source.get(name);
    if (value) headers.set(name, value);
  }
  if (errorHeaders && !errorHeaders.has("Cache-Control")) headers.set("Cache-Control", CACHE_CONTROL.private);
  if (loaderHeaders.has("Set-Cookie") || parentHeaders.has("Set-Cookie") || errorHeaders?.has("Set-Cookie")) {
    headers.set("Cache-Control", CACHE_CONTROL.private);
    headers.delete("ETag");
  }
  return headers;
};
