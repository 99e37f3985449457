// SPDX-License-Identifier: EUPL-1.2
// The public follow-up figures as a file anyone may download: the same suppressed counts the
// page shows ("färre än 5", never the number), one row per quarter, written like the roster's
// CSV so Swedish Excel opens it as columns (UTF-8 with BOM, semicolons, CRLF).
import { formatIsoDate } from "~/lib/dates";
import { FIGURE_TEXT, type PublicFigures } from "~/modules/followup/public-figures.server";
import { csvField, type Cell } from "./roster-export.server";

const MISSING = "uppgift saknas";

export function publicFiguresCsv(figures: PublicFigures): Uint8Array<ArrayBuffer> {
  const header: Cell[] = ["Kvartal", "Räknat till och med", ...figures.keys.map((key) => FIGURE_TEXT[key].label)];
  const rows: Cell[][] = figures.quarters.map((q) => [q.label, q.until, ...q.counts.map(({ count }) => (count ? (count.suppressed ? count.text : count.value) : MISSING))]);
  const lines = [header, ...rows].map((cells) => cells.map(csvField).join(";"));
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

export function publicFiguresFilename(slug: string, countedAt: string): string {
  return `uppfoljning-${slug}-${formatIsoDate(countedAt)}.csv`;
}
