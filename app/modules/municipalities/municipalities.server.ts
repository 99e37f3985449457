// SPDX-License-Identifier: EUPL-1.2
// The municipalities that take part, and the few figures an admin or coordinator needs
// at a glance: how many active people of each kind, and how many invitations wait.
import type { Kysely } from "kysely";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";

export interface MunicipalityCounts {
  coaches: number;
  schoolStaff: number;
  coordinators: number;
  pendingInvitations: number;
}

export interface MunicipalitySummary {
  id: string;
  slug: string;
  name: string;
  county: string;
}

/** Lower-case a–z, digits and single hyphens: it appears in public addresses such as /uppfoljning/hogsby. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 60;

/** "Högsby kommun" → "hogsby", as the seeded municipalities are named. */
export function slugFromName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+kommun$/, "")
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, "");
}

const NO_COUNTS: MunicipalityCounts = { coaches: 0, schoolStaff: 0, coordinators: 0, pendingInvitations: 0 };

async function countsByMunicipality(db: Kysely<Database>, now: Date, municipalityId?: string): Promise<Map<string, MunicipalityCounts>> {
  let people = db
    .selectFrom("user")
    .select((eb) => ["municipality_id", "role", eb.fn.countAll().as("count")])
    .where("deactivated_at", "is", null)
    .where("municipality_id", "is not", null)
    .groupBy(["municipality_id", "role"]);
  let invitations = db
    .selectFrom("invitation")
    .select((eb) => ["municipality_id", eb.fn.countAll().as("count")])
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("expires_at", ">", iso(now))
    .where("municipality_id", "is not", null)
    .groupBy("municipality_id");
  if (municipalityId) {
    people = people.where("municipality_id", "=", municipalityId);
    invitations = invitations.where("municipality_id", "=", municipalityId);
  }

  const counts = new Map<string, MunicipalityCounts>();
  const entry = (id: string) => {
    let found = counts.get(id);
    if (!found) counts.set(id, (found = { ...NO_COUNTS }));
    return found;
  };
  for (const row of await people.execute()) {
    const target = entry(row.municipality_id!);
    const count = toCount(row.count);
    if (row.role === "coach") target.coaches = count;
    else if (row.role === "school_staff") target.schoolStaff = count;
    else if (row.role === "coordinator") target.coordinators = count;
  }
  for (const row of await invitations.execute()) entry(row.municipality_id!).pendingInvitations = toCount(row.count);
  return counts;
}

export async function listMunicipalities(db: Kysely<Database>): Promise<MunicipalitySummary[]> {
  return db.selectFrom("municipality").select(["id", "slug", "name", "county"]).orderBy("name").execute();
}

/** Every municipality with its active coaches, school staff and coordinators, and its pending invitations. */
export async function listMunicipalitiesWithCounts(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<Array<MunicipalitySummary & { counts: MunicipalityCounts }>> {
  const [municipalities, counts] = await Promise.all([listMunicipalities(db), countsByMunicipality(db, now)]);
  return municipalities.map((m) => ({ ...m, counts: counts.get(m.id) ?? { ...NO_COUNTS } }));
}

export async function getMunicipality(db: Kysely<Database>, id: string): Promise<MunicipalitySummary | undefined> {
  return db.selectFrom("municipality").select(["id", "slug", "name", "county"]).where("id", "=", id).executeTakeFirst();
}

export async function getMunicipalityCounts(db: Kysely<Database>, id: string, now: Date = new Date()): Promise<MunicipalityCounts> {
  return (await countsByMunicipality(db, now, id)).get(id) ?? { ...NO_COUNTS };
}

/**
 * The municipality of a public address: by its slug, or by a slug it had before it was renamed
 * (`renamedTo` then names the address to redirect to, so old links keep working).
 */
export async function findMunicipalityBySlug(db: Kysely<Database>, slug: string): Promise<(MunicipalitySummary & { renamedFrom: string | null }) | undefined> {
  if (!SLUG_PATTERN.test(slug)) return undefined;
  const current = await db.selectFrom("municipality").select(["id", "slug", "name", "county"]).where("slug", "=", slug).executeTakeFirst();
  if (current) return { ...current, renamedFrom: null };
  const former = await db
    .selectFrom("municipality_slug_history as h")
    .innerJoin("municipality as m", "m.id", "h.municipality_id")
    .select(["m.id", "m.slug", "m.name", "m.county"])
    .where("h.slug", "=", slug)
    .executeTakeFirst();
  return former ? { ...former, renamedFrom: slug } : undefined;
}

/** A slug is taken while a municipality has it, and also after: an old address keeps pointing where it did. */
async function slugTaken(db: Kysely<Database>, slug: string): Promise<boolean> {
  const inUse = await db.selectFrom("municipality").select("id").where("slug", "=", slug).executeTakeFirst();
  const retired = await db.selectFrom("municipality_slug_history").select("slug").where("slug", "=", slug).executeTakeFirst();
  return inUse !== undefined || retired !== undefined;
}

/** Adds a municipality. The slug is derived from the name unless given; a slug in use is refused. */
export async function createMunicipality(
  db: Kysely<Database>,
  input: { name: string; county: string; slug?: string | null; actorId: string },
  now: Date = new Date(),
): Promise<{ status: "created"; id: string; slug: string } | { status: "slug_taken" | "slug_invalid"; slug: string }> {
  const slug = input.slug?.trim() || slugFromName(input.name);
  if (!SLUG_PATTERN.test(slug) || slug.length > MAX_SLUG_LENGTH) return { status: "slug_invalid", slug };
  if (await slugTaken(db, slug)) return { status: "slug_taken", slug };
  const id = newId();
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("municipality").values({ id, slug, name: input.name.trim(), county: input.county.trim(), created_at: iso(now) }).execute();
      await recordAuditEvent(trx, { action: "municipality.created", actorId: input.actorId, subject: id, municipalityId: id, details: { slug }, now });
    });
  } catch (error) {
    // Two admins adding the same slug at once: the unique index lets one through.
    if (await slugTaken(db, slug)) return { status: "slug_taken", slug };
    throw error;
  }
  return { status: "created", id, slug };
}

export type UpdateMunicipalityResult = { status: "saved"; slug: string } | { status: "not_found" } | { status: "slug_taken" | "slug_invalid"; slug: string };

/**
 * Renames a municipality. A new slug keeps the old one in municipality_slug_history, so every
 * address with the old one (the public follow-up, "Om tjänsten", certificates' links) redirects.
 */
export async function updateMunicipality(
  db: Kysely<Database>,
  input: { id: string; name: string; county: string; slug: string; actorId: string },
  now: Date = new Date(),
): Promise<UpdateMunicipalityResult> {
  const current = await db.selectFrom("municipality").select(["id", "slug", "name", "county"]).where("id", "=", input.id).executeTakeFirst();
  if (!current) return { status: "not_found" };
  const slug = input.slug.trim();
  if (!SLUG_PATTERN.test(slug) || slug.length > MAX_SLUG_LENGTH) return { status: "slug_invalid", slug };
  const ownFormer = slug !== current.slug && (await db.selectFrom("municipality_slug_history").select("slug").where("slug", "=", slug).where("municipality_id", "=", input.id).executeTakeFirst());
  if (slug !== current.slug && !ownFormer && (await slugTaken(db, slug))) return { status: "slug_taken", slug };
  await db.transaction().execute(async (trx) => {
    if (slug !== current.slug) {
      // Taking back a former slug of its own: it is no longer a former one.
      await trx.deleteFrom("municipality_slug_history").where("slug", "=", slug).execute();
      await trx.insertInto("municipality_slug_history").values({ slug: current.slug, municipality_id: input.id, retired_at: iso(now) }).execute();
    }
    await trx.updateTable("municipality").set({ name: input.name.trim(), county: input.county.trim(), slug }).where("id", "=", input.id).execute();
    await recordAuditEvent(trx, {
      action: "municipality.updated",
      actorId: input.actorId,
      subject: input.id,
      municipalityId: input.id,
      details: { from: { name: current.name, slug: current.slug, county: current.county }, to: { name: input.name.trim(), slug, county: input.county.trim() } },
      now,
    });
  });
  return { status: "saved", slug };
}

/**
 * A municipality that leaves is deactivated, never deleted: its records stay for the archive law
 * and its public follow-up stays readable, but its people can no longer sign in and nobody is
 * invited into it. Reactivating gives every account back as it was.
 */
export async function setMunicipalityActive(
  db: Kysely<Database>,
  input: { id: string; active: boolean; actorId: string },
  now: Date = new Date(),
): Promise<"changed" | "unchanged" | "not_found"> {
  const row = await db.selectFrom("municipality").select(["deactivated_at"]).where("id", "=", input.id).executeTakeFirst();
  if (!row) return "not_found";
  if ((row.deactivated_at === null) === input.active) return "unchanged";
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("municipality").set({ deactivated_at: input.active ? null : iso(now) }).where("id", "=", input.id).execute();
    if (!input.active) {
      // Signed-in people of the municipality are signed out at once.
      const members = trx.selectFrom("user").select("id").where("municipality_id", "=", input.id);
      await trx.deleteFrom("session").where("user_id", "in", members).execute();
    }
    await recordAuditEvent(trx, { action: input.active ? "municipality.reactivated" : "municipality.deactivated", actorId: input.actorId, subject: input.id, municipalityId: input.id, now });
  });
  return "changed";
}
