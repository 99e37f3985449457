// SPDX-License-Identifier: EUPL-1.2
// Issue #20, finding 7, as the pages answer through the real server: /verifiera names the
// character a code never has, and a locked sign-in is a notice that points to the email link,
// not an error in the form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { MAX_COMMENTARY_LENGTH } from "~/modules/followup/limits";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import * as coordinatorPage from "~/routes/samordnare.uppfoljning";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, post } from "../helpers/requests";
import { matrixContentDir } from "../helpers/route-access";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = matrixContentDir();
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

/** The page's text without tags and with plain spaces. */
const words = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("/verifiera with a mistyped code", () => {
  it("answers 400 and names the letter codes never use, not the length the person already typed", async () => {
    const response = await fetch(`${server.url}/verifiera?kod=${encodeURIComponent("K7QM-3XHD-P9TL")}`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(words(html)).toContain("Tecken 12 är ”L”. L finns aldrig i en kod");
    expect(html).not.toContain("Koden ska ha 12 tecken");
  });
});

describe("a locked sign-in", () => {
  it("is a notice with a way in by email link, not an error in the form", async () => {
    const municipality = await createMunicipality(testDb(), "kommun-las");
    const person = await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "las@kommun.example" });
    const signIn = () =>
      fetch(`${server.url}/logga-in`, {
        method: "POST",
        body: new URLSearchParams({ email: person.email, password: "fel-losenord-1", redirectTo: "" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "X-Forwarded-For": "203.0.113.77" },
        redirect: "manual",
      });
    for (let i = 0; i < 5; i++) expect((await signIn()).status).toBe(400);
    const locked = await signIn();
    expect(locked.status).toBe(429);
    const html = await locked.text();
    const notice = html.match(/<div (?=[^>]*role="status")[^>]*class="notice-info"[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? "";
    expect(words(notice)).toMatch(/För många försök\. Vänta \d+ minuter och försök sedan igen\./);
    expect(notice).toMatch(/<a [^>]*href="\/logga-in\/lank"[^>]*>Logga in med en länk via e-post<\/a>/);
    // Not a form error: no error summary and no field marked wrong.
    expect(html).not.toContain("Fel: ");
    expect(html).not.toContain('class="error-summary"');
    expect(html).not.toContain('aria-invalid="true"');
  });
});

describe("a report commentary over the counted maximum", () => {
  // With JavaScript the counter lets a long paste through so it can be seen; the server is what refuses it.
  it("is refused with 400 and a Swedish message, and the text comes back whole to be shortened", async () => {
    const db = testDb();
    const municipality = await createMunicipality(db, "hogsby", "Högsby kommun");
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: municipality.id });
    const promise = await publishFrozenPromise(db, { actor: coordinator, promise: SIGNED, municipalityIds: [municipality.id], now: new Date("2023-12-20T10:00:00Z") });
    expect(promise.ok).toBe(true);
    const commentary = "x".repeat(MAX_COMMENTARY_LENGTH + 1);
    const form = { intent: "preview", title: "Uppföljning 1 2025", from: "2025-01-01", to: "2025-03-31", commentary };
    const refused = await call(coordinatorPage.action, post("/samordnare/uppfoljning", form, await cookieFor(coordinator.id)));
    expect(refused.status).toBe(400);
    expect(refused.data.errors.commentary).toBe(`Kommentaren får ha högst ${MAX_COMMENTARY_LENGTH} tecken.`);
    expect(refused.data.values.commentary).toHaveLength(MAX_COMMENTARY_LENGTH + 1);
  });
});
