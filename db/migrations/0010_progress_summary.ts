// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// The per-person progress summary (docs/decisions/021-progress-summary.md): what the
// coordinator's roster and dashboard need of each coach's lessons, tests and certificates,
// kept by the app in the same transaction as every write that changes it, so that a roster
// of 2,000 coaches is read with a few indexed queries instead of recomputed from raw rows.
//   progress_summary   one row per coach: counts against the content version named in
//                      content_version, the last online activity, and the two certificates
//                      that may speak for the coach (the non-revoked one that lasts longest,
//                      and the newest), so "valid, else the newest" is decided at read time
//   progress_module    one row per coach and module of a coach track: how far they came in it,
//                      for the dashboard's funnel and the coach list's module filter
// The tables start empty: what a summary holds depends on the training content (which lessons
// a module has, its version), which a migration cannot know. The app fills them: `npm run
// db:migrate` refreshes every missing or outdated summary after migrating, and the roster
// refreshes any it still finds missing or outdated before it reads.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("progress_summary")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("content_version", "text", (c) => c.notNull())
    .addColumn("modules_done", "integer", (c) => c.notNull())
    .addColumn("modules_total", "integer", (c) => c.notNull())
    .addColumn("lessons_done", "integer", (c) => c.notNull())
    .addColumn("lessons_total", "integer", (c) => c.notNull())
    .addColumn("current_module", "text")
    .addColumn("last_activity_at", "text")
    .addColumn("older_version", "integer", (c) => c.notNull())
    .addColumn("valid_certificate_id", "text")
    .addColumn("valid_expires_at", "text")
    .addColumn("valid_refresher_at", "text")
    .addColumn("newest_certificate_id", "text")
    .addColumn("newest_revoked_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("progress_module")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("started", "integer", (c) => c.notNull())
    .addColumn("lessons_done", "integer", (c) => c.notNull())
    .addColumn("test_passed", "integer", (c) => c.notNull())
    .addColumn("complete", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("progress_module_pk", ["user_id", "track", "module"])
    .execute();
  // The module filter asks "who has not completed module M": from the module, not the person.
  await db.schema.createIndex("progress_module_module_idx").on("progress_module").columns(["module", "complete", "user_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("progress_module").execute();
  await db.schema.dropTable("progress_summary").execute();
}
