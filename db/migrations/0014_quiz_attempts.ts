// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Knowledge tests that test (issue #16):
//   quiz_draw  the questions an open attempt asks, drawn from the module's pool when the test
//              is first shown, with their order and each question's option order, so that the
//              answers are judged against exactly what was shown. One open attempt per person
//              and module; it is removed in the transaction that stores the submitted attempt.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_draw")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    .addColumn("module", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("questions", "text", (c) => c.notNull())
    .addColumn("opened_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("quiz_draw_open_idx").on("quiz_draw").columns(["user_id", "track", "module"]).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("quiz_draw").execute();
}
