// SPDX-License-Identifier: EUPL-1.2
// The TOTP secret at rest (docs/decisions/043-totp-secret-at-rest.md): encrypted under SECRETS_KEY,
// like the identity providers' client secrets (secrets.server.ts), wherever the deployment has a
// key, so that a copy of the database or a backup alone cannot produce anyone's codes. Without a
// key it is kept as it is, as before; the server encrypts those at its next start with a key.
import type { Kysely } from "kysely";
import { secretsKeyProblem } from "~/env.server";
import type { Database } from "~db/schema";
import { decryptSecret, encryptSecret, isEncryptedSecret, SecretsKeyError } from "./secrets.server";

/** The secret as it is stored: encrypted where SECRETS_KEY is set and sound. */
export function sealTotpSecret(secret: string): string {
  return secretsKeyProblem(process.env.SECRETS_KEY) ? secret : encryptSecret(secret);
}

/** The secret from its stored form. Start-up has checked that the key opens what is encrypted. */
export function openTotpSecret(stored: string): string {
  return isEncryptedSecret(stored) ? decryptSecret(stored) : stored;
}

const ENCRYPTED = "v1.%";

/**
 * Run before the server listens. Where secrets are encrypted, a missing, weak or different key
 * stops the start: nobody could sign in with the code from their app, and the fault should show
 * at deploy. With a key, every secret still kept as it is gets encrypted; a second instance
 * starting at the same time finds each row already changed and leaves it.
 */
export async function encryptTotpSecretsAtStartup(db: Kysely<Database>): Promise<{ encrypted: number }> {
  // A database not yet migrated to 0017 has no table; `npm run db:migrate` comes first on deploy.
  const sample = await db
    .selectFrom("user_totp")
    .select("secret")
    .where("secret", "like", ENCRYPTED)
    .limit(1)
    .executeTakeFirst()
    .catch(() => null);
  if (sample === null) return { encrypted: 0 };
  const problem = secretsKeyProblem(process.env.SECRETS_KEY);
  if (sample) {
    if (problem) throw new SecretsKeyError(`Felaktig miljövariabel: SECRETS_KEY ${problem}; tvåstegsverifieringens hemligheter är krypterade med nyckeln och ingen kan logga in med koden från appen utan den.`);
    try {
      decryptSecret(sample.secret);
    } catch {
      throw new SecretsKeyError("Felaktig miljövariabel: SECRETS_KEY är inte den nyckel som tvåstegsverifieringens hemligheter krypterades med.");
    }
  }
  if (problem) return { encrypted: 0 };
  const plain = await db.selectFrom("user_totp").select(["user_id", "secret"]).where("secret", "not like", ENCRYPTED).execute();
  let encrypted = 0;
  for (const row of plain) {
    const result = await db
      .updateTable("user_totp")
      .set({ secret: encryptSecret(row.secret) })
      .where("user_id", "=", row.user_id)
      .where("secret", "=", row.secret)
      .executeTakeFirst();
    encrypted += Number(result.numUpdatedRows);
  }
  return { encrypted };
}
