// SPDX-License-Identifier: EUPL-1.2
// The end-to-end tests' own way into the database the test server uses: each test makes
// the people it needs, so no two tests (or test files) share an account, and reads the
// outbox, which is where email goes when no SMTP server is configured. Training history is
// written by the app's own functions (recordLessonCompletion, recordAttempt,
// issueCertificateIfEligible), so it is what the pages would have written.
import type { Kysely } from "kysely";
import { compileContent } from "~/content/compile.server";
import type { ContentIndex, Question, Track } from "~/content/types";
import { hashPassword } from "~/modules/auth/password.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { submitQuizAttempt } from "~/modules/learning/knowledge-test.server";
import { answerField, openAttempt, recordAttempt } from "~/modules/learning/quiz.server";
import { createDatabase } from "~db/client.server";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";
import { E2E_DATABASE, E2E_PORT } from "../../../playwright.config";

// Links in the email a certificate issued here sends point at the test server, as the server's would.
process.env.APP_URL ??= `http://localhost:${E2E_PORT}`;

let db: Kysely<Database> | undefined;

// Opened on first use: the server deletes and seeds the file when it starts.
function e2eDb(): Kysely<Database> {
  db ??= createDatabase(E2E_DATABASE);
  return db;
}

export const E2E_PASSWORD = "en lång fras för testerna";

export interface E2EUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** A new person with a unique address; by default a coach in Högsby. `municipality` is a slug. */
export async function createUser(
  input: { role?: Role; municipality?: string | null; name?: string; password?: string } = {},
): Promise<E2EUser> {
  const role = input.role ?? "coach";
  const slug = input.municipality === undefined ? (role === "admin" ? null : "hogsby") : input.municipality;
  const municipality = slug
    ? await e2eDb().selectFrom("municipality").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()
    : null;
  const id = newId();
  const user = { id, email: `e2e-${role}-${id}@test.example`, name: input.name ?? "Elin Testsson", password: input.password ?? E2E_PASSWORD };
  await e2eDb()
    .insertInto("user")
    .values({
      id,
      email: user.email,
      name: user.name,
      role,
      municipality_id: municipality?.id ?? null,
      school: role === "school_staff" ? "Testskolan" : null,
      password_hash: await hashPassword(user.password),
      created_at: new Date().toISOString(),
      deactivated_at: null,
    })
    .execute();
  return user;
}

/** The newest email to an address, waiting briefly for the server to write it. */
export async function latestEmailTo(email: string, timeoutMs = 5_000): Promise<{ subject: string; body: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await e2eDb()
      .selectFrom("outbox")
      .select(["subject", "body_text"])
      .where("to_address", "=", email.toLowerCase())
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (row) return { subject: row.subject, body: row.body_text };
    if (Date.now() > deadline) throw new Error(`Inget e-postmeddelande till ${email} i utkorgen`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in an email body. */
export function extractLink(body: string): string {
  const link = /https?:\/\/[^\s]+/.exec(body)?.[0];
  if (!link) throw new Error(`Ingen länk i meddelandet:\n${body}`);
  return link;
}

/** The newest email to an address with the link in it, as its recipient would follow it. */
export async function newestEmailTo(address: string): Promise<{ subject: string; text: string; link: string }> {
  const { subject, body } = await latestEmailTo(address);
  return { subject, text: body, link: extractLink(body) };
}

let content: ContentIndex | undefined;
/** The content the test server serves: the real content, or CONTENT_DIR's when the build's index was compiled from it. */
export function e2eContent(): ContentIndex {
  content ??= compileContent(process.env.CONTENT_DIR || "content").index;
  return content;
}

/**
 * The coach attended every required session step of the track (course days), each at a
 * session of their municipality held yesterday: what a coordinator's attendance list records.
 */
export async function attendRequiredSessions(userId: string, options: { track: string; steps?: string[] }): Promise<void> {
  const track = e2eContent().tracks.find((t) => t.slug === options.track);
  if (!track) throw new Error(`Spåret ${options.track} finns inte`);
  const user = await e2eDb().selectFrom("user").select("municipality_id").where("id", "=", userId).executeTakeFirstOrThrow();
  const starts = new Date(Date.now() - 24 * 3_600_000).toISOString();
  const ends = new Date(Date.now() - 18 * 3_600_000).toISOString();
  for (const step of track.sessions.filter((s) => s.required && (!options.steps || options.steps.includes(s.key)))) {
    const id = newId();
    await e2eDb()
      .insertInto("training_session")
      .values({
        id,
        municipality_id: user.municipality_id!,
        partner_municipality_id: null,
        track: track.slug,
        step_key: step.key,
        starts_at: starts,
        ends_at: ends,
        place: "Testlokalen",
        details: null,
        capacity: 1,
        signup_deadline: starts,
        cancelled_at: null,
        cancel_reason: null,
        created_by: null,
        created_at: starts,
        updated_at: starts,
      })
      .execute();
    await e2eDb().insertInto("session_booking").values({ id: newId(), session_id: id, user_id: userId, status: "booked", position: 1, queued_at: starts, created_at: starts, updated_at: starts }).execute();
    await e2eDb().insertInto("session_attendance").values({ session_id: id, user_id: userId, attended: 1, marked_by: null, marked_at: ends }).execute();
  }
}

/**
 * Every lesson of the track read and every knowledge test passed, but for the test of
 * `module` (by default the track's last), which the test then takes through the pages; and,
 * unless `sessions: false`, every required session step attended.
 */
export async function completeTrackExcept(userId: string, options: { track: string; module?: string | null; sessions?: boolean }): Promise<void> {
  const track = e2eContent().tracks.find((t) => t.slug === options.track);
  if (!track) throw new Error(`Spåret ${options.track} finns inte`);
  if (options.sessions !== false) await attendRequiredSessions(userId, { track: track.slug });
  // null: every test passed, nothing left open.
  const open = options.module === null ? null : options.module ?? track.modules.at(-1);
  const now = new Date();
  for (const slug of track.modules) {
    const module = e2eContent().modules[slug]!;
    for (const lesson of module.lessons) {
      await recordLessonCompletion(e2eDb(), { userId, track: track.slug, module: slug, lesson: lesson.slug, contentHash: module.contentHash, now });
    }
    if (slug !== open) await passTest(userId, track, slug, now);
  }
}

/** The right option ids of a question. */
function rightAnswer(question: Question): string[] {
  return question.type === "truefalse" ? [String(question.answer)] : question.options.filter((o) => o.correct).map((o) => o.id);
}

/** The module's knowledge test submitted with every answer right, scored by the app. */
async function passTest(userId: string, track: Track, slug: string, now: Date): Promise<void> {
  const module = e2eContent().modules[slug]!;
  const attempt = await recordAttempt(e2eDb(), {
    userId,
    track: track.slug,
    module: slug,
    contentHash: module.contentHash,
    quiz: module.quiz,
    // The pool's first questions stand for one draw of the attempt.
    answers: module.quiz.questions.slice(0, module.quiz.perAttempt).map((q) => ({ question: q.id, chosen: rightAnswer(q) })),
    passPercent: track.passPercent,
    now,
  });
  if (!attempt.passed) throw new Error(`Kunskapstestet i ${slug} godkändes inte med alla svar rätt`);
}

/** A coach who has read every lesson of the coach track, passed every test, attended the course days and holds a valid certificate. */
export async function certifyCoach(userId: string): Promise<{ id: string; code: string }> {
  const track = e2eContent().tracks.find((t) => t.audience === "coach");
  if (!track) throw new Error("Det finns inget spår för coacher");
  const last = track.modules.at(-1)!;
  await completeTrackExcept(userId, { track: track.slug, module: last });
  // The last test submitted as its page submits it: the attempt and the certificate in one go.
  const module = e2eContent().modules[last]!;
  // The page is opened first, as the coach would: the form answers the questions it shows.
  const shown = await openAttempt(e2eDb(), { userId, track: track.slug, module });
  const form = new FormData();
  for (const { id: questionId } of shown.questions) {
    const question = module.quiz.questions.find((q) => q.id === questionId)!;
    for (const id of rightAnswer(question)) form.append(answerField(question.id), id);
  }
  const submitted = await submitQuizAttempt(e2eDb(), { userId, track, module, content: e2eContent(), form });
  if (submitted.kind !== "recorded" || !submitted.certificate) throw new Error(`Intyget utfärdades inte: ${JSON.stringify(submitted)}`);
  return { id: submitted.certificate.certificate.id, code: submitted.certificate.certificate.code };
}

/** Time passes for a session: it began yesterday morning and is over, as when attendance is marked afterwards. */
export async function moveSessionToYesterday(sessionId: string): Promise<void> {
  const starts = new Date(Date.now() - 24 * 3_600_000);
  await e2eDb()
    .updateTable("training_session")
    .set({ starts_at: starts.toISOString(), ends_at: new Date(starts.getTime() + 6 * 3_600_000).toISOString(), signup_deadline: starts.toISOString() })
    .where("id", "=", sessionId)
    .execute();
}
