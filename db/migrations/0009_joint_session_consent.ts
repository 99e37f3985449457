// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Joint course days need the partner's consent (docs/decisions/017-joint-course-days-need-consent.md).
// Naming a partner municipality on a session is now a request: the partner's coaches see and book
// the session, and its coordinators manage it, only once one of those coordinators has accepted.
//   partner_status        null without a partner; 'pending' | 'accepted' | 'declined' with one
//   partner_answered_at   when the partner's coordinator answered (null while pending)
//   partner_answered_by   who answered
// Sessions that already have a partner were agreed between the two coordinators before this rule
// existed (the app offered no other way), so they become 'accepted', with no answer recorded:
// answered_at and answered_by stay null, which marks an agreement made outside the app.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable("training_session").addColumn("partner_status", "text").execute();
  await db.schema.alterTable("training_session").addColumn("partner_answered_at", "text").execute();
  await db.schema
    .alterTable("training_session")
    .addColumn("partner_answered_by", "text", (c) => c.references("user.id"))
    .execute();
  await db.updateTable("training_session").set({ partner_status: "accepted" }).where("partner_municipality_id", "is not", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Going back forgets the answers: a pending or declined partner would count as a partner again,
  // so those sessions lose their partner rather than being shown to coaches who were never agreed to.
  await db.updateTable("training_session").set({ partner_municipality_id: null }).where("partner_status", "in", ["pending", "declined"]).execute();
  await db.schema.alterTable("training_session").dropColumn("partner_answered_by").execute();
  await db.schema.alterTable("training_session").dropColumn("partner_answered_at").execute();
  await db.schema.alterTable("training_session").dropColumn("partner_status").execute();
}
