// SPDX-License-Identifier: EUPL-1.2
// Backup and restore of the SQLite store, with SQLite's online backup API (better-sqlite3's
// db.backup()): the copy is one consistent state of the database, also while the app writes.
// Copying the file would not be: in WAL mode the newest commits are in the -wal file, and a
// copy taken mid-write can hold half a transaction. PostgreSQL has pg_dump and pg_restore.
// docs/decisions/014-data-safety.md
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { migrations } from "./migrations/index";

/** What the commands tell the person at the terminal, in Swedish. */
export class BackupError extends Error {}

const ALL_REMAINING_PAGES = 0x7fffffff;

/** 20250301-093000: sorts in time order, safe in every file system. */
export function backupStamp(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d+Z$/, "").replace(/-/g, "").replace("T", "-").replace(/:/g, "");
}

/** data/coachportalen.db → data/backups/coachportalen-20250301-093000.db */
export function defaultBackupPath(databasePath: string, now: Date = new Date()): string {
  const name = path.basename(databasePath).replace(/\.(db|sqlite3?)$/i, "");
  return path.join(path.dirname(path.resolve(databasePath)), "backups", `${name}-${backupStamp(now)}.db`);
}

/**
 * Copies the live database to `target` in one consistent state. The source is read in a single
 * step of the backup API, so no commit by the app can land between two parts of the copy
 * (SQLite would restart the copy if one did); in WAL mode the app keeps writing meanwhile.
 */
export async function backupDatabase(databasePath: string, target: string): Promise<{ pages: number }> {
  if (!fs.existsSync(databasePath)) throw new BackupError(`Databasen ${databasePath} finns inte.`);
  if (fs.existsSync(target)) throw new BackupError(`${target} finns redan. Välj ett annat filnamn; en befintlig fil skrivs aldrig över.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const source = new SQLite(databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    const result = await source.backup(target, { progress: () => ALL_REMAINING_PAGES });
    // One self-contained file: a copy to move elsewhere must not depend on a -wal beside it.
    const copy = new SQLite(target);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    verifyDatabaseFile(target);
    return { pages: result.totalPages };
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  } finally {
    source.close();
  }
}

/**
 * Checks that a file is a whole Coachportalen database this version of the app can use:
 * SQLite's integrity check passes, and it knows no migration this app does not.
 */
export function verifyDatabaseFile(file: string): { migrations: string[] } {
  if (!fs.existsSync(file)) throw new BackupError(`Filen ${file} finns inte.`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} går inte att öppna som en SQLite-databas: ${(error as Error).message}`);
  }
  try {
    let check: string[];
    try {
      check = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    } catch (error) {
      throw new BackupError(`${file} är ingen hel SQLite-databas: ${(error as Error).message}`);
    }
    if (check.length !== 1 || check[0] !== "ok") throw new BackupError(`${file} är skadad (integrity_check: ${check.slice(0, 5).join("; ")}).`);
    const hasMigrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!hasMigrations) throw new BackupError(`${file} är ingen databas från Coachportalen (tabellen kysely_migration saknas).`);
    const applied = (db.prepare("select name from kysely_migration order by name").all() as Array<{ name: string }>).map((row) => row.name);
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length) throw new BackupError(`${file} kommer från en nyare version av Coachportalen (okända migreringar: ${unknown.join(", ")}).`);
    return { migrations: applied };
  } finally {
    db.close();
  }
}

/**
 * Puts a backup back in place of the live database. The backup is checked first; the current
 * content is saved beside the database as <name>.before-restore-<stamp>.db; then the backup is
 * written into the live file by the backup API in one write transaction, so a running app sees
 * the old state or the restored one, never a mixture, and its connections stay usable. Whatever
 * was written after the backup was taken is gone afterwards (it is in the saved file).
 */
export async function restoreDatabase(backupFile: string, databasePath: string, now: Date = new Date()): Promise<{ savedAs: string | null }> {
  verifyDatabaseFile(backupFile);
  if (path.resolve(backupFile) === path.resolve(databasePath)) throw new BackupError("Säkerhetskopian och databasen är samma fil.");
  let savedAs: string | null = null;
  if (fs.existsSync(databasePath)) {
    const base = path.join(path.dirname(path.resolve(databasePath)), `${path.basename(databasePath)}.before-restore-${backupStamp(now)}`);
    savedAs = `${base}.db`;
    for (let n = 2; fs.existsSync(savedAs); n++) savedAs = `${base}-${n}.db`;
    await backupDatabase(databasePath, savedAs);
  } else {
    fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  }
  // The copy is made from a WAL-mode twin of the backup file. A backup file is in rollback mode
  // (one self-contained file), and SQLite's backup copies page 1's header with it: copied as it is
  // into a live WAL database, the header says "rollback", so a connection opening the database
  // afterwards could read the main file and not the restored pages still in the -wal file, and see
  // rows the restore had replaced (tests/integration/db-backup.test.ts caught it with a writer running).
  const twin = `${path.resolve(databasePath)}.restore-${process.pid}-${Date.now()}.db`;
  fs.copyFileSync(backupFile, twin);
  try {
    const walTwin = new SQLite(twin);
    try {
      walTwin.pragma("journal_mode = WAL");
      walTwin.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      walTwin.close();
    }
    const backup = new SQLite(twin, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(databasePath, { progress: () => ALL_REMAINING_PAGES });
    } finally {
      backup.close();
    }
  } finally {
    for (const file of [twin, `${twin}-wal`, `${twin}-shm`]) fs.rmSync(file, { force: true });
  }
  // The restored file holds the backup's journal mode; the app expects WAL.
  const live = new SQLite(databasePath);
  try {
    live.pragma("busy_timeout = 5000");
    live.pragma("journal_mode = WAL");
  } finally {
    live.close();
  }
  verifyDatabaseFile(databasePath);
  return { savedAs };
}
