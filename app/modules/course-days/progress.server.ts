// SPDX-License-Identifier: EUPL-1.2
// A coach's session steps as their training page shows them: attended, booked (or waiting),
// registered from earlier training, or not yet.
import type { Kysely } from "kysely";
import type { SessionStep, Track } from "~/content/content.server";
import { iso } from "~/lib/time";
import { creditedSteps } from "~/modules/certification/credited-steps.server";
import type { Database } from "~db/schema";
import { attendancesOf, type Attendance } from "./attendance-records.server";

export type StepStatus =
  | { kind: "attended"; at: string }
  | { kind: "credited"; at: string }
  | { kind: "booked"; sessionId: string; startsAt: string }
  | { kind: "waitlisted"; sessionId: string; startsAt: string }
  | { kind: "none" };

export interface SessionStepProgress extends SessionStep {
  status: StepStatus;
}

/** A place on, or in the queue for, a course day that has not ended. */
export interface UpcomingBooking {
  track: string;
  sessionId: string;
  stepKey: string;
  startsAt: string;
  status: "booked" | "waitlisted";
}

/** The person's places and queue places on course days not yet over, in every track, soonest first. */
export async function upcomingBookingsOf(db: Kysely<Database>, userId: string, input: { track?: string; now?: Date } = {}): Promise<UpcomingBooking[]> {
  let query = db
    .selectFrom("session_booking as b")
    .innerJoin("training_session as s", "s.id", "b.session_id")
    .select(["s.track", "s.id", "s.step_key", "s.starts_at", "b.status"])
    .where("b.user_id", "=", userId)
    .where("b.status", "in", ["booked", "waitlisted"])
    .where("s.cancelled_at", "is", null)
    .where("s.ends_at", ">", iso(input.now ?? new Date()));
  if (input.track) query = query.where("s.track", "=", input.track);
  const rows = await query.orderBy("s.starts_at").execute();
  return rows.map((r) => ({ track: r.track, sessionId: r.id, stepKey: r.step_key, startsAt: r.starts_at, status: r.status === "booked" ? "booked" : "waitlisted" }));
}

/**
 * Each session step of the track with where the person stands, from what they attended,
 * were credited with and have booked (any track's records: the track's own are picked out).
 */
export function stepProgressOf(
  track: Track,
  records: { attendances: Attendance[]; credited: Map<string, string>; upcoming: UpcomingBooking[] },
): SessionStepProgress[] {
  const attendances = records.attendances.filter((a) => a.track === track.slug);
  const upcoming = records.upcoming.filter((b) => b.track === track.slug);
  return track.sessions.map((step) => {
    const attended = attendances.filter((a) => a.stepKey === step.key).at(-1);
    const credit = records.credited.get(step.key);
    const booking = upcoming.find((b) => b.stepKey === step.key && b.status === "booked") ?? upcoming.find((b) => b.stepKey === step.key);
    let status: StepStatus = { kind: "none" };
    // A booster is taken again and again: an upcoming booking says more than the last one attended.
    if (booking && (step.kind === "booster" || !attended)) {
      status = { kind: booking.status, sessionId: booking.sessionId, startsAt: booking.startsAt };
    } else if (attended) status = { kind: "attended", at: attended.at };
    else if (credit) status = { kind: "credited", at: credit };
    return { ...step, status };
  });
}

export async function sessionStepProgress(db: Kysely<Database>, input: { userId: string; track: Track; now?: Date }): Promise<SessionStepProgress[]> {
  const { track } = input;
  if (track.sessions.length === 0) return [];
  const [attendances, credited, upcoming] = await Promise.all([
    attendancesOf(db, input.userId, track.slug),
    creditedSteps(db, input.userId, track.slug),
    upcomingBookingsOf(db, input.userId, { track: track.slug, now: input.now }),
  ]);
  return stepProgressOf(track, { attendances, credited, upcoming });
}
