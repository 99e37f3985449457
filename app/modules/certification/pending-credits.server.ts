// SPDX-License-Identifier: EUPL-1.2
// Earlier training for people who have no account yet (issue #16). An import row for someone
// invited but not registered stores its credits with the invitation; when the person accepts,
// they are registered as if the coordinator had registered them at that moment (same audit
// event, the coordinator as the one who registered them, the training's own dates) and
// certification is decided at once. A withdrawn invitation takes its credits with it.
// Apart from credits.server.ts because invitation.server.ts reads this module, and
// credits.server.ts creates invitations: the two would otherwise import each other.
import type { Kysely } from "kysely";
import { getContent, type ContentIndex } from "~/content/content.server";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";

/** Stores credits for a person with an account, in the caller's transaction, and refreshes what the coordinator's lists read. */
export async function writeCredits(
  trx: Kysely<Database>,
  input: { registeredBy: string | null; municipalityId: string | null; track: string; userId: string; keys: string[]; date: string; note: string | null; now: Date },
): Promise<void> {
  for (const key of input.keys) {
    await trx
      .insertInto("prior_training")
      .values({
        id: newId(),
        user_id: input.userId,
        municipality_id: input.municipalityId,
        track: input.track,
        step_key: key,
        completed_on: input.date,
        note: input.note,
        registered_by: input.registeredBy,
        created_at: iso(input.now),
      })
      .execute();
  }
  // Credited modules count as done in the coordinator's lists and figures, in the same transaction.
  if (input.keys.length > 0) await refreshProgressSummary(trx, input.userId, undefined, input.now);
}

/** Stores credits to wait on an invitation, in the caller's transaction. */
export async function storePendingCredits(
  trx: Kysely<Database>,
  input: { invitationId: string; registeredBy: string; track: string; keys: string[]; date: string; note: string | null; now: Date },
): Promise<void> {
  for (const key of input.keys) {
    await trx
      .insertInto("invitation_credit")
      .values({
        id: newId(),
        invitation_id: input.invitationId,
        track: input.track,
        step_key: key,
        completed_on: input.date,
        note: input.note,
        registered_by: input.registeredBy,
        created_at: iso(input.now),
      })
      .execute();
  }
}

/** The steps of `track` already waiting on each invitation: "<invitation id>\0<step>". */
export async function pendingCreditKeys(db: Kysely<Database>, invitationIds: string[], track: string): Promise<Set<string>> {
  if (invitationIds.length === 0) return new Set();
  const rows = await db.selectFrom("invitation_credit").select(["invitation_id", "step_key"]).where("track", "=", track).where("invitation_id", "in", invitationIds).execute();
  return new Set(rows.map((r) => `${r.invitation_id}\u0000${r.step_key}`));
}

/** How many credits wait on each invitation (those with none are left out). */
export async function pendingCreditCounts(db: Kysely<Database>, invitationIds: string[]): Promise<Map<string, number>> {
  if (invitationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("invitation_credit")
    .select((eb) => ["invitation_id", eb.fn.countAll().as("n")])
    .where("invitation_id", "in", invitationIds)
    .groupBy("invitation_id")
    .execute();
  return new Map(rows.map((r) => [r.invitation_id, Number(r.n)]));
}

/**
 * A new invitation to the same person, municipality and role takes over the credits waiting on
 * the earlier ones (expired, since only one may be valid), so inviting again never loses them.
 */
export async function carryPendingCredits(trx: Kysely<Database>, input: { toInvitationId: string; email: string; municipalityId: string | null; role: Role }): Promise<void> {
  if (!input.municipalityId) return;
  await trx
    .updateTable("invitation_credit")
    .set({ invitation_id: input.toInvitationId })
    .where("invitation_id", "in", (eb) =>
      eb
        .selectFrom("invitation")
        .select("id")
        .where("email", "=", input.email)
        .where("municipality_id", "=", input.municipalityId)
        .where("role", "=", input.role)
        .where("accepted_at", "is", null)
        .where("withdrawn_at", "is", null)
        .where("id", "!=", input.toInvitationId),
    )
    .execute();
}

/** Drops the credits waiting on a withdrawn invitation, in the caller's transaction; returns how many went. */
export async function dropPendingCredits(trx: Kysely<Database>, invitationId: string): Promise<number> {
  const deleted = await trx.deleteFrom("invitation_credit").where("invitation_id", "=", invitationId).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * At acceptance, in its transaction: the credits waiting on the invitation become the new
 * account's earlier training, registered now by the coordinator who imported them, and every
 * track they touch is decided for a certificate (dated by the training, decision 026).
 * Returns the number of credits applied.
 */
export async function applyPendingCredits(
  trx: Kysely<Database>,
  input: { invitationId: string; userId: string; municipalityId: string | null; now: Date; content?: ContentIndex },
): Promise<number> {
  const credits = await trx
    .selectFrom("invitation_credit")
    .select(["track", "step_key", "completed_on", "note", "registered_by"])
    .where("invitation_id", "=", input.invitationId)
    .orderBy("track")
    .orderBy("completed_on")
    .orderBy("step_key")
    .execute();
  if (credits.length === 0) return 0;
  // One registration per coordinator, track, date and note: as many as the coordinator's own registrations would have made.
  const groups = new Map<string, typeof credits>();
  for (const credit of credits) {
    const key = JSON.stringify([credit.track, credit.registered_by, credit.completed_on, credit.note]);
    groups.set(key, [...(groups.get(key) ?? []), credit]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const keys = group.map((c) => c.step_key);
    await writeCredits(trx, { registeredBy: first.registered_by, municipalityId: input.municipalityId, track: first.track, userId: input.userId, keys, date: first.completed_on, note: first.note, now: input.now });
    await recordAuditEvent(trx, {
      action: "prior.registered",
      actorId: first.registered_by,
      subject: input.userId,
      municipalityId: input.municipalityId,
      details: { track: first.track, steps: keys, completedOn: first.completed_on, import: true, invitation: input.invitationId },
      now: input.now,
    });
  }
  await trx.deleteFrom("invitation_credit").where("invitation_id", "=", input.invitationId).execute();
  const content = input.content ?? getContent();
  for (const slug of new Set(credits.map((c) => c.track))) {
    const track = content.tracks.find((t) => t.slug === slug);
    if (track) await issueCertificateIfEligible(trx, { userId: input.userId, track, content, now: input.now });
  }
  return credits.length;
}
