// SPDX-License-Identifier: EUPL-1.2
// Small numbers on public pages: a count from 1 to 4 is shown as "färre än 5", so that no
// figure citizens read can point at a few named colleagues in a small municipality. 0 is
// shown as 0: "nobody yet" reveals nothing about a person and is what citizens need to hold
// a municipality to its promise. docs/decisions/011-public-follow-up.md explains the rule,
// and why the public figures are levels only, so that no suppressed value can be worked
// out by subtracting one shown figure from another.
import { formatNumber } from "./dates";

/** Counts below this, but above zero, are never shown as numbers on public pages. */
export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED_TEXT = "färre än 5";
/** Where space is short (a bar's label in a chart); the table beside the chart says it in words. */
export const SUPPRESSED_SHORT_TEXT = "<5";

/**
 * A count as it may be published. A suppressed count carries no number at all, so a page or
 * file built from it cannot leak the value, not even in its loader data.
 */
export type PublicCount = { suppressed: false; value: number; text: string } | { suppressed: true; value: null; text: string };

/** The one rule: 1–4 → "färre än 5"; 0 and 5 or more → the number. */
export function suppressCount(count: number): PublicCount {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number of at least 0, not ${count}`);
  if (count > 0 && count < SUPPRESSION_THRESHOLD) return { suppressed: true, value: null, text: SUPPRESSED_TEXT };
  return { suppressed: false, value: count, text: formatNumber(count) };
}

/** The short form for a chart's bar label. */
export function shortText(count: PublicCount): string {
  return count.suppressed ? SUPPRESSED_SHORT_TEXT : count.text;
}
