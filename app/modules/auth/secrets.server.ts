// SPDX-License-Identifier: EUPL-1.2
// Secrets the app must read back (an identity provider's client secret) are stored encrypted
// with AES-256-GCM under SECRETS_KEY, so that a copy of the database or a backup alone does
// not let anyone act as Coachportalen towards a municipality's provider.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { secretsKeyProblem } from "~/env.server";
import type { Database } from "~db/schema";

const VERSION = "v1";

export class SecretsKeyError extends Error {}

/** The key, read when used (tests and scripts may set it after start); throws with the reason it cannot be used. */
function secretsKey(): Buffer {
  const value = process.env.SECRETS_KEY;
  const problem = secretsKeyProblem(value);
  if (problem) throw new SecretsKeyError(`SECRETS_KEY ${problem}.`);
  return Buffer.from(value!.trim(), "base64");
}

/** Why stored secrets cannot be written or read now, in Swedish, or null. */
export function secretsUnavailable(): string | null {
  const problem = secretsKeyProblem(process.env.SECRETS_KEY);
  return problem ? `Miljövariabeln SECRETS_KEY ${problem}. Be driftansvarig sätta den och starta om Coachportalen.` : null;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** Whether a stored value is one encryptSecret wrote, rather than a value kept as it is. */
export function isEncryptedSecret(stored: string): boolean {
  return stored.startsWith(`${VERSION}.`);
}

export function decryptSecret(stored: string): string {
  const [version, iv, body, tag] = stored.split(".");
  if (version !== VERSION || !iv || body === undefined || !tag) throw new SecretsKeyError("Den sparade hemligheten går inte att läsa.");
  const decipher = createDecipheriv("aes-256-gcm", secretsKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // A different key than the one that wrote it: say so rather than fail obscurely at sign-in.
    throw new SecretsKeyError("Den sparade hemligheten går inte att läsa med nuvarande SECRETS_KEY.");
  }
}

/**
 * Start-up refuses a missing or weak key once any OpenID Connect provider is configured: without
 * it nobody could sign in through their municipality, and the fault should show at deploy, not at
 * 8 a.m. A SAML IdP keeps no secret here (its metadata and certificates are public), so it needs no key.
 */
export async function checkSecretsKeyAtStartup(db: Kysely<Database>): Promise<void> {
  const configured = await db
    .selectFrom("identity_provider")
    .select("id")
    .where("kind", "=", "oidc")
    .limit(1)
    .executeTakeFirst()
    // A database not yet migrated to 0018 has no providers; `npm run db:migrate` comes first on deploy.
    .catch(() => undefined);
  if (!configured) return;
  const problem = secretsKeyProblem(process.env.SECRETS_KEY);
  if (problem) throw new SecretsKeyError(`Felaktig miljövariabel: SECRETS_KEY ${problem}; en kommun har egen inloggning och dess klienthemlighet kan inte läsas utan nyckeln.`);
}
