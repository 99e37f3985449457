// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// A coach's learning: lessons marked as read and knowledge-test attempts, each with the
// content hash of the module as it was, so a coordinator can see who trained on an older version.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("lesson_completion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("lesson", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("completed_at", "text", (c) => c.notNull())
    // Marking a lesson twice changes nothing: inserts meet this and do nothing. Its
    // leading columns also serve "this person's progress" queries.
    .addUniqueConstraint("lesson_completion_once", ["user_id", "track", "module", "lesson"])
    .execute();

  await db.schema
    .createTable("quiz_attempt")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("max_score", "integer", (c) => c.notNull())
    .addColumn("passed", "integer", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quiz_attempt_user_idx").on("quiz_attempt").columns(["user_id", "track", "module", "submitted_at"]).execute();
  // For a coordinator's view of who trained on which version of a module.
  await db.schema.createIndex("lesson_completion_module_idx").on("lesson_completion").columns(["module", "content_hash"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("quiz_attempt").execute();
  await db.schema.dropTable("lesson_completion").execute();
}
