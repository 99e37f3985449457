// SPDX-License-Identifier: EUPL-1.2
// The library's vocabulary: how the content format's values read on screen, and the shape
// of a search. Pure data, because the library page uses it on the server and in the browser.
import type { MATERIAL_AUDIENCES, MATERIAL_KINDS, TOPICS } from "~/content/schema";

export type Topic = (typeof TOPICS)[number];
export type Audience = (typeof MATERIAL_AUDIENCES)[number];
export type Kind = (typeof MATERIAL_KINDS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  alkohol: "Alkohol",
  narkotika: "Narkotika",
  dopning: "Dopning",
  tobak: "Tobak och nikotin",
  spel: "Spel om pengar",
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  "F-3": "Förskoleklass–åk 3",
  "4-6": "Åk 4–6",
  "7-9": "Åk 7–9",
  gymnasiet: "Gymnasiet",
  föräldrar: "Föräldrar",
  personal: "Skolpersonal",
};

export const KIND_LABELS: Record<Kind, string> = {
  lektion: "Lektion",
  samtalsunderlag: "Samtalsunderlag",
  föräldramöte: "Föräldramöte",
  fördjupning: "Fördjupning",
};

/** The label of a value read from the content index, or the value itself if the format has grown. */
export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

export function listLabels(labels: Record<string, string>, values: readonly string[]): string {
  return values.map((value) => labelOf(labels, value)).join(", ");
}

export function minutesLabel(minutes: number): string {
  return minutes === 1 ? "1 minut" : `${minutes} minuter`;
}

// In the content format's order; the Record types above make sure none is missing.
export const TOPIC_VALUES = Object.keys(TOPIC_LABELS) as Topic[];
export const AUDIENCE_VALUES = Object.keys(AUDIENCE_LABELS) as Audience[];
export const KIND_VALUES = Object.keys(KIND_LABELS) as Kind[];

export type FilterGroup = "topics" | "audiences" | "kinds";
export const FILTER_GROUPS: FilterGroup[] = ["topics", "audiences", "kinds"];

/** A search in the library: words, and the chosen values of each filter group. */
export interface MaterialQuery {
  q: string;
  topics: Topic[];
  audiences: Audience[];
  kinds: Kind[];
}
