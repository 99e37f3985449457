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

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !SECRET_FIELDS.test(key)) values[key] = value.slice(0, 5000);
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
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
  text: (label: string, max = 200) =>
    z
      .string({ error: `Fyll i ${label}.` })
      .trim()
      .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} får ha högst ${max} tecken.`)
      .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Texten innehåller otillåtna tecken."),
};

/** A same-site path to return to after signing in; anything else goes home. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
