// SPDX-License-Identifier: EUPL-1.2
// In-person sessions ("träffar"): coordinators schedule them in Swedish time, coaches sign up
// until they are full and then join the waiting list, a cancellation moves the list up with an
// email, every confirmation carries a calendar file that follows changes, and attendance
// completes the step and, as the last requirement, issues the certificate.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { findTrack, getContent } from "~/content/content.server";
import { DAY_MS, HOUR_MS } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { registerPriorTraining } from "~/modules/certification/credits.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { readAttachments } from "~/modules/email/outbox.server";
import { markAttendance } from "~/modules/course-days/attendance.server";
import { cancelBooking, signUp } from "~/modules/course-days/booking.server";
import { inPersonFigures } from "~/modules/course-days/figures.server";
import { sessionStepProgress } from "~/modules/course-days/progress.server";
import { sendSessionReminders } from "~/modules/course-days/reminders.server";
import {
  answerPartnership,
  cancelTrainingSession,
  createTrainingSession,
  findTrainingSession,
  listSessionsForCoach,
  updateTrainingSession,
  type SessionFormInput,
  type TrainingSession,
} from "~/modules/course-days/course-days.server";
import { action as coordinatorAction, loader as coordinatorLoader } from "~/routes/samordnare.traffar.$id";
import { action as coachAction } from "~/routes/traffar.$id";
import { action as quizAction, loader as quizLoader } from "~/routes/utbildning.$track.$module.kunskapstest";
import { loader as icsLoader } from "~/routes/traffar.$id_.kalender[.ics]";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { answerForm, attendSession, readLesson, takeTest } from "../helpers/training";
import { BOOSTER, blendedContent, DAY_1, DAY_2 } from "../helpers/blended-content";

// The fixture content with the session steps of a blended track added to "grund".
let contentDir: string;
beforeAll(() => {
  contentDir = blendedContent([DAY_1, DAY_2, BOOSTER], { boosterWithinMonths: 12, prefix: "traffar-innehall" });
  process.env.CONTENT_DIR = contentDir;
});
afterAll(() => {
  fs.rmSync(contentDir, { recursive: true, force: true });
});

const content = () => getContent();
const grund = () => findTrack(content(), "grund")!;

type Actor = SessionUser & { municipalityId: string };
function asActor(user: { id: string; email: string; name: string; role: SessionUser["role"]; municipalityId: string | null }): Actor {
  return { ...user, municipalityId: user.municipalityId!, municipalitySlug: null, municipalityName: null, school: null };
}

const NOW = new Date("2026-03-01T10:00:00Z");

async function setting(db = testDb()) {
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
  return { db, hogsby, monsteras, coordinator: asActor(coordinator) };
}

function form(overrides: Partial<SessionFormInput> = {}): SessionFormInput {
  return { step: "grund/dag-1", date: "2026-03-29", start: "09:00", end: "16:00", place: "Kommunhuset, sal B", capacity: 3, deadline: "2026-03-25", ...overrides };
}

async function newSession(s: Awaited<ReturnType<typeof setting>>, overrides: Partial<SessionFormInput> = {}): Promise<TrainingSession> {
  const result = await createTrainingSession(s.db, { actor: s.coordinator, form: form(overrides), content: content(), now: NOW });
  if (result.status !== "saved") throw new Error(JSON.stringify(result.errors));
  return result.session;
}

async function coaches(db: ReturnType<typeof testDb>, municipalityId: string, n: number, prefix = "coach") {
  const list = [];
  for (let i = 0; i < n; i++) list.push(await createUser(db, { role: "coach", municipalityId, name: `Coach ${i + 1}`, email: `${prefix}${i + 1}@hogsby.example` }));
  return list;
}

const bookings = (sessionId: string) =>
  testDb().selectFrom("session_booking").select(["user_id", "status", "position"]).where("session_id", "=", sessionId).orderBy("position").execute();
const outbox = (to: string) => testDb().selectFrom("outbox").select(["subject", "body_text", "attachments"]).where("to_address", "=", to).orderBy("created_at").orderBy("id").execute();
const icsOf = (row: { attachments: string | null }) => readAttachments(row.attachments).map((a) => a.content.toString("utf8"))[0] ?? null;

describe("the basic course", () => {
  it("has two required course days and a booster that keeps the certificate valid for 12 months", () => {
    const { index, errors } = compileContent(path.resolve("content"));
    expect(errors).toEqual([]);
    const track = index.tracks.find((t) => t.slug === "andts-coach-grund")!;
    expect(track.sessions.map((st) => [st.key, st.title, st.kind, st.required])).toEqual([
      ["utbildningsdag-1", "Utbildningsdag 1", "utbildningsdag", true],
      ["utbildningsdag-2", "Utbildningsdag 2", "utbildningsdag", true],
      ["booster-traff", "Booster", "booster", false],
    ]);
    expect(track.boosterExtendsValidity).toEqual({ withinMonths: 12 });
  });
});

describe("scheduling in Swedish time", () => {
  it("stores a session on the last Sunday of March and of October at the right UTC instant", async () => {
    const s = await setting();
    const spring = await newSession(s, { date: "2026-03-29", start: "09:00", end: "16:00" });
    expect([spring.startsAt, spring.endsAt]).toEqual(["2026-03-29T07:00:00.000Z", "2026-03-29T14:00:00.000Z"]);
    const autumn = await newSession(s, { date: "2026-10-25", start: "09:00", end: "16:00", deadline: "2026-10-20" });
    expect([autumn.startsAt, autumn.endsAt]).toEqual(["2026-10-25T08:00:00.000Z", "2026-10-25T15:00:00.000Z"]);
    // Sign-up closes when the deadline day ends in Stockholm: midnight is 22:00 UTC in summer time.
    expect(autumn.signupDeadline).toBe("2026-10-20T22:00:00.000Z");
    expect(spring.signupDeadline).toBe("2026-03-25T23:00:00.000Z");
  });

  it("refuses a time that does not exist when the clocks go forward, an end before the start and a deadline after the day", async () => {
    const s = await setting();
    const result = await createTrainingSession(s.db, {
      actor: s.coordinator,
      form: form({ start: "02:30", end: "01:00", deadline: "2026-03-30" }),
      content: content(),
      now: NOW,
    });
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(result.errors.start).toMatch(/sommartiden/);
    expect(result.errors.deadline).toMatch(/efter träffens datum/);
    const past = await createTrainingSession(s.db, { actor: s.coordinator, form: form({ date: "2026-02-01", deadline: "2026-01-30" }), content: content(), now: NOW });
    expect(past).toMatchObject({ status: "invalid", errors: { date: "Träffen måste ligga i framtiden." } });
    const unknown = await createTrainingSession(s.db, { actor: s.coordinator, form: form({ step: "grund/finns-inte" }), content: content(), now: NOW });
    expect(unknown).toMatchObject({ status: "invalid", errors: { step: "Välj en av träffarna i listan." } });
  });
});

describe("signing up", () => {
  it("never books more than the places: ten sign-ups at once for three places give three booked and seven waiting in order", async () => {
    const s = await setting();
    const session = await newSession(s, { capacity: 3 });
    const people = await coaches(s.db, s.hogsby.id, 10);
    const results = await Promise.all(people.map((coach) => signUp(s.db, { sessionId: session.id, coach, content: content(), now: NOW })));
    expect(results.filter((r) => r.outcome === "booked")).toHaveLength(3);
    const places = results.flatMap((r) => (r.outcome === "waitlisted" ? [r.place] : [])).sort((a, b) => a - b);
    expect(places).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const rows = await bookings(session.id);
    expect(rows.filter((r) => r.status === "booked")).toHaveLength(3);
    // Each booked coach got the confirmation with the calendar file; each waiting one a note without it.
    for (const coach of people) {
      const [mail] = await outbox(coach.email);
      const booked = rows.find((r) => r.user_id === coach.id)!.status === "booked";
      expect(mail!.subject).toBe(booked ? "Du har en plats: Utbildningsdag 1" : "Du står på väntelistan: Utbildningsdag 1");
      expect(icsOf(mail!) !== null).toBe(booked);
    }
    // Signing up twice changes nothing.
    expect(await signUp(s.db, { sessionId: session.id, coach: people[0]!, content: content(), now: NOW })).toMatchObject({ outcome: "already" });
  });

  it("never books more than the places when two processes with their own connections sign up at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "traffar-db-"));
    const file = path.join(dir, "test.db");
    const db = createDatabase(file);
    try {
      await migrateToLatest(db);
      const s = await setting(db as unknown as ReturnType<typeof testDb>);
      const result = await createTrainingSession(db, { actor: s.coordinator, form: form({ date: "2027-03-29", deadline: "2027-03-25", capacity: 3 }), content: content(), now: NOW });
      if (result.status !== "saved") throw new Error("no session");
      const people = await coaches(db as unknown as ReturnType<typeof testDb>, s.hogsby.id, 10, "parallell");
      const startAt = Date.now() + 5_000;
      const run = promisify(execFile);
      const worker = (ids: string[]) =>
        run("npx", ["tsx", "tests/helpers/session-signup-worker.ts", file, result.session.id, String(startAt), ...ids], { env: { ...process.env, CONTENT_DIR: contentDir } });
      const outputs = await Promise.all([worker(people.slice(0, 5).map((p) => p.id)), worker(people.slice(5).map((p) => p.id))]);
      const outcomes = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
      expect(outcomes.filter((o) => o === "booked")).toHaveLength(3);
      expect(outcomes.filter((o) => o === "waitlisted")).toHaveLength(7);
      const rows = await db.selectFrom("session_booking").select("status").where("session_id", "=", result.session.id).execute();
      expect(rows.filter((r) => r.status === "booked")).toHaveLength(3);
    } finally {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("moves the first on the waiting list up when a booked coach cancels, and emails both", async () => {
    const s = await setting();
    const session = await newSession(s, { capacity: 1 });
    const [first, second, third] = await coaches(s.db, s.hogsby.id, 3);
    for (const coach of [first!, second!, third!]) await signUp(s.db, { sessionId: session.id, coach, content: content(), now: NOW });
    const result = await cancelBooking(s.db, { sessionId: session.id, coach: first!, content: content(), now: new Date(NOW.getTime() + HOUR_MS) });
    expect(result).toMatchObject({ outcome: "cancelled", wasBooked: true, promoted: [{ id: second!.id }] });
    expect((await bookings(session.id)).map((b) => [b.user_id, b.status])).toEqual([
      [first!.id, "cancelled"],
      [second!.id, "booked"],
      [third!.id, "waitlisted"],
    ]);
    const promoted = (await outbox(second!.email)).at(-1)!;
    expect(promoted.subject).toBe("Du har fått en plats: Utbildningsdag 1");
    expect(promoted.body_text).toContain("först på väntelistan");
    expect(icsOf(promoted)).toContain("METHOD:REQUEST");
    const cancelled = (await outbox(first!.email)).at(-1)!;
    expect(cancelled.subject).toBe("Din anmälan är avbokad: Utbildningsdag 1");
    expect(icsOf(cancelled)).toMatch(/METHOD:CANCEL[\s\S]*STATUS:CANCELLED/);
    // Leaving the waiting list frees nothing and moves nobody.
    const left = await cancelBooking(s.db, { sessionId: session.id, coach: third!, content: content(), now: new Date(NOW.getTime() + 2 * HOUR_MS) });
    expect(left).toMatchObject({ outcome: "cancelled", wasBooked: false, promoted: [] });
  });

  it("closes sign-up at the deadline and at a cancelled session, and cancelling after the start is refused", async () => {
    const s = await setting();
    const session = await newSession(s, { capacity: 5 });
    const [early, late] = await coaches(s.db, s.hogsby.id, 2);
    await signUp(s.db, { sessionId: session.id, coach: early!, content: content(), now: NOW });
    const afterDeadline = new Date("2026-03-26T08:00:00Z");
    expect(await signUp(s.db, { sessionId: session.id, coach: late!, content: content(), now: afterDeadline })).toMatchObject({
      outcome: "refused",
      message: expect.stringMatching(/Sista dag för anmälan/),
    });
    // Still possible to give the place back after the deadline, not after the start.
    const started = new Date("2026-03-29T07:30:00Z");
    expect(await cancelBooking(s.db, { sessionId: session.id, coach: early!, content: content(), now: started })).toMatchObject({ outcome: "refused" });
    const other = await newSession(s, { date: "2026-04-10", deadline: "2026-04-05" });
    const current = (await findTrainingSession(s.db, other.id))!;
    await cancelTrainingSession(s.db, { actor: s.coordinator, session: current, reason: "Sjukdom", content: content(), now: NOW });
    expect(await signUp(s.db, { sessionId: other.id, coach: late!, content: content(), now: NOW })).toMatchObject({ outcome: "refused", message: "Träffen är inställd." });
  });

  it("shows a joint session, once the partner has accepted, to both municipalities' coaches and lets both coordinators manage it, nobody else", async () => {
    const s = await setting();
    const third = await createMunicipality(s.db, "oskarshamn", "Oskarshamns kommun");
    const joint = await newSession(s, { partner: s.monsteras.id });
    const partnerCoordinator = await createUser(s.db, { role: "coordinator", municipalityId: s.monsteras.id, name: "Mats Samordnare" });
    expect(await answerPartnership(s.db, { actor: asActor(partnerCoordinator), sessionId: joint.id, answer: "accept", content: content(), now: NOW })).toMatchObject({ status: "answered" });
    const [partnerCoach] = await coaches(s.db, s.monsteras.id, 1, "monsteras");
    const [outsider] = await coaches(s.db, third.id, 1, "oskarshamn");
    expect((await listSessionsForCoach(s.db, { userId: partnerCoach!.id, municipalityId: s.monsteras.id, now: NOW })).map((x) => x.id)).toEqual([joint.id]);
    expect(await listSessionsForCoach(s.db, { userId: outsider!.id, municipalityId: third.id, now: NOW })).toEqual([]);

    const thirdCoordinator = await createUser(s.db, { role: "coordinator", municipalityId: third.id });
    expect((await call(coordinatorLoader, get(`/samordnare/traffar/${joint.id}`, await cookieFor(partnerCoordinator.id)), { id: joint.id })).status).toBe(200);
    expect((await call(coordinatorLoader, get(`/samordnare/traffar/${joint.id}`, await cookieFor(thirdCoordinator.id)), { id: joint.id })).status).toBe(404);
    const outsiderSignUp = await call(coachAction, post(`/traffar/${joint.id}`, { intent: "signup" }, await cookieFor(outsider!.id)), { id: joint.id });
    expect(outsiderSignUp.status).toBe(404);
  });

  it("refuses fewer places than are booked, and moves the waiting list up when places are added", async () => {
    const s = await setting();
    const session = await newSession(s, { capacity: 1 });
    const [a, b] = await coaches(s.db, s.hogsby.id, 2);
    for (const coach of [a!, b!]) await signUp(s.db, { sessionId: session.id, coach, content: content(), now: NOW });
    const current = (await findTrainingSession(s.db, session.id))!;
    const more = await updateTrainingSession(s.db, { actor: s.coordinator, session: current, form: form({ capacity: 2 }), content: content(), now: NOW });
    expect(more.status).toBe("saved");
    expect((await bookings(session.id)).map((x) => x.status)).toEqual(["booked", "booked"]);
    const again = (await findTrainingSession(s.db, session.id))!;
    expect(await updateTrainingSession(s.db, { actor: s.coordinator, session: again, form: form({ capacity: 1 }), content: content(), now: NOW })).toMatchObject({
      status: "invalid",
      errors: { capacity: expect.stringMatching(/2 personer har redan en plats/) },
    });
  });
});

describe("the calendar file", () => {
  it("has one UID for the session's life, a SEQUENCE that rises with each change, and UTC times right across daylight saving", async () => {
    const s = await setting();
    const session = await newSession(s, { date: "2026-03-29", start: "09:00", end: "16:00" });
    const [coach] = await coaches(s.db, s.hogsby.id, 1);
    await signUp(s.db, { sessionId: session.id, coach: coach!, content: content(), now: NOW });
    const confirmation = icsOf((await outbox(coach!.email))[0]!)!;
    expect(confirmation).toContain("METHOD:REQUEST");
    expect(confirmation).toContain(`UID:traff-${session.id}@coachportalen.se`);
    expect(confirmation).toContain("DTSTART:20260329T070000Z");
    expect(confirmation).toContain("DTEND:20260329T140000Z");
    expect(confirmation).toContain("SEQUENCE:0");

    // Moved to the last Sunday of October: an update to the same event, one hour later in UTC terms.
    const before = (await findTrainingSession(s.db, session.id))!;
    const later = new Date(NOW.getTime() + HOUR_MS);
    await updateTrainingSession(s.db, { actor: s.coordinator, session: before, form: form({ date: "2026-10-25", deadline: "2026-10-20", place: "Biblioteket" }), content: content(), now: later });
    const update = (await outbox(coach!.email)).at(-1)!;
    expect(update.subject).toBe("Ändrad träff: Utbildningsdag 1");
    expect(update.body_text).toContain("Tidigare: söndag 29 mars 2026 kl. 09:00–16:00, Kommunhuset, sal B");
    const updated = icsOf(update)!;
    expect(updated).toContain(`UID:traff-${session.id}@coachportalen.se`);
    expect(updated).toContain("DTSTART:20261025T080000Z");
    expect(updated).toContain("SEQUENCE:1");

    const moved = (await findTrainingSession(s.db, session.id))!;
    await cancelTrainingSession(s.db, { actor: s.coordinator, session: moved, reason: "För få anmälda", content: content(), now: new Date(later.getTime() + HOUR_MS) });
    const cancellation = (await outbox(coach!.email)).at(-1)!;
    expect(cancellation.subject).toBe("Inställd träff: Utbildningsdag 1");
    expect(cancellation.body_text).toContain("Skäl: För få anmälda");
    const cancelled = icsOf(cancellation)!;
    expect(cancelled).toContain("METHOD:CANCEL");
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:2");
    expect(cancelled).toContain(`UID:traff-${session.id}@coachportalen.se`);
  });

  it("can be downloaded from the session page by a coach who may book it", async () => {
    const s = await setting();
    const session = await newSession(s);
    const [coach] = await coaches(s.db, s.hogsby.id, 1);
    const response = (await icsLoader({ request: get(`/traffar/${session.id}/kalender.ics`, await cookieFor(coach!.id)), params: { id: session.id }, context: {} as never })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("METHOD:PUBLISH");
    expect(text).toContain(`UID:traff-${session.id}@coachportalen.se`);
    expect(text).toContain("DTSTART:20260329T070000Z");
  });
});

/** Every lesson read and every test passed, at `at`. */
async function completeOnline(userId: string, at: Date) {
  for (const slug of grund().modules) {
    const module = content().modules[slug]!;
    for (const lesson of module.lessons) await readLesson(testDb(), { userId, track: "grund", module: slug, lesson: lesson.slug, at, hash: module.contentHash });
    const max = module.quiz.perAttempt;
    await takeTest(testDb(), { userId, track: "grund", module: slug, at, hash: module.contentHash, score: max, maxScore: max, passed: true });
  }
}

describe("attendance", () => {
  it("completes the step, and the last required step attended issues the certificate; a no-show stays visible", async () => {
    const s = await setting();
    const day1 = await newSession(s, { step: "grund/dag-1", capacity: 5 });
    const day2 = await newSession(s, { step: "grund/dag-2", date: "2026-04-05", deadline: "2026-04-01", capacity: 5 });
    const [coach, absent] = await coaches(s.db, s.hogsby.id, 2);
    await completeOnline(coach!.id, NOW);
    for (const session of [day1, day2]) for (const c of [coach!, absent!]) await signUp(s.db, { sessionId: session.id, coach: c, content: content(), now: NOW });
    expect(await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: NOW })).toBeNull();

    const beforeTheDay = await markAttendance(s.db, { actor: s.coordinator, session: day1, attendedUserIds: [coach!.id], content: content(), now: NOW });
    expect(beforeTheDay).toMatchObject({ status: "not_open" });

    const afterDay1 = new Date("2026-03-29T15:00:00Z");
    const first = await markAttendance(s.db, { actor: s.coordinator, session: day1, attendedUserIds: [coach!.id], content: content(), now: afterDay1 });
    expect(first).toMatchObject({ status: "saved", attended: 1, absent: 1, certificates: [] });
    const steps = await sessionStepProgress(s.db, { userId: coach!.id, track: grund(), now: afterDay1 });
    expect(steps.map((st) => [st.key, st.status.kind])).toEqual([
      ["dag-1", "attended"],
      ["dag-2", "booked"],
      ["booster-traff", "none"],
    ]);

    // Through the coordinator's page, as on the day (the page works in real time, after both days).
    const viaPage = await call(coordinatorAction, post(`/samordnare/traffar/${day2.id}`, { intent: "attendance", attended: [coach!.id] }, await cookieFor(s.coordinator.id)), { id: day2.id });
    expect(viaPage.status).toBe(200);
    expect(viaPage.data.notice).toMatch(/1 coach fick sitt intyg/);
    const certificate = (await outbox(coach!.email)).find((m) => m.subject === "Ditt intyg från Coachportalen");
    expect(certificate).toBeDefined();

    // The no-show is recorded, keeps nothing from anyone and earns nothing.
    const marks = await s.db.selectFrom("session_attendance").select(["user_id", "attended"]).where("session_id", "=", day1.id).execute();
    expect(marks.find((m) => m.user_id === absent!.id)?.attended).toBe(0);
    const page = await call(coordinatorLoader, get(`/samordnare/traffar/${day1.id}`, await cookieFor(s.coordinator.id)), { id: day1.id });
    expect(page.data.booked.find((p: { userId: string }) => p.userId === absent!.id).attended).toBe(false);

    const figures = await inPersonFigures(s.db, s.hogsby.id, { content: content(), now: new Date("2026-04-06T10:00:00Z") });
    expect(figures).toEqual({ sessionsHeld: 2, attendances: 2, noShows: 2, coachesTrainedInPerson: 1, upcoming: 0 });
  });

  it("issues the certificate when the last online test comes after the course days", async () => {
    const s = await setting();
    const [coach] = await coaches(s.db, s.hogsby.id, 1);
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "dag-1", at: new Date("2026-01-10T08:00:00Z") });
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "dag-2", at: new Date("2026-01-17T08:00:00Z") });
    expect(await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: NOW })).toBeNull();
    await completeOnline(coach!.id, NOW);
    expect(await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: NOW })).toMatchObject({ outcome: "issued" });
  });

  it("after the last knowledge test, the result names the course days still ahead; one credited from earlier training is not", async () => {
    const s = await setting();
    const [coach] = await coaches(s.db, s.hogsby.id, 1);
    const cookie = await cookieFor(coach!.id);
    for (const slug of grund().modules) {
      const module = content().modules[slug]!;
      for (const lesson of module.lessons) await recordLessonCompletion(s.db, { userId: coach!.id, track: "grund", module: slug, lesson: lesson.slug, contentHash: module.contentHash });
    }
    let result = "";
    for (const slug of grund().modules) {
      const page = await call(quizLoader, get(`/utbildning/grund/${slug}/kunskapstest`, cookie), { track: "grund", module: slug });
      const right = answerForm(content().modules[slug]!, page.data.questions);
      const submitted = await call(quizAction, post(`/utbildning/grund/${slug}/kunskapstest`, right, cookie), { track: "grund", module: slug });
      result = submitted.headers.get("Location")!;
    }
    const params = { track: "grund", module: "andra-modulen" };
    expect((await call(quizLoader, get(result, cookie), params)).data).toMatchObject({ certificate: null, sessionsLeft: ["Utbildningsdag 1", "Utbildningsdag 2"] });

    const registered = await registerPriorTraining(s.db, { actor: s.coordinator, content: content(), track: grund(), coachId: coach!.id, all: false, steps: ["dag-1"], date: "2026-02-01", note: null });
    expect(registered).toMatchObject({ ok: true, certificates: 0 });
    expect((await call(quizLoader, get(result, cookie), params)).data).toMatchObject({ certificate: null, sessionsLeft: ["Utbildningsdag 2"] });
  });
});

describe("boosters", () => {
  it("renew the certificate in its refresher window when attended within the last 12 months, like the refresher", async () => {
    const s = await setting();
    const [coach] = await coaches(s.db, s.hogsby.id, 1);
    const issuedAt = new Date("2026-03-01T10:00:00Z");
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "dag-1", at: new Date("2026-02-01T08:00:00Z") });
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "dag-2", at: new Date("2026-02-08T08:00:00Z") });
    await completeOnline(coach!.id, issuedAt);
    const first = (await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: issuedAt }))!.certificate;
    expect(first.expiresAt).toBe("2028-03-01T23:00:00.000Z");

    // A booster 11 months before the window opens is too old by then; one 5 months before it renews.
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "booster-traff", at: new Date("2026-11-01T09:00:00Z") });
    const inWindow = new Date("2028-01-10T10:00:00Z");
    expect(await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: inWindow })).toMatchObject({ outcome: "existing" });
    await attendSession(s.db, { userId: coach!.id, track: "grund", stepKey: "booster-traff", at: new Date("2027-08-15T08:00:00Z") });
    const renewed = await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: inWindow });
    expect(renewed).toMatchObject({ outcome: "renewed", certificate: { renewsId: first.id, expiresAt: "2030-03-01T23:00:00.000Z" } });
    expect((await outbox(coach!.email)).at(-1)!.body_text).toContain("Du har deltagit i en boosterträff");
    // The same booster does not renew the new certificate again.
    expect(await issueCertificateIfEligible(s.db, { userId: coach!.id, track: grund(), content: content(), now: new Date("2030-01-10T10:00:00Z") })).toMatchObject({
      outcome: "existing",
    });
  });
});

describe("reminders", () => {
  it("remind everyone with a place two days before, once", async () => {
    const s = await setting();
    const session = await newSession(s, { date: "2026-03-29", deadline: "2026-03-25" });
    const [booked, waiting] = await coaches(s.db, s.hogsby.id, 2);
    const small = await newSession(s, { date: "2026-03-29", deadline: "2026-03-25", capacity: 1, place: "Lilla salen" });
    await signUp(s.db, { sessionId: session.id, coach: booked!, content: content(), now: NOW });
    await signUp(s.db, { sessionId: small.id, coach: booked!, content: content(), now: NOW });
    await signUp(s.db, { sessionId: small.id, coach: waiting!, content: content(), now: NOW });
    expect(await sendSessionReminders(s.db, content(), new Date("2026-03-26T06:00:00Z"))).toBe(0);
    const twoDaysBefore = new Date("2026-03-27T06:00:00Z");
    expect(await sendSessionReminders(s.db, content(), twoDaysBefore)).toBe(2);
    expect(await sendSessionReminders(s.db, content(), new Date(twoDaysBefore.getTime() + DAY_MS))).toBe(0);
    const reminder = (await outbox(booked!.email)).at(-1)!;
    expect(reminder.subject).toMatch(/^Påminnelse: Utbildningsdag 1 29 mars 2026 kl\. 09:00$/);
    expect((await outbox(waiting!.email)).every((m) => !m.subject.startsWith("Påminnelse"))).toBe(true);
  });
});
