// SPDX-License-Identifier: EUPL-1.2
// Where focus goes and what a screen reader hears after an action or a client-side navigation
// (WCAG 2.4.3 and 4.1.3), in one place for every page.
//
// NVDA and JAWS with Chrome do not announce a live region that is inserted together with its
// text, so the page keeps two regions from the moment its JavaScript runs (LiveRegions, in the root
// layout) and messages only change their text: one polite status region for the results of
// actions, one for the title of the page a client-side navigation arrived at.
import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, useSyncExternalStore, type RefObject } from "react";

type Channel = "status" | "route";

const shown: Record<Channel, string> = { status: "", route: "" };
const queued: Record<Channel, string[]> = { status: [], route: [] };
const listeners = new Set<() => void>();
// False while React hydrates the server's page: what the first load shows is read in page order,
// from the skip link on, so nothing on it takes focus or is announced.
let hydrated = false;
// The location (its key) whose focus an action result has already placed, so the route change
// handling and a second result on the same page leave it there.
let focusClaimedFor: string | null = null;

function show(channel: Channel, text: string) {
  shown[channel] = text;
  for (const listener of listeners) listener();
}

/**
 * Writes `text` into a live region. Messages of one render are joined; the region is emptied first
 * and filled a moment later, so the same message after a second action is announced again.
 */
function announce(channel: Channel, text: string) {
  const message = text.replace(/\s+/g, " ").trim();
  if (!message) return;
  queued[channel].push(message);
  if (queued[channel].length > 1) return;
  show(channel, "");
  setTimeout(() => {
    show(channel, queued[channel].join(" "));
    queued[channel] = [];
  }, 150);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Focuses `element` unless something else already took focus after the same navigation. */
function claimFocus(element: HTMLElement | null, locationKey: string, options?: FocusOptions) {
  if (!element || focusClaimedFor === locationKey) return;
  focusClaimedFor = locationKey;
  element.focus(options);
}

/** Whether the new location differs from the last one only by its #fragment: a jump inside the page, not a result. */
function inPageJump(previous: { pathname: string; search: string; hash: string } | null, now: { pathname: string; search: string; hash: string }) {
  return previous !== null && previous.pathname === now.pathname && previous.search === now.search && previous.hash !== now.hash;
}

/**
 * For the result of an action (a message, a preview): after each navigation or submission that
 * shows it, moves focus to `target` and writes `message` (by default the target's text) into the
 * status region. Not on the first page load, whose page is read from the top; with `onlyWhenStaying`,
 * only when the component was already on the page and the address's search changed (a new search
 * of the same list).
 */
export function useActionResult(target: RefObject<HTMLElement | null>, message?: string, options: { onlyWhenStaying?: boolean } = {}) {
  const location = useLocation();
  // An action's data is shown while the page's data is still reloading, under the old location;
  // the result counts once that is done, so it is announced once.
  const settled = useNavigation().state === "idle";
  const [mountedAfterHydration] = useState(() => hydrated);
  const handled = useRef<{ key: string; pathname: string; search: string; hash: string } | null>(null);
  useEffect(() => {
    if (!settled) return;
    const previous = handled.current;
    if (previous?.key === location.key) return;
    handled.current = { key: location.key, pathname: location.pathname, search: location.search, hash: location.hash };
    // `onlyWhenStaying`: a result of the page's own search or filter, not of arriving from another page,
    // and not of a form sent on the same list (an invitation refused on /admin/anvandare): the list's
    // address is unchanged, and focus belongs to the form's error summary or notice.
    if (previous === null && (options.onlyWhenStaying || !mountedAfterHydration)) return;
    if (options.onlyWhenStaying && previous !== null && previous.pathname === location.pathname && previous.search === location.search) return;
    if (inPageJump(previous, location)) return;
    announce("status", message ?? target.current?.textContent ?? "");
    claimFocus(target.current, location.key);
  }, [location.key, settled]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * False while a page rendered by the server has not been taken over by the browser's JavaScript
 * (and for good, when JavaScript does not run); true once it has, and at once for what is rendered after.
 */
export function useHydrated(): boolean {
  const [done, setDone] = useState(() => hydrated);
  useEffect(() => setDone(true), []);
  return done;
}

/** Tells the route change handling that an element of the new page (an error summary) has taken focus itself. */
export function useFocusTaken(): (element: HTMLElement | null) => void {
  const location = useLocation();
  return (element) => claimFocus(element, location.key);
}

/** The page's first heading, or the #fragment's target (its h1 if it holds one), made focusable from script. */
function landingTarget(hash: string): HTMLElement | null {
  const fragment = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
  const target = fragment ? (fragment.querySelector<HTMLElement>("h1") ?? fragment) : document.querySelector<HTMLElement>("main h1");
  if (target && target.tabIndex < 0 && !target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  return target;
}

/**
 * After a client-side navigation to another page, as after a page load, a screen reader hears the
 * new page's title and reading (and Tab) starts at its h1. Not on the first load, not after a
 * submission that stays on its page, and not when only the query (a filter) or the #fragment changes.
 */
function useRouteChange() {
  const location = useLocation();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    hydrated = true;
    const before = previous.current;
    previous.current = location.pathname;
    if (before === null || before === location.pathname) return;
    announce("route", document.title);
    // Scrolling stays with ScrollRestoration: the top for a new page, the old place after Back.
    claimFocus(landingTarget(location.hash), location.key, { preventScroll: true });
  }, [location.key]); // eslint-disable-line react-hooks/exhaustive-deps
}

/**
 * The two live regions, added as soon as the page's JavaScript runs, so they exist long before
 * anything is written into them. Without JavaScript nothing changes on a page after it loads, and
 * a Notice is its own status box.
 */
export function LiveRegions() {
  useRouteChange();
  const active = useHydrated();
  const status = useSyncExternalStore(subscribe, () => shown.status, () => "");
  const route = useSyncExternalStore(subscribe, () => shown.route, () => "");
  if (!active) return null;
  return (
    <>
      <div role="status" className="sr-only" data-live-region="status">
        {status}
      </div>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-live-region="route">
        {route}
      </div>
    </>
  );
}
