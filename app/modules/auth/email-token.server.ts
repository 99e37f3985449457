// SPDX-License-Identifier: EUPL-1.2
// Single-use links sent by email: password reset (1 hour) and one-time sign-in (15 minutes).
// The token is in the link; only its hash is stored. Using it is a conditional update,
// so two clicks at once use it once.
import type { Kysely } from "kysely";
import { addMs, HOUR_MS, iso, MINUTE_MS } from "~/lib/time";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";
import { generateSecureRandomString, hashSecret } from "./tokens.server";
import { mayUseAccount } from "./session.server";

export type EmailTokenPurpose = "password_reset" | "login_link";

export const EMAIL_TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  password_reset: HOUR_MS,
  login_link: 15 * MINUTE_MS,
};

export async function createEmailToken(
  db: Kysely<Database>,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSecureRandomString(32);
  const expiresAt = addMs(now, EMAIL_TOKEN_LIFETIME_MS[purpose]);
  await db
    .insertInto("email_token")
    .values({ id: newId(), token_hash: hashSecret(token), purpose, user_id: userId, created_at: iso(now), expires_at: iso(expiresAt), used_at: null })
    .execute();
  return { token, expiresAt };
}

export type EmailTokenState =
  | { status: "valid"; userId: string; email: string; name: string; role: Role; municipalityId: string | null }
  | { status: "invalid" | "expired" | "used" };

export async function inspectEmailToken(
  db: Kysely<Database>,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date = new Date(),
): Promise<EmailTokenState> {
  if (!/^[a-z0-9]{16,64}$/.test(token)) return { status: "invalid" };
  const row = await db
    .selectFrom("email_token")
    .innerJoin("user", "user.id", "email_token.user_id")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .select([
      "municipality.deactivated_at as municipalityDeactivatedAt",
      "email_token.user_id",
      "email_token.expires_at",
      "email_token.used_at",
      "user.email",
      "user.name",
      "user.role",
      "user.municipality_id",
      "user.deactivated_at",
    ])
    .where("email_token.token_hash", "=", hashSecret(token))
    .where("email_token.purpose", "=", purpose)
    .executeTakeFirst();
  if (!row || !mayUseAccount({ deactivatedAt: row.deactivated_at, municipalityDeactivatedAt: row.municipalityDeactivatedAt })) return { status: "invalid" };
  if (row.used_at) return { status: "used" };
  if (new Date(row.expires_at) <= now) return { status: "expired" };
  return { status: "valid", userId: row.user_id, email: row.email, name: row.name, role: row.role, municipalityId: row.municipality_id };
}

/** Marks the token used; returns its user only if this call was the one that used it. */
export async function consumeEmailToken(
  db: Kysely<Database>,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date = new Date(),
): Promise<EmailTokenState> {
  const state = await inspectEmailToken(db, token, purpose, now);
  if (state.status !== "valid") return state;
  const result = await db
    .updateTable("email_token")
    .set({ used_at: iso(now) })
    .where("token_hash", "=", hashSecret(token))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? state : { status: "used" };
}
