// SPDX-License-Identifier: EUPL-1.2
// A coach's training history written straight into the database, at the times a test needs:
// lessons read, test attempts and certificates, on the current content version or an older one.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { expiryForIssue, generateCertificateCode } from "~/modules/certification/rules";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

export async function readLesson(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; lesson: string; at: Date; hash: string },
): Promise<void> {
  await db
    .insertInto("lesson_completion")
    .values({
      id: newId(),
      user_id: input.userId,
      track: input.track,
      module: input.module,
      lesson: input.lesson,
      content_hash: input.hash,
      completed_at: input.at.toISOString(),
    })
    .execute();
  await refreshProgressSummary(db, input.userId);
}

export async function takeTest(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; at: Date; hash: string; score: number; maxScore: number; passed: boolean },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("quiz_attempt")
    .values({
      id,
      user_id: input.userId,
      track: input.track,
      module: input.module,
      content_hash: input.hash,
      answers: "[]",
      score: input.score,
      max_score: input.maxScore,
      passed: input.passed ? 1 : 0,
      submitted_at: input.at.toISOString(),
    })
    .execute();
  await refreshProgressSummary(db, input.userId);
  return id;
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
  const track = content.tracks.find((t) => t.slug === input.track)!;
  for (const step of track.sessions.filter((s) => s.required)) {
    await attendSession(db, { userId: input.userId, track: track.slug, stepKey: step.key, at: input.at });
  }
}

/**
 * Every lesson of every module in the track read, and every test passed, on the current
 * version; and every required session step attended, so the track is complete.
 */
export async function completeTrack(db: Kysely<Database>, content: ContentIndex, input: { userId: string; track: string; at: Date }): Promise<void> {
  const track = content.tracks.find((t) => t.slug === input.track)!;
  await attendRequiredSessions(db, content, input);
  for (const slug of track.modules) {
    const module = content.modules[slug]!;
    for (const lesson of module.lessons) {
      await readLesson(db, { userId: input.userId, track: track.slug, module: slug, lesson: lesson.slug, at: input.at, hash: module.contentHash });
    }
    const max = module.quiz.questions.length;
    await takeTest(db, {
      userId: input.userId,
      track: track.slug,
      module: slug,
      at: input.at,
      hash: module.contentHash,
      score: max,
      maxScore: max,
      passed: true,
    });
  }
}

export async function certify(
  db: Kysely<Database>,
  input: { userId: string; municipalityId: string; track: string; issuedAt: Date; expiresAt?: Date; revokedAt?: Date; revokedBy?: string; reason?: string },
): Promise<{ id: string; code: string }> {
  const id = newId();
  const code = generateCertificateCode();
  await db
    .insertInto("certification")
    .values({
      id,
      user_id: input.userId,
      track: input.track,
      municipality_id: input.municipalityId,
      issued_at: input.issuedAt.toISOString(),
      expires_at: (input.expiresAt ?? expiryForIssue(input.issuedAt)).toISOString(),
      code,
      renews_id: null,
      revoked_at: input.revokedAt?.toISOString() ?? null,
      revoked_by: input.revokedAt ? input.revokedBy ?? null : null,
      revoked_reason: input.revokedAt ? input.reason ?? "Felaktigt utfärdat" : null,
    })
    .execute();
  await refreshProgressSummary(db, input.userId);
  return { id, code };
}
