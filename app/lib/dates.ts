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

export function formatNumber(value: number): string {
  return new Intl.NumberFormat("sv-SE").format(value);
}
