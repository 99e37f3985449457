// SPDX-License-Identifier: EUPL-1.2
// A consistent copy of the live SQLite database, taken while the app runs:
//   npm run db:backup                      → data/backups/coachportalen-<UTC time>.db beside the database
//   npm run db:backup -- /var/backups/c.db → that file (never overwritten)
// PostgreSQL is backed up with pg_dump (README, "Deploying at scale").
import { BackupError, backupDatabase, defaultBackupPath } from "../db/backup.server";
import { envValue } from "../app/env.server";
import { DEFAULT_DATABASE_URL, sqlitePathOf, storeKindOf } from "../db/client.server";

const url = envValue("DATABASE_URL") || DEFAULT_DATABASE_URL;
if (storeKindOf(url) === "postgres") {
  console.error(
    "DATABASE_URL pekar på PostgreSQL. Säkerhetskopiera med PostgreSQL:s egna verktyg:\n" +
      '  pg_dump --format=custom --file=coachportalen-$(date +%F).dump "$DATABASE_URL"\n' +
      "och läs tillbaka med pg_restore (se README, avsnittet om drift i större skala).",
  );
  process.exit(2);
}
const databasePath = sqlitePathOf(url);
if (databasePath === ":memory:") {
  console.error("En databas i minnet kan inte säkerhetskopieras.");
  process.exit(2);
}
const target = process.argv[2] ?? defaultBackupPath(databasePath);
try {
  const { pages } = await backupDatabase(databasePath, target);
  console.log(`Säkerhetskopian är klar och kontrollerad (integrity_check ok, ${pages} sidor): ${target}`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `Säkerhetskopieringen misslyckades: ${(error as Error).message}`);
  process.exit(1);
}
