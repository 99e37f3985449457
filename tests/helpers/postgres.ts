// SPDX-License-Identifier: EUPL-1.2
// The PostgreSQL run of the test suite (TEST_DATABASE_URL set): databases on that server,
// each named after TEST_DATABASE_URL's own database plus `_vitest_…`, so that a run only ever
// creates and drops its own. docs/decisions/009-tests-on-both-databases.md explains the design.
import { sql, type Kysely } from "kysely";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

function requireUrl(): URL {
  if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL är inte satt");
  return new URL(TEST_DATABASE_URL);
}

function prefix(): string {
  return `${decodeURIComponent(requireUrl().pathname.slice(1)) || "postgres"}_vitest_`;
}

/** The URL of a database with this name on TEST_DATABASE_URL's server, as the same role. */
export function postgresUrlFor(database: string): string {
  const url = requireUrl();
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    const url = requireUrl();
    throw new Error(`Kan inte ansluta till PostgreSQL på ${url.host}${url.pathname} (TEST_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates database `<name>_vitest_<suffix>` and returns its URL. Without `keep` an old one is
 * dropped first; with it an existing one is used as it is (a worker's database between files).
 */
export async function createPostgresDatabase(suffix: string, options: { keep?: boolean } = {}): Promise<string> {
  const name = prefix() + suffix;
  await withAdmin(async (client) => {
    if (!options.keep) await client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`);
    try {
      // UTF-8 with C.UTF-8 ordering, whatever the server's default: text then sorts by code
      // point as in SQLite, and Å, Ä and Ö are stored as they are.
      await client.query(`create database ${quoteIdentifier(name)} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    } catch (error) {
      if (!(options.keep && (error as { code?: string }).code === "42P04")) throw error; // 42P04: it exists
    }
  });
  return postgresUrlFor(name);
}

export async function dropPostgresDatabase(suffix: string): Promise<void> {
  await withAdmin((client) => client.query(`drop database if exists ${quoteIdentifier(prefix() + suffix)} with (force)`));
}

/** Drops every database an earlier run left behind, so that each run starts from fresh migrations. */
export async function dropAllTestDatabases(): Promise<void> {
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where starts_with(datname, $1)", [prefix()]);
    for (const { datname } of rows) await client.query(`drop database if exists ${quoteIdentifier(datname)} with (force)`);
  });
}

/** Empties every table but Kysely's migration bookkeeping: one statement, so foreign keys never stand in the way. */
export async function emptyTables(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ tablename: string }>`
    select tablename from pg_tables where schemaname = current_schema() and tablename not like 'kysely\\_%'`.execute(db);
  if (rows.length === 0) return;
  await sql`truncate table ${sql.join(rows.map((r) => sql.table(r.tablename)))} restart identity cascade`.execute(db);
}
