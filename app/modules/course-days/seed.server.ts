// SPDX-License-Identifier: EUPL-1.2
// Demo sessions for the seed: the two course days held in Mönsterås (the certified demo coach
// attended both), new dates in Högsby and a joint booster, so every session page has something
// to show. Skipped for a municipality that already has sessions: running it twice changes nothing.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, stockholmDate, stockholmLocalToUtc, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { answerPartnership, createTrainingSession } from "./course-days.server";

interface DemoSession {
  municipality: string;
  partner?: string;
  stepKind: "utbildningsdag" | "booster";
  /** Which course day (0 or 1) for utbildningsdag. */
  index?: number;
  days: number;
  place: string;
  capacity: number;
  /** Emails of coaches who attended (past sessions) or are booked (upcoming ones). */
  people: string[];
}

const DEMO_SESSIONS: DemoSession[] = [
  { municipality: "monsteras", stepKind: "utbildningsdag", index: 0, days: -60, place: "Kommunhuset, Mönsterås, sal Kalmarsund", capacity: 20, people: ["coach.monsteras@demo.coachportalen.se"] },
  { municipality: "monsteras", stepKind: "utbildningsdag", index: 1, days: -53, place: "Kommunhuset, Mönsterås, sal Kalmarsund", capacity: 20, people: ["coach.monsteras@demo.coachportalen.se"] },
  { municipality: "hogsby", stepKind: "utbildningsdag", index: 0, days: 21, place: "Högsby kommunhus, Stora salen", capacity: 15, people: ["coach2.hogsby@demo.coachportalen.se"] },
  { municipality: "hogsby", stepKind: "utbildningsdag", index: 1, days: 28, place: "Högsby kommunhus, Stora salen", capacity: 15, people: [] },
  { municipality: "hogsby", partner: "monsteras", stepKind: "booster", days: 45, place: "Fågelfors bygdegård", capacity: 30, people: [] },
];

export async function seedDemoSessions(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<void> {
  const track = content.tracks.find((t) => t.audience === "coach" && t.sessions.length > 0);
  if (!track) return;
  const municipalities = new Map((await db.selectFrom("municipality").select(["id", "slug"]).execute()).map((m) => [m.slug, m.id]));
  const seeded = new Set(
    (await db.selectFrom("training_session").select("municipality_id").distinct().execute()).map((r) => r.municipality_id),
  );
  const today = stockholmDate(now);
  for (const demo of DEMO_SESSIONS) {
    const municipalityId = municipalities.get(demo.municipality);
    if (!municipalityId || seeded.has(municipalityId)) continue;
    const steps = track.sessions.filter((s) => s.kind === demo.stepKind);
    const step = steps[demo.index ?? 0];
    if (!step) continue;
    const day = isoDay(addDays(today, demo.days));
    if (demo.partner) {
      await seedJointSession(db, content, { demo, step: `${track.slug}/${step.key}`, day, deadline: isoDay(addDays(today, demo.days - 7)), now });
      continue;
    }
    const startsAt = stockholmLocalToUtc(day, "09:00")!;
    const endsAt = stockholmLocalToUtc(day, "16:00")!;
    const deadline = stockholmLocalToUtc(isoDay(addDays(today, demo.days - 7)), "23:59")!;
    const id = newId();
    const created = new Date(Math.min(now.getTime(), startsAt.getTime() - 30 * 24 * 3_600_000));
    await db
      .insertInto("training_session")
      .values({
        id,
        municipality_id: municipalityId,
        partner_municipality_id: null,
        track: track.slug,
        step_key: step.key,
        starts_at: iso(startsAt),
        ends_at: iso(endsAt),
        place: demo.place,
        details: DEMO_DETAILS,
        capacity: demo.capacity,
        signup_deadline: iso(deadline),
        cancelled_at: null,
        cancel_reason: null,
        created_by: null,
        created_at: iso(created),
        updated_at: iso(created),
      })
      .execute();
    for (const [index, email] of demo.people.entries()) {
      const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
      if (!user) continue;
      await db
        .insertInto("session_booking")
        .values({ id: newId(), session_id: id, user_id: user.id, status: "booked", position: index + 1, queued_at: iso(created), created_at: iso(created), updated_at: iso(created) })
        .execute();
      if (demo.days < 0) {
        await db.insertInto("session_attendance").values({ session_id: id, user_id: user.id, attended: 1, marked_by: null, marked_at: iso(endsAt) }).execute();
      }
    }
  }
}

const DEMO_DETAILS = "Kaffe och lunch ingår. Säg till om du har önskemål om specialkost.";

/**
 * A joint session made the way the app makes one: the owner's coordinator puts it up naming the
 * partner, which is asked by email, and the partner's coordinator accepts
 * (docs/decisions/017-joint-course-days-need-consent.md). An upcoming session only.
 */
async function seedJointSession(db: Kysely<Database>, content: ContentIndex, input: { demo: DemoSession; step: string; day: string; deadline: string; now: Date }): Promise<void> {
  const { demo } = input;
  const [asker, answerer] = await Promise.all([demoCoordinator(db, demo.municipality), demoCoordinator(db, demo.partner!)]);
  if (!asker || !answerer) return;
  const form = { step: input.step, date: input.day, start: "09:00", end: "16:00", place: demo.place, details: DEMO_DETAILS, capacity: demo.capacity, deadline: input.deadline, partner: answerer.municipalityId };
  const created = await createTrainingSession(db, { actor: asker, form, content, now: input.now });
  if (created.status !== "saved") throw new Error(`Demoträffen kunde inte skapas: ${JSON.stringify(created.errors)}`);
  const answered = await answerPartnership(db, { actor: answerer, sessionId: created.session.id, answer: "accept", content, now: input.now });
  if (answered.status !== "answered") throw new Error(`Demoträffen kunde inte godkännas: ${answered.message}`);
}

/** The first active coordinator of the municipality, as a signed-in person. */
async function demoCoordinator(db: Kysely<Database>, slug: string): Promise<(SessionUser & { municipalityId: string }) | undefined> {
  const row = await db
    .selectFrom("user")
    .innerJoin("municipality", "municipality.id", "user.municipality_id")
    .select(["user.id", "user.email", "user.name", "user.role", "user.school", "municipality.id as municipalityId", "municipality.slug", "municipality.name as municipalityName"])
    .where("municipality.slug", "=", slug)
    .where("user.role", "=", "coordinator")
    .where("user.deactivated_at", "is", null)
    .orderBy("user.email")
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role, school: row.school, municipalityId: row.municipalityId, municipalitySlug: row.slug, municipalityName: row.municipalityName } : undefined;
}

function isoDay(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
