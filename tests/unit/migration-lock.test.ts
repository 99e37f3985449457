// SPDX-License-Identifier: EUPL-1.2
// `npm run db:migrate` may run from several instances at once (a deploy that starts them
// together). Kysely's Migrator takes no lock on SQLite; db/migrate.ts holds a write
// transaction instead. tests/postgres/migration-lock.test.ts shows the same on PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import { migrations } from "~db/migrations/index";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrating a SQLite file from two instances at once", () => {
  it("applies each migration once and both instances end on the newest schema", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coachportalen-migrate-"));
    dirs.push(dir);
    const file = path.join(dir, "store.db");
    // Two handles are two connections, like two processes; their steps interleave at every await.
    const [a, b] = [createDatabase(file), createDatabase(file)];
    try {
      const results = await Promise.all([migrateToLatest(a), migrateToLatest(b)]);
      const applied = results.flatMap((r) => r.results?.filter((m) => m.status === "Success").map((m) => m.migrationName) ?? []);
      expect(applied.sort()).toEqual(Object.keys(migrations).sort());
      const recorded = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(b);
      expect(recorded.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
      expect((await migrateToLatest(a)).results).toEqual([]);
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });
});
