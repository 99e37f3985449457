// SPDX-License-Identifier: EUPL-1.2
// Durations in one place, so "14 days" reads the same everywhere it is used.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** Stored timestamps are ISO-8601 UTC strings: they sort and compare the same on SQLite and PostgreSQL. */
export function iso(date: Date): string {
  return date.toISOString();
}
