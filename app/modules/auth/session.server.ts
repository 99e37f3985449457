// SPDX-License-Identifier: EUPL-1.2
// Sessions after Lucia's guide (lucia-auth.com, "Sessions"): the token is `id.secret`,
// only the secret's SHA-256 is stored, the secret is compared in constant time.
// A session ends after 30 days without use and 90 days after sign-in at the latest.
import type { Kysely } from "kysely";
import { addMs, DAY_MS, HOUR_MS, iso } from "~/lib/time";
import type { Database, Role, SecondFactorPending, Session, SignInMethod } from "~db/schema";
import { generateSecureRandomString, hashSecret, secretMatchesHash } from "./tokens.server";
import { genitiveOf, officialNameOf } from "~/lib/municipality-name";

export const SESSION_INACTIVITY_MS = 30 * DAY_MS;
export const SESSION_ABSOLUTE_MS = 90 * DAY_MS;
// Sliding the expiry costs a write; once an hour is enough for a 30-day window.
const ACTIVITY_WRITE_INTERVAL_MS = HOUR_MS;
// Between the password and the second factor: long enough to open the app and type a code, or to
// scan the QR code when enrolling; short enough that a half-signed session left behind is soon gone.
export const SECOND_FACTOR_PENDING_MS = 15 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  municipalityId: string | null;
  municipalitySlug: string | null;
  municipalityName: string | null;
  school: string | null;
  /**
   * How this session was signed in (always set by validateSessionToken; optional so that
   * actors built outside a request need not say). 'oidc' and 'saml' sessions were authenticated by the
   * municipality's provider, which is trusted for the second factor (issue #18).
   */
  signInMethod?: SignInMethod;
  /** The provider's name ("Högsby kommun") for an 'oidc' or 'saml' session; null otherwise. */
  signInProvider?: string | null;
}

export type { SignInMethod };

/** How a member's municipality shows itself in the page header (its profile, migration 0013). */
export interface MunicipalityBrand {
  officialName: string;
  slug: string;
  /** The logo's hash, for its address; null without a logo. */
  logoSha256: string | null;
}

/** The signed-in person of one request and their session's id, or null for a visitor. */
export type RequestSession = { user: SessionUser; sessionId: string; brand?: MunicipalityBrand | null } | null;

export interface ValidSession {
  session: Pick<Session, "id" | "created_at" | "expires_at">;
  user: SessionUser;
  /** Read in the same query as the session, so the header costs no query of its own. */
  brand?: MunicipalityBrand | null;
}

function expiryFor(createdAt: Date, lastUsedAt: Date): Date {
  return new Date(Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, lastUsedAt.getTime() + SESSION_INACTIVITY_MS));
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  options: { userAgent?: string | null; now?: Date; secondFactorPending?: SecondFactorPending | null; method?: SignInMethod; provider?: string | null } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const pending = options.secondFactorPending ?? null;
  const expiresAt = pending ? addMs(now, SECOND_FACTOR_PENDING_MS) : expiryFor(now, now);
  await db
    .insertInto("session")
    .values({
      id,
      secret_hash: hashSecret(secret),
      user_id: userId,
      created_at: iso(now),
      last_used_at: iso(now),
      expires_at: iso(expiresAt),
      user_agent: options.userAgent?.slice(0, 300) ?? null,
      second_factor_pending: pending,
      sign_in_method: options.method ?? "password",
      sign_in_provider: options.method === "oidc" || options.method === "saml" ? (options.provider ?? null) : null,
    })
    .execute();
  return { token: `${id}.${secret}`, expiresAt };
}

/** Returns the session and its user, sliding the expiry; null for anything not valid. */
export async function validateSessionToken(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<(ValidSession & { expiresAt: Date; slid: boolean; secondFactorPending: SecondFactorPending | null }) | null> {
  const [id, secret, ...rest] = token.split(".");
  if (!id || !secret || rest.length > 0 || id.length > 64 || secret.length > 64) return null;

  const row = await db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .leftJoin("municipality_logo", "municipality_logo.municipality_id", "user.municipality_id")
    .select([
      "municipality.official_name as municipalityOfficialName",
      "municipality_logo.sha256 as logoSha256",
      "session.id as sessionId",
      "session.secret_hash",
      "session.created_at",
      "session.last_used_at",
      "session.expires_at",
      "session.second_factor_pending",
      "session.sign_in_method",
      "session.sign_in_provider",
      "user.id as userId",
      "user.email",
      "user.name",
      "user.role",
      "user.school",
      "user.deactivated_at",
      "user.municipality_id",
      "municipality.deactivated_at as municipalityDeactivatedAt",
      "municipality.slug as municipalitySlug",
      "municipality.name as municipalityName",
    ])
    .where("session.id", "=", id)
    .executeTakeFirst();

  if (!row || !secretMatchesHash(secret, row.secret_hash)) return null;
  if (!mayUseAccount({ deactivatedAt: row.deactivated_at, municipalityDeactivatedAt: row.municipalityDeactivatedAt }) || new Date(row.expires_at) <= now) {
    await invalidateSession(db, id);
    return null;
  }

  let expiresAt = new Date(row.expires_at);
  let slid = false;
  // A half-signed session keeps its short life: only a full sign-in slides.
  if (!row.second_factor_pending && now.getTime() - new Date(row.last_used_at).getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    expiresAt = expiryFor(new Date(row.created_at), now);
    await db
      .updateTable("session")
      .set({ last_used_at: iso(now), expires_at: iso(expiresAt) })
      .where("id", "=", id)
      .execute();
    slid = true;
  }

  return {
    session: { id: row.sessionId, created_at: row.created_at, expires_at: iso(expiresAt) },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      municipalityId: row.municipality_id,
      municipalitySlug: row.municipalitySlug,
      municipalityName: row.municipalityName,
      school: row.school,
      signInMethod: row.sign_in_method,
      signInProvider: row.sign_in_provider,
    },
    brand:
      row.municipality_id && row.municipalitySlug && row.municipalityName
        ? { officialName: officialNameOf(row.municipalityName, row.municipalityOfficialName), slug: row.municipalitySlug, logoSha256: row.logoSha256 }
        : null,
    expiresAt,
    slid,
    secondFactorPending: row.second_factor_pending,
  };
}

/**
 * The second factor given, a half-signed session becomes a full one, in place: its token has only
 * ever been in this browser's httpOnly cookie, and keeping it lets the enrolment page show the
 * recovery codes in the same response that signs the person in (without JavaScript too).
 */
export async function completeSecondFactor(db: Kysely<Database>, sessionId: string, now: Date = new Date()): Promise<boolean> {
  const result = await db
    .updateTable("session")
    .set({ second_factor_pending: null, created_at: iso(now), last_used_at: iso(now), expires_at: iso(expiryFor(now, now)) })
    .where("id", "=", sessionId)
    .where("second_factor_pending", "is not", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The one rule for using an account: the person, and the municipality they belong to, are active. */
export function mayUseAccount(account: { deactivatedAt: string | null; municipalityDeactivatedAt: string | null }): boolean {
  return account.deactivatedAt === null && account.municipalityDeactivatedAt === null;
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, optionally keeping one (the one making the request). */
export async function invalidateUserSessions(db: Kysely<Database>, userId: string, exceptSessionId?: string): Promise<number> {
  let query = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptSessionId) query = query.where("id", "!=", exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listUserSessions(db: Kysely<Database>, userId: string, now: Date = new Date()) {
  return db
    .selectFrom("session")
    .select(["id", "created_at", "last_used_at", "expires_at", "user_agent", "sign_in_method", "sign_in_provider"])
    .where("user_id", "=", userId)
    .where("second_factor_pending", "is", null)
    .where("expires_at", ">", iso(now))
    .orderBy("last_used_at", "desc")
    .execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  await db.deleteFrom("session").where("expires_at", "<=", iso(now)).execute();
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Version\/[\d.]+.*Safari\//, "Safari"],
];

// Order matters: iPad and Android user agents also mention Mac OS X and Linux.
const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/CrOS/, "Chromebook"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/Linux/, "Linux"],
];

/** "Med Högsby kommuns konto": how a session was signed in, in a person's words. */
export function describeSignInMethod(method: SignInMethod, provider: string | null): string {
  if (method === "oidc") return provider ? `Med ${genitiveOf(provider)} konto` : "Med kommunens konto";
  if (method === "saml") return provider ? `Med ${genitiveOf(provider)} konto (SAML)` : "Med kommunens konto (SAML)";
  return method === "link" ? "Med länk via e-post" : "Med lösenord";
}

/** "Firefox på Windows": enough for a person to recognise their own device in a list of sessions. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Okänd enhet";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} på ${system}`;
  return browser ?? system ?? "Okänd enhet";
}
