// SPDX-License-Identifier: EUPL-1.2
// The coordinator's roster is computed from every lesson and test of the municipality, so it
// is reused between requests; these tests pin down when it must be computed anew.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import type { Kysely } from "kysely";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { rosterFigures, rosterRows, type RosterFilters } from "~/modules/roster/roster.server";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { completeTrack } from "../helpers/training";

const TRACK = "grund";
const ALL: RosterFilters = { q: "", sort: "name", dir: "asc" };

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Counts the queries that read lesson completions: the expensive part of a roster. */
function countingLessonReads(db: Kysely<Database>) {
  const counter = { reads: 0 };
  const counted = db.withPlugin({
    transformQuery(args) {
      if (args.node.kind === "SelectQueryNode" && JSON.stringify(args.node.from).includes("lesson_completion")) counter.reads++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { counted, counter };
}

describe("reusing a computed roster", () => {
  it("answers a second request from the first one's work while nothing has changed", async () => {
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna Coach" });
    const { counted, counter } = countingLessonReads(db);
    const first = await rosterFigures(counted, { municipalityId: a.id, content });
    await rosterRows(counted, { municipalityId: a.id, content, filters: ALL });
    expect(first.active).toBe(1);
    // withPlugin makes a new handle, so the reuse is per handle: the app's one handle (getDb) reuses.
    expect(counter.reads).toBe(1);
  });

  it("computes anew after a write through the app's handle", async () => {
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    const anna = await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna Coach" });
    expect((await rosterFigures(db, { municipalityId: a.id, content })).certified).toBe(0);
    await completeTrack(db, content, { userId: anna.id, track: TRACK, at: new Date() });
    const rows = await rosterRows(db, { municipalityId: a.id, content, filters: ALL });
    expect(rows.find((row) => row.name === "Anna Coach")?.progress?.modulesDone).toBe(rows[0]?.progress?.modulesTotal);
  });

  it("sees a commit made by another process's connection to the same SQLite file", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roster-reuse-")), "db.sqlite");
    const app = createDatabase(file);
    // A plain connection, outside this process's Kysely handles, stands for another worker or a script.
    const other = new SQLite(file);
    try {
      await migrateToLatest(app);
      const a = await createMunicipality(app, "hogsby", "Högsby kommun");
      expect((await rosterFigures(app, { municipalityId: a.id, content })).active).toBe(0);
      other
        .prepare("insert into user (id, email, name, role, municipality_id, created_at) values (?, ?, ?, 'coach', ?, ?)")
        .run("bo", "bo@exempel.se", "Bo Coach", a.id, new Date().toISOString());
      expect((await rosterFigures(app, { municipalityId: a.id, content })).active).toBe(1);
    } finally {
      await app.destroy();
      other.close();
    }
  });

  it("computes anew once the reuse period has passed, so statuses that turn with the clock follow", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-14T10:00:00Z"));
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna Coach" });
    const { counted, counter } = countingLessonReads(db);
    await rosterFigures(counted, { municipalityId: a.id, content });
    vi.setSystemTime(new Date("2026-03-14T10:00:20Z"));
    await rosterFigures(counted, { municipalityId: a.id, content });
    expect(counter.reads).toBe(1);
    vi.setSystemTime(new Date("2026-03-14T10:00:31Z"));
    await rosterFigures(counted, { municipalityId: a.id, content });
    expect(counter.reads).toBe(2);
  });

  it("computes a roster asked for a given moment for that moment, never from what was kept", async () => {
    const db = testDb();
    const a = await createMunicipality(db, "hogsby", "Högsby kommun");
    await createUser(db, { role: "coach", municipalityId: a.id, name: "Anna Coach" });
    const { counted, counter } = countingLessonReads(db);
    const now = new Date();
    await rosterFigures(counted, { municipalityId: a.id, content, now });
    await rosterFigures(counted, { municipalityId: a.id, content, now });
    expect(counter.reads).toBe(2);
  });
});
