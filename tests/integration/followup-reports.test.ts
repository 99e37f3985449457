// SPDX-License-Identifier: EUPL-1.2
// The follow-up citizens read: the public figures with small numbers suppressed (on the page,
// in the charts' tables and in the CSV), reports that freeze the figures when published and
// never change, corrections, the coordinator's sanitized commentary, and who may publish what.
import path from "node:path";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { revokeCertificate } from "~/modules/certification/certification.server";
import { renderCommentary } from "~/modules/followup/commentary.server";
import { countFollowupFigures, publicFigures, quartersToShow } from "~/modules/followup/public-figures.server";
import * as reportsModule from "~/modules/followup/reports.server";
import { findFollowupMunicipality, getReport, listReports, promiseProgress, publishReport } from "~/modules/followup/reports.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { rosterFigures } from "~/modules/roster/roster.server";
import { recordMaterialUse } from "~/modules/materials/usage.server";
import * as coordinatorPage from "~/routes/samordnare.uppfoljning";
import * as dashboard from "~/routes/samordnare._index";
import * as publicPage from "~/routes/uppfoljning.$kommun._index";
import * as reportPage from "~/routes/uppfoljning.$kommun.rapporter.$id";
import * as figuresCsv from "~/routes/uppfoljning.$kommun.siffror[.csv]";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { certify, readLesson, takeTest } from "../helpers/training";

const TRACK = "grund";
let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

const DAY = 24 * 3_600_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const b = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sara Samordnare" });
  const otherCoordinator = await createUser(db, { role: "coordinator", municipalityId: b.id, name: "Mats Samordnare" });
  // The reports count against the signed 2024–2025 promise both municipalities share.
  const promise = await publishFrozenPromise(db, { actor: coordinator, promise: SIGNED, municipalityIds: [a.id, b.id], now: new Date("2023-12-20T10:00:00Z") });
  if (!promise.ok) throw new Error(`not published: ${JSON.stringify(promise)}`);
  return {
    db,
    a,
    b,
    coordinator,
    otherCoordinator,
    cookie: await cookieFor(coordinator.id),
    otherCookie: await cookieFor(otherCoordinator.id),
  };
}

/** A coach of the municipality with a valid certificate issued `at`, every test of the track passed before it. */
async function certifiedCoach(db: Kysely<Database>, municipalityId: string, at: Date) {
  const coach = await createUser(db, { role: "coach", municipalityId });
  for (const slug of content.tracks.find((t) => t.slug === TRACK)!.modules) {
    const module = content.modules[slug]!;
    const max = module.quiz.perAttempt;
    await takeTest(db, { userId: coach.id, track: TRACK, module: slug, at, hash: module.contentHash, score: max, maxScore: max, passed: true });
  }
  await certify(db, { userId: coach.id, municipalityId, track: TRACK, issuedAt: at });
  return coach;
}

/** A coach who has read a lesson and holds no certificate. */
async function coachInTraining(db: Kysely<Database>, municipalityId: string, at: Date) {
  const coach = await createUser(db, { role: "coach", municipalityId });
  const module = content.modules["forsta-modulen"]!;
  await readLesson(db, { userId: coach.id, track: TRACK, module: module.slug, lesson: module.lessons[0]!.slug, at, hash: module.contentHash });
  return coach;
}

async function municipality(db: Kysely<Database>, id: string) {
  return (await findFollowupMunicipality(db, { id }))!;
}

async function publish(db: Kysely<Database>, input: { municipalityId: string; actorId: string; title?: string; replacesId?: string | null; now?: Date; id?: string }) {
  const id = input.id ?? newId();
  const outcome = await publishReport(db, {
    id,
    municipality: await municipality(db, input.municipalityId),
    actorId: input.actorId,
    title: input.title ?? "Uppföljning 1 2025",
    period: { from: "2025-01-01", to: "2025-06-30" },
    commentary: "Kommunen har utbildat **coacher**.",
    replacesId: input.replacesId ?? null,
    content,
    now: input.now,
  });
  return { id, outcome };
}

/** Previews and publishes through the coordinator's page, as the form does. */
async function publishThroughPage(cookie: string, form: Record<string, string>) {
  const preview = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...form }, cookie));
  expect(preview.status).toBe(200);
  const { id, checksum, values } = preview.data.preview;
  return call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "publish", ...values, id, checksum }, cookie));
}

const FORM = { title: "Uppföljning 1 2025", from: "2025-01-01", to: "2025-06-30", commentary: "Så här har det gått." };

describe("public figures and small-number suppression", () => {
  it("shows 1–4 certified coaches as “färre än 5” and 5 or more as the number, with no suppressed number in the page's data", async () => {
    const { db, a } = await setup();
    for (let i = 0; i < 3; i++) await certifiedCoach(db, a.id, daysAgo(10));
    for (let i = 0; i < 6; i++) await coachInTraining(db, a.id, daysAgo(5));

    const page = await call(publicPage.loader, get("/uppfoljning/hogsby"), { kommun: "hogsby" });
    expect(page.status).toBe(200);
    const figures = Object.fromEntries(page.data.figures.figures.map((f: { key: string; count: unknown }) => [f.key, f.count]));
    expect(figures.certified).toEqual({ suppressed: true, value: null, text: "färre än 5" });
    expect(figures.inTraining).toEqual({ suppressed: false, value: 6, text: "6" });
    // 3 certified coaches passed 2 modules each: 6 modules, shown.
    expect(figures.modulesCompleted).toEqual({ suppressed: false, value: 6, text: "6" });
    expect(figures.materialUses).toEqual({ suppressed: false, value: 0, text: "0" });

    // The chart's data table says it in words and draws no bar for it.
    const coaches = page.data.figures.charts.find((c: { id: string }) => c.id === "coacher");
    const now = coaches.data.at(-1);
    expect(coaches.series).toEqual(["Certifierade ANDTS-coacher", "Coacher under utbildning"]);
    expect(now.values).toEqual([0, 6]);
    expect(now.valueTexts).toEqual([{ text: "färre än 5", short: "<5" }, undefined]);
    expect(coaches.summary).toContain("certifierade ANDTS-coacher: färre än 5 och coacher under utbildning: 6.");
  });

  it("suppresses the same way in the CSV file, which Excel opens as columns", async () => {
    const { db, a } = await setup();
    for (let i = 0; i < 2; i++) await certifiedCoach(db, a.id, daysAgo(3));
    for (let i = 0; i < 5; i++) await coachInTraining(db, a.id, daysAgo(3));
    await recordMaterialUse(db, { material: "snus", municipalityId: a.id, kind: "view", day: "2026-01-10" });

    const result = await call(figuresCsv.loader, get("/uppfoljning/hogsby/siffror.csv"), { kommun: "hogsby" });
    expect(result.status).toBe(200);
    const response = (await figuresCsv.loader({ request: get("/uppfoljning/hogsby/siffror.csv"), params: { kommun: "hogsby" }, context: {} as never })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="uppfoljning-hogsby-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Kvartal;Räknat till och med;Certifierade ANDTS-coacher;Coacher under utbildning;Klarade utbildningsmoduler;Användning av skolmaterial");
    const last = lines.at(-1)!.split(";");
    expect(last[0]).toMatch(/^Kvartal \d \d{4} \(hittills\)$/);
    // 2 certified, 5 in training, 4 modules passed, 1 view of a material.
    expect(last.slice(2)).toEqual(["färre än 5", "5", "färre än 5", "färre än 5"]);
    // The quarters from the promise's start in 2024 to now, none with a number from 1 to 4.
    expect(lines[1]!.startsWith("Kvartal 1 2024;2024-03-31;")).toBe(true);
    for (const line of lines.slice(1)) expect(line.split(";").slice(2).every((cell) => cell === "0" || cell === "färre än 5" || Number(cell) >= 5)).toBe(true);
  });

  it("counts the quarters as the roster would have at each quarter's end, and now exactly as the coordinator's dashboard", async () => {
    const { db, a, coordinator } = await setup();
    const now = new Date("2026-05-20T10:00:00Z");
    // Certified in the first quarter of 2026; another certified in the second; one revoked in April after a certificate in January.
    for (let i = 0; i < 5; i++) await certifiedCoach(db, a.id, new Date("2026-02-10T10:00:00Z"));
    const revoked = await certifiedCoach(db, a.id, new Date("2026-01-15T10:00:00Z"));
    // Revoked through the app, so the coordinator's progress summary follows.
    const revokedCertificate = await db.selectFrom("certification").select("id").where("user_id", "=", revoked.id).executeTakeFirstOrThrow();
    const actor = { ...coordinator, municipalitySlug: null, municipalityName: null, school: null };
    const revocation = await revokeCertificate(db, { certificateId: revokedCertificate.id, actor, reason: "Felaktigt utfärdat", now: new Date("2026-04-02T10:00:00Z") });
    expect(revocation.status).toBe("revoked");
    await certifiedCoach(db, a.id, new Date("2026-04-20T10:00:00Z"));
    // In training since December: no longer counted once certified in the quarter after.
    await coachInTraining(db, a.id, new Date("2025-12-01T10:00:00Z"));

    const figures = await countFollowupFigures(db, { municipalityId: a.id, periodStart: "2025-10-01", content, now });
    expect(figures.quarters.map((q) => `${q.year}-${q.quarter}`)).toEqual(["2025-4", "2026-1", "2026-2"]);
    expect(figures.quarters.map((q) => q.values.certified)).toEqual([0, 6, 6]);
    expect(figures.quarters.map((q) => q.values.inTraining)).toEqual([1, 1, 1]);
    expect(figures.quarters.map((q) => q.values.modulesCompleted)).toEqual([0, 12, 14]);
    expect(figures.quarters[1]!.at).toBe("2026-03-31T21:59:59.999Z");
    expect(figures.quarters.at(-1)).toMatchObject({ partial: true, at: now.toISOString(), values: figures.current });

    const roster = await rosterFigures(db, { municipalityId: a.id, content, now });
    expect(figures.current.certified).toBe(roster.certified);
    expect(figures.current.inTraining).toBe(roster.inTraining);
    expect(figures.current.modulesCompleted).toBe(roster.funnel.reduce((sum, m) => sum + m.testPassed, 0));
  });

  it("shows at most twelve quarters, from the quarter the promise starts", () => {
    const now = new Date("2026-11-25T10:00:00Z");
    expect(quartersToShow(now, "2024-01-01")).toHaveLength(12);
    expect(quartersToShow(now, "2024-01-01")[0]).toEqual({ year: 2024, quarter: 1 });
    expect(quartersToShow(now, "2018-05-01")[0]).toEqual({ year: 2024, quarter: 1 });
    expect(quartersToShow(now, "2026-08-01")).toEqual([
      { year: 2026, quarter: 3 },
      { year: 2026, quarter: 4 },
    ]);
    expect(quartersToShow(now, null)).toHaveLength(4);
  });

  it("answers 404 in Swedish for a municipality that does not exist", async () => {
    await setup();
    for (const kommun of ["finns-inte", "../admin", "HOGSBY"]) {
      const result = await call(publicPage.loader, get(`/uppfoljning/${encodeURIComponent(kommun)}`), { kommun });
      expect(result.status).toBe(404);
      expect(result.data.message).toMatch(/^Kommunen finns inte i Coachportalen/);
    }
  });
});

describe("published reports", () => {
  it("freeze the figures at publication: later training changes the public page but not the report", async () => {
    const { db, a, cookie } = await setup();
    for (let i = 0; i < 6; i++) await certifiedCoach(db, a.id, daysAgo(20));
    const published = await publishThroughPage(cookie, FORM);
    expect(published.status).toBe(302);
    const id = new URL(published.headers.get("Location")!, "http://localhost").searchParams.get("publicerad")!;

    for (let i = 0; i < 4; i++) await certifiedCoach(db, a.id, daysAgo(1));

    const report = await call(reportPage.loader, get(`/uppfoljning/hogsby/rapporter/${id}`), { kommun: "hogsby", id });
    expect(report.status).toBe(200);
    const frozen = report.data.figures.figures.find((f: { key: string }) => f.key === "certified");
    expect(frozen.count.text).toBe("6");
    const page = await call(publicPage.loader, get("/uppfoljning/hogsby"), { kommun: "hogsby" });
    expect(page.data.figures.figures.find((f: { key: string }) => f.key === "certified").count.text).toBe("10");
    expect(page.data.reports.map((r: { id: string; title: string }) => [r.id, r.title])).toEqual([[id, "Uppföljning 1 2025"]]);
  });

  it("never change: publishing again with the same id alters nothing, and the module offers no way to update", async () => {
    const { db, a, coordinator } = await setup();
    const { id, outcome } = await publish(db, { municipalityId: a.id, actorId: coordinator.id, title: "Uppföljning 1 2025" });
    expect(outcome).toEqual({ status: "published", id });
    const before = await db.selectFrom("followup_report").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

    const again = await publish(db, { municipalityId: a.id, actorId: coordinator.id, title: "Något helt annat", id });
    expect(again.outcome).toEqual({ status: "already_published", id });
    expect(await db.selectFrom("followup_report").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await db.selectFrom("followup_report").select("id").execute()).toHaveLength(1);

    const writers = Object.keys(reportsModule).filter((name) => /update|delete|edit|change|remove|set/i.test(name) && /report/i.test(name));
    expect(writers).toEqual([]);
  });

  it("refuse a changed publication through the page: 409, and the report stays as published", async () => {
    const { db, cookie } = await setup();
    const first = await publishThroughPage(cookie, FORM);
    const id = new URL(first.headers.get("Location")!, "http://localhost").searchParams.get("publicerad")!;
    const before = await db.selectFrom("followup_report").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

    const preview = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM }, cookie));
    const attempt = await call(
      coordinatorPage.action,
      post("/samordnare/uppfoljning", { intent: "publish", ...FORM, title: "Ändrad rubrik", commentary: "Ändrad text", id, checksum: preview.data.preview.checksum }, cookie),
    );
    expect(attempt.status).toBe(409);
    expect(attempt.data.errors.form).toMatch(/redan publicerad och kan inte ändras/);
    expect(await db.selectFrom("followup_report").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it("are corrected by a new report: the old one says “Ersatt av …”, the new one “Ersätter …”, and a report is replaced once", async () => {
    const { db, a, coordinator } = await setup();
    const first = await publish(db, { municipalityId: a.id, actorId: coordinator.id, title: "Uppföljning 1 2025", now: daysAgo(2) });
    const fix = await publish(db, { municipalityId: a.id, actorId: coordinator.id, title: "Uppföljning 1 2025, rättad", replacesId: first.id, now: daysAgo(1) });
    expect(fix.outcome.status).toBe("published");

    const old = await getReport(db, { municipalityId: a.id, id: first.id });
    expect(old?.replacedBy).toEqual({ id: fix.id, title: "Uppföljning 1 2025, rättad" });
    expect(old?.title).toBe("Uppföljning 1 2025");
    const corrected = await getReport(db, { municipalityId: a.id, id: fix.id });
    expect(corrected?.replaces).toEqual({ id: first.id, title: "Uppföljning 1 2025" });
    expect((await listReports(db, a.id)).map((r) => r.title)).toEqual(["Uppföljning 1 2025, rättad", "Uppföljning 1 2025"]);

    const second = await publish(db, { municipalityId: a.id, actorId: coordinator.id, title: "En till rättelse", replacesId: first.id });
    expect(second.outcome).toEqual({ status: "already_replaced", by: { id: fix.id, title: "Uppföljning 1 2025, rättad" } });
  });

  it("are recorded in the audit log", async () => {
    const { db, cookie, a, coordinator } = await setup();
    await publishThroughPage(cookie, FORM);
    const events = await db.selectFrom("audit_event").select(["action", "actor_id", "municipality_id", "details"]).where("action", "=", "followup.published").execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: coordinator.id, municipality_id: a.id });
    expect(JSON.parse(events[0]!.details!)).toMatchObject({ title: "Uppföljning 1 2025", period: "2025-01-01/2025-06-30" });
  });

  it("count against the promise when published within its period, corrections not again", async () => {
    const { db, a, coordinator } = await setup();
    const inPeriod = await publish(db, { municipalityId: a.id, actorId: coordinator.id, now: new Date("2025-06-30T12:00:00Z") });
    await publish(db, { municipalityId: a.id, actorId: coordinator.id, replacesId: inPeriod.id, now: new Date("2025-07-01T12:00:00Z") });
    // 23:30 on 31 December in Stockholm is still the period; 00:30 on 1 January is not.
    await publish(db, { municipalityId: a.id, actorId: coordinator.id, now: new Date("2025-12-31T22:30:00Z") });
    await publish(db, { municipalityId: a.id, actorId: coordinator.id, now: new Date("2025-12-31T23:30:00Z") });

    const progress = await promiseProgress(db, await municipality(db, a.id), new Date("2026-11-25T10:00:00Z"));
    expect(progress).toMatchObject({ period: { from: "2024-01-01", to: "2025-12-31" }, promisedReports: 2, published: 2, state: "ended" });
    expect((await promiseProgress(db, await municipality(db, a.id), new Date("2025-03-01T10:00:00Z"))).state).toBe("ongoing");
  });

  it("show on the coordinator's dashboard as “N av 2 utlovade rapporter”, with the period's end", async () => {
    const { db, a, coordinator, cookie } = await setup();
    await publish(db, { municipalityId: a.id, actorId: coordinator.id, now: new Date("2025-03-01T12:00:00Z") });
    const result = await call(dashboard.loader, get("/samordnare", cookie));
    expect(result.status).toBe(200);
    expect(result.data.reports).toMatchObject({ published: 1, promisedReports: 2, state: "ended" });
  });
});

describe("the coordinator's commentary", () => {
  it("shows typed HTML as text and never as markup", () => {
    const html = renderCommentary('Hej <script>alert("x")</script> och <img src=x onerror="alert(1)"> <b>fet</b>');
    // Only text: the characters typed, with no element around them.
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain("&#x3C;script>alert(\"x\")&#x3C;/script>");
    expect(html).toContain("&#x3C;b>fet&#x3C;/b>");
  });

  it("keeps the limited Markdown and drops dangerous links", () => {
    const html = renderCommentary(
      "## Rubrik\n\nEtt **fett** och *kursivt* stycke med [en länk](https://www.can.se) och [en farlig](javascript:alert(1)).\n\n- ett\n- två\n\n<script>\nalert(1)\n</script>",
    );
    expect(html).toContain("<p><strong>Rubrik</strong></p>");
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("<em>kursivt</em>");
    expect(html).toContain('<a href="https://www.can.se">en länk</a>');
    expect(html).not.toContain("javascript:");
    expect(html).toContain("<li>två</li>");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<h\d/);
  });

  it("is sanitized on the public report page", async () => {
    const { cookie } = await setup();
    const result = await publishThroughPage(cookie, { ...FORM, commentary: '<script>document.title="x"</script>\n\nVi har **utbildat** coacher.' });
    const id = new URL(result.headers.get("Location")!, "http://localhost").searchParams.get("publicerad")!;
    const page = await call(reportPage.loader, get(`/uppfoljning/hogsby/rapporter/${id}`), { kommun: "hogsby", id });
    expect(page.data.commentaryHtml).not.toMatch(/<script/i);
    expect(page.data.commentaryHtml).toContain("&#x3C;script>");
    expect(page.data.commentaryHtml).toContain("<strong>utbildat</strong>");
  });
});

describe("who may publish", () => {
  it("publishes for the coordinator's own municipality only: another municipality's report cannot be replaced, nor read under this address", async () => {
    const { db, a, b, coordinator, otherCookie } = await setup();
    const own = await publish(db, { municipalityId: a.id, actorId: coordinator.id });

    const preview = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM, replaces: own.id }, otherCookie));
    expect(preview.status).toBe(400);
    expect(preview.data.errors.replaces).toBe("Välj en rapport i listan.");

    const published = await publishThroughPage(otherCookie, FORM);
    expect(published.status).toBe(302);
    const reports = await db.selectFrom("followup_report").select(["id", "municipality_id", "replaces_id"]).orderBy("published_at").execute();
    expect(reports).toHaveLength(2);
    const theirs = reports.find((r) => r.id !== own.id)!;
    expect(theirs).toMatchObject({ municipality_id: b.id, replaces_id: null });

    // B's report does not exist under A's address.
    const crossed = await call(reportPage.loader, get(`/uppfoljning/hogsby/rapporter/${theirs.id}`), { kommun: "hogsby", id: theirs.id });
    expect(crossed.status).toBe(404);
    expect((await call(reportPage.loader, get(`/uppfoljning/monsteras/rapporter/${theirs.id}`), { kommun: "monsteras", id: theirs.id })).status).toBe(200);
  });

  it("refuses publishing from a forged replacement of another municipality in the module too", async () => {
    const { db, a, b, coordinator, otherCoordinator } = await setup();
    const own = await publish(db, { municipalityId: a.id, actorId: coordinator.id });
    const forged = await publish(db, { municipalityId: b.id, actorId: otherCoordinator.id, replacesId: own.id });
    expect(forged.outcome).toEqual({ status: "replaced_missing" });
  });

  it("lets no coach or school staff publish", async () => {
    const { db, a } = await setup();
    const coach = await createUser(db, { role: "coach", municipalityId: a.id });
    const result = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM }, await cookieFor(coach.id)));
    expect(result.status).toBe(403);
  });
});

describe("the coordinator's form", () => {
  it("answers mistakes with Swedish messages and 400, keeping what was typed", async () => {
    const { cookie } = await setup();
    const empty = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", title: "", from: "", to: "", commentary: "" }, cookie));
    expect(empty.status).toBe(400);
    expect(empty.data.errors).toMatchObject({
      title: "Fyll i en rubrik, till exempel ”Uppföljning 1 2025”.",
      from: "Fyll i startdatum.",
      to: "Fyll i slutdatum.",
      commentary: "Skriv en kommentar till invånarna.",
    });

    const backwards = await call(
      coordinatorPage.action,
      post("/samordnare/uppfoljning", { intent: "preview", ...FORM, from: "2025-06-30", to: "2025-01-01", commentary: "Min <text>" }, cookie),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors.to).toBe("Slutdatum kan inte vara före startdatum.");
    expect(backwards.data.values.commentary).toBe("Min <text>");

    const future = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM, to: "2999-01-01" }, cookie));
    expect(future.data.errors.to).toMatch(/kan inte sluta efter i dag/);
    const nonsense = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM, from: "2025-02-30" }, cookie));
    expect(nonsense.data.errors.from).toMatch(/ÅÅÅÅ-MM-DD/);
  });

  it("asks for a new look when the figures changed between preview and publication", async () => {
    const { db, a, cookie } = await setup();
    const preview = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "preview", ...FORM }, cookie));
    await certifiedCoach(db, a.id, daysAgo(1));
    const { id, checksum, values } = preview.data.preview;
    const result = await call(coordinatorPage.action, post("/samordnare/uppfoljning", { intent: "publish", ...values, id, checksum }, cookie));
    expect(result.status).toBe(200);
    expect(result.data.preview.figuresChanged).toBe(true);
    expect(await db.selectFrom("followup_report").select("id").execute()).toHaveLength(0);
  });
});
