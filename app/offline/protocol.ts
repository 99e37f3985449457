// SPDX-License-Identifier: EUPL-1.2
// What the service worker (service-worker.ts) and the pages (offline.client.ts) must agree on.
// docs/decisions/036-offline-lessons.md explains the design.

/** Every cache of saved pages starts with this; the build's version follows it. */
export const OFFLINE_CACHE_PREFIX = "coachportalen-offline-";

/** Shown by the service worker for a page that is not saved, while there is no network. */
export const OFFLINE_FALLBACK_URL = "/offline.html";

/** The IndexedDB database that holds "Markera som klar" made without network. */
export const QUEUE_DATABASE = "coachportalen-offline";

/** The only pages that may ever be saved: the coach's own training pages. */
export function isSaveablePath(pathname: string): boolean {
  return pathname === "/utbildning" || pathname.startsWith("/utbildning/");
}

export interface SaveMessage {
  type: "SAVE";
  paths: string[];
}

export interface SaveResult {
  saved: number;
  failed: number;
}
