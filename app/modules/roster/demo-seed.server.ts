// SPDX-License-Identifier: EUPL-1.2
// The demo's coaches (issue #20): 28 made-up people in each demo municipality, in every state the
// coordinator follows (invited, not started, in training, stalled, certified, expiring, expired),
// so that the dashboard, the coach list and the public follow-up show figures above the
// "färre än 5" suppression instead of zeros. Each is invited by the coordinator and accepts, reads
// lessons and passes tests over weeks, and is booked on and attends course days that the
// coordinator puts up and marks; the certificates come from that attendance. Every date is
// counted from the seed's run date, so the states hold whenever the demo is started.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, addMonths, isoLocalDate, stockholmDate, stockholmLocalToUtc, type LocalDate } from "~/lib/dates";
import { DAY_MS } from "~/lib/time";
import { claimInvitation, createInvitation } from "~/modules/auth/invitation.server";
import { signUp, type Booker } from "~/modules/course-days/booking.server";
import { demoCoordinator, demoWorkday, holdDemoCourseDay } from "~/modules/course-days/seed.server";
import { seedDemoProgress } from "~/modules/learning/seed.server";
import type { Database } from "~db/schema";

/** Made-up names, the same on every run; the addresses are in the demo's own domain. */
const DEMO_COACH_NAMES: Record<string, string[]> = {
  hogsby: [
    "Agnes Ekström", "Albin Lindqvist", "Alice Sjöberg", "Anton Berglund", "Astrid Holmgren",
    "Axel Nyström", "Ebba Lundgren", "Elias Forsberg", "Elsa Wikström", "Emil Sandberg",
    "Freja Blom", "Gustav Åberg", "Hedda Nordin", "Hugo Engström", "Ida Strand",
    "Isak Falk", "Julia Dahl", "Leo Hedlund", "Linnea Björk", "Ludvig Sundqvist",
    "Matilda Lindholm", "Nils Ek", "Saga Borg", "Theo Öberg", "Vera Hellström",
    "Signe Rask", "Sten Mårtensson", "Edvin Lilja",
  ],
  monsteras: [
    "Alma Nyberg", "Arvid Söderberg", "Clara Lund", "David Hägg", "Elin Falkman",
    "Filip Sjögren", "Greta Ahlberg", "Hampus Berg", "Ines Lindberg", "Jonatan Mattsson",
    "Klara Eklund", "Liam Ström", "Lova Fransson", "Melvin Hjort", "Moa Dahlberg",
    "Noah Rydberg", "Olivia Gustavsson", "Oskar Wallin", "Sigrid Nord", "Sixten Åkesson",
    "Stella Lindgren", "Tage Jansson", "Tilde Sundin", "Viggo Bergström", "Wilma Ekholm",
    "Ester Holmberg", "Joel Sandström", "Märta Öhman",
  ],
};

const PLACES: Record<string, string> = {
  hogsby: "Högsby kommunhus, Stora salen",
  monsteras: "Kommunhuset, Mönsterås, sal Kalmarsund",
};

/** What each of the 28 is, in list order; `lessons` of the track's lessons read. */
type Plan =
  | { state: "invited"; daysAgo: number }
  | { state: "not_started"; daysAgo: number }
  | { state: "in_training" | "stalled"; joinedDaysAgo: number; lastReadDaysAgo: number; lessons: number; booked?: boolean }
  | { state: "certified" | "expiring" | "expired"; cohort: Cohort };

/**
 * A group trained together: read the whole track in the five months before its course days.
 * Spread over two years, with the stalled and those in training, so that the public chart's
 * quarters climb above "färre än 5" as the promise goes on rather than jumping at the end.
 */
type Cohort = "first" | "second" | "third" | "expiring" | "expired";

/** Days of reading before a cohort's first course day. */
const READING_DAYS = 150;

const PLANS: Plan[] = [
  { state: "invited", daysAgo: 1 },
  { state: "invited", daysAgo: 2 },
  { state: "invited", daysAgo: 4 },
  { state: "not_started", daysAgo: 5 },
  { state: "not_started", daysAgo: 9 },
  { state: "in_training", joinedDaysAgo: 20, lastReadDaysAgo: 1, lessons: 4, booked: true },
  { state: "in_training", joinedDaysAgo: 40, lastReadDaysAgo: 2, lessons: 9, booked: true },
  { state: "in_training", joinedDaysAgo: 70, lastReadDaysAgo: 4, lessons: 15, booked: true },
  { state: "in_training", joinedDaysAgo: 110, lastReadDaysAgo: 6, lessons: 22 },
  { state: "in_training", joinedDaysAgo: 150, lastReadDaysAgo: 9, lessons: 28 },
  { state: "in_training", joinedDaysAgo: 200, lastReadDaysAgo: 13, lessons: 35 },
  { state: "stalled", joinedDaysAgo: 200, lastReadDaysAgo: 40, lessons: 3 },
  { state: "stalled", joinedDaysAgo: 330, lastReadDaysAgo: 52, lessons: 8 },
  { state: "stalled", joinedDaysAgo: 460, lastReadDaysAgo: 70, lessons: 12 },
  { state: "stalled", joinedDaysAgo: 590, lastReadDaysAgo: 95, lessons: 18 },
  { state: "certified", cohort: "first" },
  { state: "certified", cohort: "first" },
  { state: "certified", cohort: "first" },
  { state: "certified", cohort: "second" },
  { state: "certified", cohort: "second" },
  { state: "certified", cohort: "second" },
  { state: "certified", cohort: "third" },
  { state: "certified", cohort: "third" },
  { state: "certified", cohort: "third" },
  { state: "expiring", cohort: "expiring" },
  { state: "expiring", cohort: "expiring" },
  { state: "expired", cohort: "expired" },
  { state: "expired", cohort: "expired" },
];

/**
 * The first course day of each cohort. Certificates last 24 months from the second day, a week
 * later; the refresher window is the last 60 days. "expiring" lands 17 to 50 days before its
 * certificate ends and "expired" 40 to 75 days after, however the working-day rule moves them.
 */
function firstCourseDay(cohort: Cohort, today: LocalDate): LocalDate {
  const twoYearsAgo = addMonths(today, -24);
  const day = { first: addDays(today, -480), second: addDays(today, -297), third: addDays(today, -117), expiring: addDays(twoYearsAgo, 10), expired: addDays(twoYearsAgo, -80) }[cohort];
  return demoWorkday(day);
}

export function demoCoachEmail(name: string): string {
  const plain = name.toLowerCase().replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/\s+/g, ".");
  return `${plain}@demo.coachportalen.se`;
}

/** Ten in the morning, Stockholm time, `days` days before `today`. */
function morning(today: LocalDate, daysAgo: number): Date {
  return stockholmLocalToUtc(isoLocalDate(addDays(today, -daysAgo)), "10:00")!;
}

/**
 * Seeds the coaches of each demo municipality that has none of them yet (an address already
 * invited or taken means it was seeded: running it twice changes nothing). `passwordHash` is the
 * demo password's, hashed once for everyone. Returns how many people it invited.
 */
export async function seedDemoCoaches(
  db: Kysely<Database>,
  input: { content: ContentIndex; passwordHash: string; now: Date },
): Promise<number> {
  const track = input.content.tracks.find((t) => t.audience === "coach" && t.sessions.length > 0);
  if (!track) return 0;
  const today = stockholmDate(input.now);
  const lessonsTotal = track.modules.reduce((n, slug) => n + (input.content.modules[slug]?.lessons.length ?? 0), 0);
  const courseDays = track.sessions.filter((s) => s.kind === "utbildningsdag").map((s) => `${track.slug}/${s.key}`);
  let invited = 0;
  for (const [slug, names] of Object.entries(DEMO_COACH_NAMES)) {
    const coordinator = await demoCoordinator(db, slug);
    if (!coordinator) continue;
    const emails = names.map(demoCoachEmail);
    const [taken, pending] = await Promise.all([
      db.selectFrom("user").select("id").where("email", "in", emails).executeTakeFirst(),
      db.selectFrom("invitation").select("id").where("email", "in", emails).executeTakeFirst(),
    ]);
    if (taken || pending) continue;

    const join = async (name: string, at: Date): Promise<Booker> => {
      const email = demoCoachEmail(name);
      const invitation = await createInvitation(db, { email, role: "coach", municipalityId: coordinator.municipalityId, invitedBy: coordinator, name }, at);
      invited++;
      const accepted = await db.transaction().execute((trx) => claimInvitation(trx, { id: invitation.id }, { name, passwordHash: input.passwordHash }, new Date(at.getTime() + 3_600_000)));
      if (accepted.status !== "accepted") throw new Error(`${email} kunde inte tacka ja till demoinbjudan: ${accepted.status}`);
      return { id: accepted.userId, name, email };
    };

    const cohorts = new Map<Cohort, Booker[]>();
    const upcoming: Booker[] = [];
    for (const [i, plan] of PLANS.entries()) {
      const name = names[i]!;
      if (plan.state === "invited") {
        await createInvitation(db, { email: demoCoachEmail(name), role: "coach", municipalityId: coordinator.municipalityId, invitedBy: coordinator, name }, morning(today, plan.daysAgo));
        invited++;
      } else if (plan.state === "not_started") {
        await join(name, morning(today, plan.daysAgo));
      } else if ("lessons" in plan) {
        const coach = await join(name, morning(today, plan.joinedDaysAgo));
        const between: [Date, Date] = [morning(today, plan.joinedDaysAgo - 1), morning(today, plan.lastReadDaysAgo)];
        await seedDemoProgress(db, coach.id, input.content, { track: track.slug, lessons: plan.lessons, passTests: true, between });
        if (plan.booked) upcoming.push(coach);
      } else {
        const day = firstCourseDay(plan.cohort, today);
        const joinedDaysAgo = Math.round((input.now.getTime() - stockholmLocalToUtc(isoLocalDate(day), "10:00")!.getTime()) / DAY_MS) + READING_DAYS;
        const coach = await join(name, morning(today, joinedDaysAgo));
        const between: [Date, Date] = [morning(today, joinedDaysAgo - 1), morning(today, joinedDaysAgo - READING_DAYS + 3)];
        await seedDemoProgress(db, coach.id, input.content, { track: track.slug, lessons: lessonsTotal, passTests: true, between });
        cohorts.set(plan.cohort, [...(cohorts.get(plan.cohort) ?? []), coach]);
      }
    }

    // Both course days of each cohort; marking the second issues their certificates.
    for (const [cohort, people] of cohorts) {
      let day = firstCourseDay(cohort, today);
      for (const step of courseDays) {
        await holdDemoCourseDay(db, input.content, { actor: coordinator, step, day, place: PLACES[slug]!, capacity: 20, people, now: input.now });
        day = demoWorkday(addDays(day, 7));
      }
    }
    await bookUpcomingCourseDays(db, input.content, { slug, coordinator, courseDays, people: upcoming, today, now: input.now });
  }
  return invited;
}

/** Coaches in training book the municipality's coming course days; where it has none, the coordinator puts two up. */
async function bookUpcomingCourseDays(
  db: Kysely<Database>,
  content: ContentIndex,
  input: { slug: string; coordinator: NonNullable<Awaited<ReturnType<typeof demoCoordinator>>>; courseDays: string[]; people: Booker[]; today: LocalDate; now: Date },
): Promise<void> {
  const steps = input.courseDays.map((s) => s.split("/")[1]!);
  const sessions = await db
    .selectFrom("training_session")
    .select("id")
    .where("municipality_id", "=", input.coordinator.municipalityId)
    .where("partner_municipality_id", "is", null)
    .where("step_key", "in", steps)
    .where("starts_at", ">", input.now.toISOString())
    .orderBy("starts_at")
    .execute();
  if (sessions.length > 0) {
    for (const session of sessions) {
      for (const coach of input.people) await signUp(db, { sessionId: session.id, coach, content, now: input.now });
    }
    return;
  }
  let day = demoWorkday(addDays(input.today, 14));
  for (const step of input.courseDays) {
    await holdDemoCourseDay(db, content, { actor: input.coordinator, step, day, place: PLACES[input.slug]!, capacity: 20, people: input.people, now: input.now });
    day = demoWorkday(addDays(day, 7));
  }
}
