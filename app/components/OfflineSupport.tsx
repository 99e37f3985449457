// SPDX-License-Identifier: EUPL-1.2
// Offline reading for coaches (docs/decisions/036-offline-lessons.md): the root's part, the
// "Spara för läsning utan nät" control, and the notes that say what works without network.
import { useRevalidator, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  isSavedForOffline,
  QUEUE_CHANGED_EVENT,
  queuedLessons,
  registerOfflineWorker,
  removeOfflineData,
  saveForOffline,
  sendQueuedLessons,
} from "~/offline/offline.client";
import type { loader as rootLoader } from "~/root";

/**
 * In the root: a learner gets the service worker and has lessons marked offline sent when the
 * network is back. Anyone else (signed out, coordinators, admins) gets nothing stored, and whatever
 * a learner left in this browser is removed, so it never reaches the next person at the same phone.
 * `null`: the page could not tell who is signed in (the root's own error), so nothing changes.
 */
export function OfflineSupport({ enabled }: { enabled: boolean | null }) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    if (enabled === null) return;
    if (!enabled) {
      void removeOfflineData();
      return;
    }
    void registerOfflineWorker().catch(() => undefined);
    const send = () => {
      void sendQueuedLessons().then((sent) => {
        if (sent > 0) revalidate();
      });
    };
    if (navigator.onLine) send();
    window.addEventListener("online", send);
    return () => window.removeEventListener("online", send);
  }, [enabled, revalidate]);
  return null;
}

/** Whether the signed-in person may keep training pages offline (the root's `can.keepLessonsOffline`). */
export function useOfflineReading(): boolean {
  return useRouteLoaderData<typeof rootLoader>("root")?.offlineReading ?? false;
}

/** Whether the browser has a network; true during the server render and hydration. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

function useSaved(paths: string[]): [boolean | null, (saved: boolean) => void] {
  const [saved, setSaved] = useState<boolean | null>(null);
  const key = paths.join("\n");
  useEffect(() => {
    let current = true;
    void isSavedForOffline(key.split("\n")).then((value) => current && setSaved(value));
    return () => {
      current = false;
    };
  }, [key]);
  return [saved, setSaved];
}

/** "Spara för läsning utan nät" for a module (its page and lessons) or a whole track (every module). */
export function SaveForOffline({ paths, what, describedBy }: { paths: string[]; what: "modulen" | "utbildningen"; describedBy?: string }) {
  const [saved, setSaved] = useSaved(paths);
  const [state, setState] = useState<"idle" | "saving" | "failed">("idle");
  const online = useOnline();
  async function save() {
    setState("saving");
    try {
      // The coach's start page is saved too, so the installed app opens offline.
      const result = await saveForOffline(["/utbildning", ...paths]);
      const complete = result.failed === 0 && (await isSavedForOffline(paths));
      setSaved(complete);
      setState(complete ? "idle" : "failed");
    } catch {
      setState("failed");
    }
  }
  const message =
    state === "saving"
      ? "Sparar …"
      : state === "failed"
        ? `Det gick inte att spara ${what}. Kontrollera att du är uppkopplad och försök igen.`
        : saved
          ? `Sparad för läsning utan nät: du kan läsa ${what === "modulen" ? "modulens lektioner" : "utbildningens lektioner"} utan uppkoppling.`
          : "";
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3">
      <button type="button" className="btn-secondary" onClick={save} disabled={state === "saving" || !online || saved === null} aria-describedby={describedBy}>
        {saved ? "Spara igen för läsning utan nät" : "Spara för läsning utan nät"}
      </button>
      <p role="status" className="text-sm">
        {saved ? <span aria-hidden="true">✓ </span> : null}
        {message}
      </p>
    </div>
  );
}

/** On a lesson: says that it can be read without network, once it is saved. */
export function SavedOfflineNote({ path }: { path: string }) {
  const [saved] = useSaved([path]);
  return saved ? (
    <p className="badge mt-2 bg-brand-100 text-brand-800">
      <span aria-hidden="true">✓ </span>Sparad för läsning utan nät
    </p>
  ) : null;
}

/** Knowledge tests are scored on the server: offline, say so where the test is offered. */
export function TestNeedsNetwork() {
  return useOnline() ? null : (
    <p className="notice-info mt-2">Du är inte uppkopplad. Kunskapstestet rättas på servern, så du behöver nät för att göra det.</p>
  );
}

/** The lesson pages whose "Markera som klar" waits in the queue for the network. */
export function useQueuedLessons(): string[] {
  const [queued, setQueued] = useState<string[]>([]);
  useEffect(() => {
    const update = () => void queuedLessons().then(setQueued);
    update();
    window.addEventListener(QUEUE_CHANGED_EVENT, update);
    return () => window.removeEventListener(QUEUE_CHANGED_EVENT, update);
  }, []);
  return queued;
}
