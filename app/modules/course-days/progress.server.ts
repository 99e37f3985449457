// SPDX-License-Identifier: EUPL-1.2
// A coach's session steps as their training page shows them: attended, booked (or waiting),
// registered from earlier training, or not yet.
import type { Kysely } from "kysely";
import type { SessionStep, Track } from "~/content/content.server";
import { iso } from "~/lib/time";
import { creditedSteps } from "~/modules/certification/credits.server";
import type { Database } from "~db/schema";
import { attendancesOf } from "./attendance-records.server";

export type StepStatus =
  | { kind: "attended"; at: string }
  | { kind: "credited"; at: string }
  | { kind: "booked"; sessionId: string; startsAt: string }
  | { kind: "waitlisted"; sessionId: string; startsAt: string }
  | { kind: "none" };

export interface SessionStepProgress extends SessionStep {
  status: StepStatus;
}

export async function sessionStepProgress(db: Kysely<Database>, input: { userId: string; track: Track; now?: Date }): Promise<SessionStepProgress[]> {
  const { track } = input;
  if (track.sessions.length === 0) return [];
  const now = iso(input.now ?? new Date());
  const [attendances, credited, upcoming] = await Promise.all([
    attendancesOf(db, input.userId, track.slug),
    creditedSteps(db, input.userId, track.slug),
    db
      .selectFrom("session_booking as b")
      .innerJoin("training_session as s", "s.id", "b.session_id")
      .select(["s.id", "s.step_key", "s.starts_at", "b.status"])
      .where("b.user_id", "=", input.userId)
      .where("b.status", "in", ["booked", "waitlisted"])
      .where("s.track", "=", track.slug)
      .where("s.cancelled_at", "is", null)
      .where("s.ends_at", ">", now)
      .orderBy("s.starts_at")
      .execute(),
  ]);
  return track.sessions.map((step) => {
    const attended = attendances.filter((a) => a.stepKey === step.key).at(-1);
    const credit = credited.get(step.key);
    const booking = upcoming.find((b) => b.step_key === step.key && b.status === "booked") ?? upcoming.find((b) => b.step_key === step.key);
    let status: StepStatus = { kind: "none" };
    // A booster is taken again and again: an upcoming booking says more than the last one attended.
    if (booking && (step.kind === "booster" || !attended)) {
      status = { kind: booking.status === "booked" ? "booked" : "waitlisted", sessionId: booking.id, startsAt: booking.starts_at };
    } else if (attended) status = { kind: "attended", at: attended.at };
    else if (credit) status = { kind: "credited", at: credit };
    return { ...step, status };
  });
}
