// A coach's training history written straight into the database, at the times a test needs:
// lessons read, test attempts and certificates, on the current content version or an older one.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { expiryForIssue, generateCertificateCode } from "~/modules/certification/rules";
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
  return id;
}

/** Every lesson of every module in the track read, and every test passed, on the current version. */
export async function completeTrack(db: Kysely<Database>, content: ContentIndex, input: { userId: string; track: string; at: Date }): Promise<void> {
  const track = content.tracks.find((t) => t.slug === input.track)!;
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
  return { id, code };
}
