// SPDX-License-Identifier: EUPL-1.2
// Public guides for citizens (content/guider/, issue #17): short texts on what a medborgarlöfte
// promises to inform about, such as fraud and grannsamverkan. Anyone may read them, without an
// account, and a commitment of a promise may name one (promise_commitment.guide), so that the
// public follow-up page can say where to read more.
import { SLUG_PATTERN } from "~/content/schema";
import type { ContentIndex, Guide } from "~/content/content.server";

export const GUIDE_NOT_FOUND = "Vägledningen finns inte. Den kan ha fått ett nytt namn eller tagits bort.";
export const UNKNOWN_GUIDE = "Vägledningen finns inte. Välj en vägledning i listan, eller Ingen.";

/** What the list of guides shows, in the order of their titles. */
export function guideList(content: ContentIndex): Array<Pick<Guide, "slug" | "title" | "summary">> {
  return content.guides.map(({ slug, title, summary }) => ({ slug, title, summary })).sort((a, b) => a.title.localeCompare(b.title, "sv"));
}

export function findGuide(content: ContentIndex, slug: string): Guide | undefined {
  return SLUG_PATTERN.test(slug) ? content.guides.find((g) => g.slug === slug) : undefined;
}

/** The guide a commitment names, as a link's text and target; null when it names none, or one the content no longer has. */
export function guideLink(content: ContentIndex, slug: string | null): { slug: string; title: string } | null {
  const guide = slug ? findGuide(content, slug) : undefined;
  return guide ? { slug: guide.slug, title: guide.title } : null;
}

/** The choices of the promise editor's "Vägledning för invånare". */
export function guideChoices(content: ContentIndex): Array<{ value: string; label: string }> {
  return [{ value: "", label: "Ingen" }, ...guideList(content).map((g) => ({ value: g.slug, label: g.title }))];
}
