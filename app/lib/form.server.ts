// SPDX-License-Identifier: EUPL-1.2
// The one way an action reads a submitted form. A browser form arrives URL-encoded (or as
// multipart where a page uploads a file); anything else is not a form and gets a 415, a body
// that cannot be read gets a 400, both with a Swedish message and before any work is done.
// The field count is checked before the body is parsed, so a request with tens of thousands of
// fields costs a scan of at most the server's body limit (server/body-limits.js), not a parse.
import { data } from "@remix-run/node";

/** Enough for every form in the app; the attendance list passes its own, larger, number. */
export const MAX_FORM_FIELDS = 300;

export interface ReadFormOptions {
  /** The page takes a file (multipart/form-data); other pages refuse multipart. */
  upload?: boolean;
  maxFields?: number;
}

const NOT_A_FORM = "Förfrågan var inte ett formulär. Skicka uppgifterna från sidans formulär.";
const UNREADABLE = "Formuläret gick inte att läsa. Ladda om sidan och försök igen.";

function refuse(status: 400 | 413 | 415, message: string): never {
  throw data({ message }, { status });
}

function tooManyFields(max: number): never {
  refuse(413, `Formuläret har för många fält (högst ${max}). Ladda om sidan och försök igen.`);
}

export async function readForm(request: Request, { upload = false, maxFields = MAX_FORM_FIELDS }: ReadFormOptions = {}): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    let body: string;
    try {
      body = await request.text();
    } catch {
      refuse(400, UNREADABLE);
    }
    if (countFields(body) > maxFields) tooManyFields(maxFields);
    const form = new FormData();
    for (const [key, value] of new URLSearchParams(body)) form.append(key, value);
    return form;
  }
  if (type === "multipart/form-data" && upload) {
    if (!/;\s*boundary=/i.test(request.headers.get("content-type") ?? "")) refuse(400, UNREADABLE);
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      refuse(400, UNREADABLE);
    }
    let count = 0;
    for (const _entry of form.keys()) if (++count > maxFields) tooManyFields(maxFields);
    return form;
  }
  refuse(415, NOT_A_FORM);
}

/** The number of name=value pairs, counted the way URLSearchParams splits them (empty pairs skipped). */
function countFields(body: string): number {
  let count = 0;
  let pairStart = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body.charCodeAt(i) === 38 /* & */) {
      if (i > pairStart) count++;
      pairStart = i + 1;
    }
  }
  return count;
}
