// SPDX-License-Identifier: EUPL-1.2
// The police as a partner of a medborgarlöfte (issue #14): an admin invites a person as "Polis"
// (no municipality) and attaches them to the promises they follow up. A police partner sees the
// promises they are attached to and nothing of any coach: the attachment is the whole of their
// access (can.followPromise).
import type { Kysely } from "kysely";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { createInvitation, InvitationError } from "~/modules/auth/invitation.server";
import { iso } from "~/lib/time";
import type { Database } from "~db/schema";
import type { PromiseOutcome } from "./promise-editing.server";

type AdminActor = SessionUser;

const NOT_ALLOWED = { ok: false, status: 404, errors: { form: "Sidan finns inte." } } as const;

/** Invites a police partner: an invitation as "Polis", belonging to no municipality. */
export async function invitePolicePartner(db: Kysely<Database>, input: { actor: AdminActor; email: string; now?: Date }): Promise<PromiseOutcome> {
  if (!can.managePolicePartners(input.actor) || !can.invite(input.actor, "polis", null)) return NOT_ALLOWED;
  try {
    await createInvitation(db, { email: input.email, role: "polis", municipalityId: null, invitedBy: { id: input.actor.id, name: input.actor.name } }, input.now);
  } catch (error) {
    if (!(error instanceof InvitationError)) throw error;
    const message = error.code === "already_member" ? "Det finns redan ett konto med den här e-postadressen." : "Adressen har redan en inbjudan som gäller.";
    return { ok: false, status: 400, errors: { email: message } };
  }
  return { ok: true };
}

async function attachable(db: Kysely<Database>, promiseId: string, userId: string) {
  const [promise, replacer, person] = await Promise.all([
    db.selectFrom("promise").select(["id", "title", "state"]).where("id", "=", promiseId).executeTakeFirst(),
    db.selectFrom("promise").select("id").where("replaces_id", "=", promiseId).where("state", "=", "published").executeTakeFirst(),
    db.selectFrom("user").select(["id", "role", "deactivated_at"]).where("id", "=", userId).executeTakeFirst(),
  ]);
  return { promise, replaced: replacer !== undefined, person };
}

/** Attaches a police partner to a promise (a draft or a published version that is still live). */
export async function attachPartner(db: Kysely<Database>, input: { actor: AdminActor; promiseId: string; userId: string; now?: Date }): Promise<PromiseOutcome> {
  const now = input.now ?? new Date();
  if (!can.managePolicePartners(input.actor)) return NOT_ALLOWED;
  const { promise, replaced, person } = await attachable(db, input.promiseId, input.userId);
  if (!promise) return { ok: false, status: 404, errors: { promiseId: "Löftet finns inte. Välj ett i listan." } };
  if (!person || person.role !== "polis") return { ok: false, status: 400, errors: { userId: "Välj en person med rollen Polis." } };
  if (person.deactivated_at) return { ok: false, status: 400, errors: { userId: "Kontot är avaktiverat. Återaktivera det först." } };
  // A replaced version's follow-up continues in its correction, which carries the partners with it.
  if (replaced) return { ok: false, status: 409, errors: { promiseId: "Den här versionen av löftet har ersatts. Koppla polisen till den nya versionen." } };
  const already = await db.selectFrom("promise_partner").select("user_id").where("promise_id", "=", promise.id).where("user_id", "=", person.id).executeTakeFirst();
  if (already) return { ok: true };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("promise_partner").values({ promise_id: promise.id, user_id: person.id, added_by: input.actor.id, added_at: iso(now) }).execute();
    await recordAuditEvent(trx, { action: "promise.partner_attached", actorId: input.actor.id, subject: person.id, details: { promiseId: promise.id }, now });
  });
  return { ok: true };
}

/** Detaches a police partner: from then on the promise does not exist for them. */
export async function detachPartner(db: Kysely<Database>, input: { actor: AdminActor; promiseId: string; userId: string; now?: Date }): Promise<PromiseOutcome> {
  const now = input.now ?? new Date();
  if (!can.managePolicePartners(input.actor)) return NOT_ALLOWED;
  const removed = await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("promise_partner").where("promise_id", "=", input.promiseId).where("user_id", "=", input.userId).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await recordAuditEvent(trx, { action: "promise.partner_detached", actorId: input.actor.id, subject: input.userId, details: { promiseId: input.promiseId }, now });
    return true;
  });
  return removed ? { ok: true } : { ok: false, status: 404, errors: { form: "Polisen är inte kopplad till det löftet." } };
}

/** The police partners attached to a promise. */
export async function partnersOf(db: Kysely<Database>, promiseId: string): Promise<Array<{ id: string; name: string; email: string }>> {
  return db
    .selectFrom("promise_partner as pp")
    .innerJoin("user as u", "u.id", "pp.user_id")
    .select(["u.id", "u.name", "u.email"])
    .where("pp.promise_id", "=", promiseId)
    .orderBy("u.name")
    .execute();
}

export interface PolicePartner {
  id: string;
  name: string;
  email: string;
  active: boolean;
  promises: Array<{ id: string; title: string }>;
}

/** Everyone with the role Polis, with the promises each is attached to. */
export async function listPolicePartners(db: Kysely<Database>): Promise<PolicePartner[]> {
  const [people, attachments] = await Promise.all([
    db.selectFrom("user").select(["id", "name", "email", "deactivated_at"]).where("role", "=", "polis").orderBy("name").execute(),
    db
      .selectFrom("promise_partner as pp")
      .innerJoin("promise as p", "p.id", "pp.promise_id")
      .innerJoin("user as u", "u.id", "pp.user_id")
      .select(["pp.user_id", "p.id", "p.title"])
      .where("u.role", "=", "polis")
      .orderBy("p.period_start", "desc")
      .execute(),
  ]);
  return people.map((p) => ({
    id: p.id,
    name: p.name,
    email: p.email,
    active: !p.deactivated_at,
    promises: attachments.filter((a) => a.user_id === p.id).map((a) => ({ id: a.id, title: a.title })),
  }));
}

/** The promises a partner can be attached to: drafts and live published versions, with their municipalities. */
export async function attachablePromises(db: Kysely<Database>): Promise<Array<{ id: string; label: string }>> {
  const [promises, members, replaced] = await Promise.all([
    db.selectFrom("promise").select(["id", "title", "state", "period_start", "period_end"]).orderBy("period_start", "desc").orderBy("title").execute(),
    db
      .selectFrom("promise_municipality as pm")
      .innerJoin("municipality as m", "m.id", "pm.municipality_id")
      .select(["pm.promise_id", "m.name"])
      .orderBy("m.name")
      .execute(),
    db.selectFrom("promise").select("replaces_id").where("replaces_id", "is not", null).where("state", "=", "published").execute(),
  ]);
  const replacedIds = new Set(replaced.map((r) => r.replaces_id));
  return promises
    .filter((p) => !replacedIds.has(p.id))
    .map((p) => {
      const names = members.filter((m) => m.promise_id === p.id).map((m) => m.name);
      const state = p.state === "draft" ? ", utkast" : "";
      return { id: p.id, label: `${p.title} (${names.join(", ") || "ingen kommun"}, ${p.period_start} – ${p.period_end}${state})` };
    });
}
