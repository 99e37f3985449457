// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Retention (docs/decisions/014-data-safety.md): when a person's personal data
// was removed. The row itself stays, nameless, so that counts and certificates still add up.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").addColumn("anonymised_at", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("user").dropColumn("anonymised_at").execute();
}
