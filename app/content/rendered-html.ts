// SPDX-License-Identifier: EUPL-1.2
// Keeps a lesson's text from travelling twice on a page load. Remix serialises loader data
// into the page for hydration, so a loader that returned the text would send it once as
// HTML and once more as data. Instead, on a page load the loader leaves the text here and
// returns only its key; the server render reads it from here, and in the browser the
// component takes the rendered text from the page. (Client-side navigations get the text
// in their data as usual.) Keys carry the content hash, so an edited lesson gets a new entry.

declare global {
  // eslint-disable-next-line no-var
  var __coachportalenRenderedHtml: Map<string, string> | undefined;
}

/** Server: called by a loader before its page renders. */
export function keepForServerRender(key: string, html: string): void {
  globalThis.__coachportalenRenderedHtml ??= new Map();
  globalThis.__coachportalenRenderedHtml.set(key, html);
}

/** The text kept for `key`: found during the server render, never in the browser. */
export function keptForServerRender(key: string): string | undefined {
  return globalThis.__coachportalenRenderedHtml?.get(key);
}
