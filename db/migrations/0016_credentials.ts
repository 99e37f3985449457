// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// The digital credential (Open Badges 3.0) beside each certificate (issue #16):
//   credential_key     the deployment's Ed25519 signing keys. Row "1" is made on first use; a
//                      rotated-out key keeps its row (retired_at set) so that what it signed still
//                      verifies against its published public key.
//   credential_status  each certificate's place in its municipality's revocation status list
//                      (a Bitstring Status List). The place is given once and never reused.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("credential_key")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("public_key_multibase", "text", (c) => c.notNull())
    .addColumn("secret_key_multibase", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .execute();

  await db.schema
    .createTable("credential_status")
    .addColumn("certification_id", "text", (c) => c.primaryKey().references("certification.id").onDelete("cascade"))
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("status_index", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("credential_status_place", ["municipality_id", "status_index"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("credential_status").execute();
  await db.schema.dropTable("credential_key").execute();
}
