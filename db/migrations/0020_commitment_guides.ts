// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// A commitment may point citizens to a public guide (issue #17: the medborgarlöfte promises to
// inform about fraud and to promote grannsamverkan):
//   promise_commitment.guide   the slug of a guide in content/guider/, or null
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("promise_commitment").addColumn("guide", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("promise_commitment").dropColumn("guide").execute();
}
