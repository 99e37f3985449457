// SPDX-License-Identifier: EUPL-1.2
// Storage limitation (GDPR art. 5.1 e): a person's personal data is kept while it serves the
// training and the certificate, and removed after the retention period
// (docs/decisions/014-data-safety.md). Removing means anonymising: the person's
// row stays, nameless and unable to sign in, so that lessons read, tests taken, certificates
// issued and course days attended still count in the municipality's figures and in the public
// follow-up, which were never about who. Everything that names or reaches the person goes.
import { sql, type Kysely } from "kysely";
import { DEFAULT_RETENTION_MONTHS, envValue } from "~/env.server";
import { iso } from "~/lib/time";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { getPerson } from "~/modules/people/people.server";
import type { Database } from "~db/schema";

export { DEFAULT_RETENTION_MONTHS };
export const ANONYMISED_NAME = "Anonymiserad person";

/** A unique address that can never receive mail (.invalid, RFC 2606), so the unique column holds. */
export function anonymisedEmail(userId: string): string {
  return `anonymiserad-${userId.toLowerCase()}@anonymiserad.invalid`;
}

/** RETENTION_MONTHS, a whole number of months from 1 up; 24 when unset (the rule is in env.server.ts). */
export function retentionMonths(value?: string): number {
  return envValue("RETENTION_MONTHS", value);
}

/** The same day and time `months` calendar months earlier (the last day of the month where it is shorter). */
export function monthsBefore(now: Date, months: number): Date {
  const target = new Date(now.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

export type AnonymiseReason = "retention" | "admin";

export interface AnonymiseResult {
  status: "anonymised" | "already_anonymised";
  removed?: { sessions: number; emailTokens: number; invitations: number; emails: number; signInAttempts: number; reminders: number; secondFactor: number };
}

const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

/**
 * Deactivates (if not already) and anonymises one person, in one transaction: name and address
 * replaced, password, sessions, email links, invitations to their address, emails to them in the
 * outbox, sign-in attempts and sent-reminder records removed; audit events that named them by
 * address now name them by their id. What they did (lessons, tests, certificates, bookings,
 * attendance) stays with the nameless row. The day they were deactivated is kept as it was, so a
 * person deactivated before is counted exactly as before.
 */
export async function anonymisePerson(
  db: Kysely<Database>,
  input: { personId: string; actorId: string | null; reason: AnonymiseReason; retentionMonths?: number },
  now: Date = new Date(),
): Promise<AnonymiseResult> {
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom("user")
      .select(["id", "email", "role", "municipality_id", "deactivated_at", "anonymised_at"])
      .where("id", "=", input.personId)
      .executeTakeFirstOrThrow();
    if (person.anonymised_at) return { status: "already_anonymised" as const };
    const email = person.email.toLowerCase();

    const removed = {
      sessions: count(await trx.deleteFrom("session").where("user_id", "=", person.id).executeTakeFirst()),
      emailTokens: count(await trx.deleteFrom("email_token").where("user_id", "=", person.id).executeTakeFirst()),
      invitations: count(await trx.deleteFrom("invitation").where(sql`lower(email)`, "=", email).executeTakeFirst()),
      emails: count(await trx.deleteFrom("outbox").where(sql`lower(to_address)`, "=", email).executeTakeFirst()),
      signInAttempts: count(await trx.deleteFrom("login_attempt").where("key", "in", [`signin:account:${email}`, `emaillink:address:${email}`]).executeTakeFirst()),
      reminders: count(await trx.deleteFrom("reminder_sent").where("user_id", "=", person.id).executeTakeFirst()),
      // The authenticator's key and the recovery codes are a way into the account, like the password.
      secondFactor: count(await trx.deleteFrom("user_totp").where("user_id", "=", person.id).executeTakeFirst()),
    };
    await trx.deleteFrom("recovery_code").where("user_id", "=", person.id).execute();
    await trx.updateTable("audit_event").set({ subject: person.id }).where(sql`lower(subject)`, "=", email).execute();
    // Earlier training stays, like lessons read (a training fact for the figures); only its free-text note, which may name the person, goes.
    await trx.updateTable("prior_training").set({ note: null }).where("user_id", "=", person.id).execute();
    await trx
      .updateTable("user")
      .set({
        email: anonymisedEmail(person.id),
        name: ANONYMISED_NAME,
        school: null,
        password_hash: null,
        wants_monthly_summary: 0,
        deactivated_at: person.deactivated_at ?? iso(now),
        anonymised_at: iso(now),
      })
      .where("id", "=", person.id)
      .execute();
    await recordAuditEvent(trx, {
      action: "person.anonymised",
      actorId: input.actorId,
      subject: person.id,
      municipalityId: person.municipality_id,
      details: {
        role: person.role,
        reason: input.reason,
        ...(input.retentionMonths ? { retentionMonths: input.retentionMonths } : {}),
        wasDeactivated: person.deactivated_at !== null,
        removed,
      },
      now,
    });
    return { status: "anonymised" as const, removed };
  });
}

export type AnonymiseRequestOutcome =
  | { status: "not_found" }
  | { status: "forbidden" }
  | { status: "already_anonymised" }
  | { status: "anonymised"; name: string };

/**
 * An admin's request at /admin/anvandare to remove one person's personal data now, before their
 * retention period ends. Whom they may not see does not exist for them.
 */
export async function anonymiseOnRequest(
  db: Kysely<Database>,
  input: { actor: SessionUser; personId: string },
  now: Date = new Date(),
): Promise<AnonymiseRequestOutcome> {
  const person = await getPerson(db, input.personId);
  if (!person || !can.viewPerson(input.actor, person)) return { status: "not_found" };
  if (!can.anonymisePerson(input.actor, person)) return { status: "forbidden" };
  const result = await anonymisePerson(db, { personId: person.id, actorId: input.actor.id, reason: "admin" }, now);
  return result.status === "anonymised" ? { status: "anonymised", name: person.name } : { status: "already_anonymised" };
}

export interface RetentionCandidate {
  id: string;
  role: string;
  municipalityId: string | null;
  /** The latest of: deactivation, last activity, a certificate's last valid moment. */
  retainedSince: string;
}

/**
 * People whose retention period is over: nothing has happened with them for `months` months.
 * The clock starts at the latest of the account's creation, its deactivation, its last use
 * (a session used, anything they did that is in the audit log, a lesson, a test, a booking,
 * attendance) and the end of a certificate that is not revoked: while a certificate is valid,
 * /verifiera must be able to name its holder, so the name is kept until it ends, and then for
 * the retention period.
 */
export async function findRetentionCandidates(db: Kysely<Database>, input: { months: number; now?: Date }): Promise<RetentionCandidate[]> {
  const cutoff = iso(monthsBefore(input.now ?? new Date(), input.months));
  const rows = await db
    .selectFrom("user")
    .select(["user.id", "user.role", "user.municipality_id", "user.created_at", "user.deactivated_at"])
    .select((eb) => [
      eb.selectFrom("session").select((s) => s.fn.max("last_used_at").as("at")).whereRef("session.user_id", "=", "user.id").as("session_at"),
      eb.selectFrom("audit_event").select((s) => s.fn.max("at").as("at")).whereRef("audit_event.actor_id", "=", "user.id").as("audit_at"),
      eb.selectFrom("lesson_completion").select((s) => s.fn.max("completed_at").as("at")).whereRef("lesson_completion.user_id", "=", "user.id").as("lesson_at"),
      eb.selectFrom("quiz_attempt").select((s) => s.fn.max("submitted_at").as("at")).whereRef("quiz_attempt.user_id", "=", "user.id").as("test_at"),
      eb.selectFrom("session_booking").select((s) => s.fn.max("updated_at").as("at")).whereRef("session_booking.user_id", "=", "user.id").as("booking_at"),
      eb.selectFrom("session_attendance").select((s) => s.fn.max("marked_at").as("at")).whereRef("session_attendance.user_id", "=", "user.id").as("attendance_at"),
      eb
        .selectFrom("certification")
        .select((s) => s.fn.max("expires_at").as("at"))
        .whereRef("certification.user_id", "=", "user.id")
        .where("certification.revoked_at", "is", null)
        .as("certificate_at"),
    ])
    .where("user.anonymised_at", "is", null)
    .execute();
  const candidates: RetentionCandidate[] = [];
  for (const row of rows) {
    const moments = [row.created_at, row.deactivated_at, row.session_at, row.audit_at, row.lesson_at, row.test_at, row.booking_at, row.attendance_at, row.certificate_at];
    const retainedSince = moments.filter((m): m is string => typeof m === "string").reduce((a, b) => (a > b ? a : b));
    if (retainedSince <= cutoff) candidates.push({ id: row.id, role: row.role, municipalityId: row.municipality_id, retainedSince });
  }
  return candidates;
}

/** `npm run retention`: anonymises everyone whose retention period is over. Safe to run again at any time. */
export async function applyRetention(db: Kysely<Database>, input: { months: number; now?: Date }): Promise<{ anonymised: number; candidates: number }> {
  const now = input.now ?? new Date();
  const candidates = await findRetentionCandidates(db, { months: input.months, now });
  let anonymised = 0;
  for (const candidate of candidates) {
    const result = await anonymisePerson(db, { personId: candidate.id, actorId: null, reason: "retention", retentionMonths: input.months }, now);
    if (result.status === "anonymised") anonymised += 1;
  }
  return { anonymised, candidates: candidates.length };
}
