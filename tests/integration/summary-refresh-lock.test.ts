// SPDX-License-Identifier: EUPL-1.2
// Refreshing outdated progress summaries (after new content, or coaches written outside the app)
// runs on pages other people use at the same time. On SQLite, a transaction that reads first and
// writes second cannot take the write lock once another connection has committed since its read:
// it fails at once with SQLITE_BUSY, without waiting, and the page answered 500 "database is
// locked" (seen in the public follow-up e2e test while other tests certified coaches).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { contentVersion, refreshOutdatedSummaries } from "~/modules/roster/progress-summary.server";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import type { Database } from "~db/schema";
import { createMunicipality, createUser } from "../helpers/db";

let dir: string;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sammanfattning-las-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The content after a deploy that changed a lesson of a coach module: every coach's summary is outdated. */
function newContent(content: ContentIndex): ContentIndex {
  const track = content.tracks.find((t) => t.audience === "coach")!;
  const slug = track.modules[0]!;
  return { ...content, modules: { ...content.modules, [slug]: { ...content.modules[slug]!, contentHash: "ny-version" } } };
}

// SQLite's locking alone: a database file of its own, in the PostgreSQL run too.
describe("refreshing outdated summaries on SQLite", () => {
  it("succeeds when another connection commits after each of its reads", async () => {
    const file = path.join(dir, "app.db");
    const app = createDatabase(file);
    const other = createDatabase(file);
    try {
      await migrateToLatest(app);
      // The other connection never waits: a write that finds the database locked gives up at once.
      await sql`pragma busy_timeout = 0`.execute(other);
      const municipality = await createMunicipality(app, "hogsby", "Högsby kommun");
      const coaches = [];
      for (let i = 0; i < 3; i++) coaches.push(await createUser(app, { role: "coach", municipalityId: municipality.id, name: `Coach ${i}` }));
      const content = newContent(getContent());

      // After every read of the refresh, someone else commits a write (as another worker or test process would).
      let commits = 0;
      let n = 0;
      const interleave: KyselyPlugin = {
        transformQuery: (args) => args.node,
        async transformResult(args) {
          if (args.result.rows.length > 0 && !("numAffectedRows" in args.result && args.result.numAffectedRows !== undefined)) {
            try {
              await createMunicipality(other, `annan-${n++}`);
              commits++;
            } catch (error) {
              if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
            }
          }
          return args.result;
        },
      };
      const refreshed = await refreshOutdatedSummaries((app as Kysely<Database>).withPlugin(interleave), { content, municipalityId: municipality.id });
      expect(refreshed).toBe(3);
      expect(commits).toBeGreaterThan(0);
      const versions = await app.selectFrom("progress_summary").select("content_version").where("user_id", "in", coaches.map((c) => c.id)).execute();
      expect(versions.map((v) => v.content_version)).toEqual([contentVersion(content), contentVersion(content), contentVersion(content)]);
    } finally {
      await other.destroy();
      await app.destroy();
    }
  });
});
