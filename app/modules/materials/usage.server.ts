// SPDX-License-Identifier: EUPL-1.2
// Counting how materials are used, in aggregate only: a row per material, municipality and
// day holds two numbers. Who opened what is never stored, so the counts can be shown to a
// coordinator and, later, to citizens without becoming a record of any person's reading.
import { isbot } from "isbot";
import type { Kysely } from "kysely";
import { formatIsoDate } from "~/lib/dates";
import type { SessionUser } from "~/modules/access/permissions.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";

/** The municipality of visitors without an account: a value, not NULL, so the unique key holds on every database. */
export const PUBLIC_MUNICIPALITY = "";

export type MaterialUseKind = "view" | "download";

/** The Swedish calendar day of a moment, as stored: "2026-03-14". */
export function usageDay(at: Date): string {
  return formatIsoDate(at);
}

/**
 * Whose use a visit counts as. Coaches and school staff count for their municipality, and
 * visitors without an account as the public. Coordinators and admins are not counted: they
 * open materials to review them, and their clicks would read as schools using them.
 */
export function usageMunicipalityOf(user: Pick<SessionUser, "role" | "municipalityId"> | null): string | null {
  if (!user) return PUBLIC_MUNICIPALITY;
  if (user.role === "coach" || user.role === "school_staff") return user.municipalityId ?? PUBLIC_MUNICIPALITY;
  return null;
}

export async function recordMaterialUse(
  db: Kysely<Database>,
  input: { material: string; municipalityId: string | null; kind: MaterialUseKind; day: string },
): Promise<void> {
  const views = input.kind === "view" ? 1 : 0;
  const downloads = input.kind === "download" ? 1 : 0;
  // One statement, so that simultaneous visits add up instead of overwriting each other.
  await db
    .insertInto("material_use")
    .values({ material: input.material, municipality_id: input.municipalityId ?? PUBLIC_MUNICIPALITY, day: input.day, views, downloads })
    .onConflict((conflict) =>
      conflict.columns(["material", "municipality_id", "day"]).doUpdateSet((eb) => ({
        views: eb("material_use.views", "+", views),
        downloads: eb("material_use.downloads", "+", downloads),
      })),
    )
    .execute();
}

export interface MaterialUsage {
  material: string;
  views: number;
  downloads: number;
}

/** Each material's views and downloads in a municipality from `since` (YYYY-MM-DD) on, most used first. */
export async function materialUsageForMunicipality(db: Kysely<Database>, municipalityId: string, since: string): Promise<MaterialUsage[]> {
  const rows = await db
    .selectFrom("material_use")
    .select((eb) => ["material", eb.fn.sum<string | number>("views").as("views"), eb.fn.sum<string | number>("downloads").as("downloads")])
    .where("municipality_id", "=", municipalityId)
    .where("day", ">=", since)
    .groupBy("material")
    .execute();
  return rows
    .map((row) => ({ material: row.material, views: toCount(row.views), downloads: toCount(row.downloads) }))
    .sort((a, b) => b.views - a.views || b.downloads - a.downloads || a.material.localeCompare(b.material, "sv-SE"));
}

/**
 * Counts one view or download by this visitor, unless it is a crawler (public pages are
 * indexed by search engines) or a coordinator or admin (see usageMunicipalityOf).
 */
export async function countMaterialUse(
  db: Kysely<Database>,
  input: { material: string; user: Pick<SessionUser, "role" | "municipalityId"> | null; userAgent: string | null; kind: MaterialUseKind; at?: Date },
): Promise<void> {
  const municipalityId = usageMunicipalityOf(input.user);
  if (municipalityId === null || isbot(input.userAgent)) return;
  await recordMaterialUse(db, { material: input.material, municipalityId, kind: input.kind, day: usageDay(input.at ?? new Date()) });
}
