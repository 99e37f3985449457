// SPDX-License-Identifier: EUPL-1.2
// Runs only in the PostgreSQL run (TEST_DATABASE_URL): `npm run db:migrate` from two instances
// at once applies each migration once. Kysely's Migrator takes an advisory lock on PostgreSQL;
// these tests show that it holds, in one process and across two real db:migrate processes.
import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import { migrations } from "~db/migrations/index";
import { DEMO_PEOPLE, seedDemo } from "~db/seed";
import { createPostgresDatabase, dropPostgresDatabase } from "../helpers/postgres";

const ALL = Object.keys(migrations).sort();

function dbMigrate(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

afterAll(async () => {
  await dropPostgresDatabase("migrate_a");
  await dropPostgresDatabase("migrate_b");
});

describe("migrating one PostgreSQL database from two instances at once", () => {
  it("applies each migration once when two migrators start together", async () => {
    const url = await createPostgresDatabase("migrate_a");
    const [a, b] = [createDatabase(url), createDatabase(url)];
    try {
      const results = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const applied = results.flatMap((r) => r.results?.filter((m) => m.status === "Success").map((m) => m.migrationName) ?? []);
      expect(applied.sort()).toEqual(ALL);
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(a);
      expect(recorded.rows.map((r) => r.name)).toEqual(ALL);
      // The newest schema works: the demo data seeds, and a second seeding changes nothing.
      expect((await seedDemo(a)).created).toBe(DEMO_PEOPLE.length);
      expect((await seedDemo(b)).created).toBe(0);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it("lets two `npm run db:migrate` processes run together", async () => {
    const url = await createPostgresDatabase("migrate_b");
    const [first, second] = await Promise.all([dbMigrate(url), dbMigrate(url)]);
    expect(first.code, first.output).toBe(0);
    expect(second.code, second.output).toBe(0);
    // One applied everything inside the lock; the other waited for it and found nothing to do.
    const outputs = [first.output, second.output].join("\n");
    expect(outputs).toContain(`Migreringar körda: ${Object.keys(migrations).join(", ")}`);
    expect(outputs).toContain("Databasen är redan uppdaterad.");
    const db = createDatabase(url);
    try {
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      expect(recorded.rows.map((r) => r.name)).toEqual(ALL);
    } finally {
      await db.destroy();
    }
  });
});
