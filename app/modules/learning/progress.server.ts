// SPDX-License-Identifier: EUPL-1.2
// A coach's progress: which lessons they have marked as read, how their knowledge tests went
// and which modules earlier training credited, read with one indexed query, and what follows from it — per module, per track,
// the time left and the next step ("Fortsätt").
import { sql, type Kysely } from "kysely";
import { inTransaction, refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { creditedAt } from "~/modules/certification/credited-steps.server";
import type { ProgressRecords } from "./track-progress";

export {
  formatMinutesLeft,
  lessonUrl,
  moduleProgress,
  moduleUrl,
  testMinutes,
  testUrl,
  trackProgress,
  type ProgressRecords,
  type TestState,
} from "./track-progress";

/**
 * Everything about one person's progress, optionally in one track: lesson rows and one
 * summary row per tested module, in a single round trip. Both halves read an index
 * that starts with user_id and track.
 */
export async function loadProgress(
  db: Kysely<Database>,
  userId: string,
  scope: { track?: string; module?: string; withoutCredits?: boolean } = {},
): Promise<ProgressRecords> {
  let lessons = db
    .selectFrom("lesson_completion")
    .select((eb) => [
      sql<string>`'lesson'`.as("kind"),
      "track",
      "module",
      eb.ref("lesson").$castTo<string | null>().as("lesson"),
      sql<number>`0`.as("passed"),
      sql<number>`0`.as("attempts"),
    ])
    .where("user_id", "=", userId);
  let tests = db
    .selectFrom("quiz_attempt")
    .select((eb) => [
      sql<string>`'test'`.as("kind"),
      "track",
      "module",
      sql<string | null>`null`.as("lesson"),
      eb.fn.max("passed").as("passed"),
      eb.fn.countAll<number>().as("attempts"),
    ])
    .where("user_id", "=", userId)
    .groupBy(["track", "module"]);
  if (scope.track) {
    lessons = lessons.where("track", "=", scope.track);
    tests = tests.where("track", "=", scope.track);
  }
  if (scope.module) {
    lessons = lessons.where("module", "=", scope.module);
    tests = tests.where("module", "=", scope.module);
  }
  let credits = db
    .selectFrom("prior_training")
    .select((eb) => [
      sql<string>`'credit'`.as("kind"),
      "track",
      eb.ref("step_key").as("module"),
      eb.ref("completed_on").$castTo<string | null>().as("lesson"),
      sql<number>`0`.as("passed"),
      sql<number>`0`.as("attempts"),
    ])
    .where("user_id", "=", userId);
  if (scope.track) credits = credits.where("track", "=", scope.track);
  if (scope.module) credits = credits.where("step_key", "=", scope.module);
  // A caller that reads the credits anyway (loadPersonRecords) adds them itself.
  const rows = await (scope.withoutCredits ? lessons.unionAll(tests) : lessons.unionAll(tests).unionAll(credits)).execute();
  const records: ProgressRecords = { lessons: new Set(), tests: new Map(), credited: new Map() };
  for (const row of rows) {
    if (row.kind === "lesson") records.lessons.add(`${row.track}/${row.module}/${row.lesson}`);
    // A session step's key never matches a module, so crediting it marks no module.
    else if (row.kind === "credit") records.credited!.set(`${row.track}/${row.module}`, creditedAt(String(row.lesson)));
    else records.tests.set(`${row.track}/${row.module}`, { passed: toCount(row.passed) === 1, attempts: toCount(row.attempts) });
  }
  return records;
}

/** Marks a lesson as read. Idempotent: a second call, or a double click, records nothing new. */
export async function recordLessonCompletion(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; lesson: string; contentHash: string; now?: Date },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto("lesson_completion")
      .values({
        id: newId(),
        user_id: input.userId,
        track: input.track,
        module: input.module,
        lesson: input.lesson,
        content_hash: input.contentHash,
        completed_at: (input.now ?? new Date()).toISOString(),
      })
      .onConflict((oc) => oc.columns(["user_id", "track", "module", "lesson"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    // The coordinator's summary of the coach changes with the lesson, in the same transaction.
    if (inserted) await refreshProgressSummary(trx, input.userId);
  });
}
