// SPDX-License-Identifier: EUPL-1.2
// The service worker behind "Spara för läsning utan nät" (docs/decisions/036-offline-lessons.md).
// Built on its own by scripts/vite-service-worker.ts into /sw.js, with the build's version.
// It is registered for coaches only (app/components/OfflineSupport.tsx), and it keeps nothing
// by itself but the build's static files: a page is kept only when the coach saves it, and only
// pages under /utbildning, which show the signed-in coach's own training and nobody else's.
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly } from "workbox-strategies";
import { isSaveablePath, OFFLINE_CACHE_PREFIX, OFFLINE_FALLBACK_URL, type SaveMessage, type SaveResult } from "./protocol";

declare const __OFFLINE_VERSION__: string;

// The DOM library has no worker types, and the webworker one would clash with it across the program.
interface WorkerEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerMessageEvent extends WorkerEvent {
  data: unknown;
  ports: readonly MessagePort[];
}
const worker = self as unknown as {
  addEventListener(type: "activate", listener: (event: WorkerEvent) => void): void;
  addEventListener(type: "message", listener: (event: WorkerMessageEvent) => void): void;
  skipWaiting(): Promise<void>;
};

// The version changes with the code and with content/, so a changed lesson never stays saved in its old words.
const CACHE = `${OFFLINE_CACHE_PREFIX}${__OFFLINE_VERSION__}`;
const MATCH = { ignoreVary: true };

worker.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute([{ url: OFFLINE_FALLBACK_URL, revision: __OFFLINE_VERSION__ }]);

/** A whole, successful answer to the request as asked: never a sign-in page reached by a redirect. */
function storable(response: Response): boolean {
  return response.status === 200 && !response.redirected && response.type === "basic";
}

// Pages and images are refreshed while online only if the coach saved them: browsing keeps nothing new.
const savedOnly = new NetworkFirst({
  cacheName: CACHE,
  networkTimeoutSeconds: 5,
  matchOptions: MATCH,
  plugins: [
    {
      cacheWillUpdate: async ({ request, response }) =>
        storable(response) && (await (await caches.open(CACHE)).match(request, MATCH)) ? response : null,
    },
  ],
});
// Hashed build files: the same for everyone and never changed under one name.
const buildFiles = new CacheFirst({
  cacheName: CACHE,
  matchOptions: MATCH,
  plugins: [{ cacheWillUpdate: async ({ response }) => (storable(response) ? response : null) }],
});

registerRoute(({ request, url }) => request.mode === "navigate" && isSaveablePath(url.pathname), savedOnly);
registerRoute(({ request }) => request.mode === "navigate", new NetworkOnly());
registerRoute(({ url }) => url.pathname.startsWith("/innehall/"), savedOnly);
registerRoute(({ url }) => url.pathname.startsWith("/assets/"), buildFiles);

// Remix moves between pages by fetching data (/x.data) and route lists (/__manifest). Offline,
// those are answered with Remix's own "load this as a page" signal, so that every page offline
// is a page load: served from the saved pages, or the offline page that says what is missing.
registerRoute(
  ({ request, url }) => request.method === "GET" && (url.pathname.endsWith(".data") || url.pathname === "/__manifest"),
  async ({ request, url }) => {
    try {
      return await fetch(request);
    } catch {
      if (url.pathname === "/__manifest") return new Response(null, { status: 204, headers: { "X-Remix-Reload-Document": "yes" } });
      return reloadAsPage(url.pathname === "/_root.data" ? "/" : url.pathname.slice(0, -".data".length));
    }
  },
);

setCatchHandler(async ({ request }) => (request.mode === "navigate" ? ((await matchPrecache(OFFLINE_FALLBACK_URL)) ?? Response.error()) : Response.error()));

/** Remix's single-fetch redirect with a page reload, as @remix-run/server-runtime encodes it (turbo-stream). */
function reloadAsPage(path: string): Response {
  const body = JSON.stringify([
    ["SingleFetchRedirect", 1],
    { _2: 3, _4: 5, _6: 7, _8: 9, _10: 7 },
    "redirect",
    path,
    "status",
    302,
    "revalidate",
    false,
    "reload",
    true,
    "replace",
  ]);
  return new Response(body, { status: 202, headers: { "Content-Type": "text/x-script", "X-Remix-Response": "yes" } });
}

const ATTRIBUTE_URL = /(?:href|src)="([^"]+)"/g;
const CSS_URL = /url\(\s*["']?(\/assets\/[^"')\s]+)["']?\s*\)/g;

function decodeAttribute(value: string): string {
  return value.replace(/&amp;/g, "&");
}

/** What a saved page needs beside itself: build files and lesson images. */
function filesOf(html: string): string[] {
  return [...html.matchAll(ATTRIBUTE_URL)].map((m) => decodeAttribute(m[1]!)).filter((u) => u.startsWith("/assets/") || u.startsWith("/innehall/"));
}

/** The lessons a module page links to: its own sub-pages, but not the knowledge test, which needs the server. */
function lessonsOf(html: string, modulePath: string): string[] {
  return [...html.matchAll(ATTRIBUTE_URL)]
    .map((m) => decodeAttribute(m[1]!))
    .filter((u) => u.startsWith(`${modulePath}/`) && !u.slice(modulePath.length + 1).includes("/") && !u.endsWith("/kunskapstest"));
}

function isModulePath(path: string): boolean {
  return /^\/utbildning\/[^/]+\/[^/]+$/.test(path);
}

/** Saves pages (a module page with its lessons) and what they need; nothing outside /utbildning. */
async function save(paths: string[]): Promise<SaveResult> {
  const cache = await caches.open(CACHE);
  const queue = [...new Set(paths.filter(isSaveablePath))];
  const seen = new Set(queue);
  const files = new Set<string>();
  let saved = 0;
  let failed = 0;
  while (queue.length > 0) {
    const path = queue.shift()!;
    const response = await fetch(path, { credentials: "same-origin" }).catch(() => null);
    if (!response || !storable(response) || !(response.headers.get("content-type") ?? "").includes("text/html")) {
      failed++;
      continue;
    }
    const html = await response.clone().text();
    await cache.put(path, response);
    saved++;
    for (const file of filesOf(html)) files.add(file);
    if (isModulePath(path)) {
      for (const lesson of lessonsOf(html, path)) {
        if (!seen.has(lesson)) {
          seen.add(lesson);
          queue.push(lesson);
        }
      }
    }
  }
  for (const file of files) {
    if (await cache.match(file, MATCH)) continue;
    const response = await fetch(file, { credentials: "same-origin" }).catch(() => null);
    if (!response || !storable(response)) continue;
    if (file.endsWith(".css")) for (const m of (await response.clone().text()).matchAll(CSS_URL)) files.add(m[1]!);
    await cache.put(file, response);
  }
  return { saved, failed };
}

// A new build drops the old build's pages; what the coach had saved is fetched again from the new one
// when there is network, and is simply gone (never old text) when there is not.
worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith(OFFLINE_CACHE_PREFIX) && name !== CACHE);
      const pages: string[] = [];
      for (const name of old) {
        const requests = await (await caches.open(name)).keys();
        pages.push(...requests.map((r) => new URL(r.url).pathname).filter(isSaveablePath));
        await caches.delete(name);
      }
      if (pages.length > 0) await save(pages).catch(() => undefined);
    })(),
  );
});

worker.addEventListener("message", (event) => {
  const message = event.data as SaveMessage | null;
  if (message?.type !== "SAVE" || !Array.isArray(message.paths)) return;
  event.waitUntil(save(message.paths.filter((p): p is string => typeof p === "string")).then((result) => event.ports[0]?.postMessage(result)));
});
