// SPDX-License-Identifier: EUPL-1.2
// The deployment's Ed25519 key that signs every Open Badges credential (docs/decisions/028).
// It is made on first use and kept in the database, so every instance signs with the same key
// and a database backup keeps it. Two instances that need it at once both try to store a new
// key under the same id; the database keeps one, and both sign with the one it kept.
// A rotated-out key stays in the table with retired_at set: its public key is still published,
// so everything it signed keeps verifying.
import type { Kysely } from "kysely";
import { iso } from "~/lib/time";
import type { Database } from "~db/schema";
import { signingLibraries } from "./libraries.server";

const FIRST_KEY_ID = "1";

export interface CredentialKey {
  id: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The key that signs now: the newest one not retired, made on first use. */
export async function signingKey(db: Kysely<Database>, now = new Date()): Promise<CredentialKey> {
  const current = await newestActiveKey(db);
  if (current) return current;
  const { Ed25519Multikey } = await signingLibraries();
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  await db
    .insertInto("credential_key")
    .values({
      id: FIRST_KEY_ID,
      public_key_multibase: exported.publicKeyMultibase,
      secret_key_multibase: exported.secretKeyMultibase!,
      created_at: iso(now),
      retired_at: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  const stored = await newestActiveKey(db);
  if (!stored) throw new Error("No credential signing key: every key in credential_key is retired.");
  return stored;
}

async function newestActiveKey(db: Kysely<Database>): Promise<CredentialKey | undefined> {
  const row = await db
    .selectFrom("credential_key")
    .select(["id", "public_key_multibase", "secret_key_multibase"])
    .where("retired_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row && { id: row.id, publicKeyMultibase: row.public_key_multibase, secretKeyMultibase: row.secret_key_multibase };
}

/**
 * Retires the signing key(s) and makes a new one (npm run credentials:rotate-key), for a key that
 * may have leaked or has served long enough. The old keys stay published, so everything they
 * signed still verifies; revoke those certificates instead if a leaked key may have signed others.
 */
export async function rotateSigningKey(db: Kysely<Database>, now = new Date()): Promise<{ retired: string[]; created: string }> {
  const { Ed25519Multikey } = await signingLibraries();
  const exported = await (await Ed25519Multikey.generate()).export({ publicKey: true, secretKey: true });
  return db.transaction().execute(async (trx) => {
    const keys = await trx.selectFrom("credential_key").select(["id", "retired_at"]).execute();
    const created = String(Math.max(0, ...keys.map((key) => Number(key.id)).filter(Number.isSafeInteger)) + 1);
    const retired = keys.filter((key) => key.retired_at === null).map((key) => key.id);
    if (retired.length > 0) await trx.updateTable("credential_key").set({ retired_at: iso(now) }).where("id", "in", retired).execute();
    await trx
      .insertInto("credential_key")
      .values({ id: created, public_key_multibase: exported.publicKeyMultibase, secret_key_multibase: exported.secretKeyMultibase!, created_at: iso(now), retired_at: null })
      .execute();
    return { retired, created };
  });
}

export interface PublishedKey {
  id: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
}

/** Every public key the deployment has signed with, retired ones too. */
export async function publishedKeys(db: Kysely<Database>): Promise<PublishedKey[]> {
  const rows = await db.selectFrom("credential_key").select(["id", "public_key_multibase", "created_at", "retired_at"]).orderBy("created_at").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, publicKeyMultibase: r.public_key_multibase, createdAt: r.created_at, retiredAt: r.retired_at }));
}

export async function publishedKey(db: Kysely<Database>, id: string): Promise<PublishedKey | undefined> {
  return (await publishedKeys(db)).find((key) => key.id === id);
}
