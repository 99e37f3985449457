// SPDX-License-Identifier: EUPL-1.2
// What a person attended in person, as certification and the progress pages read it. Kept
// apart from the rest of the sessions module, which issues certificates after attendance:
// certification imports this file, and nothing here imports certification.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";

export interface Attendance {
  track: string;
  stepKey: string;
  sessionId: string;
  /** The session's start: the day the step was completed. */
  at: string;
}

/**
 * Every session the person was marked as attending, in one track or (without `track`) in all,
 * oldest first. Cancelled sessions count for nothing.
 */
export async function attendancesOf(db: Kysely<Database>, userId: string, track?: string): Promise<Attendance[]> {
  let query = db
    .selectFrom("session_attendance as a")
    .innerJoin("training_session as s", "s.id", "a.session_id")
    .select(["s.track", "s.step_key", "s.id", "s.starts_at"])
    .where("a.user_id", "=", userId)
    .where("a.attended", "=", 1)
    .where("s.cancelled_at", "is", null);
  if (track) query = query.where("s.track", "=", track);
  const rows = await query.orderBy("s.starts_at").orderBy("s.id").execute();
  return rows.map((r) => ({ track: r.track, stepKey: r.step_key, sessionId: r.id, at: r.starts_at }));
}
