// SPDX-License-Identifier: EUPL-1.2
// The coordinator's page about one person (issue #20, finding 4): a summary first (status,
// certificate, next step, actions), modules not begun as one line each, and no content hashes.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import * as personPage from "~/routes/samordnare.coacher.$id";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { call, cookieFor, get } from "../helpers/requests";
import { readLesson, takeTest } from "../helpers/training";

const TRACK = "grund";
let content: ContentIndex;
let server: TestServer;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const hash = (module: string) => content.modules[module]!.contentHash;

/** A coach who has read one lesson of the first module on an older version and failed its test once; the second module untouched. */
async function setting() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
  const coach = await createUser(db, { role: "coach", municipalityId: hogsby.id, name: "Carl Coach" });
  const at = new Date(Date.now() - 86_400_000);
  await readLesson(db, { userId: coach.id, track: TRACK, module: "forsta-modulen", lesson: "borja-har", at, hash: "aaaaaaaaaaaaaaaa" });
  await takeTest(db, { userId: coach.id, track: TRACK, module: "forsta-modulen", at, hash: "bbbbbbbbbbbbbbbb", score: 1, maxScore: 4, passed: false });
  return { db, coach, cookie: await cookieFor(coordinator.id) };
}

describe("the person page's data", () => {
  it("sends no content hash to a coordinator, only whether work was done on an older version", async () => {
    const s = await setting();
    const res = await call(personPage.loader, get(`/samordnare/coacher/${s.coach.id}`, s.cookie), { id: s.coach.id });
    expect(res.status).toBe(200);
    const sent = JSON.stringify(res.data);
    for (const module of ["forsta-modulen", "andra-modulen"]) expect(sent).not.toContain(hash(module).slice(0, 8));
    expect(sent).not.toContain("aaaaaaaa");
    expect(sent).not.toContain("bbbbbbbb");
    expect(sent).not.toContain('"version"');
    expect(res.data.record.olderVersion).toBe(true);
  });

  it("tells modules begun from those not begun, and names the next step", async () => {
    const s = await setting();
    const { record } = (await call(personPage.loader, get(`/samordnare/coacher/${s.coach.id}`, s.cookie), { id: s.coach.id })).data;
    expect(record.tracks[0].modules.map((m: { slug: string; started: boolean }) => [m.slug, m.started])).toEqual([
      ["forsta-modulen", true],
      ["andra-modulen", false],
    ]);
    expect(record.nextStep).toEqual({ trackTitle: content.tracks.find((t) => t.slug === TRACK)!.title, moduleTitle: content.modules["forsta-modulen"]!.title, lessonsLeft: 1, test: "locked" });
  });
});

describe("the person page as a coordinator reads it", () => {
  it("starts with a summary and its actions, shows a module not begun as one line, and no version", async () => {
    const s = await setting();
    const response = await fetch(`${server.url}/samordnare/coacher/${s.coach.id}`, { headers: { Cookie: s.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const main = html.slice(html.indexOf("<h1"));
    const order = ["Översikt", "Nästa steg", "Registrera tidigare utbildning", "Uppgifter", "Utbildning"].map((text) => main.indexOf(text));
    expect(order.every((at) => at >= 0), String(order)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(main).toContain("Inget intyg ännu");
    expect(main).toContain(`${content.modules["forsta-modulen"]!.title}: 1 lektion kvar och sedan kunskapstestet.`);

    const untouched = content.modules["andra-modulen"]!.title;
    expect(main).toMatch(new RegExp(`<span class="font-semibold">${untouched}</span>: inte påbörjad`));
    expect(main).not.toContain(`Lektioner i ${untouched}`);
    expect(main).toContain(`Lektioner i ${content.modules["forsta-modulen"]!.title}`);
    expect(main).not.toMatch(/Version som gäller nu|Innehållets version|<code>/);
  });
});
