// SPDX-License-Identifier: EUPL-1.2
// How a commitment's activities are named in one line, on the overview and on the fold that
// opens them: how many, and the day of the latest.
import { dayInWords } from "~/components/PromiseProgress";

type Dated = { happenedOn: string };

/** "24 september 2025": the latest day, whatever the order the activities came in. */
function latestDay(activities: Dated[]): string {
  return dayInWords(activities.map((a) => a.happenedOn).sort().at(-1)!);
}

/** "2 aktiviteter, den senaste 24 september 2025", for the public overview. */
export function activitiesInWords(activities: Dated[]): string {
  if (activities.length === 0) return "Inga aktiviteter registrerade ännu";
  return activities.length === 1 ? `1 aktivitet, ${latestDay(activities)}` : `${activities.length} aktiviteter, den senaste ${latestDay(activities)}`;
}

/** The fold's button names what it opens: the wording always, the activities where there are any. */
export function foldLabel(activities: Dated[]): string {
  if (activities.length === 0) return "Visa ordalydelsen (inga aktiviteter registrerade ännu)";
  return activities.length === 1
    ? `Visa ordalydelsen och aktiviteten (${latestDay(activities)})`
    : `Visa ordalydelsen och ${activities.length} aktiviteter (den senaste ${latestDay(activities)})`;
}
