// SPDX-License-Identifier: EUPL-1.2
// Demo sessions for the seed: the two course days held in Mönsterås (the certified demo coach
// attended both), new dates in Högsby and a joint booster, so every session page has something
// to show. Skipped for a municipality that already has sessions: running it twice changes nothing.
// Every session is put up, booked and marked by the coordinator's and coaches' own functions, on
// working days in daytime, as a municipality would hold them.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, isoLocalDate, stockholmDate, stockholmLocalToUtc, type LocalDate } from "~/lib/dates";
import type { SessionUser } from "~/modules/access/permissions.server";
import type { Database } from "~db/schema";
import { markAttendance } from "./attendance.server";
import { signUp, type Booker } from "./booking.server";
import { answerPartnership, createTrainingSession } from "./course-days.server";
import { findTrainingSession } from "./session-records.server";

interface DemoSession {
  municipality: string;
  partner?: string;
  stepKind: "utbildningsdag" | "booster";
  /** Which course day (0 or 1) for utbildningsdag. */
  index?: number;
  /** Days from the seed's run date; moved to the next working day (demoWorkday). */
  days: number;
  /** Days after the previous session of the list, instead of `days`: course day 2 follows day 1. */
  after?: number;
  place: string;
  capacity: number;
  /** Emails of coaches who attended (past sessions) or are booked (upcoming ones). */
  people: string[];
}

const DEMO_SESSIONS: DemoSession[] = [
  { municipality: "monsteras", stepKind: "utbildningsdag", index: 0, days: -60, place: "Kommunhuset, Mönsterås, sal Kalmarsund", capacity: 20, people: ["coach.monsteras@demo.coachportalen.se"] },
  { municipality: "monsteras", stepKind: "utbildningsdag", index: 1, days: 0, after: 7, place: "Kommunhuset, Mönsterås, sal Kalmarsund", capacity: 20, people: ["coach.monsteras@demo.coachportalen.se"] },
  { municipality: "hogsby", stepKind: "utbildningsdag", index: 0, days: 21, place: "Högsby kommunhus, Stora salen", capacity: 15, people: ["coach2.hogsby@demo.coachportalen.se"] },
  { municipality: "hogsby", stepKind: "utbildningsdag", index: 1, days: 0, after: 7, place: "Högsby kommunhus, Stora salen", capacity: 15, people: [] },
  { municipality: "hogsby", partner: "monsteras", stepKind: "booster", days: 0, after: 14, place: "Fågelfors bygdegård", capacity: 30, people: [] },
];

const DEMO_DETAILS = "Kaffe och lunch ingår. Säg till om du har önskemål om specialkost.";

/**
 * The first day on or after `date` on which a municipality holds a course day: Monday to Friday,
 * outside Christmas and New Year (20 December to 6 January) and the summer holiday (July).
 */
export function demoWorkday(date: LocalDate): LocalDate {
  let day = date;
  for (;;) {
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
    const holiday = (day.month === 12 && day.day >= 20) || (day.month === 1 && day.day <= 6) || day.month === 7;
    if (weekday !== 0 && weekday !== 6 && !holiday) return day;
    day = addDays(day, 1);
  }
}

export async function seedDemoSessions(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<void> {
  const track = content.tracks.find((t) => t.audience === "coach" && t.sessions.length > 0);
  if (!track) return;
  const municipalities = new Map((await db.selectFrom("municipality").select(["id", "slug"]).execute()).map((m) => [m.slug, m.id]));
  const seeded = new Set(
    (await db.selectFrom("training_session").select("municipality_id").distinct().execute()).map((r) => r.municipality_id),
  );
  const today = stockholmDate(now);
  let previous = today;
  for (const demo of DEMO_SESSIONS) {
    const day = demoWorkday(addDays(demo.after === undefined ? today : previous, demo.after ?? demo.days));
    previous = day;
    const municipalityId = municipalities.get(demo.municipality);
    if (!municipalityId || seeded.has(municipalityId)) continue;
    const steps = track.sessions.filter((s) => s.kind === demo.stepKind);
    const step = steps[demo.index ?? 0];
    if (!step) continue;
    if (demo.partner) {
      await seedJointSession(db, content, { demo, step: `${track.slug}/${step.key}`, day: isoLocalDate(day), deadline: isoLocalDate(addDays(day, -7)), now });
      continue;
    }
    const coordinator = await demoCoordinator(db, demo.municipality);
    if (!coordinator) continue;
    const people = await bookers(db, demo.people);
    await holdDemoCourseDay(db, content, { actor: coordinator, step: `${track.slug}/${step.key}`, day, place: demo.place, capacity: demo.capacity, people, now });
  }
}

/**
 * One session as the app makes it: the coordinator puts it up a month ahead (or now, for one
 * coming up), the coaches book their places, and for a day that has passed the coordinator marks
 * them all as attended at its end, which issues the certificates it completes. The session's id.
 */
export async function holdDemoCourseDay(
  db: Kysely<Database>,
  content: ContentIndex,
  input: { actor: SessionUser & { municipalityId: string }; step: string; day: LocalDate; place: string; capacity: number; people: Booker[]; now: Date },
): Promise<string> {
  const startsAt = stockholmLocalToUtc(isoLocalDate(input.day), "09:00")!;
  const putUpAt = new Date(Math.min(input.now.getTime(), startsAt.getTime() - 30 * 24 * 3_600_000));
  const form = { step: input.step, date: isoLocalDate(input.day), start: "09:00", end: "16:00", place: input.place, details: DEMO_DETAILS, capacity: input.capacity, deadline: isoLocalDate(addDays(input.day, -7)) };
  const created = await createTrainingSession(db, { actor: input.actor, form, content, now: putUpAt });
  if (created.status !== "saved") throw new Error(`Demoträffen kunde inte skapas: ${JSON.stringify(created.errors)}`);
  for (const coach of input.people) {
    const booked = await signUp(db, { sessionId: created.session.id, coach, content, now: putUpAt });
    if (booked.outcome !== "booked") throw new Error(`Demoträffen kunde inte bokas: ${JSON.stringify(booked)}`);
  }
  const endedAt = stockholmLocalToUtc(isoLocalDate(input.day), "16:30")!;
  if (endedAt <= input.now) {
    const session = (await findTrainingSession(db, created.session.id))!;
    const marked = await markAttendance(db, { actor: input.actor, session, attendedUserIds: input.people.map((p) => p.id), content, now: endedAt });
    if (marked.status !== "saved") throw new Error(`Närvaron på demoträffen kunde inte registreras: ${marked.message}`);
  }
  return created.session.id;
}

async function bookers(db: Kysely<Database>, emails: string[]): Promise<Booker[]> {
  if (emails.length === 0) return [];
  const rows = await db.selectFrom("user").select(["id", "name", "email"]).where("email", "in", emails).execute();
  return emails.flatMap((email) => rows.filter((r) => r.email === email));
}

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
export async function demoCoordinator(db: Kysely<Database>, slug: string): Promise<(SessionUser & { municipalityId: string }) | undefined> {
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

