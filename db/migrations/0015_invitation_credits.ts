// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Earlier training for people who have no account yet (issue #16): an import row for an
// unknown address invites the person, and the credits wait on the invitation until it is
// accepted, when they become prior_training rows. A withdrawn invitation takes them with it.
//   invitation.name     the name the coordinator's file gave, offered on the acceptance form
//   invitation_credit   one waiting credit: the same facts a prior_training row holds
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("invitation").addColumn("name", "text").execute();
  await db.schema
    .createTable("invitation_credit")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("invitation_id", "text", (c) => c.notNull().references("invitation.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    .addColumn("step_key", "text", (c) => c.notNull())
    // A calendar day, YYYY-MM-DD: when the training took place.
    .addColumn("completed_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("registered_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("invitation_credit_once", ["invitation_id", "track", "step_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("invitation_credit").execute();
  await db.schema.alterTable("invitation").dropColumn("name").execute();
}
