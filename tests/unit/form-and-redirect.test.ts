// SPDX-License-Identifier: EUPL-1.2
// Reading a form and choosing where to go after signing in: the two places where what a
// stranger sends reaches the app first (docs/decisions/018-request-hardening.md).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_FORM_FIELDS, readForm } from "~/lib/form.server";
import { fields, parseForm, safeRedirect } from "~/lib/validation";

describe("where a person goes after signing in", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeRedirect("/samordnare/coacher?sida=2#lista", "/hem")).toBe("/samordnare/coacher?sida=2#lista");
    expect(safeRedirect("/utbildning", "/hem")).toBe("/utbildning");
  });

  it("refuses every target a browser would read as another host", () => {
    const hostile = [
      "/\t/evil.example/", // redirectTo=%2F%09%2Fevil.example%2F: browsers drop the TAB and see //evil.example/
      "/\t\\evil.example", // %2F%09%5Cevil.example
      "/\r/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/..//evil.example",
      "/%2e%2e//evil.example",
      "/.//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /konto",
      "/ /evil.example",
      "/\u00a0/evil.example",
      "/\u2028/evil.example",
      "evil.example",
      "",
    ];
    for (const target of hostile) expect(safeRedirect(target, "/hem"), JSON.stringify(target)).toBe("/hem");
  });

  it("refuses CR, LF and NUL, which would otherwise break the Location header", () => {
    expect(safeRedirect("/konto\r\nSet-Cookie: x=1", "/hem")).toBe("/hem");
    expect(safeRedirect("/konto\u0000", "/hem")).toBe("/hem");
  });

  it("goes to the fallback for anything that is not text", () => {
    expect(safeRedirect(null, "/hem")).toBe("/hem");
    expect(safeRedirect(undefined, "/hem")).toBe("/hem");
    expect(safeRedirect(new File(["x"], "x.txt"), "/hem")).toBe("/hem");
  });
});

function request(body: BodyInit | null, contentType: string | null): Request {
  const headers = new Headers();
  if (contentType) headers.set("Content-Type", contentType);
  return new Request("http://localhost:3000/logga-in", { method: "POST", body, headers });
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (thrown) {
    const answer = thrown as { type?: string; data?: { message?: string }; init?: { status?: number } };
    if (answer.type === "DataWithResponseInit") return { status: answer.init?.status ?? 0, message: String(answer.data?.message) };
    throw thrown;
  }
  throw new Error("readForm accepted the request");
}

describe("reading a form", () => {
  it("reads a URL-encoded form with repeated fields", async () => {
    const form = await readForm(request("intent=spara&steg=a&steg=b&namn=%C3%85sa", "application/x-www-form-urlencoded;charset=UTF-8"));
    expect(form.get("intent")).toBe("spara");
    expect(form.getAll("steg")).toEqual(["a", "b"]);
    expect(form.get("namn")).toBe("Åsa");
  });

  it("refuses more fields than a form has, before parsing, in milliseconds", async () => {
    const body = Array.from({ length: 60_000 }, (_, i) => `f${i}=1`).join("&");
    const started = performance.now();
    const answer = await refusal(readForm(request(body, "application/x-www-form-urlencoded")));
    expect(performance.now() - started).toBeLessThan(200);
    expect(answer.status).toBe(413);
    expect(answer.message).toContain("för många fält");
  });

  it("takes exactly the limit, and counts the way the form is split (empty pairs are no fields)", async () => {
    const atLimit = Array.from({ length: MAX_FORM_FIELDS }, (_, i) => `f${i}=1`).join("&");
    expect([...(await readForm(request(`&&${atLimit}&&`, "application/x-www-form-urlencoded"))).keys()]).toHaveLength(MAX_FORM_FIELDS);
    await expect(refusal(readForm(request(`${atLimit}&one=more`, "application/x-www-form-urlencoded")))).resolves.toMatchObject({ status: 413 });
    await expect(readForm(request(`${atLimit}&one=more`, "application/x-www-form-urlencoded"), { maxFields: MAX_FORM_FIELDS + 1 })).resolves.toBeInstanceOf(FormData);
  });

  it("answers 415 in Swedish to a body that is not a form", async () => {
    for (const [body, type] of [
      ['{"email":"a@b.se"}', "application/json"],
      ["email=a@b.se", "text/plain"],
      [new Uint8Array([1, 2, 3]), null],
      ["<x/>", "application/xml"],
    ] as const) {
      const answer = await refusal(readForm(request(body, type)));
      expect(answer, String(type)).toEqual({ status: 415, message: "Förfrågan var inte ett formulär. Skicka uppgifterna från sidans formulär." });
    }
  });

  it("takes multipart only where the page uploads a file, and answers 400 to a broken one", async () => {
    const upload = new FormData();
    upload.append("intent", "preview");
    upload.append("file", new Blob(["namn,e-post\n"], { type: "text/csv" }), "lista.csv");
    const multipart = new Request("http://localhost:3000/x", { method: "POST", body: upload });
    const contentType = multipart.headers.get("content-type")!;
    const bytes = await multipart.arrayBuffer();

    expect(await refusal(readForm(request(bytes, contentType)))).toMatchObject({ status: 415 });
    const read = await readForm(request(bytes, contentType), { upload: true });
    expect(read.get("intent")).toBe("preview");
    expect((read.get("file") as File).name).toBe("lista.csv");

    expect(await refusal(readForm(request(bytes, "multipart/form-data"), { upload: true }))).toMatchObject({ status: 400 });
    expect(await refusal(readForm(request("--x\r\nnonsense", "multipart/form-data; boundary=x"), { upload: true }))).toEqual({
      status: 400,
      message: "Formuläret gick inte att läsa. Ladda om sidan och försök igen.",
    });
  });
});

describe("parsing a form with a schema", () => {
  const schema = z.object({ name: z.string(), steps: z.array(z.string()).optional() });

  it("makes a field sent once a string and a field sent more than once a list", () => {
    const form = new FormData();
    form.append("name", "Åsa");
    form.append("steps", "a");
    form.append("steps", "b");
    expect(parseForm(schema, form)).toEqual({ ok: true, data: { name: "Åsa", steps: ["a", "b"] } });
  });

  it("counts a line break as one character, as the counter beside the field does, and keeps it as LF", () => {
    // "ab", a line break, "cd": five characters in the field, six as the browser sends them (CR LF).
    const text = z.object({ note: fields.text("en anteckning", 5) });
    const form = new FormData();
    form.append("note", "ab\r\ncd");
    expect(parseForm(text, form)).toEqual({ ok: true, data: { note: "ab\ncd" } });
    const tooLong = new FormData();
    tooLong.append("note", "ab\r\ncde");
    expect(parseForm(text, tooLong)).toEqual({ ok: false, errors: { note: "En anteckning får ha högst 5 tecken." }, values: { note: "ab\ncde" } });
  });

  it("handles the largest form the reader lets through in linear time", () => {
    const form = new FormData();
    for (let i = 0; i < 50_000; i++) form.append(`f${i}`, "1");
    const started = performance.now();
    parseForm(schema, form);
    // getAll per distinct key took seconds here (quadratic); one pass takes a few milliseconds.
    expect(performance.now() - started).toBeLessThan(200);
  });
});
