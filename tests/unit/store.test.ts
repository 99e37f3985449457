// SPDX-License-Identifier: EUPL-1.2
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import { migrations } from "~db/migrations/index";
import { DEMO_PEOPLE, seedDemo } from "~db/seed";
import { hashPassword, passwordProblem, verifyPassword } from "~/modules/auth/password.server";

describe("the store", () => {
  it("migrates an empty database to the newest schema, and a second run changes nothing", async () => {
    const db = createDatabase(":memory:");
    const first = await migrateToLatest(db);
    expect(first.results?.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    const second = await migrateToLatest(db);
    expect(second.results).toEqual([]);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(["municipality", "user", "session", "invitation", "email_token", "outbox", "audit_event", "login_attempt"]),
    );
    await db.destroy();
  });

  it("turns on foreign keys and WAL for a file database", async () => {
    const file = `/tmp/coachportalen-store-${process.pid}-${Date.now()}.db`;
    const db = createDatabase(file);
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(journal.rows[0]?.journal_mode).toBe("wal");
    expect(fk.rows[0]?.foreign_keys).toBe(1);
    await db.destroy();
  });

  it("seeds both municipalities and every demo person, and seeding twice changes nothing", async () => {
    const db = createDatabase(":memory:");
    await migrateToLatest(db);
    expect((await seedDemo(db)).created).toBe(DEMO_PEOPLE.length);
    expect((await seedDemo(db)).created).toBe(0);
    const municipalities = await db.selectFrom("municipality").select(["slug", "name", "county"]).orderBy("slug").execute();
    expect(municipalities).toEqual([
      { slug: "hogsby", name: "Högsby kommun", county: "Kalmar län" },
      { slug: "monsteras", name: "Mönsterås kommun", county: "Kalmar län" },
    ]);
    const roles = await db.selectFrom("user").select("role").distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual(["admin", "coach", "coordinator", "polis", "school_staff"]);
    await db.destroy();
  });
});

describe("passwords", () => {
  it("are hashed with argon2id and verify only with the right password", async () => {
    const hash = await hashPassword("korrekt-häst-batteri");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "korrekt-häst-batteri")).toBe(true);
    expect(await verifyPassword(hash, "korrekt-hast-batteri")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it("must have at least 10 characters and not be a common password", () => {
    expect(passwordProblem("kort")).toMatch(/minst 10 tecken/);
    expect(passwordProblem("1234567890")).toMatch(/för vanligt/);
    expect(passwordProblem("Lösenord123")).toMatch(/för vanligt/);
    expect(passwordProblem("aaaaaaaaaaaa")).not.toBeNull();
    expect(passwordProblem("anna.berg@kommun.se", { email: "anna.berg@kommun.se" })).not.toBeNull();
    expect(passwordProblem("blå-cykel-i-regnet")).toBeNull();
  });
});
