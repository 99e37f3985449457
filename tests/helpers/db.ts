import type { Kysely } from "kysely";
import { createDatabase } from "~db/client.server";
import { newId } from "~db/ids.server";
import { migrateToLatest } from "~db/migrate";
import type { Database, Role } from "~db/schema";
import { hashPassword } from "~/modules/auth/password.server";

/** A fresh, migrated in-memory SQLite database. */
export async function createTestDb(): Promise<Kysely<Database>> {
  const db = createDatabase(":memory:");
  await migrateToLatest(db);
  return db;
}

/** Gives the app (getDb) a fresh database for this test; returns it. */
export async function installTestDb(): Promise<Kysely<Database>> {
  const previous = globalThis.__coachportalenDb;
  globalThis.__coachportalenDb = await createTestDb();
  if (previous) await previous.destroy();
  return globalThis.__coachportalenDb;
}

export function testDb(): Kysely<Database> {
  if (!globalThis.__coachportalenDb) throw new Error("installTestDb() has not run");
  return globalThis.__coachportalenDb;
}

export async function createMunicipality(db: Kysely<Database>, slug: string, name = `${slug} kommun`) {
  const id = newId();
  await db.insertInto("municipality").values({ id, slug, name, county: "Kalmar län", created_at: new Date().toISOString() }).execute();
  return { id, slug, name };
}

// Hashing costs ~50 ms; tests share one hash of this password.
export const TEST_PASSWORD = "ett-testlosenord-42";
let testHash: Promise<string> | undefined;

export async function createUser(
  db: Kysely<Database>,
  input: { role: Role; municipalityId?: string | null; email?: string; name?: string; school?: string | null },
) {
  testHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = input.email ?? `${input.role}-${id}@test.example`;
  await db
    .insertInto("user")
    .values({
      id,
      email,
      name: input.name ?? `Test ${input.role}`,
      role: input.role,
      municipality_id: input.municipalityId ?? null,
      school: input.school ?? null,
      password_hash: await testHash,
      created_at: new Date().toISOString(),
      deactivated_at: null,
    })
    .execute();
  return { id, email, name: input.name ?? `Test ${input.role}`, role: input.role, municipalityId: input.municipalityId ?? null };
}
