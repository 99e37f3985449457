// SPDX-License-Identifier: EUPL-1.2
// Sessions in numbers: for the coordinator's dashboard, and the aggregate figures the public
// follow-up shows (inPersonFigures). Counts only, nothing about a person.
import type { Kysely } from "kysely";
import { getContent, type ContentIndex } from "~/content/content.server";
import { iso } from "~/lib/time";
import { reuseWhileUnchanged } from "~db/change-tracking";
import type { Database } from "~db/schema";
import { heldBy } from "./session-records.server";

export interface InPersonFigures {
  /** Sessions held (ended, not cancelled) that the municipality organised alone or jointly (a partner once it accepted). */
  sessionsHeld: number;
  /** Attendances of the municipality's coaches at sessions held. */
  attendances: number;
  /** Booked coaches of the municipality marked as not attending. */
  noShows: number;
  /** Coaches of the municipality who have attended every required session step of a coach track. */
  coachesTrainedInPerson: number;
  /** Sessions still to come, not cancelled. */
  upcoming: number;
}

/**
 * The in-person figures of a municipality. For the public follow-up page: aggregate counts,
 * to be shown with its rule for small numbers ("färre än 5").
 */
export function inPersonFigures(
  db: Kysely<Database>,
  municipalityId: string,
  options: { content?: ContentIndex; now?: Date } = {},
): Promise<InPersonFigures> {
  const content = options.content ?? getContent();
  if (options.now) return countInPerson(db, municipalityId, { content, now: options.now });
  // Read from every attendance mark of the municipality on each dashboard view: reused like the
  // roster while nothing can have changed, for at most 30 s (db/change-tracking.ts).
  return reuseWhileUnchanged(db, `in-person:${municipalityId}`, [content], () => countInPerson(db, municipalityId, { content, now: new Date() }));
}

async function countInPerson(db: Kysely<Database>, municipalityId: string, options: { content: ContentIndex; now: Date }): Promise<InPersonFigures> {
  const content = options.content;
  const now = iso(options.now ?? new Date());
  const [sessions, marks] = await Promise.all([
    db
      .selectFrom("training_session as s")
      .select(["s.id", "s.ends_at", "s.starts_at"])
      .where(heldBy(municipalityId))
      .where("s.cancelled_at", "is", null)
      .execute(),
    db
      .selectFrom("session_attendance as a")
      .innerJoin("training_session as s", "s.id", "a.session_id")
      .innerJoin("user as u", "u.id", "a.user_id")
      .select(["a.user_id", "a.attended", "s.track", "s.step_key"])
      .where("u.municipality_id", "=", municipalityId)
      .where("u.role", "=", "coach")
      .where("s.cancelled_at", "is", null)
      .execute(),
  ]);
  const attended = marks.filter((m) => Number(m.attended) === 1);
  const stepsOf = new Map<string, Set<string>>();
  for (const m of attended) {
    const key = `${m.user_id}|${m.track}`;
    stepsOf.set(key, (stepsOf.get(key) ?? new Set()).add(m.step_key));
  }
  const trained = new Set<string>();
  for (const track of content.tracks.filter((t) => t.audience === "coach")) {
    const required = track.sessions.filter((s) => s.required).map((s) => s.key);
    if (required.length === 0) continue;
    for (const [key, steps] of stepsOf) {
      const [userId, slug] = key.split("|") as [string, string];
      if (slug === track.slug && required.every((k) => steps.has(k))) trained.add(userId);
    }
  }
  return {
    sessionsHeld: sessions.filter((s) => s.ends_at <= now).length,
    attendances: attended.length,
    noShows: marks.length - attended.length,
    coachesTrainedInPerson: trained.size,
    upcoming: sessions.filter((s) => s.ends_at > now).length,
  };
}
