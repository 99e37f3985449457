// SPDX-License-Identifier: EUPL-1.2
// The log: one JSON object per line (level, time, message and whatever else helps find the
// event), errors and warnings to stderr, the rest to stdout. server/index.js and server/app.js
// import this file as it is (Node 24 strips the types), so it imports nothing and uses only
// types that erase.

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

/** One log line, without its newline. */
export function logLine(level: LogLevel, fields: LogFields, now: Date = new Date()): string {
  return JSON.stringify({ level, time: now.toISOString(), ...fields });
}

export function logInfo(message: string, fields: LogFields = {}): void {
  console.log(logLine("info", { message, ...fields }));
}

export function logWarn(message: string, fields: LogFields = {}): void {
  console.warn(logLine("warn", { message, ...fields }));
}

export function logError(message: string, fields: LogFields = {}): void {
  console.error(logLine("error", { message, ...fields }));
}
