// SPDX-License-Identifier: EUPL-1.2
// `npm run db:backup` and `npm run db:restore` on a live SQLite file while another process
// writes to it without pause, as the running app would. The backup must be one consistent
// state holding everything committed before it began (a plain file copy misses what is still
// in the -wal file); a restore must give back exactly the backup's content, keep the old content
// aside, and refuse a damaged file without touching the database.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase } from "~db/backup.server";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";

const TSX = path.resolve("node_modules/.bin/tsx");
let dir: string;
let live: string;
let writer: ChildProcess | undefined;
let writerOutput = "";

function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], { env: { ...process.env, DATABASE_URL: live }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function startWriter(): ChildProcess {
  writerOutput = "";
  const child = spawn(process.execPath, ["tests/helpers/sqlite-writer.mjs", live], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk) => (writerOutput += chunk));
  child.stderr!.on("data", (chunk) => (writerOutput += chunk));
  return child;
}

async function stopWriter(child: ChildProcess): Promise<number> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  expect(await exited, writerOutput).toBe(0);
  const counts = [...writerOutput.matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
  return counts.at(-1) ?? 0;
}

function open(file: string) {
  const db = new SQLite(file, { readonly: true });
  db.pragma("busy_timeout = 10000");
  return db;
}

/** The numbers of the writer's committed rows, sorted. */
function writtenRows(file: string): number[] {
  const db = open(file);
  try {
    return (db.prepare("select subject from audit_event where action = 'backup.test'").all() as Array<{ subject: string }>).map((r) => Number(r.subject)).sort((a, b) => a - b);
  } finally {
    db.close();
  }
}

/** Every row of every table, as text, for an exact comparison. */
function contentOf(file: string): Record<string, string[]> {
  const db = open(file);
  try {
    const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>).map((t) => t.name);
    return Object.fromEntries(tables.map((table) => [table, (db.prepare(`select * from "${table}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = open(file);
  try {
    return (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/** 1 … n without a gap: a prefix of what the writer committed, in order. */
function isPrefix(rows: number[]): boolean {
  return rows.every((n, i) => n === i + 1);
}

async function waitForRows(atLeast: number): Promise<number> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const count = writtenRows(live).length;
    if (count >= atLeast) return count;
    if (Date.now() > deadline) throw new Error(`The writer did not get to ${atLeast} rows:\n${writerOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coachportalen-backup-"));
  live = path.join(dir, "live.db");
  const db = createDatabase(live);
  await migrateToLatest(db);
  const now = new Date().toISOString();
  await db.insertInto("municipality").values({ id: "m1", slug: "kalmar", name: "Kalmar kommun", county: "Kalmar län", created_at: now }).execute();
  for (let i = 0; i < 50; i++) {
    await db
      .insertInto("user")
      .values({ id: `u${i}`, email: `coach-${i}@exempel.se`, name: `Coach ${i}`, role: "coach", municipality_id: "m1", school: null, password_hash: null, created_at: now, deactivated_at: null })
      .execute();
    await db.insertInto("lesson_completion").values({ id: `l${i}`, user_id: `u${i}`, track: "t", module: "m", lesson: "l", content_hash: "h", completed_at: now }).execute();
  }
  await db.destroy();
});

afterEach(async () => {
  if (writer && writer.exitCode === null) {
    const exited = new Promise((resolve) => writer!.once("exit", resolve));
    writer.kill("SIGKILL");
    await exited;
  }
  writer = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db:backup and db:restore on a live SQLite database", () => {
  it("back up while another process writes: consistent, complete up to the start; restore gives exactly the backup back", async () => {
    writer = startWriter();
    await waitForRows(300);
    const committedBeforeBackup = writtenRows(live).length;

    const target = path.join(dir, "kopior", "backup.db");
    const backup = await run("scripts/db-backup.ts", [target]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(target);

    expect(integrity(target)).toBe("ok");
    const inBackup = writtenRows(target);
    // Nothing committed before the backup began is missing, and nothing is half there.
    expect(inBackup.length).toBeGreaterThanOrEqual(committedBeforeBackup);
    expect(isPrefix(inBackup)).toBe(true);
    // A single file, independent of any -wal beside it.
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    const backupContent = contentOf(target);
    expect(backupContent.user).toHaveLength(50);
    expect(backupContent.lesson_completion).toHaveLength(50);

    // The same, timed closely: each copy, taken at a moment of the writer's run, holds at least what
    // was committed just before it began, where the newest commits are still only in the -wal file.
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      const committed = writtenRows(live).length;
      const copy = path.join(dir, "kopior", `direct-${i}.db`);
      await backupDatabase(live, copy);
      const rows = writtenRows(copy);
      expect(integrity(copy)).toBe("ok");
      expect(rows.length).toBeGreaterThanOrEqual(committed);
      expect(isPrefix(rows)).toBe(true);
    }

    // The writer went on meanwhile, and goes on through the restore.
    await waitForRows(inBackup.length + 200);
    const committedBeforeRestore = writtenRows(live).length;
    const restore = await run("scripts/db-restore.ts", [target]);
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    await waitForRows(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lastCommitted = await stopWriter(writer);

    expect(integrity(live)).toBe("ok");
    const afterRestore = writtenRows(live);
    // The backup's rows are back, the ones written after the backup and before the restore are gone,
    // and what the writer committed after the restore is there, to its last row.
    const restored = afterRestore.filter((n) => n <= inBackup.length);
    expect(restored).toEqual(inBackup);
    expect(afterRestore.filter((n) => n > inBackup.length && n <= committedBeforeRestore)).toEqual([]);
    expect(afterRestore.at(-1)).toBe(lastCommitted);
    const tail = afterRestore.filter((n) => n > committedBeforeRestore);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.every((n, i) => i === 0 || n === tail[i - 1]! + 1)).toBe(true);
    const { audit_event: _audit, ...others } = contentOf(live);
    const { audit_event: _backupAudit, ...backupOthers } = backupContent;
    expect(others).toEqual(backupOthers);

    // The content before the restore is kept beside the database.
    const saved = fs.readdirSync(dir).filter((name) => name.startsWith("live.db.before-restore-"));
    expect(saved).toHaveLength(1);
    expect(integrity(path.join(dir, saved[0]!))).toBe("ok");
    expect(writtenRows(path.join(dir, saved[0]!)).length).toBeGreaterThanOrEqual(committedBeforeRestore);

    // With nothing writing, a restore gives exactly the backup's content, every table.
    const again = await run("scripts/db-restore.ts", [target]);
    expect(again.code).toBe(0);
    expect(contentOf(live)).toEqual(backupContent);
  }, 60_000);

  it("refuses a damaged backup and leaves the database as it was", async () => {
    const target = path.join(dir, "backup.db");
    expect((await run("scripts/db-backup.ts", [target])).code).toBe(0);
    const before = contentOf(live);
    const damaged = path.join(dir, "damaged.db");
    const bytes = fs.readFileSync(target);
    // Keep the header, scramble the pages after it.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 101) % 256;
    fs.writeFileSync(damaged, bytes);

    const refused = await run("scripts/db-restore.ts", [damaged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Återställningen gjordes inte");
    expect(contentOf(live)).toEqual(before);
    expect(fs.readdirSync(dir).some((name) => name.includes("before-restore"))).toBe(false);

    // An existing file is never overwritten by a backup.
    const overwrite = await run("scripts/db-backup.ts", [target]);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain("finns redan");
  }, 30_000);

  it("points to pg_dump and pg_restore when the database is PostgreSQL", async () => {
    const child = spawn(TSX, ["scripts/db-backup.ts"], { env: { ...process.env, DATABASE_URL: "postgres://x:y@127.0.0.1:1/z" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("pg_dump");
  }, 30_000);
});
