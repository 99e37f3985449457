// SPDX-License-Identifier: EUPL-1.2
// Throttling counts attempts in the database, so limits survive restarts and hold
// across several app instances behind a load balancer.
import type { Kysely } from "kysely";
import { addMs, iso, MINUTE_MS } from "~/lib/time";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";

export interface ThrottleRule {
  /** Attempts allowed inside the window; the next one is refused. */
  limit: number;
  windowMs: number;
}

export const THROTTLE_RULES = {
  signInPerAccount: { limit: 5, windowMs: 15 * MINUTE_MS },
  signInPerIp: { limit: 30, windowMs: 15 * MINUTE_MS },
  emailLinkPerAddress: { limit: 3, windowMs: 15 * MINUTE_MS },
  emailLinkPerIp: { limit: 20, windowMs: 15 * MINUTE_MS },
  // Lookups of codes that match no certificate: a person mistypes a few, a script guessing codes many.
  unknownCertificateCodePerIp: { limit: 20, windowMs: 15 * MINUTE_MS },
  // Invitation links that match no invitation: a person pastes a broken link a few times, a script many.
  unknownInvitationPerIp: { limit: 20, windowMs: 15 * MINUTE_MS },
  // Sign-ins started towards a municipality's provider: each leaves a row for ten minutes.
  oidcStartPerIp: { limit: 30, windowMs: 15 * MINUTE_MS },
} satisfies Record<string, ThrottleRule>;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number };

export async function checkThrottle(
  db: Kysely<Database>,
  key: string,
  rule: ThrottleRule,
  now: Date = new Date(),
): Promise<ThrottleVerdict> {
  const since = iso(addMs(now, -rule.windowMs));
  const row = await db
    .selectFrom("login_attempt")
    .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.min("at").as("oldest")])
    .where("key", "=", key)
    .where("at", ">", since)
    .executeTakeFirst();
  const count = toCount(row?.n);
  if (count < rule.limit || !row?.oldest) return { allowed: true };
  const freeAt = new Date(row.oldest).getTime() + rule.windowMs;
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / MINUTE_MS)) };
}

/** Checks every key and returns the strictest verdict. */
export async function checkThrottles(
  db: Kysely<Database>,
  checks: Array<[key: string, rule: ThrottleRule]>,
  now: Date = new Date(),
): Promise<ThrottleVerdict> {
  let worst: ThrottleVerdict = { allowed: true };
  for (const [key, rule] of checks) {
    const verdict = await checkThrottle(db, key, rule, now);
    if (!verdict.allowed && (worst.allowed || verdict.retryAfterMinutes > worst.retryAfterMinutes)) worst = verdict;
  }
  return worst;
}

export async function recordAttempt(db: Kysely<Database>, keys: string[], now: Date = new Date()): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insertInto("login_attempt")
    .values(keys.map((key) => ({ id: newId(), key, at: iso(now) })))
    .execute();
}

export async function clearAttempts(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("login_attempt").where("key", "=", key).execute();
}

/** Old attempts say nothing any more; the reminders/maintenance run prunes them. */
export async function pruneAttempts(db: Kysely<Database>, now: Date = new Date()): Promise<void> {
  await db.deleteFrom("login_attempt").where("at", "<", iso(addMs(now, -24 * 60 * MINUTE_MS))).execute();
}

export const throttleKeys = {
  account: (email: string) => `signin:account:${email.toLowerCase()}`,
  ip: (ip: string) => `signin:ip:${ip}`,
  // Codes are counted per person: whoever holds the half-signed session has the password already.
  secondFactor: (userId: string) => `mfa:account:${userId}`,
  emailLinkAddress: (email: string) => `emaillink:address:${email.toLowerCase()}`,
  emailLinkIp: (ip: string) => `emaillink:ip:${ip}`,
  unknownCertificateCodeIp: (ip: string) => `verify:ip:${ip}`,
  unknownInvitationIp: (ip: string) => `invitation:ip:${ip}`,
  oidcStartIp: (ip: string) => `oidc:ip:${ip}`,
};

/**
 * A lookup by a secret (a link's token) that counts the misses per key. Over the limit every
 * lookup is refused, hits too: answering those would still tell a guesser when one hit.
 */
export async function throttledLookup<T>(
  db: Kysely<Database>,
  check: { key: string; rule: ThrottleRule; isMiss: (result: T) => boolean },
  lookup: () => Promise<T>,
  now: Date = new Date(),
): Promise<{ status: "done"; result: T } | { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> }> {
  const verdict = await checkThrottle(db, check.key, check.rule, now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  const result = await lookup();
  if (check.isMiss(result)) await recordAttempt(db, [check.key], now);
  return { status: "done", result };
}

export function throttleMessage(verdict: { retryAfterMinutes: number }): string {
  const m = verdict.retryAfterMinutes;
  return `För många försök. Vänta ${m} ${m === 1 ? "minut" : "minuter"} och försök sedan igen.`;
}
