// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// How much each prevention material is used: counts per material, municipality and day,
// and nothing about who. Visitors without an account count under municipality_id '' so
// that the key is unique on both SQLite and PostgreSQL (NULLs never conflict).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("material_use")
    .addColumn("material", "text", (c) => c.notNull())
    .addColumn("municipality_id", "text", (c) => c.notNull().defaultTo(""))
    // YYYY-MM-DD in Europe/Stockholm: the day a Swedish reader would name.
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("views", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("downloads", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("material_use_pk", ["material", "municipality_id", "day"])
    .execute();
  // For a coordinator's view of their own municipality over a period.
  await db.schema.createIndex("material_use_municipality_idx").on("material_use").columns(["municipality_id", "day"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("material_use").execute();
}
