// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Certificates, the reminders sent about them, and the settings that steer reminders and
// the coordinators' monthly summary. Emails may now carry attachments (the summary's XLSX).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("track", "text", (c) => c.notNull())
    // The municipality at issue: a coach who moves keeps the certificate their first employer issued.
    .addColumn("municipality_id", "text", (c) => c.references("municipality.id"))
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull().unique())
    // 'online' when earned in the app; later kinds record training registered by a coordinator.
    .addColumn("source", "text", (c) => c.notNull().defaultTo("online"))
    .addColumn("renews_id", "text", (c) => c.references("certification.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("user.id"))
    .addColumn("revoked_reason", "text")
    .execute();
  await db.schema.createIndex("certification_user_idx").on("certification").columns(["user_id", "track", "issued_at"]).execute();
  await db.schema.createIndex("certification_municipality_idx").on("certification").columns(["municipality_id", "expires_at"]).execute();

  await db.schema
    .createTable("reminder_sent")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    // e.g. 'stalled', 'expiry-60', 'expiry-14', 'monthly-summary'
    .addColumn("kind", "text", (c) => c.notNull())
    // What the reminder was about (a certificate id, a month), so each is sent once.
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminder_sent_once", ["user_id", "kind", "reference"])
    .execute();

  await db.schema.alterTable("municipality").addColumn("reminders_enabled", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("user").addColumn("wants_monthly_summary", "integer", (c) => c.notNull().defaultTo(0)).execute();
  // JSON: [{ filename, contentType, base64 }]
  await db.schema.alterTable("outbox").addColumn("attachments", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("attachments").execute();
  await db.schema.alterTable("user").dropColumn("wants_monthly_summary").execute();
  await db.schema.alterTable("municipality").dropColumn("reminders_enabled").execute();
  await db.schema.dropTable("reminder_sent").execute();
  await db.schema.dropTable("certification").execute();
}
