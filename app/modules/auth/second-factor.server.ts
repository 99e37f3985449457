// SPDX-License-Identifier: EUPL-1.2
// A second factor for everyone who sees personal data (issue #18; docs/decisions/031): an
// authenticator app (TOTP, RFC 6238: 30-second steps, 6 digits, one step either side for a
// clock that drifts) and ten one-time recovery codes. Whoever has given the password but not
// the code holds a half-signed session (session.second_factor_pending) that opens nothing but
// the code step, the enrolment and sign-out; the code replaces it with a full session.
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import type { Kysely } from "kysely";
import QRCode from "qrcode";
import { envValue } from "~/env.server";
import { ROLE_HOME } from "~/lib/roles";
import { iso } from "~/lib/time";
import { safeRedirect } from "~/lib/validation";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { Database, Role, SecondFactorPending, SignInMethod } from "~db/schema";
import { createSession, invalidateUserSessions } from "./session.server";
import { checkThrottles, clearAttempts, recordAttempt, THROTTLE_RULES, throttleKeys, type ThrottleVerdict } from "./throttle.server";
import { openTotpSecret, sealTotpSecret } from "./totp-secret.server";
import { generateSecureRandomString, hashSecret } from "./tokens.server";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const TOTP_ISSUER = "Coachportalen";
export const RECOVERY_CODE_COUNT = 10;

/** The roles that read personal data about many people, and so always need a second factor. */
const ROLES_THAT_NEED_IT: Role[] = ["coordinator", "admin"];

/** The deployment's switch (REQUIRE_MFA), read when asked so that a test can turn it. */
export function deploymentRequiresSecondFactor(): boolean {
  return envValue("REQUIRE_MFA");
}

/**
 * The one rule for asking for a second factor. A municipality's own provider (OpenID Connect,
 * SAML) is trusted to have asked for one: its sign-ins never are. Anyone who has enrolled is
 * asked, whatever the switch says; otherwise coordinators and admins, and everyone in a
 * municipality whose admin extended the requirement, unless REQUIRE_MFA=false.
 */
export function secondFactorRequired(
  person: { role: Role; enrolled: boolean; municipalityRequiresAll: boolean },
  method: SignInMethod,
  deploymentRequires: boolean = deploymentRequiresSecondFactor(),
): boolean {
  if (method === "oidc" || method === "saml") return false;
  if (person.enrolled) return true;
  if (!deploymentRequires) return false;
  return ROLES_THAT_NEED_IT.includes(person.role) || person.municipalityRequiresAll;
}

/** What a sign-in by `method` still lacks: the code ("verify"), an enrolment ("enrol"), or nothing (null). */
export async function secondFactorStep(db: Kysely<Database>, userId: string, method: SignInMethod): Promise<SecondFactorPending | null> {
  const row = await db
    .selectFrom("user")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .leftJoin("user_totp", "user_totp.user_id", "user.id")
    .select(["user.role", "municipality.mfa_all_roles", "user_totp.confirmed_at"])
    .where("user.id", "=", userId)
    .executeTakeFirstOrThrow();
  const enrolled = row.confirmed_at != null;
  if (!secondFactorRequired({ role: row.role, enrolled, municipalityRequiresAll: Number(row.mfa_all_roles ?? 0) === 1 }, method)) return null;
  return enrolled ? "verify" : "enrol";
}

/** A session for a person who has given the first factor: full, or half-signed when a second factor is still due. */
export async function startSignedInSession(
  db: Kysely<Database>,
  userId: string,
  method: SignInMethod,
  options: { userAgent?: string | null; now?: Date; provider?: string | null } = {},
): Promise<{ token: string; expiresAt: Date; secondFactor: SecondFactorPending | null }> {
  const secondFactor = await secondFactorStep(db, userId, method);
  const session = await createSession(db, userId, { ...options, method, secondFactorPending: secondFactor });
  return { ...session, secondFactor };
}


export async function hasSecondFactor(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user_totp").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
  return row?.confirmed_at != null;
}

/** 160 bits, as RFC 4226 recommends; written in groups of four for typing by hand. */
function newTotpSecret(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32UpperCaseNoPadding(bytes);
}

/** A base32 secret as a person may type it: spaces, lower case and padding are forgiven. */
export function normaliseTotpSecret(input: string): string | null {
  const secret = input.replace(/[\s=-]/g, "").toUpperCase();
  if (!/^[A-Z2-7]{16,128}$/.test(secret)) return null;
  try {
    return decodeBase32IgnorePadding(secret).length >= 10 ? secret : null;
  } catch {
    return null;
  }
}

export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export type Enrolment = { status: "enrolled" } | { status: "started"; secret: string; groupedSecret: string; keyUri: string; qrSvg: string };

/**
 * Enrolment's first step: the secret to scan or type. A secret waiting for its first code is
 * kept, so reloading the page shows the same QR code as the app already scanned.
 */
export async function startEnrolment(db: Kysely<Database>, user: { id: string; email: string }, now: Date = new Date()): Promise<Enrolment> {
  const existing = await db.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", user.id).executeTakeFirst();
  if (existing?.confirmed_at) return { status: "enrolled" };
  let stored = existing?.secret;
  if (!stored) {
    // Two tabs opening enrolment at once keep the one secret written first.
    await db
      .insertInto("user_totp")
      .values({ user_id: user.id, secret: sealTotpSecret(newTotpSecret()), confirmed_at: null, last_used_step: null, created_at: iso(now) })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    stored = (await db.selectFrom("user_totp").select("secret").where("user_id", "=", user.id).executeTakeFirstOrThrow()).secret;
  }
  const secret = openTotpSecret(stored);
  const keyUri = createTOTPKeyURI(TOTP_ISSUER, user.email, decodeBase32IgnorePadding(secret), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  // Inline SVG: no script and no data: URL, so the page's Content-Security-Policy need not bend.
  const qrSvg = await QRCode.toString(keyUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { status: "started", secret, groupedSecret: groupedSecret(secret), keyUri, qrSvg };
}

/** The TOTP step whose code matches, within one step either side of now; null when none does. */
function matchingStep(stored: string, code: string, now: Date): number | null {
  const key = decodeBase32IgnorePadding(openTotpSecret(stored));
  const current = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
  const typed = new TextEncoder().encode(code);
  for (const step of [current - 1, current, current + 1]) {
    const expected = new TextEncoder().encode(generateHOTP(key, BigInt(step), TOTP_DIGITS));
    if (constantTimeEqual(expected, typed)) return step;
  }
  return null;
}

/** The code a test or a script computes, as the person's app would show it. */
export function totpCodeFor(secret: string, now: Date = new Date()): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)), TOTP_DIGITS);
}

/**
 * Accepts a step once: the update only succeeds when the step is later than the last one used,
 * so the same code sent twice (or by two requests at once) signs in only once.
 */
async function useStep(db: Kysely<Database>, userId: string, step: number, confirmNow: Date | null): Promise<boolean> {
  let query = db
    .updateTable("user_totp")
    .set(confirmNow ? { last_used_step: step, confirmed_at: iso(confirmNow) } : { last_used_step: step })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]));
  query = confirmNow ? query.where("confirmed_at", "is", null) : query.where("confirmed_at", "is not", null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function normaliseRecoveryCode(input: string): string {
  return input.replace(/[\s-]/g, "").toLowerCase();
}

/** Ten new codes replace any old ones; only their hashes are kept, so they are shown once. */
async function issueRecoveryCodes(db: Kysely<Database>, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => generateSecureRandomString(10));
  await db.deleteFrom("recovery_code").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_code")
    .values(codes.map((code) => ({ id: newId(), user_id: userId, code_hash: hashSecret(code), used_at: null, created_at: iso(now) })))
    .execute();
  return codes.map((code) => `${code.slice(0, 5)}-${code.slice(5)}`);
}

type Throttled = { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> };
type Person = { id: string; municipalityId: string | null };

function throttleChecks(userId: string, ip: string) {
  return [
    [throttleKeys.secondFactor(userId), THROTTLE_RULES.signInPerAccount],
    [throttleKeys.ip(ip), THROTTLE_RULES.signInPerIp],
  ] as Array<[string, typeof THROTTLE_RULES.signInPerAccount]>;
}

async function recordFailure(db: Kysely<Database>, person: Person, ip: string, step: "enrol" | "verify" | "renew", now: Date): Promise<void> {
  await recordAttempt(db, throttleChecks(person.id, ip).map(([key]) => key), now);
  await recordAuditEvent(db, { action: "mfa.failure", actorId: person.id, subject: person.id, municipalityId: person.municipalityId, details: { step }, now });
}

/** Enrolment's second step: the first code from the app proves it holds the secret. Returns the recovery codes, shown once. */
export async function confirmEnrolment(
  db: Kysely<Database>,
  person: Person,
  input: { code: string; ip: string },
  now: Date = new Date(),
): Promise<{ status: "ok"; recoveryCodes: string[] } | { status: "wrong_code" } | { status: "not_started" } | Throttled> {
  const verdict = await checkThrottles(db, throttleChecks(person.id, input.ip), now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  const row = await db.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", person.id).executeTakeFirst();
  if (!row || row.confirmed_at) return { status: "not_started" };
  const step = matchingStep(row.secret, input.code, now);
  if (step === null || !(await useStep(db, person.id, step, now))) {
    await recordFailure(db, person, input.ip, "enrol", now);
    return { status: "wrong_code" };
  }
  const recoveryCodes = await issueRecoveryCodes(db, person.id, now);
  await clearAttempts(db, throttleKeys.secondFactor(person.id));
  await recordAuditEvent(db, { action: "mfa.enrolled", actorId: person.id, subject: person.id, municipalityId: person.municipalityId, now });
  return { status: "ok", recoveryCodes };
}

/**
 * The code step: six digits from the app, or one of the recovery codes. A code from a step
 * already used is refused (a code seen over a shoulder or in a proxy log is spent).
 */
export async function verifySecondFactor(
  db: Kysely<Database>,
  person: Person,
  input: { code: string; ip: string },
  now: Date = new Date(),
): Promise<{ status: "ok"; used: "totp" | "recovery"; recoveryCodesLeft: number } | { status: "wrong_code" } | Throttled> {
  const verdict = await checkThrottles(db, throttleChecks(person.id, input.ip), now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  const code = input.code.replace(/\s/g, "");

  if (/^\d{6}$/.test(code)) {
    const row = await db.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", person.id).executeTakeFirst();
    const step = row?.confirmed_at ? matchingStep(row.secret, code, now) : null;
    if (step !== null && (await useStep(db, person.id, step, null))) {
      await clearAttempts(db, throttleKeys.secondFactor(person.id));
      return { status: "ok", used: "totp", recoveryCodesLeft: await recoveryCodesLeft(db, person.id) };
    }
  } else {
    const result = await db
      .updateTable("recovery_code")
      .set({ used_at: iso(now) })
      .where("user_id", "=", person.id)
      .where("code_hash", "=", hashSecret(normaliseRecoveryCode(code)))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      await clearAttempts(db, throttleKeys.secondFactor(person.id));
      const left = await recoveryCodesLeft(db, person.id);
      await recordAuditEvent(db, {
        action: "mfa.recovery_used",
        actorId: person.id,
        subject: person.id,
        municipalityId: person.municipalityId,
        details: { left },
        now,
      });
      return { status: "ok", used: "recovery", recoveryCodesLeft: left };
    }
  }
  await recordFailure(db, person, input.ip, "verify", now);
  return { status: "wrong_code" };
}

/**
 * Ten new recovery codes for a person whose codes are used up or were seen by someone else. A
 * current code from the app proves the person holds it (a signed-in session alone could be a
 * borrowed computer); the code's step is spent, as at sign-in. The old codes stop working in the
 * same transaction as the new are stored.
 */
export async function renewRecoveryCodes(
  db: Kysely<Database>,
  person: Person,
  input: { code: string; ip: string },
  now: Date = new Date(),
): Promise<{ status: "ok"; recoveryCodes: string[] } | { status: "wrong_code" } | { status: "not_enrolled" } | Throttled> {
  const verdict = await checkThrottles(db, throttleChecks(person.id, input.ip), now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  const row = await db.selectFrom("user_totp").select(["secret", "confirmed_at"]).where("user_id", "=", person.id).executeTakeFirst();
  if (!row?.confirmed_at) return { status: "not_enrolled" };
  const step = matchingStep(row.secret, input.code.replace(/\s/g, ""), now);
  const recoveryCodes =
    step === null
      ? null
      : await db.transaction().execute(async (trx) => ((await useStep(trx, person.id, step, null)) ? issueRecoveryCodes(trx, person.id, now) : null));
  if (!recoveryCodes) {
    await recordFailure(db, person, input.ip, "renew", now);
    return { status: "wrong_code" };
  }
  await clearAttempts(db, throttleKeys.secondFactor(person.id));
  await recordAuditEvent(db, { action: "mfa.recovery_renewed", actorId: person.id, subject: person.id, municipalityId: person.municipalityId, now });
  return { status: "ok", recoveryCodes };
}

export async function recoveryCodesLeft(db: Kysely<Database>, userId: string): Promise<number> {
  const rows = await db.selectFrom("recovery_code").select("id").where("user_id", "=", userId).where("used_at", "is", null).execute();
  return rows.length;
}

/** Sets the secret directly, confirmed: for `npm run user:create --totp-secret`, so a script or a test starts enrolled. */
export async function enrolWithSecret(db: Kysely<Database>, userId: string, secret: string, now: Date = new Date()): Promise<void> {
  await db.deleteFrom("user_totp").where("user_id", "=", userId).execute();
  await db.insertInto("user_totp").values({ user_id: userId, secret: sealTotpSecret(secret), confirmed_at: iso(now), last_used_step: null, created_at: iso(now) }).execute();
}

/**
 * An admin's reset, for a lost phone: the authenticator and the recovery codes go, and so do the
 * person's sessions, so the next sign-in enrols again.
 */
export async function resetSecondFactor(
  db: Kysely<Database>,
  actor: { id: string },
  person: Person,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_totp").where("user_id", "=", person.id).execute();
    await trx.deleteFrom("recovery_code").where("user_id", "=", person.id).execute();
    await invalidateUserSessions(trx, person.id);
    await clearAttempts(trx, throttleKeys.secondFactor(person.id));
    await recordAuditEvent(trx, { action: "mfa.reset", actorId: actor.id, subject: person.id, municipalityId: person.municipalityId, now });
  });
}

/** An admin extends the requirement to every role in a municipality, or takes the extension back. */
export async function setMunicipalityRequiresSecondFactor(
  db: Kysely<Database>,
  actor: { id: string },
  municipalityId: string,
  required: boolean,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("municipality").set({ mfa_all_roles: required ? 1 : 0 }).where("id", "=", municipalityId).executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await recordAuditEvent(trx, { action: required ? "mfa.required_all" : "mfa.required_default", actorId: actor.id, subject: municipalityId, municipalityId, now });
    return true;
  });
}

export async function municipalityRequiresSecondFactor(db: Kysely<Database>, municipalityId: string): Promise<boolean> {
  const row = await db.selectFrom("municipality").select("mfa_all_roles").where("id", "=", municipalityId).executeTakeFirst();
  return Number(row?.mfa_all_roles ?? 0) === 1;
}

/** Where a sign-in lands: the second factor's step when one is due, else the page asked for or the role's home. */
export function landingAfterSignIn(signIn: { role: Role; secondFactor: SecondFactorPending | null }, redirectTo?: string | null): string {
  const target = safeRedirect(redirectTo, ROLE_HOME[signIn.role]);
  if (signIn.secondFactor === "enrol") return ENROLMENT_PATH;
  if (signIn.secondFactor === "verify") return target === ROLE_HOME[signIn.role] ? CODE_STEP_PATH : `${CODE_STEP_PATH}?redirectTo=${encodeURIComponent(target)}`;
  return target;
}

export const CODE_STEP_PATH = "/logga-in/kod";
export const ENROLMENT_PATH = "/konto/tvastegsverifiering";

/** Which of these people have an authenticator, confirmed or under way: an admin's list offers a reset for them. */
export async function peopleWithSecondFactor(db: Kysely<Database>, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom("user_totp").select("user_id").where("user_id", "in", userIds).execute();
  return new Set(rows.map((row) => row.user_id));
}
