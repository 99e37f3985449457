// SPDX-License-Identifier: EUPL-1.2
// Issue #16: credits of earlier training count everywhere the same steps count when earned
// online (the coordinator's lists, person page, exports and dashboard, the coach's own pages,
// the public figures); a certificate earned from credits runs from the training's date; "alla"
// never credits an optional booster; the import page keeps its 404 and its ticked boxes; a
// mistaken credit is removed with a reason, and a certificate that depended on it is revoked.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { registerPriorTraining, previewImport, parseCsv, wholeTrainingKeys } from "~/modules/certification/credits.server";
import { creditedSteps } from "~/modules/certification/credited-steps.server";
import { countFollowupFigures } from "~/modules/followup/public-figures.server";
import { loader as exportCsv } from "~/routes/samordnare.export[.csv]";
import { loader as exportXlsx } from "~/routes/samordnare.export[.xlsx]";
import { loader as coachList } from "~/routes/samordnare.coacher._index";
import { action as personAction, loader as personPage } from "~/routes/samordnare.coacher.$id";
import { loader as dashboard } from "~/routes/samordnare._index";
import { loader as myTraining } from "~/routes/utbildning._index";
import { loader as modulePage } from "~/routes/utbildning.$track.$module._index";
import { loader as myCertificates } from "~/routes/intyg._index";
import { action as priorAction, loader as priorLoader } from "~/routes/samordnare.tidigare-utbildning";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";

const TRACK = "andts-coach-grund";
const track = () => getContent().tracks.find((t) => t.slug === TRACK)!;

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "a");
  const b = await createMunicipality(db, "b");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sam Ordnare" });
  const certified = await createUser(db, { role: "coach", municipalityId: a.id, email: "anna@a.example", name: "Anna Andersson" });
  const partial = await createUser(db, { role: "coach", municipalityId: a.id, email: "bo@a.example", name: "Bo Berg" });
  const foreign = await createUser(db, { role: "coach", municipalityId: b.id, email: "cecilia@b.example", name: "Cecilia Ceder" });
  const actor = { ...coordinator, municipalityId: a.id, municipalitySlug: "a", municipalityName: "a kommun", school: null };
  return { db, a, coordinator, certified, partial, foreign, actor, cookie: await cookieFor(coordinator.id) };
}

async function xlsxRows(response: Response): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as never);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v)))));
  return rows;
}

function column(rows: string[][], header: string, name: string): string {
  const at = rows[0]!.indexOf(header);
  return rows.find((r) => r[0] === name)![at]!;
}

describe("credits count everywhere", () => {
  it("counts credited modules as done in every list, page, export and figure", async () => {
    const { db, a, certified, partial, actor, cookie } = await setup();
    const content = getContent();
    const modules = track().modules;
    const firstTwo = modules.slice(0, 2);
    await registerPriorTraining(db, { actor, content, track: track(), coachId: certified.id, all: true, steps: [], date: "2026-02-10", note: null });
    await registerPriorTraining(db, { actor, content, track: track(), coachId: partial.id, all: false, steps: firstTwo, date: "2026-02-10", note: null });

    // The coordinator's list and person pages.
    const list = await call(coachList, get("/samordnare/coacher", cookie));
    const row = (id: string) => list.data.people.find((p: { userId: string }) => p.userId === id);
    expect(row(certified.id).progress.modulesDone).toBe(modules.length);
    expect(row(certified.id).currentModule).toBeNull();
    expect(row(certified.id).status).toBe("certified");
    expect(row(partial.id).progress.modulesDone).toBe(2);
    expect(row(partial.id).status).not.toBe("not_started");
    for (const [coach, done] of [
      [certified, modules.length],
      [partial, 2],
    ] as const) {
      const page = await call(personPage, get(`/samordnare/coacher/${coach.id}`, cookie), { id: coach.id });
      expect(page.data.record.progress.modulesDone).toBe(done);
      const shown = page.data.record.tracks.find((t: { slug: string }) => t.slug === TRACK).modules;
      expect(shown.filter((m: { complete: boolean; test: string }) => m.complete && m.test === "passed")).toHaveLength(done);
    }

    // Both exports.
    const csvText = await ((await exportCsv({ request: get("/samordnare/export.csv", cookie), params: {}, context: testContext() })) as Response).text();
    const csvRows = parseCsv(csvText);
    expect(column(csvRows, "Moduler klara", "Anna Andersson")).toBe(String(modules.length));
    expect(column(csvRows, "Moduler klara", "Bo Berg")).toBe("2");
    const xlsx = await xlsxRows((await exportXlsx({ request: get("/samordnare/export.xlsx", cookie), params: {}, context: testContext() })) as Response);
    expect(column(xlsx, "Moduler klara", "Anna Andersson")).toBe(String(modules.length));
    expect(column(xlsx, "Moduler klara", "Bo Berg")).toBe("2");

    // The dashboard: both counted in the funnel, the credited-through coach as certified.
    const board = await call(dashboard, get("/samordnare", cookie));
    expect(board.data.figures.certified).toBe(1);
    const funnel = (module: string) => board.data.figures.funnel.find((f: { module: string }) => f.module === module);
    expect(funnel(firstTwo[0]!).testPassed).toBe(2);
    expect(funnel(modules.at(-1)!).testPassed).toBe(1);

    // The coach's own pages: never "Certifierad" beside "1 av 10 moduler, Nästa: …".
    const coachCookie = await cookieFor(certified.id);
    const home = (await call(myTraining, get("/utbildning", coachCookie))).data.tracks.find((t: { slug: string }) => t.slug === TRACK);
    expect(home.modulesComplete).toBe(modules.length);
    expect(home.next).toBeNull();
    const partialHome = (await call(myTraining, get("/utbildning", await cookieFor(partial.id)))).data.tracks.find((t: { slug: string }) => t.slug === TRACK);
    expect(partialHome.modulesComplete).toBe(2);
    expect(partialHome.next.url).toContain(`/${modules[2]}/`);
    const page = await call(modulePage, get(`/utbildning/${TRACK}/${modules[0]}`, await cookieFor(partial.id)), { track: TRACK, module: modules[0]! });
    expect(page.data.lessons.every((l: { done: boolean }) => l.done)).toBe(true);
    const mine = await call(myCertificates, get("/intyg", coachCookie));
    expect(mine.data.current).toHaveLength(1);
    expect(mine.data.current[0].timeline[0]).toMatchObject({ label: "Utfärdat", isoDate: "2026-02-10" });

    // The public figures, now and at the end of the quarter the training was done in.
    const figures = await countFollowupFigures(db, { municipalityId: a.id, periodStart: "2026-01-01", content, now: new Date() });
    expect(figures.current.modulesCompleted).toBe(modules.length + 2);
    expect(figures.current.certified).toBe(1);
    const q1 = figures.quarters.find((q) => q.year === 2026 && q.quarter === 1)!;
    expect(q1.values.modulesCompleted).toBe(modules.length + 2);
    expect(q1.values.certified).toBe(1);
  });
});

describe("a certificate from credits", () => {
  it("runs from the day the training was completed, not the day it was registered", async () => {
    const { db, certified, actor } = await setup();
    const now = new Date("2026-11-20T10:00:00Z");
    const result = await registerPriorTraining(db, { actor, content: getContent(), track: track(), coachId: certified.id, all: true, steps: [], date: "2026-01-15", note: null, now });
    expect(result).toMatchObject({ ok: true, certificates: 1 });
    const cert = await db.selectFrom("certification").selectAll().where("user_id", "=", certified.id).executeTakeFirstOrThrow();
    expect(cert.issued_at.slice(0, 10)).toBe("2026-01-15");
    const months = track().validityMonths;
    const expected = new Date(Date.UTC(2026 + Math.floor(months / 12), (months % 12), 15));
    expect(cert.expires_at.slice(0, 7)).toBe(expected.toISOString().slice(0, 7));
  });
});

describe('"Hela utbildningen" and "alla"', () => {
  it("credit the modules and the required course days, never an optional booster", async () => {
    const { db, certified, partial, actor } = await setup();
    const booster = track().sessions.find((s) => !s.required)!;
    expect(booster).toBeDefined();
    await registerPriorTraining(db, { actor, content: getContent(), track: track(), coachId: certified.id, all: true, steps: [], date: "2026-01-15", note: null });
    const credited = await creditedSteps(db, certified.id, TRACK);
    expect([...credited.keys()].sort()).toEqual(wholeTrainingKeys(track()).sort());
    expect(credited.has(booster.key)).toBe(false);

    const rows = parseCsv(`e-post;namn;datum;moment\n${partial.email};Bo Berg;2026-01-15;alla\n`);
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows });
    expect(preview.rows[0]!.newSteps).not.toContain(booster.key);
    expect(preview.rows[0]!.newSteps).toHaveLength(wholeTrainingKeys(track()).length);
  });
});

describe("the import page", () => {
  it("answers 404 for another municipality's coach, on the page and in the form", async () => {
    const { foreign, cookie } = await setup();
    expect((await call(priorLoader, get(`/samordnare/tidigare-utbildning?coach=${foreign.id}`, cookie))).status).toBe(404);
    expect((await call(priorLoader, get(`/samordnare/tidigare-utbildning?coach=finns-inte`, cookie))).status).toBe(404);
    const form = { intent: "register", track: TRACK, coach: foreign.id, [`steps-${TRACK}`]: track().modules[0]!, date: "2026-01-15" };
    expect((await call(priorAction, post("/samordnare/tidigare-utbildning", form, cookie))).status).toBe(404);
  });

  it("keeps the ticked steps after a form error", async () => {
    const { partial, cookie } = await setup();
    const ticked = track().modules.slice(0, 2);
    const form = { intent: "register", track: TRACK, coach: partial.id, [`steps-${TRACK}`]: ticked, date: "inte-ett-datum" };
    const result = await call(priorAction, post("/samordnare/tidigare-utbildning", form, cookie));
    expect(result.status).toBe(400);
    expect(result.data.errors.date).toBeDefined();
    expect(result.data.ticked).toEqual(ticked.map((k) => `steps-${TRACK}=${k}`));
  });
});

describe("removing a mistaken credit", () => {
  const removal = (personId: string, form: Record<string, string>, cookie: string) =>
    call(personAction, post(`/samordnare/coacher/${personId}`, { intent: "remove-credit", ...form }, cookie), { id: personId });

  it("removes it with a reason, audits it, revokes the certificate that depended on it and tells the holder", async () => {
    const { db, certified, actor, cookie } = await setup();
    const content = getContent();
    const booster = track().sessions.find((s) => !s.required)!;
    await registerPriorTraining(db, { actor, content, track: track(), coachId: certified.id, all: true, steps: [], date: "2026-02-10", note: null });
    await registerPriorTraining(db, { actor, content, track: track(), coachId: certified.id, all: false, steps: [booster.key], date: "2026-02-10", note: null });
    const creditOf = async (step: string) =>
      (await db.selectFrom("prior_training").select("id").where("user_id", "=", certified.id).where("step_key", "=", step).executeTakeFirstOrThrow()).id;
    const certificate = () => db.selectFrom("certification").selectAll().where("user_id", "=", certified.id).executeTakeFirstOrThrow();
    const outbox = () => db.selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", certified.email).execute();
    const mailsBefore = (await outbox()).length;

    // A reason is required: nothing is removed without one.
    const short = await removal(certified.id, { credit: await creditOf(track().modules[0]!), reason: "fel" }, cookie);
    expect(short.status).toBe(400);
    expect(short.data.removalError.message).toContain("minst");
    expect(await creditedSteps(db, certified.id, TRACK)).toHaveProperty("size", wholeTrainingKeys(track()).length + 1);

    // Another municipality's coordinator, or another person's page, answers 404.
    const other = await createUser(db, { role: "coordinator", municipalityId: (await createMunicipality(db, "c")).id });
    expect((await removal(certified.id, { credit: await creditOf(booster.key), reason: "Registrerades av misstag" }, await cookieFor(other.id))).status).toBe(404);

    // The booster was never needed for the certificate: it stays valid.
    const boosterGone = await removal(certified.id, { credit: await creditOf(booster.key), reason: "Registrerades av misstag" }, cookie);
    expect(boosterGone.status).toBe(200);
    expect((await certificate()).revoked_at).toBeNull();

    // A module the certificate needed: revoked with the reason, the holder told, all audited.
    const reason = "Modulen gick hon aldrig, fel rad i listan";
    const moduleGone = await removal(certified.id, { credit: await creditOf(track().modules[0]!), reason }, cookie);
    expect(moduleGone.status).toBe(200);
    expect(moduleGone.data.removed).toContain("återkallats");
    expect(await creditedSteps(db, certified.id, TRACK)).toHaveProperty("size", wholeTrainingKeys(track()).length - 1);
    expect(await certificate()).toMatchObject({ revoked_reason: reason, revoked_by: actor.id });
    const mails = await outbox();
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.body_text).toContain(reason);
    const audits = await db.selectFrom("audit_event").select(["action", "details"]).where("subject", "=", certified.id).execute();
    expect(audits.filter((e) => e.action === "prior.removed")).toHaveLength(2);
    expect(audits.some((e) => e.action === "certificate.revoked")).toBe(true);

    // And the lists count what is left.
    const list = await call(coachList, get("/samordnare/coacher", cookie));
    const row = list.data.people.find((p: { userId: string }) => p.userId === certified.id);
    expect(row).toMatchObject({ status: "revoked", progress: { modulesDone: track().modules.length - 1 } });
  });
});

describe("the pages as a browser gets them", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  const send = async (pathname: string, form: Record<string, string | string[]>, cookie: string) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    const response = await fetch(`${server.url}${pathname}`, { method: "POST", body, redirect: "manual", headers: { Cookie: cookie, Origin: server.url } });
    return { status: response.status, html: await response.text() };
  };

  it("shows the ticked steps still ticked after a form error", async () => {
    const { partial, cookie } = await setup();
    const [first, second, third] = track().modules;
    const form = { intent: "register", track: TRACK, coach: partial.id, [`steps-${TRACK}`]: [first!, second!], date: "inte-ett-datum" };
    const { status, html } = await send("/samordnare/tidigare-utbildning", form, cookie);
    expect(status).toBe(400);
    const box = (key: string) => html.match(/<input[^>]*>/g)?.find((tag) => tag.includes(`name="steps-${TRACK}"`) && tag.includes(`value="${key}"`)) ?? "";
    expect(box(first!)).toContain("checked");
    expect(box(second!)).toContain("checked");
    expect(box(third!)).toContain("checkbox");
    expect(box(third!)).not.toContain("checked");
  });

  it("shows a refused removal's message beside its credit on the person page", async () => {
    const { db, certified, actor, cookie } = await setup();
    await registerPriorTraining(db, { actor, content: getContent(), track: track(), coachId: certified.id, all: false, steps: [track().modules[0]!], date: "2026-02-10", note: null });
    const credit = (await db.selectFrom("prior_training").select("id").where("user_id", "=", certified.id).executeTakeFirstOrThrow()).id;
    const { status, html } = await send(`/samordnare/coacher/${certified.id}`, { intent: "remove-credit", credit, reason: "" }, cookie);
    expect(status).toBe(400);
    expect(html).toContain(`id="reason-${credit}-error"`);
    expect(html).toContain("Skriv varför registreringen tas bort");
  });
});
