// SPDX-License-Identifier: EUPL-1.2
// The lesson page sends the lesson's text once: as HTML on a page load (not again in the data
// that hydrates it), and as data on a client-side navigation (docs/decisions/022-coach-pages.md).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { cookieFor } from "../helpers/requests";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

// A sentence of tests/fixtures/content/valid/modules/forsta-modulen/02-fortsattning.md.
const SENTENCE = "Här fortsätter modulen med en tabell.";
const LESSON = "/utbildning/grund/forsta-modulen/fortsattning";

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("the lesson page", () => {
  it("carries the lesson's text once on a page load", async () => {
    const municipality = await createMunicipality(testDb(), "kommun-lektion");
    const coach = await createUser(testDb(), { role: "coach", municipalityId: municipality.id });
    const response = await fetch(`${server.url}${LESSON}`, { headers: { Cookie: await cookieFor(coach.id), Accept: "text/html", "Sec-Fetch-Dest": "document" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(occurrences(html, SENTENCE)).toBe(1);
    expect(html).toContain('id="lektionstext"');
  });
});
