// SPDX-License-Identifier: EUPL-1.2
// One way to read a form: a zod schema parses it on the server, and the same errors
// (Swedish, one per field) render next to the fields and in the error summary.
import { z } from "zod";

// Zod's own Swedish messages for anything a schema does not word itself.
z.config(z.locales.sv());

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

// Never echoed back into the page.
const SECRET_FIELDS = /password|losenord|token/i;

// What a refused form echoes back is kept whole up to well past the longest field the app takes
// (a report's commentary, 10 000 characters): a text cut on its way back would be lost without a
// word (issue #20). The body limit (server/body-limits.js) bounds it before this does.
const MAX_ECHOED_LENGTH = 50_000;

/**
 * A browser sends a text area's line breaks as CR LF, while the character count beside the field
 * and its reader count one character each: a text the counter passed was refused as too long by a
 * character per line. Every form field is read with LF, before any length is checked, and stored so.
 */
export function oneCharacterLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = oneCharacterLineBreaks(value).slice(0, MAX_ECHOED_LENGTH);
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  // One pass over the entries: a field given once is a string, given more than once a list.
  const collected = new Map<string, string | string[]>();
  for (const [key, raw] of formData) {
    if (typeof raw !== "string") continue;
    const value = oneCharacterLineBreaks(raw);
    const seen = collected.get(key);
    if (seen === undefined) collected.set(key, value);
    else if (Array.isArray(seen)) seen.push(value);
    else collected.set(key, [seen, value]);
  }
  // fromEntries defines own properties, so a field named "__proto__" stays a field.
  const result = schema.safeParse(Object.fromEntries(collected));
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values: formValues(formData) };
}

// Reusable field rules, worded for people.
export const fields = {
  email: () =>
    z
      .string({ error: "Fyll i en e-postadress." })
      .trim()
      .toLowerCase()
      .min(1, "Fyll i en e-postadress.")
      .max(254, "E-postadressen är för lång.")
      .pipe(z.email("Skriv e-postadressen i formen namn@exempel.se.")),
  name: () =>
    z
      .string({ error: "Fyll i ditt namn." })
      .trim()
      .min(2, "Namnet måste ha minst 2 tecken.")
      .max(100, "Namnet får ha högst 100 tecken.")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Namnet innehåller otillåtna tecken."),
  password: () => z.string({ error: "Fyll i ett lösenord." }).min(1, "Fyll i ett lösenord.").max(200, "Lösenordet får ha högst 200 tecken."),
  // Also for schemas given a plain object rather than a form (the promise editor's functions).
  text: (label: string, max = 200) =>
    z
      .string({ error: `Fyll i ${label}.` })
      .overwrite(oneCharacterLineBreaks)
      .trim()
      .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} får ha högst ${max} tecken.`)
      .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Texten innehåller otillåtna tecken."),
};

// Resolved against a placeholder origin: anything that leaves it (//host, a scheme) is refused.
const OWN_ORIGIN = "http://coachportalen.invalid";
// Browsers drop TAB, CR and LF inside a URL and read a backslash as a slash, so "/\t/evil.example"
// would reach them as "//evil.example": such a target is refused, not cleaned.
const UNSAFE_IN_TARGET = /[\s\u0000-\u001f\u007f-\u009f\\]/;

/**
 * A same-origin path to return to after signing in: its pathname, search and hash as this app
 * resolves them; anything else (another host, a scheme, control characters, whitespace,
 * backslashes, a path that normalises to "//") gives the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || UNSAFE_IN_TARGET.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OWN_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}
