// SPDX-License-Identifier: EUPL-1.2
import { Migrator, type Kysely, type MigrationResultSet } from "kysely";
import { migrations } from "./migrations/index";
import { dialectOf, inSqliteWriteTransaction } from "./sql";

/**
 * Applies every pending migration; safe when several instances start together, each
 * migration is applied once. On PostgreSQL Kysely's Migrator holds an advisory lock and runs
 * in a transaction. On SQLite it holds no lock at all (it assumes one connection), so the whole
 * run happens in one write transaction: a second process waits for it, then finds nothing to do.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const provider = { getMigrations: async () => migrations };
  const result =
    dialectOf(db) === "sqlite"
      ? await inSqliteWriteTransaction(db, (connection) => new Migrator({ db: connection, provider, disableTransactions: true }).migrateToLatest())
      : await new Migrator({ db, provider }).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
