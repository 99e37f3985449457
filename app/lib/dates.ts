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

export function formatLocalDate(date: LocalDate): string {
  return formatDate(new Date(Date.UTC(date.year, date.month - 1, date.day, 12)));
}
