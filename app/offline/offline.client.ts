// SPDX-License-Identifier: EUPL-1.2
// The page's side of offline reading (docs/decisions/036-offline-lessons.md): registering the
// service worker for a coach, asking it to save pages, the queue of "Markera som klar" made
// without network, and removing all of it for anyone who is not a signed-in coach.
import { messageSW, Workbox } from "workbox-window";
import { OFFLINE_CACHE_PREFIX, QUEUE_DATABASE, type SaveMessage, type SaveResult } from "./protocol";

/** Dispatched on window whenever the queue of lessons to send changes. */
export const QUEUE_CHANGED_EVENT = "coachportalen:offline-queue";

function supported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "caches" in window && !import.meta.env.DEV;
}

export async function registerOfflineWorker(): Promise<void> {
  if (!supported()) return;
  await new Workbox("/sw.js").register();
}

/** Everything offline reading ever stored in this browser: the worker, its caches and the queue. */
export async function removeOfflineData(): Promise<void> {
  if (typeof window === "undefined") return;
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) await registration.unregister();
  }
  if ("caches" in window) for (const name of await caches.keys()) await caches.delete(name);
  if ("indexedDB" in window) {
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(QUEUE_DATABASE);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

export async function saveForOffline(paths: string[]): Promise<SaveResult> {
  if (!supported()) throw new Error("offline reading is not supported here");
  await registerOfflineWorker();
  const registration = await navigator.serviceWorker.ready;
  const message: SaveMessage = { type: "SAVE", paths };
  return (await messageSW(registration.active!, message)) as SaveResult;
}

/** Whether every page is kept by the current build's worker. */
export async function isSavedForOffline(paths: string[]): Promise<boolean> {
  if (!supported() || paths.length === 0) return false;
  // The worker keeps one cache of saved pages, the current build's: it drops older ones as it starts.
  const names = (await caches.keys()).filter((name) => name.startsWith(OFFLINE_CACHE_PREFIX));
  if (names.length === 0) return false;
  for (const path of paths) if (!(await caches.match(path, { ignoreVary: true }))) return false;
  return true;
}

// The queue: one entry per lesson page, so marking twice offline sends once.
const STORE = "lessons";

function openQueue(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(QUEUE_DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openQueue();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

async function hasQueueDatabase(): Promise<boolean> {
  if (typeof indexedDB === "undefined") return false;
  // Opening would create the database: a coach who never marked anything offline keeps none.
  if (!indexedDB.databases) return true;
  return (await indexedDB.databases()).some((db) => db.name === QUEUE_DATABASE);
}

export async function queueLessonCompletion(lessonPath: string): Promise<void> {
  await inStore("readwrite", (store) => store.put(Date.now(), lessonPath));
  window.dispatchEvent(new Event(QUEUE_CHANGED_EVENT));
}

export async function queuedLessons(): Promise<string[]> {
  if (!(await hasQueueDatabase())) return [];
  return (await inStore("readonly", (store) => store.getAllKeys())).map(String);
}

/**
 * Sends what was marked offline, each as the lesson page's own form would (the server records a
 * lesson once however often it is sent). Returns how many left the queue.
 */
export async function sendQueuedLessons(): Promise<number> {
  let sent = 0;
  for (const path of await queuedLessons()) {
    let response: Response;
    try {
      response = await fetch(path, { method: "POST", body: new FormData(), redirect: "manual", credentials: "same-origin" });
    } catch {
      break;
    }
    // A redirect is the page's answer to a recorded lesson; a 4xx (the lesson is gone from the
    // training) will not change by sending again; a 5xx may, so it stays for the next time.
    if (response.status >= 500) continue;
    await inStore("readwrite", (store) => store.delete(path));
    sent++;
  }
  if (sent > 0) window.dispatchEvent(new Event(QUEUE_CHANGED_EVENT));
  return sent;
}

/** A failed fetch (no network), as opposed to an answer from the server. */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError;
}
