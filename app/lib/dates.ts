// SPDX-License-Identifier: EUPL-1.2
// Dates as Swedish readers expect them, always in Europe/Stockholm whatever the server's zone.
export const TIME_ZONE = "Europe/Stockholm";

const dateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, day: "numeric", month: "long", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const isoDateFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value) : value;
}

/** "14 mars 2027" */
export function formatDate(value: Date | string): string {
  return dateFormat.format(toDate(value));
}

/** "14 mars 2027 kl. 09:30" */
export function formatDateTime(value: Date | string): string {
  const parts = dateTimeFormat.formatToParts(toDate(value));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")} ${get("month")} ${get("year")} kl. ${get("hour")}:${get("minute")}`;
}

/** "2027-03-14": the Swedish standard short form, also used in file names. */
export function formatIsoDate(value: Date | string): string {
  return isoDateFormat.format(toDate(value));
}

// Formatters are made once: making one costs far more than using it (a coach list of 50 rows
// formats some 200 numbers).
const numberFormat = new Intl.NumberFormat("sv-SE");

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

// Calendar arithmetic in Europe/Stockholm. Certificates run to the end of a Swedish day, and
// the offset to UTC is +1 or +2 depending on the date, so these never add hours to a UTC time.

export interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

/** The calendar day an instant falls on in Stockholm. */
export function stockholmDate(value: Date | string): LocalDate {
  const [year, month, day] = formatIsoDate(value).split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

const offsetFormat = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, timeZoneName: "longOffset" });

function offsetMinutesAt(instant: number): number {
  const parts = offsetFormat.formatToParts(new Date(instant));
  const name = parts.find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === "-" ? -minutes : minutes;
}

/** The instant a Stockholm calendar day begins (00:00 local time). */
export function startOfStockholmDay(date: LocalDate): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  let instant = guess - offsetMinutesAt(guess) * 60_000;
  // Re-check at the instant found: the offset may differ on the day of a change.
  instant = guess - offsetMinutesAt(instant) * 60_000;
  return new Date(instant);
}

/** Adds calendar days (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Adds calendar months, keeping the day where the month has it (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const total = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, lastDay) };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-12-06": the form dates have in the database, in forms and in the content. */
export function isoLocalDate(date: LocalDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function formatLocalDate(date: LocalDate): string {
  return formatDate(new Date(Date.UTC(date.year, date.month - 1, date.day, 12)));
}

// Local date and time in Stockholm, as people type them into forms and read them in invitations.

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock date and time an instant shows in Stockholm. */
export function stockholmDateTime(value: Date | string): LocalDate & { hour: number; minute: number } {
  const parts = partsFormat.formatToParts(toDate(value));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/**
 * The instant a Stockholm wall-clock time happens, from form input ("2026-03-29", "09:30").
 * Null when the input is not a date and time, or the time does not exist that day (02:00–02:59
 * on the last Sunday of March, when the clocks go forward). A time that happens twice (02:00–02:59
 * on the last Sunday of October) is taken the first time, in summer time.
 */
export function stockholmLocalToUtc(date: string, time: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset is the one before or after a change on that day: try both, keep what reads back right.
  const offsets = new Set([offsetMinutesAt(wall - 12 * 3_600_000), offsetMinutesAt(wall + 12 * 3_600_000)]);
  const matches = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => {
      const back = stockholmDateTime(new Date(instant));
      return back.year === year && back.month === month && back.day === day && back.hour === hour && back.minute === minute;
    })
    .sort((a, b) => a - b);
  return matches.length ? new Date(matches[0]!) : null;
}


/** "09:30" in Stockholm: also the value of an <input type="time">. */
export function formatTime(value: Date | string): string {
  const { hour, minute } = stockholmDateTime(value);
  return `${pad2(hour)}:${pad2(minute)}`;
}

const weekdayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone: TIME_ZONE, weekday: "long" });

/** "söndag 29 mars 2026" */
export function formatDateWithWeekday(value: Date | string): string {
  return `${weekdayFormat.format(toDate(value))} ${formatDate(value)}`;
}
