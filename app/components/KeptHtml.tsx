// SPDX-License-Identifier: EUPL-1.2
// Lesson text travels once per page load. Remix serialises a loader's data into the page for
// hydration, so text returned as data would be sent twice: as HTML and again as data. On the
// bench's 1,608-word lesson that is 34.3 kB instead of 21.7 kB, and 10–33 % more CPU per request
// (docs/decisions/022-coach-pages.md). So on a page load the loader returns only a key and keeps
// the text here for the server render, and the browser takes the rendered text from the page; a
// client-side navigation gets the text in its data as usual. This file is the whole mechanism:
// `htmlBody` in the loader, `KeptHtml` in the component.
import { useState } from "react";

/** The text itself (client-side navigation), or only the key to it (page load). */
export interface HtmlBody {
  key: string;
  html?: string;
}

// Keys carry the content hash, so an edited lesson gets a new entry: the map holds one text per
// lesson version and track, the same for everyone who reads it, and never anything about a person.
const kept = new Map<string, string>();

/** A browser loading the page itself, as opposed to Remix fetching data for a client-side navigation. */
function isDocumentRequest(request: Request): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  if (destination) return destination === "document";
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/** In a loader: the body for `html` under `key` (a key that changes whenever the text does). */
export function htmlBody(request: Request, key: string, html: string): HtmlBody {
  if (!isDocumentRequest(request)) return { key, html };
  kept.set(key, html);
  return { key };
}

/** The text kept for a page load's server render, if any. */
export function keptHtml(key: string): string | undefined {
  return kept.get(key);
}

/** Renders a body from `htmlBody`: from the data, else (server) what the loader kept, else (browser) what the server rendered. */
export function KeptHtml({ body, id, className }: { body: HtmlBody; id: string; className: string }) {
  const [pageHtml] = useState(() => keptHtml(body.key) ?? (typeof document === "undefined" ? "" : (document.getElementById(id)?.innerHTML ?? "")));
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: body.html ?? pageHtml }} />;
}
