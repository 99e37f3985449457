// SPDX-License-Identifier: EUPL-1.2
// The demo as a new user meets it (issue #20): enough coaches in every state that the
// coordinator's figures and the public follow-up show numbers above the "färre än 5"
// suppression, course days on working days in the weeks after the seed runs, the promise's
// reports inside its period, and a second seeding that changes nothing.
import path from "node:path";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { stockholmDateTime } from "~/lib/dates";
import { listSessionsForCoordinator } from "~/modules/course-days/course-days.server";
import { countFollowupFigures, publicFigures } from "~/modules/followup/public-figures.server";
import { publicPromisesPage } from "~/modules/followup/public-promise.server";
import { promiseProgress } from "~/modules/followup/reports.server";
import { listRoster, rosterFigures, ROSTER_STATUSES, type RosterStatus } from "~/modules/roster/roster.server";
import type { Database } from "~db/schema";
import { DEMO_PEOPLE, seedDemo } from "~db/seed";
import { testDb } from "../helpers/db";

let content: ContentIndex;
// The hook's time: compiling the shipped content takes seconds on a busy machine.
beforeAll(() => {
  // The shipped content: the demo is seeded with the real track, its lessons and course days.
  process.env.CONTENT_DIR = path.resolve("content");
  content = getContent();
}, 60_000);

// A Sunday in December: the old seed put its course days on Sundays over Christmas from here.
const SEEDED_ON = new Date("2026-12-06T09:30:00Z");
const SLUGS = ["hogsby", "monsteras"] as const;

async function municipalityId(db: Kysely<Database>, slug: string): Promise<string> {
  return (await db.selectFrom("municipality").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

/** How many coaches the coordinator's list shows in each state, read as the coach list reads it. */
async function coachesByState(db: Kysely<Database>, id: string, now: Date): Promise<Record<RosterStatus, number>> {
  const counts = Object.fromEntries(ROSTER_STATUSES.map((s) => [s, 0])) as Record<RosterStatus, number>;
  const roster = await listRoster(db, { municipalityId: id, content, filters: { q: "", role: "coach", sort: "name", dir: "asc" }, page: 1, pageSize: 500, now });
  for (const row of roster.rows) if (row.status) counts[row.status]++;
  return counts;
}

describe("the demo seed", () => {
  it("gives each municipality 20 to 30 coaches in every state, figures above the suppression and a promise kept", { timeout: 120_000 }, async () => {
    const db = testDb();
    await seedDemo(db, { content, now: SEEDED_ON });
    for (const slug of SLUGS) {
      const id = await municipalityId(db, slug);
      const states = await coachesByState(db, id, SEEDED_ON);
      const total = Object.values(states).reduce((a, b) => a + b, 0);
      expect(total, slug).toBeGreaterThanOrEqual(20);
      expect(total, slug).toBeLessThanOrEqual(30);
      for (const state of ["invited", "not_started", "in_training", "stalled", "certified", "expiring", "expired"] as const) {
        expect(states[state], `${slug}: ${state}`).toBeGreaterThanOrEqual(2);
      }
      // The dashboard's figures agree with the list.
      const figures = await rosterFigures(db, { municipalityId: id, content, now: SEEDED_ON });
      expect(figures).toMatchObject({ invited: states.invited, stalled: states.stalled, expiring: states.expiring, expired: states.expired });
      expect(figures.certified).toBe(states.certified + states.expiring);
      // What citizens read: every figure of people is a number, not "färre än 5".
      const pub = publicFigures(await countFollowupFigures(db, { municipalityId: id, periodStart: "2024-01-01", content, now: SEEDED_ON }));
      for (const figure of pub.figures.filter((f) => f.key !== "materialUses")) {
        expect(figure.count, `${slug}: ${figure.key}`).toMatchObject({ suppressed: false });
        expect(figure.count.value, `${slug}: ${figure.key}`).toBeGreaterThanOrEqual(5);
      }
      // The promise: two reports published inside its period, and something done on every commitment.
      const progress = await promiseProgress(db, { id }, SEEDED_ON);
      expect(progress).toMatchObject({ period: { from: "2024-01-01", to: "2025-12-31" }, promisedReports: 2, published: 2 });
      const page = await publicPromisesPage(db, { municipalityId: id, content, now: SEEDED_ON });
      const commitments = page.current!.focusAreas.flatMap((a) => a.commitments);
      expect(commitments.filter((c) => c.activities.length === 0).map((c) => c.summary)).toEqual([]);
    }
  });

  it("holds course days on weekdays in daytime, Stockholm time, with coming ones in the weeks after it runs", { timeout: 120_000 }, async () => {
    const db = testDb();
    await seedDemo(db, { content, now: SEEDED_ON });
    for (const slug of SLUGS) {
      const { upcoming, past } = await listSessionsForCoordinator(db, { municipalityId: await municipalityId(db, slug), now: SEEDED_ON, pastLimit: 500 });
      expect(upcoming.filter((s) => s.stepKey.startsWith("utbildningsdag")).length, slug).toBeGreaterThanOrEqual(2);
      expect(past.length, slug).toBeGreaterThanOrEqual(2);
      for (const session of upcoming) {
        const days = (new Date(session.startsAt).getTime() - SEEDED_ON.getTime()) / 86_400_000;
        expect(days, `${slug}: ${session.startsAt}`).toBeGreaterThan(7);
        expect(days, `${slug}: ${session.startsAt}`).toBeLessThan(63);
      }
      for (const session of [...upcoming, ...past]) {
        const starts = stockholmDateTime(session.startsAt);
        const ends = stockholmDateTime(session.endsAt);
        const weekday = new Date(Date.UTC(starts.year, starts.month - 1, starts.day)).getUTCDay();
        expect([1, 2, 3, 4, 5], `${slug}: ${session.startsAt}`).toContain(weekday);
        expect(starts.hour, session.startsAt).toBeGreaterThanOrEqual(8);
        expect(ends.hour, session.endsAt).toBeLessThanOrEqual(17);
        // Not between Christmas and Epiphany.
        expect(!((starts.month === 12 && starts.day >= 20) || (starts.month === 1 && starts.day <= 6)), session.startsAt).toBe(true);
      }
    }
  });

  it("changes nothing when run a second time, and needs nobody's password hashed more than once", { timeout: 120_000 }, async () => {
    const db = testDb();
    const first = await seedDemo(db, { content, now: SEEDED_ON });
    expect(first.created).toBe(DEMO_PEOPLE.length);
    expect(first.coaches).toBe(56);
    const count = async () =>
      Promise.all(
        (["user", "invitation", "training_session", "session_booking", "session_attendance", "lesson_completion", "quiz_attempt", "certification", "outbox", "audit_event"] as const).map(
          async (table) => [table, Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)] as const,
        ),
      );
    const before = await count();
    const later = new Date(SEEDED_ON.getTime() + 3 * 86_400_000);
    expect(await seedDemo(db, { content, now: later })).toEqual({ created: 0, coaches: 0 });
    expect(await count()).toEqual(before);
    // One hash for every demo login and made-up coach: the same password, hashed once.
    const hashes = await db.selectFrom("user").select("password_hash").distinct().where("email", "like", "%@demo.coachportalen.se").execute();
    expect(hashes).toHaveLength(1);
  });

  it("has every state whatever day it runs, a summer day included", { timeout: 120_000 }, async () => {
    const db = testDb();
    const midsummer = new Date("2027-06-21T08:00:00Z");
    await seedDemo(db, { content, now: midsummer });
    for (const slug of SLUGS) {
      const states = await coachesByState(db, await municipalityId(db, slug), midsummer);
      for (const state of ["invited", "not_started", "in_training", "stalled", "certified", "expiring", "expired"] as const) {
        expect(states[state], `${slug}: ${state}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});
