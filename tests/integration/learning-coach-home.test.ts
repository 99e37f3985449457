// SPDX-License-Identifier: EUPL-1.2
// The coach's home page, /utbildning: what it shows for a coach in every state (nothing done,
// halfway, every lesson read but the test not passed, certified, in the refresher window,
// expired, revoked, course days booked, waited for, attended or credited, two tracks), and
// that it answers with a fixed number of queries however many tracks the coach takes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KyselyPlugin } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findTrack, getContent, type Track } from "~/content/content.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { issueCertificateIfEligible, revokeCertificate } from "~/modules/certification/certification.server";
import { registerPriorTraining } from "~/modules/certification/credits.server";
import { markAttendance } from "~/modules/course-days/attendance.server";
import { signUp } from "~/modules/course-days/booking.server";
import { createTrainingSession, type SessionFormInput } from "~/modules/course-days/course-days.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { recordAttempt, type Answers } from "~/modules/learning/quiz.server";
import { loader as myTrainingLoader } from "~/routes/utbildning._index";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";
import { BOOSTER, blendedContent, DAY_1 } from "../helpers/blended-content";

// Two copies of the fixture content: "grund" with a course day and a booster that renews, and
// in the second a further coach track, "fordjupning".
let oneTrack: string;
let twoTracks: string;
beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "coachens-startsida-"));
  oneTrack = path.join(base, "ett-spar");
  twoTracks = path.join(base, "tva-spar");
  for (const dir of [oneTrack, twoTracks]) blendedContent([DAY_1, BOOSTER], { boosterWithinMonths: 12, dir });
  fs.writeFileSync(
    path.join(twoTracks, "tracks/fordjupning.md"),
    ["---", "title: Fördjupningen", "summary: Ett andra spår för coacher.", "modules:", "  - andra-modulen", "passPercent: 75", "---", "Ett andra spår."].join("\n"),
  );
  process.env.CONTENT_DIR = twoTracks;
});
afterAll(() => {
  fs.rmSync(path.dirname(oneTrack), { recursive: true, force: true });
});

// The page reads the clock; the states below are written at fixed times before it.
const NOW = new Date("2027-03-01T10:00:00Z");
const monthsBefore = (months: number) => new Date(Date.UTC(2027, 2 - months, 1, 10));
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  process.env.CONTENT_DIR = twoTracks;
});
afterEach(() => {
  vi.useRealTimers();
});

const content = () => getContent();
const track = (slug: string): Track => findTrack(content(), slug)!;

type Actor = SessionUser & { municipalityId: string };

async function place() {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`);
  const coordinatorRow = await createUser(db, { role: "coordinator", municipalityId: municipality.id, name: "Sara Samordnare" });
  const coordinator: Actor = { ...coordinatorRow, municipalityId: municipality.id, municipalitySlug: municipality.slug, municipalityName: municipality.name, school: null };
  return { db, municipality, coordinator };
}

type Place = Awaited<ReturnType<typeof place>>;

let coaches = 0;
async function coach(p: Place, name: string) {
  coaches++;
  return createUser(p.db, { role: "coach", municipalityId: p.municipality.id, name, email: `coach${coaches}@test.example` });
}

/** The right answers of a module's test, as the form would carry them once parsed. */
function rightAnswers(module: string): Answers {
  const quiz = content().modules[module]!.quiz;
  return quiz.questions.slice(0, quiz.perAttempt).map((q) => ({
    question: q.id,
    chosen: q.type === "truefalse" ? [String(q.answer)] : q.options.filter((o) => o.correct).map((o) => o.id),
  }));
}

async function read(p: Place, userId: string, trackSlug: string, module: string, at: Date, lessons?: string[]) {
  const m = content().modules[module]!;
  for (const lesson of lessons ?? m.lessons.map((l) => l.slug)) {
    await recordLessonCompletion(p.db, { userId, track: trackSlug, module, lesson, contentHash: m.contentHash, now: at });
  }
}

async function test(p: Place, userId: string, trackSlug: string, module: string, at: Date, pass: boolean) {
  const m = content().modules[module]!;
  const answers = pass ? rightAnswers(module) : rightAnswers(module).map((a) => ({ question: a.question, chosen: [] }));
  await recordAttempt(p.db, { userId, track: trackSlug, module, contentHash: m.contentHash, quiz: m.quiz, answers, passPercent: track(trackSlug).passPercent, now: at });
}

/** Reads every lesson of the track and passes every test, at `at`. */
async function finishOnline(p: Place, userId: string, trackSlug: string, at: Date) {
  for (const module of track(trackSlug).modules) {
    await read(p, userId, trackSlug, module, at);
    await test(p, userId, trackSlug, module, at, true);
  }
}

// Course days by a stable name, so the page's links to them compare across runs.
const dayNames = new Map<string, string>();
async function courseDay(p: Place, step: string, starts: Date, capacity = 5) {
  const day = starts.toISOString().slice(0, 10);
  const deadline = new Date(starts.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  const form: SessionFormInput = { step: `grund/${step}`, date: day, start: "09:00", end: "16:00", place: "Kommunhuset", capacity, deadline };
  const created = await createTrainingSession(p.db, { actor: p.coordinator, form, content: content(), now: new Date(starts.getTime() - 20 * 86_400_000) });
  if (created.status !== "saved") throw new Error(JSON.stringify(created.errors));
  dayNames.set(created.session.id, `${step}@${day}`);
  return created.session;
}

async function book(p: Place, sessionId: string, user: { id: string; name: string; email: string }, at: Date) {
  return signUp(p.db, { sessionId, coach: { id: user.id, name: user.name, email: user.email }, content: content(), now: at });
}

/** A course day in the past that the coach booked and attended. */
async function attend(p: Place, user: { id: string; name: string; email: string }, step: string, starts: Date) {
  const session = await courseDay(p, step, starts);
  await book(p, session.id, user, new Date(starts.getTime() - 10 * 86_400_000));
  await markAttendance(p.db, { actor: p.coordinator, session, attendedUserIds: [user.id], content: content(), now: new Date(starts.getTime() + 8 * 3_600_000) });
}

async function home(userId: string) {
  const result = await call(myTrainingLoader, get("/utbildning", await cookieFor(userId)));
  expect(result.status).toBe(200);
  return JSON.parse(JSON.stringify(result.data).replace(/\/traffar\/(\w+)/g, (link, id: string) => `/traffar/${dayNames.get(id) ?? id}`));
}

/** Counts the statements the app sends while `fn` runs. */
async function countingQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const previous = globalThis.__coachportalenDb!;
  globalThis.__coachportalenDb = previous.withPlugin(counter) as typeof previous;
  try {
    const result = await fn();
    return { result, queries };
  } finally {
    globalThis.__coachportalenDb = previous;
  }
}

describe("the coach's home page", () => {
  it("shows the same as before for a coach in every state", async () => {
    const p = await place();
    const states: Record<string, unknown> = {};

    const fresh = await coach(p, "Inte Påbörjad");
    states["inte påbörjad"] = await home(fresh.id);

    const halfway = await coach(p, "Halvvägs Hanna");
    await read(p, halfway.id, "grund", "forsta-modulen", monthsBefore(1), ["borja-har"]);
    states["halvvägs"] = await home(halfway.id);

    const allRead = await coach(p, "Allt Läst");
    for (const module of ["forsta-modulen", "andra-modulen"]) await read(p, allRead.id, "grund", module, monthsBefore(1));
    await test(p, allRead.id, "grund", "forsta-modulen", monthsBefore(1), true);
    await test(p, allRead.id, "grund", "andra-modulen", monthsBefore(1), false);
    states["allt läst, testet inte godkänt"] = await home(allRead.id);

    // Every module done, the course day still ahead: booked on one, waiting for a full one.
    const booked = await coach(p, "Bokad Bo");
    await finishOnline(p, booked.id, "grund", monthsBefore(1));
    const full = await courseDay(p, "dag-1", new Date("2027-03-20T08:00:00Z"), 1);
    await book(p, full.id, booked, monthsBefore(1));
    states["modulerna klara, bokad på en träff"] = await home(booked.id);
    const waiting = await coach(p, "Väntande Vera");
    await finishOnline(p, waiting.id, "grund", monthsBefore(1));
    await book(p, full.id, waiting, monthsBefore(1));
    states["modulerna klara, på väntelistan"] = await home(waiting.id);

    // Certified by attending the course day last; the page's own catch-up issues nothing twice.
    const certified = await coach(p, "Certifierad Cecilia");
    await finishOnline(p, certified.id, "grund", monthsBefore(2));
    await attend(p, certified, "dag-1", monthsBefore(1));
    states["certifierad"] = await home(certified.id);

    // Certified before the page was there to issue it: the page catches up.
    const catchUp = await coach(p, "Ikapp Ivar");
    await attend(p, catchUp, "dag-1", monthsBefore(3));
    await finishOnline(p, catchUp.id, "grund", monthsBefore(2));
    states["klar men utan intyg: sidan utfärdar"] = await home(catchUp.id);
    await home(catchUp.id);
    expect(await p.db.selectFrom("certification").select("id").where("user_id", "=", catchUp.id).execute()).toHaveLength(1);

    // In the refresher window: certified 23 months ago, a booster booked ahead.
    const expiring = await coach(p, "Utgående Ulla");
    await attend(p, expiring, "dag-1", monthsBefore(24));
    await finishOnline(p, expiring.id, "grund", monthsBefore(23));
    await issueCertificateIfEligible(p.db, { userId: expiring.id, track: track("grund"), content: content(), now: monthsBefore(23) });
    const booster = await courseDay(p, "booster-traff", new Date("2027-03-25T08:00:00Z"));
    await book(p, booster.id, expiring, monthsBefore(0));
    states["i repetitionsfönstret, booster bokad"] = await home(expiring.id);

    const expired = await coach(p, "Utgången Ulf");
    await attend(p, expired, "dag-1", monthsBefore(27));
    await finishOnline(p, expired.id, "grund", monthsBefore(26));
    await issueCertificateIfEligible(p.db, { userId: expired.id, track: track("grund"), content: content(), now: monthsBefore(26) });
    states["intyget har gått ut"] = await home(expired.id);

    const revoked = await coach(p, "Återkallad Åsa");
    await finishOnline(p, revoked.id, "grund", monthsBefore(3));
    await attend(p, revoked, "dag-1", monthsBefore(2));
    const [certificate] = await p.db.selectFrom("certification").select("id").where("user_id", "=", revoked.id).execute();
    await revokeCertificate(p.db, { certificateId: certificate!.id, actor: p.coordinator, reason: "Intyget utfärdades av misstag.", now: monthsBefore(1) });
    states["intyget återkallat"] = await home(revoked.id);

    // Earlier training credited by the coordinator: the first module and the course day.
    const credited = await coach(p, "Tillgodoräknad Tove");
    const registered = await registerPriorTraining(p.db, {
      actor: p.coordinator,
      content: content(),
      track: track("grund"),
      coachId: credited.id,
      all: false,
      steps: ["forsta-modulen", "dag-1"],
      date: "2026-11-15",
      note: null,
      now: monthsBefore(2),
    });
    expect(registered.ok).toBe(true);
    states["tidigare utbildning registrerad"] = await home(credited.id);

    // Both tracks under way: certified in one, halfway in the other.
    const both = await coach(p, "Båda Spåren");
    await finishOnline(p, both.id, "fordjupning", monthsBefore(4));
    await read(p, both.id, "grund", "forsta-modulen", monthsBefore(1));
    states["två spår"] = await home(both.id);

    expect(states).toMatchSnapshot();
  });

  it("answers with a fixed number of queries, however many tracks the coach takes", async () => {
    const p = await place();
    const user = await coach(p, "Räknad Rut");
    await attend(p, user, "dag-1", monthsBefore(3));
    await finishOnline(p, user.id, "grund", monthsBefore(2));
    await read(p, user.id, "fordjupning", "andra-modulen", monthsBefore(1));
    const cookie = await cookieFor(user.id);
    const load = () => call(myTrainingLoader, get("/utbildning", cookie));
    await load(); // issues the certificate the page catches up on

    process.env.CONTENT_DIR = oneTrack;
    const one = await countingQueries(load);
    expect(one.result.data.tracks).toHaveLength(1);
    process.env.CONTENT_DIR = twoTracks;
    const two = await countingQueries(load);
    expect(two.result.data.tracks).toHaveLength(2);

    expect(two.queries).toBe(one.queries);
    // Two for the sign-in session, six for the records (decision 022).
    expect(two.queries).toBeLessThanOrEqual(8);
  });
});
