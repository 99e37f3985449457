// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// The follow-up reports coordinators publish for citizens, and the promise each municipality
// reports against: a period and how many reports were promised in it (the medborgarlöfte of
// Högsby and Mönsterås promises at least two in 2024–2025).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("followup_report")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("title", "text", (c) => c.notNull())
    // An ISO 8601 interval of two calendar days, "2025-01-01/2025-06-30": what the report covers.
    .addColumn("period", "text", (c) => c.notNull())
    // As the coordinator wrote it (limited Markdown); sanitized each time it is shown.
    .addColumn("commentary", "text", (c) => c.notNull())
    // JSON: the figures counted at the moment of publication, never recomputed.
    .addColumn("figures", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("user.id"))
    // A correction is a new report pointing at the one it replaces; the replaced one stays as it was.
    .addColumn("replaces_id", "text", (c) => c.references("followup_report.id"))
    .execute();
  await db.schema.createIndex("followup_report_municipality_idx").on("followup_report").columns(["municipality_id", "published_at"]).execute();
  // A report is replaced at most once, so corrections form a single line; NULLs never clash on either database.
  await db.schema.createIndex("followup_report_replaces_idx").on("followup_report").column("replaces_id").unique().execute();

  // YYYY-MM-DD calendar days in Europe/Stockholm; NULL until someone sets the period.
  await db.schema.alterTable("municipality").addColumn("promise_period_start", "text").execute();
  await db.schema.alterTable("municipality").addColumn("promise_period_end", "text").execute();
  await db.schema.alterTable("municipality").addColumn("promised_reports", "integer", (c) => c.notNull().defaultTo(2)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipality").dropColumn("promised_reports").execute();
  await db.schema.alterTable("municipality").dropColumn("promise_period_end").execute();
  await db.schema.alterTable("municipality").dropColumn("promise_period_start").execute();
  await db.schema.dropTable("followup_report").execute();
}
