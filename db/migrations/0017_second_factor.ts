// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// A second factor for everyone who sees personal data (issue #18):
//   user_totp                      one authenticator per person: the TOTP secret (base32), when it
//                                  was confirmed (null while enrolment is under way) and the last
//                                  time step used, so a code is never accepted twice
//   recovery_code                  ten one-time codes per person, stored as SHA-256 hashes
//   municipality.mfa_all_roles     1 when an admin extends the requirement to every role there
//   session.second_factor_pending  'verify' or 'enrol' while a person has given the password but
//                                  not the second factor; such a session opens no other page
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("last_used_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("recovery_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("recovery_code_user").on("recovery_code").column("user_id").execute();
  await db.schema.alterTable("municipality").addColumn("mfa_all_roles", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("session").addColumn("second_factor_pending", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("second_factor_pending").execute();
  await db.schema.alterTable("municipality").dropColumn("mfa_all_roles").execute();
  await db.schema.dropTable("recovery_code").execute();
  await db.schema.dropTable("user_totp").execute();
}
