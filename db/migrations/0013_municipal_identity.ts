// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// The municipality's own face (issue #15, docs/decisions/025-municipal-identity.md):
//   municipality + its profile: official name, contact person (name, title, email, phone), postal
//                  address, website, the sender name on its emails, the issuer printed on its
//                  certificates (name, title); deactivated_at for a municipality that has left
//   municipality_logo        the logo as it is served: re-encoded PNG/JPEG or sanitized SVG
//   municipality_slug_history  addresses a renamed municipality used before, so old links redirect
//   contact_card             "Lokalt hos oss": the municipality's contacts (socialtjänsten, elevhälsan, ...)
//   local_text               the municipality's own text for a place marked in the content
//   content_approval         a module, booster or material approved for the municipality, for one
//                            compiled version (content_hash); withdrawn rather than deleted
//   content_version_text     each compiled version's readable text, so a coordinator sees what
//                            changed since the version they approved
//   outbox + from_name       the sender's display name of a message to a municipality's people
import { SqliteAdapter, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof SqliteAdapter ? "blob" : "bytea";
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  for (const column of [
    "official_name",
    "contact_name",
    "contact_title",
    "contact_email",
    "contact_phone",
    "postal_address",
    "website",
    "email_sender_name",
    "issuer_name",
    "issuer_title",
    "deactivated_at",
    "profile_updated_at",
  ]) {
    await db.schema.alterTable("municipality").addColumn(column, "text").execute();
  }

  await db.schema.alterTable("outbox").addColumn("from_name", "text").execute();

  await db.schema
    .createTable("municipality_logo")
    .addColumn("municipality_id", "text", (c) => c.primaryKey().references("municipality.id"))
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("data", binary, (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("uploaded_by", "text", (c) => c.references("user.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("municipality_slug_history")
    .addColumn("slug", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("retired_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("contact_card")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("web", "text")
    .addColumn("opening_hours", "text")
    .addColumn("updated_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contact_card_municipality_idx").on("contact_card").columns(["municipality_id", "position"]).execute();

  await db.schema
    .createTable("local_text")
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("slot", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("local_text_pk", ["municipality_id", "slot"])
    .execute();

  await db.schema
    .createTable("content_approval")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    // 'module' | 'material'; the booster is a module of its own track.
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("approved_by", "text", (c) => c.references("user.id"))
    .addColumn("approved_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text", (c) => c.references("user.id"))
    .execute();
  await db.schema.createIndex("content_approval_item_idx").on("content_approval").columns(["municipality_id", "kind", "slug", "approved_at"]).execute();

  await db.schema
    .createTable("content_version_text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("content_version_text_pk", ["kind", "slug", "content_hash"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["content_version_text", "content_approval", "local_text", "contact_card", "municipality_slug_history", "municipality_logo"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("outbox").dropColumn("from_name").execute();
  for (const column of [
    "profile_updated_at",
    "deactivated_at",
    "issuer_title",
    "issuer_name",
    "email_sender_name",
    "website",
    "postal_address",
    "contact_phone",
    "contact_email",
    "contact_title",
    "contact_name",
    "official_name",
  ]) {
    await db.schema.alterTable("municipality").dropColumn(column).execute();
  }
}
