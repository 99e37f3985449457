// SPDX-License-Identifier: EUPL-1.2
// The public guides for citizens (issue #17): anyone reads /guider and each guide, with its
// sources and the day they were checked, and an unknown guide is a 404; a coordinator links a
// commitment of a draft promise to a guide (an unknown one is refused and nothing is saved); the
// public follow-up and a published report show "Läs mer" under that commitment; the demo seed
// links the grannsamverkan and bedrägerier commitments of the signed promise.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { publishReport } from "~/modules/followup/reports.server";
import { addCommitment, addFocusArea, createPromiseDraft, publishFrozenPromise, savePromiseFacts, type PromiseActor } from "~/modules/promises/promise-editing.server";
import { getPromise } from "~/modules/promises/promises.server";
import * as editorRoute from "~/routes/samordnare.loften.$id._index";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { newId } from "~db/ids.server";
import { seedDemo } from "~db/seed";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

let server: TestServer;

beforeAll(async () => {
  // The guides are real content: the pages and links are tested on what citizens will read.
  process.env.CONTENT_DIR = path.resolve("content");
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function page(pathname: string, cookie?: string) {
  const response = await fetch(`${server.url}${pathname}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  // React's markers between text parts, and Remix's prefetch marker on links, are not what a reader sees.
  const html = (await response.text()).replaceAll("<!-- -->", "").replaceAll(' data-discover="true"', "");
  return { status: response.status, html };
}

const titleOf = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];
const h1Count = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
// React escapes quotes and ampersands in text; the guides' titles have neither, but an en dash.
const BEDRAGERIER = "Bedrägerier – så skyddar du dig och dina närmaste";
const GRANNSAMVERKAN = "Grannsamverkan – så kommer ni igång";

describe("the guides, for a visitor without an account", () => {
  it("lists both guides at /guider under one heading", async () => {
    const { status, html } = await page("/guider");
    expect(status).toBe(200);
    expect(titleOf(html)).toBe("Vägledningar för invånare – Coachportalen");
    expect(h1Count(html)).toBe(1);
    expect(html).toContain(`<a href="/guider/bedragerier">${BEDRAGERIER}</a>`);
    expect(html).toContain(`<a href="/guider/grannsamverkan">${GRANNSAMVERKAN}</a>`);
  });

  it("shows a guide with its title, its sources and the day they were checked", async () => {
    const { status, html } = await page("/guider/bedragerier");
    expect(status).toBe(200);
    expect(titleOf(html)).toBe(`${BEDRAGERIER} – Coachportalen`);
    expect(h1Count(html)).toBe(1);
    expect(html).toContain(`<h1>${BEDRAGERIER}</h1>`);
    expect(html).toContain("Lägg på luren.");
    expect(html).toContain("114 14");
    expect(html).toContain('<h2 id="sources-heading" class="!mt-0">Källor</h2>');
    expect(html).toContain("Källorna kontrollerades senast 6 december 2026.");
    expect(html).toContain('href="https://polisen.se/aktuellt/nyheter/2023/februari/stoppa-telefonbedragerierna/"');
    expect(html).toContain("Brottsförebyggande rådet (Brå)");

    const neighbours = await page("/guider/grannsamverkan");
    expect(neighbours.status).toBe(200);
    expect(neighbours.html).toContain('href="https://samverkanmotbrott.se/for-kommunen/"');
  });

  it("answers 404 for a guide that does not exist, and for an address that cannot be one", async () => {
    for (const pathname of ["/guider/finns-inte", "/guider/Bedragerier", "/guider/bedragerier.md"]) {
      const { status, html } = await page(pathname);
      expect(status, pathname).toBe(404);
      expect(html, pathname).toContain("Vägledningen finns inte.");
    }
  });

  it("is reached from the footer of every page and from the follow-up start page", async () => {
    const { html } = await page("/uppfoljning");
    expect(html.match(/href="\/guider"/g)?.length).toBe(2);
    expect((await page("/tillganglighet")).html).toContain('<a href="/guider">Vägledningar för invånare</a>');
  });
});

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const user = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
  const coordinator: PromiseActor = { ...user, role: "coordinator", municipalityId: hogsby.id };
  return { db, hogsby, monsteras, coordinator, cookie: await cookieFor(user.id) };
}

const commitment = (over: Record<string, string> = {}) => ({
  wording: "Polisen och kommunerna lovar att informera och öka kunskaper kring bedrägerier.",
  summary: "Polisen och kommunerna berättar om bedrägerier.",
  owner: "bada",
  target: "",
  targetCount: "",
  measure: "",
  ...over,
});

describe("a commitment names a guide", () => {
  it("the editor offers the guides, saves the one chosen and clears it again", async () => {
    const { db, coordinator, cookie } = await setup();
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Medborgarlöfte 2027–2028" });
    if (!draft.ok) throw new Error("no draft");
    const area = await addFocusArea(db, { actor: coordinator, promiseId: draft.id, title: "Bedrägerier" });
    if (!area.ok) throw new Error("no area");
    const id = draft.id;

    const shown = await call(editorRoute.loader, get(`/samordnare/loften/${id}`, cookie), { id });
    expect(shown.data.guideOptions).toEqual([
      { value: "", label: "Ingen" },
      { value: "bedragerier", label: BEDRAGERIER },
      { value: "grannsamverkan", label: GRANNSAMVERKAN },
    ]);

    const added = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "add-commitment", focusAreaId: area.id, ...commitment({ guide: "bedragerier" }) }, cookie), { id });
    expect(added.status).toBe(302);
    const [saved] = (await getPromise(db, id))!.focusAreas[0]!.commitments;
    expect(saved!.guide).toBe("bedragerier");
    const reread = await call(editorRoute.loader, get(`/samordnare/loften/${id}`, cookie), { id });
    expect(reread.data.promise.focusAreas[0].commitments[0]).toMatchObject({ guide: "bedragerier", guideLabel: BEDRAGERIER });

    const cleared = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "update-commitment", commitmentId: saved!.id, ...commitment({ guide: "" }) }, cookie), { id });
    expect(cleared.status).toBe(302);
    expect((await getPromise(db, id))!.focusAreas[0]!.commitments[0]!.guide).toBeNull();
  });

  it("refuses a guide that does not exist with 400 and a Swedish message, and saves nothing", async () => {
    const { db, coordinator, cookie } = await setup();
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Medborgarlöfte 2027–2028" });
    if (!draft.ok) throw new Error("no draft");
    const area = await addFocusArea(db, { actor: coordinator, promiseId: draft.id, title: "Trygghet" });
    if (!area.ok) throw new Error("no area");
    const existing = await addCommitment(db, { actor: coordinator, promiseId: draft.id, focusAreaId: area.id, form: commitment({ guide: "grannsamverkan" }) });
    if (!existing.ok) throw new Error("no commitment");
    const id = draft.id;
    const before = await db.selectFrom("promise_commitment").selectAll().where("promise_id", "=", id).execute();

    for (const guide of ["finns-inte", "../material", "x".repeat(500)]) {
      const added = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "add-commitment", focusAreaId: area.id, ...commitment({ guide }) }, cookie), { id });
      expect(added.status, guide).toBe(400);
      expect(added.data.errors.guide, guide).toBe("Vägledningen finns inte. Välj en vägledning i listan, eller Ingen.");
      const changed = await call(
        editorRoute.action,
        post(`/samordnare/loften/${id}`, { intent: "update-commitment", commitmentId: existing.id, ...commitment({ wording: "Ny lydelse.", guide }) }, cookie),
        { id },
      );
      expect(changed.status, guide).toBe(400);
      expect(changed.data.errors.guide, guide).toBe("Vägledningen finns inte. Välj en vägledning i listan, eller Ingen.");
    }
    expect(await db.selectFrom("promise_commitment").selectAll().where("promise_id", "=", id).execute()).toEqual(before);
  });
});

describe("citizens read where to learn more", () => {
  it("the public follow-up and a published report show “Läs mer” with the guide under its commitment, and only there", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    const published = await publishFrozenPromise(db, {
      actor: coordinator,
      promise: { ...SIGNED, periodStart: "2026-01-01", periodEnd: "2027-12-31", title: "Lokalt medborgarlöfte 2026–2027" },
      municipalityIds: [hogsby.id, monsteras.id],
      guides: [{ at: [3, 0], guide: "bedragerier" }],
      now: new Date("2025-12-20T10:00:00Z"),
    });
    if (!published.ok) throw new Error(`not published: ${JSON.stringify(published)}`);

    const link = `<a href="/guider/bedragerier">Läs mer: ${BEDRAGERIER}</a>`;
    for (const pathname of ["/uppfoljning/hogsby", `/uppfoljning/hogsby/loften/${published.id}`]) {
      const { status, html } = await page(pathname);
      expect(status, pathname).toBe(200);
      expect(html.split(link).length - 1, pathname).toBe(1);
      // Under the fraud commitment's summary, before the folded wording and activities (decision 042).
      const at = html.indexOf(link);
      expect(html.lastIndexOf("berättar om bedrägerier så att fler känner igen dem", at), pathname).toBeGreaterThan(-1);
      expect(html.lastIndexOf("grannsamverkan", at), pathname).toBeLessThan(html.lastIndexOf("Bedrägerier", at));
    }

    const reportId = newId();
    const report = await publishReport(db, {
      id: reportId,
      municipality: { id: hogsby.id },
      actorId: coordinator.id,
      title: "Uppföljning 1",
      period: { from: "2026-01-01", to: "2026-05-31" },
      commentary: "Arbetet har börjat.",
      replacesId: null,
      content: getContent(),
    });
    expect(report.status).toBe("published");
    const frozen = await page(`/uppfoljning/hogsby/rapporter/${reportId}`);
    expect(frozen.status).toBe(200);
    expect(frozen.html.split(link).length - 1).toBe(1);
    const stored = await db.selectFrom("followup_report").select("commitments").where("id", "=", reportId).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.commitments!).map((c: { guide: unknown }) => c.guide)).toEqual([null, null, null, null, null, null, { slug: "bedragerier", title: BEDRAGERIER }]);
  });

  it("the demo seed links the signed promise's grannsamverkan and bedrägerier commitments to the guides", async () => {
    const db = testDb();
    await seedDemo(db, { content: getContent(), now: new Date("2026-06-15T10:00:00Z") });
    const row = await db.selectFrom("promise").select("id").where("title", "=", SIGNED.title).executeTakeFirstOrThrow();
    const promise = (await getPromise(db, row.id))!;
    const guides = promise.focusAreas.map((area) => area.commitments.map((c) => c.guide));
    expect(guides).toEqual([["grannsamverkan", null, null], [null, null], [null], ["bedragerier"]]);
  });
});
