// SPDX-License-Identifier: EUPL-1.2
import type { Kysely } from "kysely";
import { createDatabase } from "~db/client.server";
import { newId } from "~db/ids.server";
import { migrateToLatest } from "~db/migrate";
import type { Database, Role } from "~db/schema";
import { hashPassword } from "~/modules/auth/password.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { createPostgresDatabase, emptyTables, TEST_DATABASE_URL } from "./postgres";

/** A fresh, migrated in-memory SQLite database. */
export async function createTestDb(): Promise<Kysely<Database>> {
  const db = createDatabase(":memory:");
  await migrateToLatest(db);
  return db;
}

// With TEST_DATABASE_URL (the PostgreSQL run) each Vitest worker has its own database,
// migrated once; between tests every table is emptied, which is much faster than a new database.
let postgresDb: Kysely<Database> | undefined;

/** Names this worker's database; files in one worker run one after another, never together. */
function workerDatabase(): string {
  return `w${process.env.VITEST_POOL_ID ?? "1"}`;
}

/** Gives the app (getDb) a fresh database for this test; returns it. */
export async function installTestDb(): Promise<Kysely<Database>> {
  if (TEST_DATABASE_URL) {
    if (!postgresDb) {
      postgresDb = createDatabase(await createPostgresDatabase(workerDatabase(), { keep: true }));
      await migrateToLatest(postgresDb);
    }
    await emptyTables(postgresDb);
    globalThis.__coachportalenDb = postgresDb;
    return postgresDb;
  }
  const previous = globalThis.__coachportalenDb;
  globalThis.__coachportalenDb = await createTestDb();
  if (previous) await previous.destroy();
  return globalThis.__coachportalenDb;
}

/** Closes the test database's connections when a test file is done. */
export async function closeTestDb(): Promise<void> {
  const db = globalThis.__coachportalenDb;
  globalThis.__coachportalenDb = undefined;
  postgresDb = undefined;
  await db?.destroy();
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
  // A coach starts with an empty progress summary, as one who accepts an invitation does.
  if (input.role === "coach") await refreshProgressSummary(db, id);
  return { id, email, name: input.name ?? `Test ${input.role}`, role: input.role, municipalityId: input.municipalityId ?? null };
}
