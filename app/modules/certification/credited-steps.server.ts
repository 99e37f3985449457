// SPDX-License-Identifier: EUPL-1.2
// The credits of earlier training as certification reads them. Apart from credits.server.ts
// (which registers credits and then issues certificates), so certification can read them
// without the two modules importing each other.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";

/**
 * The steps of `track` (its slug) credited to the person from earlier training: a module's
 * slug or a session step's key → the date it was completed (ISO). Certification treats a
 * credited module as read and passed, and a credited session step as attended, on that date.
 */
export async function creditedSteps(db: Kysely<Database>, userId: string, track: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("prior_training").select(["step_key", "completed_on"]).where("user_id", "=", userId).where("track", "=", track).execute();
  return new Map(rows.map((r) => [r.step_key, creditedAt(r.completed_on)]));
}

/** The same for every track at once: track slug → step → date completed. */
export async function creditedStepsByTrack(db: Kysely<Database>, userId: string): Promise<Map<string, Map<string, string>>> {
  const rows = await db.selectFrom("prior_training").select(["track", "step_key", "completed_on"]).where("user_id", "=", userId).execute();
  const byTrack = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const steps = byTrack.get(r.track) ?? new Map<string, string>();
    steps.set(r.step_key, creditedAt(r.completed_on));
    byTrack.set(r.track, steps);
  }
  return byTrack;
}

// Noon UTC is the same calendar day in Stockholm all year, so the credit lands on its date.
export const creditedAt = (completedOn: string) => `${completedOn}T12:00:00.000Z`;
