// SPDX-License-Identifier: EUPL-1.2
// People join by invitation. The link is single use and expires after 14 days; only the
// token's hash is stored. Accepting creates the account in one transaction, guarded by
// a conditional update so that two tabs accepting at once make one account.
import type { Kysely } from "kysely";
import { z } from "zod";
import { appUrl } from "~/env.server";
import { addMs, DAY_MS, iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { applyPendingCredits, carryPendingCredits, dropPendingCredits } from "~/modules/certification/pending-credits.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { invitationEmail } from "~/modules/email/templates.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";
import { hashPassword } from "./password.server";
import { generateSecureRandomString, hashSecret } from "./tokens.server";

export const INVITATION_LIFETIME_MS = 14 * DAY_MS;

export class InvitationError extends Error {
  constructor(
    public readonly code: "already_member" | "pending" | "not_found" | "not_pending" | "municipality_inactive",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Invites one person. Inside a caller's transaction it invites there, so an import that invites
 * many at once saves all or nothing (issue #16). `name`: a name the coordinator already has for
 * the person, offered on the acceptance form.
 */
export async function createInvitation(
  db: Kysely<Database>,
  input: { email: string; role: Role; municipalityId: string | null; school?: string | null; invitedBy: { id: string; name: string } | null; name?: string | null },
  now: Date = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  return db.isTransaction ? inviteWithin(db, input, now) : db.transaction().execute((trx) => inviteWithin(trx, input, now));
}

async function inviteWithin(
  trx: Kysely<Database>,
  input: Parameters<typeof createInvitation>[1],
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const email = input.email.trim().toLowerCase();
  const existing = await trx.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  if (existing) throw new InvitationError("already_member", `${email} har redan ett konto.`);
  const pending = await trx
    .selectFrom("invitation")
    .select("id")
    .where("email", "=", email)
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("expires_at", ">", iso(now))
    .executeTakeFirst();
  if (pending) throw new InvitationError("pending", `${email} har redan en giltig inbjudan. Skicka den igen i stället.`);

  const token = generateSecureRandomString(32);
  const expiresAt = addMs(now, INVITATION_LIFETIME_MS);
  const id = newId();
  const municipality = input.municipalityId
    ? await trx.selectFrom("municipality").select(["name", "deactivated_at"]).where("id", "=", input.municipalityId).executeTakeFirst()
    : undefined;
  // A municipality that has left takes nobody new in (municipalities.server.ts setMunicipalityActive).
  if (municipality?.deactivated_at) throw new InvitationError("municipality_inactive", `${municipality.name} är avaktiverad och tar inte emot nya inbjudningar.`);

  await trx
    .insertInto("invitation")
    .values({
      id,
      token_hash: hashSecret(token),
      email,
      role: input.role,
      municipality_id: input.municipalityId,
      school: input.school?.trim() || null,
      invited_by: input.invitedBy?.id ?? null,
      created_at: iso(now),
      expires_at: iso(expiresAt),
      accepted_at: null,
      withdrawn_at: null,
      name: input.name?.trim() || null,
    })
    .execute();
  await carryPendingCredits(trx, { toInvitationId: id, email, municipalityId: input.municipalityId, role: input.role });
  await enqueueEmail(
    trx,
    invitationEmail({
      to: email,
      role: input.role,
      municipalityName: municipality?.name ?? null,
      inviterName: input.invitedBy?.name ?? null,
      link: appUrl(`/inbjudan/${token}`),
      expiresAt,
    }),
    now,
  );
  await recordAuditEvent(trx, {
    action: "invitation.created",
    actorId: input.invitedBy?.id,
    subject: email,
    municipalityId: input.municipalityId,
    details: { role: input.role },
    now,
  });
  return { id, token, expiresAt };
}

/**
 * A new link for a pending invitation: the old link stops working and the 14 days start again.
 * Inside a caller's transaction it renews there (an import renewing an expired invitation).
 */
export async function resendInvitation(
  db: Kysely<Database>,
  invitationId: string,
  actor: { id: string; name: string },
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  return db.isTransaction ? resendWithin(db, invitationId, actor, now) : db.transaction().execute((trx) => resendWithin(trx, invitationId, actor, now));
}

async function resendWithin(trx: Kysely<Database>, invitationId: string, actor: { id: string; name: string }, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const invitation = await trx
    .selectFrom("invitation")
    .leftJoin("municipality", "municipality.id", "invitation.municipality_id")
    .select(["invitation.email", "invitation.role", "invitation.municipality_id", "invitation.accepted_at", "invitation.withdrawn_at", "municipality.name as municipalityName"])
    .where("invitation.id", "=", invitationId)
    .executeTakeFirst();
  if (!invitation) throw new InvitationError("not_found", "Inbjudan finns inte.");
  if (invitation.accepted_at || invitation.withdrawn_at) throw new InvitationError("not_pending", "Inbjudan är redan använd eller återkallad.");
  const token = generateSecureRandomString(32);
  const expiresAt = addMs(now, INVITATION_LIFETIME_MS);
  const rotated = await trx
    .updateTable("invitation")
    .set({ token_hash: hashSecret(token), expires_at: iso(expiresAt) })
    .where("id", "=", invitationId)
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (Number(rotated.numUpdatedRows) !== 1) throw new InvitationError("not_pending", "Inbjudan är redan använd eller återkallad.");
  await enqueueEmail(
    trx,
    invitationEmail({
      to: invitation.email,
      role: invitation.role,
      municipalityName: invitation.municipalityName,
      inviterName: actor.name,
      link: appUrl(`/inbjudan/${token}`),
      expiresAt,
    }),
    now,
  );
  await recordAuditEvent(trx, { action: "invitation.resent", actorId: actor.id, subject: invitation.email, municipalityId: invitation.municipality_id, now });
  return { token, expiresAt };
}

/** Withdraws a pending invitation; returns how many credits of earlier training waiting on it went with it. */
export async function withdrawInvitation(db: Kysely<Database>, invitationId: string, actorId: string, now: Date = new Date()): Promise<{ pendingCreditsDropped: number }> {
  const invitation = await db.selectFrom("invitation").select(["email", "municipality_id"]).where("id", "=", invitationId).executeTakeFirst();
  if (!invitation) throw new InvitationError("not_found", "Inbjudan finns inte.");
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("invitation")
      .set({ withdrawn_at: iso(now) })
      .where("id", "=", invitationId)
      .where("accepted_at", "is", null)
      .where("withdrawn_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new InvitationError("not_pending", "Inbjudan är redan använd eller återkallad.");
    // Earlier training imported for the person waits on this invitation only: without it, nobody could receive it.
    const pendingCredits = await dropPendingCredits(trx, invitationId);
    await recordAuditEvent(trx, {
      action: "invitation.withdrawn",
      actorId,
      subject: invitation.email,
      municipalityId: invitation.municipality_id,
      ...(pendingCredits > 0 ? { details: { pendingCreditsDropped: pendingCredits } } : {}),
      now,
    });
    return { pendingCreditsDropped: pendingCredits };
  });
}

export type InvitationState =
  | { status: "valid"; id: string; email: string; role: Role; municipalityName: string | null; school: string | null; name: string | null }
  | { status: "invalid" | "expired" | "used" | "withdrawn" };

export async function findInvitation(db: Kysely<Database>, token: string, now: Date = new Date()): Promise<InvitationState> {
  if (!/^[a-z0-9]{16,64}$/.test(token)) return { status: "invalid" };
  const row = await db
    .selectFrom("invitation")
    .leftJoin("municipality", "municipality.id", "invitation.municipality_id")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.role",
      "invitation.school",
      "invitation.expires_at",
      "invitation.accepted_at",
      "invitation.withdrawn_at",
      "invitation.name",
      "municipality.name as municipalityName",
    ])
    .where("invitation.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row) return { status: "invalid" };
  if (row.accepted_at) return { status: "used" };
  if (row.withdrawn_at) return { status: "withdrawn" };
  if (new Date(row.expires_at) <= now) return { status: "expired" };
  return { status: "valid", id: row.id, email: row.email, role: row.role, municipalityName: row.municipalityName, school: row.school, name: row.name };
}

/** Creates the account; returns its id, or the reason the link no longer works. */
export async function acceptInvitation(
  db: Kysely<Database>,
  token: string,
  input: { name: string; password: string },
  now: Date = new Date(),
): Promise<{ status: "accepted"; userId: string } | { status: "invalid" | "expired" | "used" | "withdrawn" | "already_member" }> {
  const state = await findInvitation(db, token, now);
  if (state.status !== "valid") return state;
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute((trx) => claimInvitation(trx, { id: state.id, tokenHash: hashSecret(token) }, { name: input.name, passwordHash }, now));
}

/**
 * Turns a pending invitation into an account, inside the caller's transaction: for acceptInvitation
 * (the emailed link), and for a sign-in through the municipality's own provider, which proves the
 * address as the link does; such a person has no password (`passwordHash` null) unless they set one.
 */
export async function claimInvitation(
  trx: Kysely<Database>,
  claimed: { id: string; tokenHash?: string },
  input: { name: string; passwordHash: string | null },
  now: Date = new Date(),
): Promise<{ status: "accepted"; userId: string } | { status: "used" | "already_member" }> {
  let claimQuery = trx
    .updateTable("invitation")
    .set({ accepted_at: iso(now) })
    .where("id", "=", claimed.id)
    .where("expires_at", ">", iso(now))
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null);
  if (claimed.tokenHash) claimQuery = claimQuery.where("token_hash", "=", claimed.tokenHash);
  const claim = await claimQuery.executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return { status: "used" as const };
  const invitation = await trx
    .selectFrom("invitation")
    .select(["email", "role", "municipality_id", "school", "invited_by"])
    .where("id", "=", claimed.id)
    .executeTakeFirstOrThrow();
  const taken = await trx.selectFrom("user").select("id").where("email", "=", invitation.email).executeTakeFirst();
  if (taken) return { status: "already_member" as const };
  const userId = newId();
  await trx
    .insertInto("user")
    .values({
      id: userId,
      email: invitation.email,
      name: input.name.trim(),
      role: invitation.role,
      municipality_id: invitation.municipality_id,
      school: invitation.school,
      password_hash: input.passwordHash,
      created_at: iso(now),
      deactivated_at: null,
    })
    .execute();
  // A coach starts with an empty summary, so the roster never has to make one while it reads.
  if (invitation.role === "coach") await refreshProgressSummary(trx, userId, undefined, now);
  await recordAuditEvent(trx, {
    action: "invitation.accepted",
    actorId: userId,
    subject: userId,
    municipalityId: invitation.municipality_id,
    details: { role: invitation.role, invitedBy: invitation.invited_by },
    now,
  });
  // Earlier training imported before the person had an account counts from now, and may certify them at once (issue #16).
  await applyPendingCredits(trx, { invitationId: claimed.id, userId, municipalityId: invitation.municipality_id, now });
  return { status: "accepted" as const, userId };
}

export async function listInvitations(db: Kysely<Database>, filter: { municipalityId?: string | null; roles?: Role[] }) {
  let query = db
    .selectFrom("invitation")
    .leftJoin("user as inviter", "inviter.id", "invitation.invited_by")
    .leftJoin("municipality", "municipality.id", "invitation.municipality_id")
    .select([
      "invitation.id",
      "invitation.email",
      "invitation.role",
      "invitation.school",
      "invitation.created_at",
      "invitation.expires_at",
      "invitation.accepted_at",
      "invitation.withdrawn_at",
      "inviter.name as inviterName",
      "municipality.name as municipalityName",
    ]);
  if (filter.municipalityId !== undefined) {
    query = filter.municipalityId === null ? query.where("invitation.municipality_id", "is", null) : query.where("invitation.municipality_id", "=", filter.municipalityId);
  }
  if (filter.roles) query = query.where("invitation.role", "in", filter.roles);
  return query.orderBy("invitation.created_at", "desc").limit(500).execute();
}

export type InvitationStatus = "pending" | "accepted" | "withdrawn" | "expired";

export function invitationStatus(
  invitation: { accepted_at: string | null; withdrawn_at: string | null; expires_at: string },
  now: Date = new Date(),
): InvitationStatus {
  if (invitation.accepted_at) return "accepted";
  if (invitation.withdrawn_at) return "withdrawn";
  return new Date(invitation.expires_at) <= now ? "expired" : "pending";
}

/** Who an invitation is for and where, so the caller can ask the permission rules before touching it. */
export async function getInvitation(db: Kysely<Database>, invitationId: string) {
  const row = await db.selectFrom("invitation").select(["id", "email", "role", "municipality_id"]).where("id", "=", invitationId).executeTakeFirst();
  return row ? { id: row.id, email: row.email, role: row.role, municipalityId: row.municipality_id } : undefined;
}

export interface AddressEntry {
  /** As typed, for telling the person which line was wrong. */
  raw: string;
  email: string;
  valid: boolean;
}

const MAX_INVITATIONS_AT_ONCE = 200;

const addressSchema = z.email().max(254);

// Mail programs copy names with a comma inside quotes ("Holm, Hanna" <hanna@exempel.se>),
// so a separator inside quotes or angle brackets does not split.
function splitAddressList(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let bracketed = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === "<" && !quoted) bracketed = true;
    else if (char === ">" && !quoted) bracketed = false;
    if (/[\r\n]/.test(char) || (/[,;]/.test(char) && !quoted && !bracketed)) {
      parts.push(current);
      current = "";
      quoted = false;
      bracketed = false;
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Reads a pasted list of addresses: one per line or separated by commas or semicolons,
 * bare or as `Namn <adress>` (the form mail programs copy). An address given twice
 * counts once.
 */
export function parseAddressList(text: string): AddressEntry[] {
  const seen = new Set<string>();
  const entries: AddressEntry[] = [];
  for (const part of splitAddressList(text)) {
    const raw = part.trim();
    if (!raw) continue;
    const named = /<([^<>]*)>$/.exec(raw);
    const email = (named ? named[1]! : raw).trim().toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    entries.push({ raw, email, valid: addressSchema.safeParse(email).success });
  }
  return entries;
}

export type InviteOutcome = { email: string; status: "invited" | "already_member" | "pending" | "invalid" };

export type InviteManyResult =
  | { status: "empty" }
  | { status: "too_many"; count: number; limit: number }
  /** Every malformed address, as typed; nobody was invited. */
  | { status: "invalid"; outcomes: InviteOutcome[] }
  | { status: "done"; outcomes: InviteOutcome[] };

/**
 * Invites everyone on a pasted list (parseAddressList) into one role and municipality, at most
 * MAX_INVITATIONS_AT_ONCE at a time. A list with a malformed address creates nothing, so the
 * person fixes it and sends the whole list again; people who already have an account or a
 * pending invitation are reported and skipped.
 */
export async function inviteMany(
  db: Kysely<Database>,
  input: { addresses: string; role: Role; municipalityId: string | null; school?: string | null; invitedBy: { id: string; name: string } },
  now: Date = new Date(),
): Promise<InviteManyResult> {
  const entries = parseAddressList(input.addresses);
  if (entries.length === 0) return { status: "empty" };
  if (entries.length > MAX_INVITATIONS_AT_ONCE) return { status: "too_many", count: entries.length, limit: MAX_INVITATIONS_AT_ONCE };
  if (entries.some((entry) => !entry.valid)) {
    return {
      status: "invalid",
      outcomes: entries.filter((entry) => !entry.valid).map((entry) => ({ email: entry.raw, status: "invalid" as const })),
    };
  }
  const outcomes: InviteOutcome[] = [];
  for (const entry of entries) {
    try {
      await createInvitation(db, { email: entry.email, role: input.role, municipalityId: input.municipalityId, school: input.school, invitedBy: input.invitedBy }, now);
      outcomes.push({ email: entry.email, status: "invited" });
    } catch (error) {
      if (!(error instanceof InvitationError) || (error.code !== "already_member" && error.code !== "pending")) throw error;
      outcomes.push({ email: entry.email, status: error.code });
    }
  }
  return { status: "done", outcomes };
}
