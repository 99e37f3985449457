// SPDX-License-Identifier: EUPL-1.2
// What a person does with their own account: sign in, reset a forgotten password, sign in
// by emailed link, change name and password, and take out their own data (GDPR art. 15).
import type { Kysely } from "kysely";
import { appUrl } from "~/env.server";
import { formatDateTime } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { loginLinkEmail, passwordChangedEmail, passwordResetEmail } from "~/modules/email/templates.server";
import type { Database, Role, SecondFactorPending } from "~db/schema";
import { consumeEmailToken, createEmailToken } from "./email-token.server";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "./password.server";
import { hasSecondFactor, startSignedInSession } from "./second-factor.server";
import { createSession, describeDevice, describeSignInMethod, invalidateUserSessions, listUserSessions, mayUseAccount, type SessionUser } from "./session.server";
import {
  checkThrottles,
  clearAttempts,
  recordAttempt,
  THROTTLE_RULES,
  throttleKeys,
  type ThrottleRule,
  type ThrottleVerdict,
} from "./throttle.server";

// `secondFactor` set: the token is a half-signed session, good only for that step (second-factor.server.ts).
export type SignInResult =
  | { status: "ok"; userId: string; role: Role; token: string; expiresAt: Date; secondFactor: SecondFactorPending | null }
  | { status: "wrong_credentials" }
  | { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> };

/** Unknown email and wrong password answer alike, in words and in time. */
export async function signInWithPassword(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const verdict = await checkThrottles(
    db,
    [
      [throttleKeys.account(email), THROTTLE_RULES.signInPerAccount],
      [throttleKeys.ip(input.ip), THROTTLE_RULES.signInPerIp],
    ],
    now,
  );
  if (!verdict.allowed) return { status: "throttled", verdict };

  const user = await db
    .selectFrom("user")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .select(["user.id", "user.role", "user.password_hash", "user.municipality_id", "user.deactivated_at", "municipality.deactivated_at as municipalityDeactivatedAt"])
    .where("user.email", "=", email)
    .executeTakeFirst();
  const ok =
    user && user.password_hash && mayUseAccount({ deactivatedAt: user.deactivated_at, municipalityDeactivatedAt: user.municipalityDeactivatedAt })
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstDecoy(input.password);

  if (!ok || !user) {
    await recordAttempt(db, [throttleKeys.account(email), throttleKeys.ip(input.ip)], now);
    await recordAuditEvent(db, { action: "signin.failure", subject: email, municipalityId: user?.municipality_id ?? null, now });
    return { status: "wrong_credentials" };
  }

  await clearAttempts(db, throttleKeys.account(email));
  const session = await startSignedInSession(db, user.id, "password", { userAgent: input.userAgent, now });
  await recordAuditEvent(db, { action: "signin.success", actorId: user.id, subject: user.id, municipalityId: user.municipality_id, now });
  return { status: "ok", userId: user.id, role: user.role, ...session };
}

export type EmailLinkRequestResult = { status: "sent_if_known" } | { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> };

/**
 * Sends a reset or sign-in link if the address has an active account. The answer is the
 * same either way, so the form cannot be used to find out who has an account.
 */
export async function requestEmailLink(
  db: Kysely<Database>,
  input: { email: string; ip: string; purpose: "password_reset" | "login_link" },
  now: Date = new Date(),
): Promise<EmailLinkRequestResult> {
  const email = input.email.trim().toLowerCase();
  const keys: Array<[string, typeof THROTTLE_RULES.emailLinkPerAddress]> = [
    [throttleKeys.emailLinkAddress(email), THROTTLE_RULES.emailLinkPerAddress],
    [throttleKeys.emailLinkIp(input.ip), THROTTLE_RULES.emailLinkPerIp],
  ];
  const verdict = await checkThrottles(db, keys, now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  await recordAttempt(db, keys.map(([key]) => key), now);

  const user = await db.selectFrom("user").select(["id", "deactivated_at"]).where("email", "=", email).executeTakeFirst();
  if (!user || user.deactivated_at) return { status: "sent_if_known" };

  const { token, expiresAt } = await createEmailToken(db, user.id, input.purpose, now);
  const message =
    input.purpose === "password_reset"
      ? passwordResetEmail({ to: email, link: appUrl(`/aterstall/${token}`), expiresAt })
      : loginLinkEmail({ to: email, link: appUrl(`/logga-in/lank/${token}`), expiresAt });
  await enqueueEmail(db, message, now);
  return { status: "sent_if_known" };
}

export type EmailLinkSignInResult =
  | { status: "ok"; userId: string; role: Role; token: string; expiresAt: Date; secondFactor: SecondFactorPending | null }
  | { status: "invalid" | "expired" | "used" };

/**
 * Sets a new password from a reset link, ends every session and signs the person in on
 * this device: they proved they own the address, so they need not type the password again.
 */
export async function resetPasswordWithToken(
  db: Kysely<Database>,
  token: string,
  newPassword: string,
  options: { userAgent?: string | null } = {},
  now: Date = new Date(),
): Promise<EmailLinkSignInResult> {
  const passwordHash = await hashPassword(newPassword);
  // The token is used inside the transaction, so a failed write leaves it usable.
  const state = await db.transaction().execute(async (trx) => {
    const consumed = await consumeEmailToken(trx, token, "password_reset", now);
    if (consumed.status !== "valid") return consumed;
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", consumed.userId).execute();
    await invalidateUserSessions(trx, consumed.userId);
    await clearAttempts(trx, throttleKeys.account(consumed.email));
    await enqueueEmail(trx, passwordChangedEmail({ to: consumed.email }), now);
    await recordAuditEvent(trx, { action: "password.reset", actorId: consumed.userId, subject: consumed.userId, municipalityId: consumed.municipalityId, now });
    return consumed;
  });
  if (state.status !== "valid") return state;
  // The link proves the address, not the second factor.
  const session = await startSignedInSession(db, state.userId, "link", { userAgent: options.userAgent, now });
  return { status: "ok", userId: state.userId, role: state.role, ...session };
}

export async function signInWithEmailLink(
  db: Kysely<Database>,
  token: string,
  options: { userAgent?: string | null },
  now: Date = new Date(),
): Promise<EmailLinkSignInResult> {
  const state = await consumeEmailToken(db, token, "login_link", now);
  if (state.status !== "valid") return state;
  // Owning the address is proof enough to lift a lock-out caused by guessed passwords.
  await clearAttempts(db, throttleKeys.account(state.email));
  const session = await startSignedInSession(db, state.userId, "link", { userAgent: options.userAgent, now });
  await recordAuditEvent(db, { action: "signin.link", actorId: state.userId, subject: state.userId, municipalityId: state.municipalityId, now });
  return { status: "ok", userId: state.userId, role: state.role, ...session };
}

/**
 * Changing the password ends every session, this one too; the caller signs the person in
 * again with the returned token. Wrong current passwords count towards the account's
 * sign-in limit, so a borrowed session cannot be used to guess the password.
 */
export async function changePassword(
  db: Kysely<Database>,
  userId: string,
  input: { currentPassword: string; newPassword: string; ip: string; userAgent?: string | null },
  now: Date = new Date(),
): Promise<
  | { status: "ok"; token: string; expiresAt: Date }
  | { status: "wrong_current_password" }
  | { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> }
> {
  const user = await db.selectFrom("user").select(["email", "password_hash", "municipality_id"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const keys: Array<[string, ThrottleRule]> = [
    [throttleKeys.account(user.email), THROTTLE_RULES.signInPerAccount],
    [throttleKeys.ip(input.ip), THROTTLE_RULES.signInPerIp],
  ];
  const verdict = await checkThrottles(db, keys, now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordAttempt(db, keys.map(([key]) => key), now);
    return { status: "wrong_current_password" };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    await invalidateUserSessions(trx, userId);
    await enqueueEmail(trx, passwordChangedEmail({ to: user.email }), now);
    await recordAuditEvent(trx, { action: "password.changed", actorId: userId, subject: userId, municipalityId: user.municipality_id, now });
  });
  const session = await createSession(db, userId, { userAgent: input.userAgent, now });
  return { status: "ok", ...session };
}

/** Ends one of the person's own sessions; false if they have no session with that id. */
export async function endOwnSession(
  db: Kysely<Database>,
  user: { id: string; municipalityId: string | null },
  sessionId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const result = await db.deleteFrom("session").where("id", "=", sessionId).where("user_id", "=", user.id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  await recordAuditEvent(db, { action: "signout", actorId: user.id, subject: user.id, municipalityId: user.municipalityId, details: { session: "other" }, now });
  return true;
}

/** "Logga ut överallt": every session ends, the one making the request too. */
export async function signOutEverywhere(
  db: Kysely<Database>,
  user: { id: string; municipalityId: string | null },
  now: Date = new Date(),
): Promise<number> {
  const ended = await invalidateUserSessions(db, user.id);
  await recordAuditEvent(db, { action: "signout.everywhere", actorId: user.id, subject: user.id, municipalityId: user.municipalityId, details: { sessions: ended }, now });
  return ended;
}

export async function updateName(db: Kysely<Database>, userId: string, name: string, now: Date = new Date()): Promise<void> {
  await db.updateTable("user").set({ name: name.trim() }).where("id", "=", userId).execute();
  await recordAuditEvent(db, { action: "account.updated", actorId: userId, subject: userId, details: { field: "name" }, now });
}

/** Everything stored about the person, readable by them (GDPR art. 15). Secrets stay out. */
export async function exportPersonalData(db: Kysely<Database>, userId: string, now: Date = new Date()) {
  const user = await db
    .selectFrom("user")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .select(["user.id", "user.email", "user.name", "user.role", "user.school", "user.created_at", "user.deactivated_at", "municipality.name as municipality"])
    .where("user.id", "=", userId)
    .executeTakeFirstOrThrow();
  const sessions = await db
    .selectFrom("session")
    .select(["created_at", "last_used_at", "expires_at", "user_agent", "sign_in_method", "sign_in_provider"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const events = await db
    .selectFrom("audit_event")
    .select(["at", "action", "details"])
    .where((eb) => eb.or([eb("actor_id", "=", userId), eb("subject", "=", userId), eb("subject", "=", user.email)]))
    .orderBy("at")
    .execute();
  const emails = await db
    .selectFrom("outbox")
    .select(["created_at", "subject", "sent_at"])
    .where("to_address", "=", user.email)
    .orderBy("created_at")
    .execute();
  const lessons = await db
    .selectFrom("lesson_completion")
    .select(["track", "module", "lesson", "content_hash", "completed_at"])
    .where("user_id", "=", userId)
    .orderBy("completed_at")
    .execute();
  const tests = await db
    .selectFrom("quiz_attempt")
    .select(["track", "module", "content_hash", "answers", "score", "max_score", "passed", "submitted_at"])
    .where("user_id", "=", userId)
    .orderBy("submitted_at")
    .execute();
  const certificates = await db
    .selectFrom("certification")
    .select(["track", "code", "issued_at", "expires_at", "source", "revoked_at", "revoked_reason"])
    .where("user_id", "=", userId)
    .orderBy("issued_at")
    .execute();
  const invitations = await db
    .selectFrom("invitation")
    .select(["role", "school", "created_at", "expires_at", "accepted_at", "withdrawn_at"])
    .where("email", "=", user.email)
    .orderBy("created_at")
    .execute();
  const emailLinks = await db
    .selectFrom("email_token")
    .select(["purpose", "created_at", "expires_at", "used_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  const reminders = await db.selectFrom("reminder_sent").select(["kind", "reference", "sent_at"]).where("user_id", "=", userId).orderBy("sent_at").execute();
  const bookings = await db
    .selectFrom("session_booking")
    .innerJoin("training_session", "training_session.id", "session_booking.session_id")
    .select(["training_session.track", "training_session.step_key", "training_session.starts_at", "training_session.place", "session_booking.status", "session_booking.queued_at"])
    .where("session_booking.user_id", "=", userId)
    .orderBy("training_session.starts_at")
    .execute();
  const attendance = await db
    .selectFrom("session_attendance")
    .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
    .select(["training_session.track", "training_session.step_key", "training_session.starts_at", "session_attendance.attended", "session_attendance.marked_at"])
    .where("session_attendance.user_id", "=", userId)
    .orderBy("training_session.starts_at")
    .execute();
  const priorTraining = await db
    .selectFrom("prior_training")
    .select(["track", "step_key", "completed_on", "note", "created_at"])
    .where("user_id", "=", userId)
    .orderBy("completed_on")
    .execute();
  await recordAuditEvent(db, { action: "account.exported", actorId: userId, subject: userId, now });
  return {
    exportedAt: iso(now),
    description: "Alla uppgifter som Coachportalen har sparat om dig (registerutdrag enligt artikel 15 i dataskyddsförordningen).",
    person: user,
    sessions: sessions.map(({ sign_in_method, sign_in_provider, ...session }) => ({ ...session, signedInWith: describeSignInMethod(sign_in_method, sign_in_provider) })),
    events: events.map((e) => ({ ...e, details: e.details ? JSON.parse(e.details) : null })),
    emails,
    lessons,
    tests: tests.map((t) => ({ ...t, answers: JSON.parse(t.answers) as unknown, passed: t.passed === 1 })),
    certificates,
    // Token hashes stay out: they are secrets, not information about the person.
    invitations,
    emailLinks,
    reminders,
    courseDays: { bookings, attendance: attendance.map((a) => ({ ...a, attended: a.attended === 1 })) },
    // Registered by a coordinator; who registered it is in events, under the coordinator's own name.
    priorTraining: priorTraining.map((p) => ({ ...p, registeredBy: "samordnare" })),
  };
}

/** What /konto shows: the person, how this session was signed in, the second factor, and every session with this one first. */
export async function accountOverview(db: Kysely<Database>, user: SessionUser, currentSessionId: string) {
  const sessions = await listUserSessions(db, user.id);
  return {
    person: {
      name: user.name,
      email: user.email,
      role: ROLE_LABELS[user.role],
      municipality: user.municipalityName,
      school: user.school,
      signedInWith: describeSignInMethod(user.signInMethod ?? "password", user.signInProvider ?? null),
    },
    secondFactor: await hasSecondFactor(db, user.id),
    sessions: sessions
      .map((s) => ({
        id: s.id,
        device: describeDevice(s.user_agent),
        method: describeSignInMethod(s.sign_in_method, s.sign_in_provider),
        createdAt: formatDateTime(s.created_at),
        lastUsedAt: formatDateTime(s.last_used_at),
        current: s.id === currentSessionId,
      }))
      .sort((a, b) => Number(b.current) - Number(a.current)),
  };
}
