// SPDX-License-Identifier: EUPL-1.2
// Demo data: the two municipalities of the medborgarlöfte, a person in every role, 28 coaches
// per municipality in every state a coordinator follows, the signed 2024–2025 promise followed
// up with example activities and reports, and each municipality's profile, contact cards, local
// text and (Högsby) approvals.
// Running it twice changes nothing: every row is looked up by its natural key first.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/types";
import { hashPassword } from "~/modules/auth/password.server";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { seedDemoPromise } from "~/modules/followup/demo-seed.server";
import { seedDemoProgress } from "~/modules/learning/seed.server";
import { seedDemoSessions } from "~/modules/course-days/seed.server";
import { seedDemoIdentity } from "~/modules/municipalities/demo-seed.server";
import { seedDemoCoaches } from "~/modules/roster/demo-seed.server";
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
  // The kommunpolis of Lokalpolisområde Västervik, attached to the medborgarlöfte as its police partner.
  { email: "polis@demo.coachportalen.se", name: "Pelle Polis", role: "polis", municipality: null },
];

export async function seedMunicipalities(db: Kysely<Database>, now = new Date()): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const m of DEMO_MUNICIPALITIES) {
    const existing = await db.selectFrom("municipality").select("id").where("slug", "=", m.slug).executeTakeFirst();
    if (existing) {
      ids.set(m.slug, existing.id);
      continue;
    }
    const id = newId();
    await db.insertInto("municipality").values({ id, ...m, created_at: now.toISOString() }).execute();
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

/**
 * The demo people; with the compiled content also their training progress and the demo's coaches.
 * `created` counts the people with a demo login (DEMO_PEOPLE), `coaches` the made-up coaches invited.
 */
export async function seedDemo(db: Kysely<Database>, options: { now?: Date; content?: ContentIndex } = {}): Promise<{ created: number; coaches: number }> {
  const now = options.now ?? new Date();
  const municipalities = await seedMunicipalities(db, now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  let coaches = 0;
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
    // With the hash made once above: argon2 for each of the fifty would take most of the seed's time.
    coaches = await seedDemoCoaches(db, { content: options.content, passwordHash, now });
  }
  // After the people, whom it acts as; the reports need the content's figures.
  await seedDemoPromise(db, { content: options.content, municipalityIds: municipalities });
  await seedDemoIdentity(db, { content: options.content, municipalityIds: municipalities });
  return { created, coaches };
}
