// SPDX-License-Identifier: EUPL-1.2
// Demo data: the two municipalities of the medborgarlöfte and a person in every role.
// Running it twice changes nothing: every row is looked up by its natural key first.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/types";
import { hashPassword } from "~/modules/auth/password.server";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { publishReport } from "~/modules/followup/reports.server";
import { seedDemoProgress } from "~/modules/learning/seed.server";
import { formatIsoDate } from "~/lib/dates";
import { seedDemoSessions } from "~/modules/course-days/seed.server";
import { newId } from "./ids.server";
import type { Database, Role } from "./schema";

export const DEMO_PASSWORD = "demo-coach-2026";

export const DEMO_MUNICIPALITIES = [
  { slug: "hogsby", name: "Högsby kommun", county: "Kalmar län" },
  { slug: "monsteras", name: "Mönsterås kommun", county: "Kalmar län" },
] as const;

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  municipality: (typeof DEMO_MUNICIPALITIES)[number]["slug"] | null;
  school?: string;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { email: "admin@demo.coachportalen.se", name: "Alva Admin", role: "admin", municipality: null },
  { email: "samordnare.hogsby@demo.coachportalen.se", name: "Sara Samordnare", role: "coordinator", municipality: "hogsby" },
  { email: "coach.hogsby@demo.coachportalen.se", name: "Carl Coach", role: "coach", municipality: "hogsby" },
  { email: "coach2.hogsby@demo.coachportalen.se", name: "Hanna Holm", role: "coach", municipality: "hogsby" },
  { email: "skola.hogsby@demo.coachportalen.se", name: "Stina Skola", role: "school_staff", municipality: "hogsby", school: "Högsby skola" },
  { email: "samordnare.monsteras@demo.coachportalen.se", name: "Mats Samordnare", role: "coordinator", municipality: "monsteras" },
  { email: "coach.monsteras@demo.coachportalen.se", name: "Maja Coach", role: "coach", municipality: "monsteras" },
  { email: "coach2.monsteras@demo.coachportalen.se", name: "Omar Olsson", role: "coach", municipality: "monsteras" },
  { email: "skola.monsteras@demo.coachportalen.se", name: "Selma Skola", role: "school_staff", municipality: "monsteras", school: "Mönsterås skola" },
];

/** The medborgarlöfte's period: the follow-up reports count against it (coordinators may change it). */
export const DEMO_PROMISE_PERIOD = { promise_period_start: "2024-01-01", promise_period_end: "2025-12-31" };

export async function seedMunicipalities(db: Kysely<Database>, now = new Date()): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const m of DEMO_MUNICIPALITIES) {
    const existing = await db.selectFrom("municipality").select("id").where("slug", "=", m.slug).executeTakeFirst();
    if (existing) {
      ids.set(m.slug, existing.id);
      // A database seeded before the promise had a period gets it; one a coordinator has set keeps theirs.
      await db.updateTable("municipality").set(DEMO_PROMISE_PERIOD).where("id", "=", existing.id).where("promise_period_start", "is", null).execute();
      continue;
    }
    const id = newId();
    await db.insertInto("municipality").values({ id, ...m, ...DEMO_PROMISE_PERIOD, created_at: now.toISOString() }).execute();
    ids.set(m.slug, id);
  }
  return ids;
}

// Demo coaches at different stages, so every page has something to show.
const DEMO_PROGRESS: Record<string, { lessons: number; passTests?: boolean }> = {
  "coach.hogsby@demo.coachportalen.se": { lessons: 2 },
  "coach2.hogsby@demo.coachportalen.se": { lessons: 4, passTests: true },
  // Every lesson and test: certified, so the certificate pages and the coordinator's figures show one.
  "coach.monsteras@demo.coachportalen.se": { lessons: 1000, passTests: true },
  "coach2.monsteras@demo.coachportalen.se": { lessons: 1 },
};

/** The demo people; with the compiled content also their training progress. */
export async function seedDemo(db: Kysely<Database>, options: { now?: Date; content?: ContentIndex } = {}): Promise<{ created: number }> {
  const now = options.now ?? new Date();
  const municipalities = await seedMunicipalities(db, now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const person of DEMO_PEOPLE) {
    const existing = await db.selectFrom("user").select("id").where("email", "=", person.email).executeTakeFirst();
    if (existing) continue;
    await db
      .insertInto("user")
      .values({
        id: newId(),
        email: person.email,
        name: person.name,
        role: person.role,
        municipality_id: person.municipality ? municipalities.get(person.municipality)! : null,
        school: person.school ?? null,
        password_hash: passwordHash,
        created_at: now.toISOString(),
        deactivated_at: null,
      })
      .execute();
    created++;
  }
  if (options.content) {
    // Before the certificates: the certified demo coach attended the course days in person.
    await seedDemoSessions(db, options.content, now);
    for (const [email, progress] of Object.entries(DEMO_PROGRESS)) {
      const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
      if (!user) continue;
      await seedDemoProgress(db, user.id, options.content, { ...progress, now });
      for (const track of options.content.tracks) {
        if (track.audience === "coach") await issueCertificateIfEligible(db, { userId: user.id, track, content: options.content, now });
      }
    }
    await seedDemoReport(db, options.content, now);
  }
  return { created };
}

const DEMO_REPORT_COMMENTARY = `Det här är en exempelrapport i demoversionen av Coachportalen. Siffrorna i rapporten räknades när demodatan skapades och ändras inte.

Kommunen har börjat utbilda **ANDTS-coacher** i Coachportalen. Under perioden har vi:

- bjudit in personal och ideella ledare som möter unga till utbildningen
- gett skolorna förebyggande material att använda i undervisningen och på föräldramöten

Nästa rapport kommer när fler coacher har gått klart utbildningen.`;

/** A published report for Högsby, so the public follow-up page has one to show. */
async function seedDemoReport(db: Kysely<Database>, content: ContentIndex, now: Date): Promise<void> {
  const municipality = await db
    .selectFrom("municipality")
    .select(["id", "promise_period_start", "promise_period_end", "promised_reports"])
    .where("slug", "=", "hogsby")
    .executeTakeFirst();
  const coordinator = await db.selectFrom("user").select("id").where("email", "=", "samordnare.hogsby@demo.coachportalen.se").executeTakeFirst();
  if (!municipality || !coordinator) return;
  const existing = await db.selectFrom("followup_report").select("id").where("municipality_id", "=", municipality.id).executeTakeFirst();
  if (existing) return;
  const { promise_period_start: from, promise_period_end: to } = municipality;
  await publishReport(db, {
    id: newId(),
    municipality: { id: municipality.id, promise: { period: from && to ? { from, to } : null, promisedReports: municipality.promised_reports } },
    actorId: coordinator.id,
    title: "Uppföljning 1 (exempel)",
    period: { from: from ?? formatIsoDate(now), to: formatIsoDate(now) },
    commentary: DEMO_REPORT_COMMENTARY,
    replacesId: null,
    content,
    now,
  });
}
