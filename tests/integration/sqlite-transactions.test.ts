// SPDX-License-Identifier: EUPL-1.2
// A transaction that reads and then writes must not be refused because another process committed
// in between (docs/decisions/044-sqlite-immediate-transactions.md). Seen in the end-to-end run: the
// tests' own connection invited a person (check, then insert) while the server wrote, and SQLite
// answered "database is locked" at once. Two connections to one file stand for the two processes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";

let folder: string | undefined;
afterEach(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

it("a transaction that reads, then writes, holds the write lock from its start: another connection's write waits for it, not the other way round", async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite-tx-"));
  const file = path.join(folder, "tx.db");
  const app = createDatabase(file);
  await sql`create table counter (id text primary key, n integer not null)`.execute(app);
  await sql`insert into counter values ('a', 0)`.execute(app);
  const other = new SQLite(file);
  other.pragma("busy_timeout = 0");

  let otherRefused = false;
  await app.transaction().execute(async (trx) => {
    const { rows } = await sql<{ n: number }>`select n from counter where id = 'a'`.execute(trx);
    // Another process writes between this transaction's read and its write.
    try {
      other.prepare("update counter set n = n + 100 where id = 'a'").run();
    } catch (error) {
      otherRefused = (error as { code?: string }).code === "SQLITE_BUSY";
    }
    await sql`update counter set n = ${rows[0]!.n + 1} where id = 'a'`.execute(trx);
  });

  // The app's transaction went through; the other writer was told to wait (its busy timeout is 0 here) and can try again.
  expect(otherRefused).toBe(true);
  other.prepare("update counter set n = n + 100 where id = 'a'").run();
  expect(other.prepare("select n from counter where id = 'a'").get()).toEqual({ n: 101 });
  other.close();
  await app.destroy();
});
