// SPDX-License-Identifier: EUPL-1.2
// Picks the store from DATABASE_URL: an embedded SQLite file by default, PostgreSQL
// when the URL says postgres://. Everything above this file is dialect-neutral.
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type Driver, type SqliteDatabase } from "kysely";
import pg from "pg";
import { envValue } from "../app/env.server";
import { watchSqliteCommits, WriteTrackingPlugin } from "./change-tracking";
import type { Database } from "./schema";
import { NulFreeValuesPlugin } from "./sql";

export const DEFAULT_DATABASE_URL = "./data/coachportalen.db";

export type StoreKind = "sqlite" | "postgres";

export function storeKindOf(url: string): StoreKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

export function sqlitePathOf(url: string): string {
  if (url === ":memory:") return url;
  if (url.startsWith("file://")) return new URL(url).pathname;
  if (url.startsWith("file:")) return url.slice("file:".length);
  return url;
}

export function createDatabase(url: string = envValue("DATABASE_URL") || DEFAULT_DATABASE_URL): Kysely<Database> {
  if (storeKindOf(url) === "postgres") {
    // pg returns bigint counts as strings; db/sql.ts turns them into numbers in one place.
    // JIT off: the coordinator's status counts are estimated costly enough for PostgreSQL to compile
    // them, which took 1.3 s of a 1.4 s dashboard on the bench database; without it, 50 ms
    // (docs/decisions/023-performance-pass.md). Short OLTP queries gain nothing from JIT.
    const pool = new pg.Pool({ connectionString: url, max: envValue("DATABASE_POOL_SIZE"), options: "-c jit=off" });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new NulFreeValuesPlugin(), new WriteTrackingPlugin()] });
  }
  const file = sqlitePathOf(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // With WAL, NORMAL loses nothing when the process dies; only a power cut can cost the last commits.
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins: [new NulFreeValuesPlugin(), new WriteTrackingPlugin()] });
  watchSqliteCommits(db);
  return db;
}

/**
 * Every Kysely transaction on SQLite begins IMMEDIATE, taking the write lock at its start. Begun
 * deferred, a transaction that read and then wrote was refused at once ("database is locked")
 * when another process committed in between: SQLite's busy wait does not help a read snapshot
 * that has gone stale. One process has one connection and runs its transactions one at a time
 * anyway; between processes (workers, scripts, the tests' own connection) a transaction now
 * waits for the lock instead (docs/decisions/044-sqlite-immediate-transactions.md).
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

/**
 * Kysely prepares every query anew, and on a lesson page preparing cost more than running.
 * The app's queries are a fixed set of SQL texts, so each is prepared once; a statement still
 * busy (a streamed query) gets a fresh one for the overlapping use.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(text);
      if (!cached) {
        if (statements.size >= 1000) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

declare global {
  // Survives Vite's module reloads in development, so one connection pool serves.
  // eslint-disable-next-line no-var
  var __coachportalenDb: Kysely<Database> | undefined;
}

/** The app's shared database handle, opened on first use. */
export function getDb(): Kysely<Database> {
  globalThis.__coachportalenDb ??= createDatabase();
  return globalThis.__coachportalenDb;
}
