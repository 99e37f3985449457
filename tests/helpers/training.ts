// SPDX-License-Identifier: EUPL-1.2
// A coach's training history at the times a test needs, written by the app's own functions
// (recordLessonCompletion, recordAttempt, issueCertificateIfEligible, revokeCertificate), so
// every row is one the app could have written and everything the app keeps beside it (the
// progress summary, audit, email) follows. Build a history in the order it happened.
import type { Kysely } from "kysely";
import { getContent, type ContentIndex, type Module, type Question, type Track } from "~/content/content.server";
import { addMonths, startOfStockholmDay } from "~/lib/dates";
import { iso } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import { issueCertificateIfEligible, revokeCertificate, type IssueResult } from "~/modules/certification/certification.server";
import { expiryForIssue, lastValidDay } from "~/modules/certification/rules";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { answerField, recordAttempt, type Answers } from "~/modules/learning/quiz.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

function trackOf(content: ContentIndex, slug: string): Track {
  const track = content.tracks.find((t) => t.slug === slug);
  if (!track) throw new Error(`Spåret ${slug} finns inte i innehållet (CONTENT_DIR)`);
  return track;
}

/** The person marks a lesson as read, on the content version `hash`. */
export async function readLesson(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; lesson: string; at: Date; hash: string },
): Promise<void> {
  await recordLessonCompletion(db, { userId: input.userId, track: input.track, module: input.module, lesson: input.lesson, contentHash: input.hash, now: input.at });
}

/** The option ids that answer a question right, or wrong. */
function answer(question: Question, right: boolean): string[] {
  if (question.type === "truefalse") return [String(right ? question.answer : !question.answer)];
  const options = question.options.filter((o) => o.correct === right).map((o) => o.id);
  return right ? options : options.slice(0, 1);
}

/**
 * The form a person sends who answers the questions their attempt shows (the test page's
 * `questions`): right, or wrong where `right` says so for that question's number (from 0).
 */
export function answerForm(module: Module, shown: Array<{ id: string }>, right: boolean | ((index: number) => boolean) = true): Record<string, string[]> {
  return Object.fromEntries(
    shown.map(({ id }, i) => {
      const question = module.quiz.questions.find((q) => q.id === id);
      if (!question) throw new Error(`Frågan ${id} finns inte i ${module.slug}`);
      return [answerField(id), answer(question, typeof right === "function" ? right(i) : right)];
    }),
  );
}

/**
 * The questions of the module's pool that a test page's HTML asks, in the order shown: those
 * whose answer field is on the page. What a client of the real pages answers (the crash test,
 * the bench, the end-to-end helpers), since an attempt asks only part of the pool.
 */
export function questionsShownIn(module: Module, html: string): Array<{ id: string }> {
  const shown = module.quiz.questions
    .map((question) => ({ id: question.id, at: html.indexOf(`name="${answerField(question.id)}"`) }))
    .filter((question) => question.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (shown.length === 0) throw new Error(`Sidan visar inga frågor ur ${module.slug}`);
  return shown.map(({ id }) => ({ id }));
}

/** answerForm's fields as a browser posts them (application/x-www-form-urlencoded). */
export function formBody(form: Record<string, string[]>): URLSearchParams {
  return new URLSearchParams(Object.entries(form).flatMap(([field, values]) => values.map((value) => [field, value])));
}

/**
 * The person submits the module's knowledge test with `score` questions answered right and the
 * rest wrong, on the content version `hash`; the app scores it. `maxScore` and `passed` say what
 * the test expects, and a mismatch with the module's quiz and the track's pass mark fails at once.
 * Returns the attempt's id.
 */
export async function takeTest(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; at: Date; hash: string; score: number; maxScore: number; passed: boolean },
): Promise<string> {
  const content = getContent();
  const track = trackOf(content, input.track);
  const quiz = content.modules[input.module]?.quiz;
  if (!quiz) throw new Error(`Modulen ${input.module} finns inte i innehållet`);
  // The pool's first questions stand for one draw of the attempt.
  const answers: Answers = quiz.questions.slice(0, quiz.perAttempt).map((question, i) => ({ question: question.id, chosen: answer(question, i < input.score) }));
  const attempt = await recordAttempt(db, {
    userId: input.userId,
    track: input.track,
    module: input.module,
    contentHash: input.hash,
    quiz,
    answers,
    passPercent: track.passPercent,
    now: input.at,
  });
  const expected = { score: input.score, maxScore: input.maxScore, passed: input.passed };
  const scored = { score: attempt.score, maxScore: attempt.maxScore, passed: attempt.passed };
  if (JSON.stringify(expected) !== JSON.stringify(scored)) {
    throw new Error(`Kunskapstestet i ${input.module} ger ${JSON.stringify(scored)}, inte ${JSON.stringify(expected)}`);
  }
  return attempt.id;
}

/** Passes the module's test with every answer right. */
async function passTest(db: Kysely<Database>, content: ContentIndex, input: { userId: string; track: string; module: string; at: Date }): Promise<void> {
  const module = content.modules[input.module]!;
  const max = module.quiz.perAttempt;
  await takeTest(db, { ...input, hash: module.contentHash, score: max, maxScore: max, passed: true });
}

/**
 * The person attended a session of the step: a session of their municipality at `at` (already
 * over), booked and marked as attended. Returns the session's id.
 */
export async function attendSession(
  db: Kysely<Database>,
  input: { userId: string; track: string; stepKey: string; at: Date; attended?: boolean },
): Promise<string> {
  const user = await db.selectFrom("user").select("municipality_id").where("id", "=", input.userId).executeTakeFirstOrThrow();
  const id = newId();
  const at = input.at.toISOString();
  await db
    .insertInto("training_session")
    .values({
      id,
      municipality_id: user.municipality_id!,
      partner_municipality_id: null,
      track: input.track,
      step_key: input.stepKey,
      starts_at: at,
      ends_at: new Date(input.at.getTime() + 6 * 3_600_000).toISOString(),
      place: "Kommunhuset",
      details: null,
      capacity: 20,
      signup_deadline: at,
      cancelled_at: null,
      cancel_reason: null,
      created_by: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db.insertInto("session_booking").values({ id: newId(), session_id: id, user_id: input.userId, status: "booked", position: 1, queued_at: at, created_at: at, updated_at: at }).execute();
  await db
    .insertInto("session_attendance")
    .values({ session_id: id, user_id: input.userId, attended: input.attended === false ? 0 : 1, marked_by: null, marked_at: at })
    .execute();
  return id;
}

/** Every required session step of the track attended at `at`. */
export async function attendRequiredSessions(db: Kysely<Database>, content: ContentIndex, input: { userId: string; track: string; at: Date }): Promise<void> {
  const track = trackOf(content, input.track);
  for (const step of track.sessions.filter((s) => s.required)) {
    await attendSession(db, { userId: input.userId, track: track.slug, stepKey: step.key, at: input.at });
  }
}

/** The required session steps of the track the person has not attended. */
async function stepsNotAttended(db: Kysely<Database>, track: Track, userId: string): Promise<string[]> {
  const attended = await db
    .selectFrom("session_attendance")
    .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
    .select("training_session.step_key")
    .where("session_attendance.user_id", "=", userId)
    .where("session_attendance.attended", "=", 1)
    .where("training_session.track", "=", track.slug)
    .execute();
  const done = new Set(attended.map((a) => a.step_key));
  return track.sessions.filter((s) => s.required && !done.has(s.key)).map((s) => s.key);
}

/**
 * Every lesson of every module in the track read, and every test passed, on the current
 * version; and every required session step attended, so the track is complete. The app
 * issues the certificate only when asked (certify): the test's page asks at the last test.
 */
export async function completeTrack(db: Kysely<Database>, content: ContentIndex, input: { userId: string; track: string; at: Date }): Promise<void> {
  const track = trackOf(content, input.track);
  await attendRequiredSessions(db, content, input);
  for (const slug of track.modules) {
    const module = content.modules[slug]!;
    for (const lesson of module.lessons) {
      await readLesson(db, { userId: input.userId, track: track.slug, module: slug, lesson: lesson.slug, at: input.at, hash: module.contentHash });
    }
    await passTest(db, content, { userId: input.userId, track: track.slug, module: slug, at: input.at });
  }
}

/** The moment a certificate must be issued to end at `expiresAt`: the same day `validityMonths` earlier, at 09:00 in Stockholm. */
function issuedFor(expiresAt: Date, validityMonths: number): Date {
  const at = new Date(startOfStockholmDay(addMonths(lastValidDay(expiresAt), -validityMonths)).getTime() + 9 * 3_600_000);
  if (expiryForIssue(at, validityMonths).getTime() !== expiresAt.getTime()) {
    throw new Error(`Inget intyg utfärdat en dag ger slutet ${iso(expiresAt)} (giltigt ${validityMonths} månader)`);
  }
  return at;
}

/** Anything of the person's in the track written after `at`: a history built out of order. */
async function laterHistory(db: Kysely<Database>, userId: string, track: string, at: Date): Promise<string | undefined> {
  const lesson = await db.selectFrom("lesson_completion").select("completed_at as at").where("user_id", "=", userId).where("track", "=", track).where("completed_at", ">", iso(at)).executeTakeFirst();
  const attempt = await db.selectFrom("quiz_attempt").select("submitted_at as at").where("user_id", "=", userId).where("track", "=", track).where("submitted_at", ">", iso(at)).executeTakeFirst();
  return lesson?.at ?? attempt?.at;
}

/** The modules whose test the person passed after their last certificate ended (or ever, without one). */
async function modulesPassedSinceLastCertificate(db: Kysely<Database>, userId: string, track: string): Promise<Set<string>> {
  const ends = await db.selectFrom("certification").select(["expires_at", "revoked_at"]).where("user_id", "=", userId).where("track", "=", track).execute();
  const lastEnd = ends.map((c) => (c.revoked_at && c.revoked_at < c.expires_at ? c.revoked_at : c.expires_at)).sort().at(-1) ?? "";
  const passes = await db
    .selectFrom("quiz_attempt")
    .select("module")
    .where("user_id", "=", userId)
    .where("track", "=", track)
    .where("passed", "=", 1)
    .where("submitted_at", ">", lastEnd)
    .execute();
  return new Set(passes.map((p) => p.module));
}

async function sessionUser(db: Kysely<Database>, userId: string): Promise<SessionUser> {
  const row = await db
    .selectFrom("user")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .select(["user.id", "user.email", "user.name", "user.role", "user.municipality_id", "user.school", "municipality.slug", "municipality.name as municipality_name"])
    .where("user.id", "=", userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    municipalityId: row.municipality_id,
    municipalitySlug: row.slug,
    municipalityName: row.municipality_name,
    school: row.school,
  };
}

/**
 * The person holds a certificate of the track, issued by the app at `issuedAt`, or at the
 * moment that makes it end at `expiresAt` (the track's validity before it). What the person has
 * not done by then is done at that moment: the lessons read, the tests passed, the course days
 * attended. If a certificate already holds then, passing the refresher in its window renews it.
 * With `revokedAt`, `revokedBy` (a coordinator of the municipality, or an admin) revokes it then.
 */
export async function certify(
  db: Kysely<Database>,
  input: { userId: string; municipalityId: string; track: string } & ({ revokedAt?: undefined } | { revokedAt: Date; revokedBy: string; reason?: string }) & (
    | { issuedAt: Date; expiresAt?: undefined }
    | { expiresAt: Date; issuedAt?: undefined }
  ),
): Promise<{ id: string; code: string; issuedAt: string; expiresAt: string }> {
  const content = getContent();
  const track = trackOf(content, input.track);
  const at = input.issuedAt ?? issuedFor(input.expiresAt!, track.validityMonths);
  const person = await db.selectFrom("user").select("municipality_id").where("id", "=", input.userId).executeTakeFirstOrThrow();
  if (person.municipality_id !== input.municipalityId) throw new Error("Intyget utfärdas i personens egen kommun");
  const later = await laterHistory(db, input.userId, track.slug, at);
  if (later) throw new Error(`Personen har gjort något i spåret ${later}, efter att intyget ska utfärdas ${iso(at)}: bygg historiken i tidsordning`);

  const issue = () => issueCertificateIfEligible(db, { userId: input.userId, track, content, now: at });
  let result: IssueResult | null = await issue();
  if (result?.outcome === "existing") {
    if (!track.refresher) throw new Error(`Ett giltigt intyg gäller redan ${iso(at)} och spåret har ingen repetition`);
    await passTest(db, content, { userId: input.userId, track: track.slug, module: track.refresher, at });
    result = await issue();
    if (result?.outcome !== "renewed") throw new Error(`Ett giltigt intyg gäller redan ${iso(at)}, och repetitionsfönstret är inte öppet`);
  } else if (!result) {
    for (const stepKey of await stepsNotAttended(db, track, input.userId)) await attendSession(db, { userId: input.userId, track: track.slug, stepKey, at });
    const passedSince = await modulesPassedSinceLastCertificate(db, input.userId, track.slug);
    for (const slug of track.modules) {
      const module = content.modules[slug]!;
      for (const lesson of module.lessons) {
        await readLesson(db, { userId: input.userId, track: track.slug, module: slug, lesson: lesson.slug, at, hash: module.contentHash });
      }
      if (!passedSince.has(slug)) await passTest(db, content, { userId: input.userId, track: track.slug, module: slug, at });
    }
    result = await issue();
    if (!result || result.outcome === "existing") throw new Error(`Intyget utfärdades inte ${iso(at)}`);
  }

  const certificate = result.certificate;
  if (input.expiresAt && certificate.expiresAt !== iso(input.expiresAt)) {
    throw new Error(`Intyget slutar ${certificate.expiresAt}, inte ${iso(input.expiresAt)}`);
  }
  if (input.revokedAt) {
    const actor = await sessionUser(db, input.revokedBy);
    const revoked = await revokeCertificate(db, { certificateId: certificate.id, actor, reason: input.reason ?? "Felaktigt utfärdat", now: input.revokedAt });
    if (revoked.status !== "revoked") throw new Error(`Intyget kunde inte återkallas: ${revoked.status}`);
  }
  return { id: certificate.id, code: certificate.code, issuedAt: certificate.issuedAt, expiresAt: certificate.expiresAt };
}
