// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// The dashboard's funnel counts progress_module rows per municipality, module by module. Joining
// every row to its person to find the municipality, then sorting the rows into groups, was most of
// the dashboard's database time for 2,000 coaches (some 40,000 rows). The person's municipality is
// kept on the row instead (progress-summary.server.ts writes it with the rest), and an index in
// group order lets the count read the index alone (docs/decisions/021-progress-summary.md).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("progress_module").addColumn("municipality_id", "text").execute();
  await db
    .updateTable("progress_module")
    .set({ municipality_id: sql`(select "user".municipality_id from "user" where "user".id = progress_module.user_id)` })
    .execute();
  await db.schema
    .createIndex("progress_module_funnel_idx")
    .on("progress_module")
    .columns(["municipality_id", "track", "module", "started", "lessons_done", "test_passed"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("progress_module_funnel_idx").execute();
  await db.schema.alterTable("progress_module").dropColumn("municipality_id").execute();
}
