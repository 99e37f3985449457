// SPDX-License-Identifier: EUPL-1.2
// The coordinator's lists and figures read a per-person progress summary kept by every write
// that changes it (docs/decisions/021-progress-summary.md). These tests make each kind of write
// through the app and check that what the roster reads is what a summary computed afresh from
// the raw rows gives, that a failed write leaves it as it was, and that the figures agree with
// the list. The database-facing files also run on PostgreSQL (TEST_DATABASE_URL).
import path from "node:path";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { findTrack, getContent, type ContentIndex, type Module, type Question } from "~/content/content.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { issueCertificateIfEligible, revokeCertificate } from "~/modules/certification/certification.server";
import { registerPriorTraining } from "~/modules/certification/credits.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { recordAttempt } from "~/modules/learning/quiz.server";
import { deactivatePerson } from "~/modules/people/people.server";
import { anonymisePerson } from "~/modules/people/retention.server";
import { refreshProgressSummaries } from "~/modules/roster/progress-summary.server";
import { listRoster, rosterFigures, rosterRows, type RosterFilters, type RosterRow } from "~/modules/roster/roster.server";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { attendSession } from "../helpers/training";

const TRACK = "grund";
const ALL: RosterFilters = { q: "", sort: "name", dir: "asc" };
const NOW = new Date("2026-03-10T10:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

const track = () => findTrack(content, TRACK)!;
const modules = (): Module[] => track().modules.map((slug) => content.modules[slug]!);

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sara Samordnare" });
  const actor: SessionUser & { municipalityId: string } = { ...coordinator, municipalityId: a.id, municipalitySlug: "hogsby", municipalityName: "Högsby kommun", school: null };
  return { db, a, coordinator, actor };
}

function rightAnswers(questions: Question[]) {
  return questions.map((q) => ({ question: q.id, chosen: q.type === "truefalse" ? [String(q.answer)] : q.options.filter((o) => o.correct).map((o) => o.id) }));
}

async function readAll(db: Kysely<Database>, userId: string, module: Module, when: Date) {
  for (const lesson of module.lessons) await recordLessonCompletion(db, { userId, track: TRACK, module: module.slug, lesson: lesson.slug, contentHash: module.contentHash, now: when });
}

async function takeTest(db: Kysely<Database>, userId: string, module: Module, when: Date, pass: boolean) {
  const asked = module.quiz.questions.slice(0, module.quiz.perAttempt);
  const answers = pass ? rightAnswers(asked) : asked.map((q) => ({ question: q.id, chosen: [] }));
  return recordAttempt(db, { userId, track: TRACK, module: module.slug, contentHash: module.contentHash, quiz: module.quiz, answers, passPercent: track().passPercent, now: when });
}

/**
 * What the coordinator reads now, after checking it equals what the same reads give once every
 * coach's summary has been computed afresh from the raw rows (the app's own backfill).
 */
async function readKept(db: Kysely<Database>, municipalityId: string, now: Date = NOW) {
  const read = async () => ({
    rows: await rosterRows(db, { municipalityId, content, filters: ALL, now }),
    figures: await rosterFigures(db, { municipalityId, content, now }),
  });
  const kept = await read();
  const coaches = await db.selectFrom("user").select("id").where("role", "=", "coach").execute();
  await refreshProgressSummaries(db, coaches.map((c) => c.id), content, now);
  expect(kept).toEqual(await read());
  return kept;
}

const rowOf = (rows: RosterRow[], name: string) => rows.find((row) => row.name === name)!;

describe("the progress summary follows every write", () => {
  it("follows lessons read, tests failed and passed, credits, a certificate issued and one revoked", async () => {
    const { db, a, actor } = await setup();
    const anna = await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna Coach" });
    const [first, second] = modules();
    const lessonsTotal = modules().reduce((sum, m) => sum + m.lessons.length, 0);

    let kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Anna Coach")).toMatchObject({ status: "not_started", progress: { modulesDone: 0, modulesTotal: 2, lessonsDone: 0, lessonsTotal } });

    await recordLessonCompletion(db, { userId: anna.id, track: TRACK, module: first!.slug, lesson: first!.lessons[0]!.slug, contentHash: first!.contentHash, now: at(-60) });
    kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Anna Coach")).toMatchObject({ status: "in_training", lastActivityAt: at(-60).toISOString(), progress: { lessonsDone: 1 } });
    expect(kept.figures).toMatchObject({ notStarted: 0, inTraining: 1 });

    await readAll(db, anna.id, first!, at(-50));
    await takeTest(db, anna.id, first!, at(-40), false);
    kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Anna Coach")).toMatchObject({ progress: { modulesDone: 0, lessonsDone: first!.lessons.length }, currentModule: { slug: first!.slug } });
    expect(kept.figures.funnel.find((m) => m.module === first!.slug)).toMatchObject({ started: 1, lessonsDone: 1, testPassed: 0 });

    await takeTest(db, anna.id, first!, at(-30), true);
    kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Anna Coach")).toMatchObject({ progress: { modulesDone: 1 }, currentModule: { slug: second!.slug } });
    expect(kept.figures.funnel.find((m) => m.module === first!.slug)).toMatchObject({ testPassed: 1 });

    // A credited module counts as done in the roster as it does towards the certificate (issue #16).
    const credited = await registerPriorTraining(db, { actor, content, track: track(), coachId: anna.id, all: false, steps: [second!.slug], date: "2026-03-01", note: null, now: at(-20) });
    expect(credited).toMatchObject({ ok: true, created: 1, certificates: 1 });
    kept = await readKept(db, a.id);
    const certified = rowOf(kept.rows, "Anna Coach");
    expect(certified).toMatchObject({ status: "certified", progress: { modulesDone: 2 }, currentModule: null, certificate: { status: "valid" } });
    expect(kept.figures).toMatchObject({ certified: 1, inTraining: 0 });

    const revoked = await revokeCertificate(db, { certificateId: certified.certificate!.id, actor, reason: "Felaktigt utfärdat", now: at(-10) });
    expect(revoked.status).toBe("revoked");
    kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Anna Coach")).toMatchObject({ status: "revoked", certificate: { id: certified.certificate!.id, status: "revoked" } });
    expect(kept.figures).toMatchObject({ certified: 0, revoked: 1 });
  });

  it("follows a certificate issued when the last test is passed, and its expiry as time passes", async () => {
    const { db, a } = await setup();
    const bo = await createUser(db, { role: "coach", municipalityId: a.id, name: "Bo Coach" });
    for (const module of modules()) {
      await readAll(db, bo.id, module, at(-60));
      await takeTest(db, bo.id, module, at(-50), true);
    }
    expect(await issueCertificateIfEligible(db, { userId: bo.id, track: track(), content, now: at(-40) })).toMatchObject({ outcome: "issued" });
    expect(rowOf((await readKept(db, a.id)).rows, "Bo Coach")).toMatchObject({ status: "certified", progress: { modulesDone: 2 } });
    // Nothing is written as time passes: the moment read decides "expiring" and "expired".
    const certificate = rowOf((await readKept(db, a.id)).rows, "Bo Coach").certificate!;
    const expiring = new Date(new Date(certificate.expiresAt).getTime() - 10 * 86_400_000);
    expect(rowOf((await readKept(db, a.id, expiring)).rows, "Bo Coach").status).toBe("expiring");
    expect(rowOf((await readKept(db, a.id, new Date(certificate.expiresAt))).rows, "Bo Coach").status).toBe("expired");
  });

  it("shows a deactivated or anonymised coach at once, with the same training counted", async () => {
    const { db, a, coordinator } = await setup();
    const cia = await createUser(db, { role: "coach", municipalityId: a.id, name: "Cia Coach" });
    const dan = await createUser(db, { role: "coach", municipalityId: a.id, name: "Dan Coach" });
    await readAll(db, cia.id, modules()[0]!, at(-60));
    await readAll(db, dan.id, modules()[0]!, at(-60));

    expect(await deactivatePerson(db, { personId: cia.id, actorId: coordinator.id }, at(-5))).toBe("deactivated");
    let kept = await readKept(db, a.id);
    expect(rowOf(kept.rows, "Cia Coach")).toMatchObject({ status: "deactivated", progress: { lessonsDone: modules()[0]!.lessons.length } });
    expect(kept.figures).toMatchObject({ active: 1, inTraining: 1 });
    expect(kept.figures.funnel.find((m) => m.module === modules()[0]!.slug)).toMatchObject({ started: 1 });

    expect(await anonymisePerson(db, { personId: dan.id, actorId: null, reason: "admin" }, at(-1))).toMatchObject({ status: "anonymised" });
    kept = await readKept(db, a.id);
    expect(kept.rows.find((row) => row.userId === dan.id)).toMatchObject({ status: "deactivated", progress: { lessonsDone: modules()[0]!.lessons.length } });
    expect(kept.figures).toMatchObject({ active: 0, inTraining: 0 });
  });

  it("leaves the summary as it was when the write fails", async () => {
    const { db, a } = await setup();
    const eva = await createUser(db, { role: "coach", municipalityId: a.id, name: "Eva Coach" });
    const module = modules()[0]!;
    const before = await db.selectFrom("progress_summary").selectAll().where("user_id", "=", eva.id).executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await recordLessonCompletion(trx, { userId: eva.id, track: TRACK, module: module.slug, lesson: module.lessons[0]!.slug, contentHash: module.contentHash, now: at(-5) });
        await takeTest(trx, eva.id, module, at(-4), false);
        throw new Error("the request failed after the writes");
      }),
    ).rejects.toThrow("the request failed");
    expect(await db.selectFrom("progress_summary").selectAll().where("user_id", "=", eva.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(rowOf(await rosterRows(db, { municipalityId: a.id, content, filters: ALL, now: NOW }), "Eva Coach")).toMatchObject({ status: "not_started", progress: { lessonsDone: 0 } });
  });

  it("computes a summary made for other content again before the roster reads it", async () => {
    const { db, a } = await setup();
    const fia = await createUser(db, { role: "coach", municipalityId: a.id, name: "Fia Coach" });
    await readAll(db, fia.id, modules()[0]!, at(-60));
    // The same person summarised against a build where the first module has one more lesson: a deploy with new content.
    const first = modules()[0]!;
    const older: ContentIndex = {
      ...content,
      modules: { ...content.modules, [first.slug]: { ...first, lessons: [...first.lessons, { ...first.lessons[0]!, slug: "ny-lektion" }] } },
    };
    await refreshProgressSummaries(db, [fia.id], older, NOW);
    expect((await db.selectFrom("progress_summary").select("lessons_total").where("user_id", "=", fia.id).executeTakeFirstOrThrow()).lessons_total).toBe(
      modules().reduce((sum, m) => sum + m.lessons.length, 0) + 1,
    );
    const row = rowOf(await rosterRows(db, { municipalityId: a.id, content, filters: ALL, now: NOW }), "Fia Coach");
    expect(row.progress).toEqual({ modulesDone: 0, modulesTotal: 2, lessonsDone: first.lessons.length, lessonsTotal: modules().reduce((sum, m) => sum + m.lessons.length, 0) });
  });
});

describe("in-person activity, read beside the summary", () => {
  it("counts a course day as the last activity in the list, its pages and the export alike, and keeps a coach from stalling", async () => {
    const { db, a } = await setup();
    const [lena, mats] = await Promise.all(["Lena Coach", "Mats Coach"].map((name) => createUser(db, { role: "coach", municipalityId: a.id, name })));
    for (const module of modules()) {
      await readAll(db, lena!.id, module, at(-600));
      await takeTest(db, lena!.id, module, at(-590), true);
    }
    await issueCertificateIfEligible(db, { userId: lena!.id, track: track(), content, now: at(-580) });
    await attendSession(db, { userId: lena!.id, track: TRACK, stepKey: "traff", at: at(-5) });
    // Read long ago online, at a course day last week: in training, not stalled.
    await readAll(db, mats!.id, modules()[0]!, new Date(NOW.getTime() - 90 * 86_400_000));
    await attendSession(db, { userId: mats!.id, track: TRACK, stepKey: "traff", at: new Date(NOW.getTime() - 7 * 86_400_000) });

    const page = await listRoster(db, { municipalityId: a.id, content, filters: ALL, page: 1, pageSize: 50, now: NOW });
    const all = await rosterRows(db, { municipalityId: a.id, content, filters: ALL, now: NOW });
    for (const rows of [page.rows, all]) {
      expect(rowOf(rows, "Lena Coach")).toMatchObject({ status: "certified", lastActivityAt: at(-5).toISOString() });
      expect(rowOf(rows, "Mats Coach")).toMatchObject({ status: "in_training", lastActivityAt: new Date(NOW.getTime() - 7 * 86_400_000).toISOString() });
    }
    expect(await rosterFigures(db, { municipalityId: a.id, content, now: NOW })).toMatchObject({ certified: 1, inTraining: 1, stalled: 0 });
    const byActivity = await listRoster(db, { municipalityId: a.id, content, filters: { ...ALL, sort: "activity", dir: "desc" }, page: 1, pageSize: 50, now: NOW });
    expect(byActivity.rows.map((row) => row.name)).toEqual(["Lena Coach", "Mats Coach"]);
  });
});

describe("the figures and the list read the same summary", () => {
  it("count each status as many times as the list shows it, and filter the list the same way", async () => {
    const { db, a, actor } = await setup();
    const people = await Promise.all(["Gun", "Hans", "Ida", "Jan", "Kim"].map((name) => createUser(db, { role: "coach", municipalityId: a.id, name: `${name} Coach` })));
    const [gun, hans, ida, jan] = people;
    await readAll(db, gun!.id, modules()[0]!, at(-60));
    await readAll(db, hans!.id, modules()[0]!, new Date(NOW.getTime() - 40 * 86_400_000));
    for (const person of [ida!, jan!]) {
      for (const module of modules()) {
        await readAll(db, person.id, module, at(-60));
        await takeTest(db, person.id, module, at(-50), true);
      }
      await issueCertificateIfEligible(db, { userId: person.id, track: track(), content, now: at(-40) });
    }
    const janRow = rowOf(await rosterRows(db, { municipalityId: a.id, content, filters: ALL, now: NOW }), "Jan Coach");
    await revokeCertificate(db, { certificateId: janRow.certificate!.id, actor, reason: "Felaktigt utfärdat", now: at(-30) });

    const { rows, figures } = await readKept(db, a.id);
    const count = (...statuses: string[]) => rows.filter((row) => row.role === "coach" && row.status && statuses.includes(row.status)).length;
    expect(figures).toMatchObject({
      active: 5,
      notStarted: count("not_started"),
      inTraining: count("in_training", "stalled"),
      stalled: count("stalled"),
      certified: count("certified", "expiring"),
      revoked: count("revoked"),
    });
    expect([figures.notStarted, figures.inTraining, figures.stalled, figures.certified, figures.revoked]).toEqual([1, 2, 1, 1, 1]);
    for (const status of ["not_started", "in_training", "stalled", "certified", "revoked"] as const) {
      const page = await listRoster(db, { municipalityId: a.id, content, filters: { ...ALL, status }, page: 1, pageSize: 50, now: NOW });
      expect(page.rows.map((row) => row.name)).toEqual(rows.filter((row) => row.status === status).map((row) => row.name));
    }
    const unfinished = await listRoster(db, { municipalityId: a.id, content, filters: { ...ALL, module: modules()[0]!.slug }, page: 1, pageSize: 50, now: NOW });
    expect(unfinished.rows.map((row) => row.name)).toEqual(["Gun Coach", "Hans Coach", "Kim Coach"]);
  });
});
