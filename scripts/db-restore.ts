// SPDX-License-Identifier: EUPL-1.2
// Puts a backup made by `npm run db:backup` back as the live SQLite database:
//   npm run db:restore -- data/backups/coachportalen-20250301-093000.db
// The backup is checked first (integrity_check, a Coachportalen database this version knows);
// the current database is saved beside it as <name>.before-restore-<UTC time>.db; the backup is
// then written in one transaction, so an app that is running sees the old or the restored state.
// Stop the app first all the same: what it writes between the backup and now is not in the backup.
// PostgreSQL is restored with pg_restore (README, "Deploying at scale").
import { BackupError, restoreDatabase } from "../db/backup.server";
import { envValue } from "../app/env.server";
import { DEFAULT_DATABASE_URL, sqlitePathOf, storeKindOf } from "../db/client.server";

const url = envValue("DATABASE_URL") || DEFAULT_DATABASE_URL;
if (storeKindOf(url) === "postgres") {
  console.error(
    "DATABASE_URL pekar på PostgreSQL. Läs tillbaka en säkerhetskopia från pg_dump med PostgreSQL:s egna verktyg:\n" +
      '  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" coachportalen-ÅÅÅÅ-MM-DD.dump\n' +
      "(se README, avsnittet om drift i större skala).",
  );
  process.exit(2);
}
const databasePath = sqlitePathOf(url);
const backupFile = process.argv[2];
if (!backupFile || databasePath === ":memory:") {
  console.error("Användning: npm run db:restore -- <säkerhetskopia.db>  (till databasen i DATABASE_URL, en SQLite-fil)");
  process.exit(2);
}
try {
  const { savedAs } = await restoreDatabase(backupFile, databasePath);
  console.log(`Databasen ${databasePath} är återställd från ${backupFile} och kontrollerad (integrity_check ok).`);
  if (savedAs) console.log(`Innehållet före återställningen är sparat i ${savedAs}.`);
} catch (error) {
  console.error(error instanceof BackupError ? `Återställningen gjordes inte: ${error.message}` : `Återställningen misslyckades: ${(error as Error).message}`);
  process.exit(1);
}
