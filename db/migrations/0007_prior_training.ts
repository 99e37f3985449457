// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Earlier training ("tidigare utbildning"): steps of a track a coach completed before the
// portal, registered by their coordinator one at a time or imported from a file. A row
// counts for certification like a passed module or an attended session on its date.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("prior_training")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("municipality_id", "text", (c) => c.references("municipality.id"))
    .addColumn("track", "text", (c) => c.notNull())
    // A module's slug or a session step's key in the track file; the two never clash.
    .addColumn("step_key", "text", (c) => c.notNull())
    // A calendar day, YYYY-MM-DD: when the training took place, not when it was registered.
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("registered_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("prior_training_once", ["user_id", "track", "step_key"])
    .execute();
  await db.schema.createIndex("prior_training_municipality_idx").on("prior_training").columns(["municipality_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("prior_training").execute();
}
