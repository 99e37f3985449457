// SPDX-License-Identifier: EUPL-1.2
// Attendance, marked by a coordinator on the day or afterwards. Attending completes the
// session step; the certificate follows through the same issue-if-eligible path as a passed
// knowledge test, so whichever requirement comes last (online or in person) issues it.
// A no-show is recorded (attended = 0) and stays visible; it frees nothing after the fact.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { iso } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { issueCertificateIfEligible, type IssueResult } from "~/modules/certification/certification.server";
import type { Database } from "~db/schema";
import { participantsOf } from "./course-days.server";
import { attendanceOpens, findStep, type TrainingSession } from "./session-records.server";

export type MarkResult =
  | { status: "saved"; attended: number; absent: number; certificates: Array<{ userId: string; outcome: IssueResult["outcome"] }> }
  | { status: "not_open"; message: string };

/**
 * Saves attendance for everyone booked on the session: those in `attendedUserIds` attended,
 * the rest did not. Ids of people not booked are ignored.
 */
export async function markAttendance(
  db: Kysely<Database>,
  input: { actor: SessionUser; session: TrainingSession; attendedUserIds: string[]; content: ContentIndex; now?: Date },
): Promise<MarkResult> {
  const now = input.now ?? new Date();
  const { session } = input;
  if (session.cancelledAt) return { status: "not_open", message: "Träffen är inställd, så det finns ingen närvaro att registrera." };
  if (now < attendanceOpens(session)) return { status: "not_open", message: "Närvaron kan registreras från och med träffens dag." };
  const { booked } = await participantsOf(db, session.id);
  const attending = new Set(input.attendedUserIds);
  const newlyAttended: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (const person of booked) {
      const attended = attending.has(person.userId) ? 1 : 0;
      if (attended === 1 && person.attended !== true) newlyAttended.push(person.userId);
      await trx
        .insertInto("session_attendance")
        .values({ session_id: session.id, user_id: person.userId, attended, marked_by: input.actor.id, marked_at: iso(now) })
        // An unchanged mark keeps its time and marker: the time names the marking that issued a
        // certificate (certificatesFromAttendance), and saving the list again changes nobody's.
        .onConflict((oc) =>
          oc
            .columns(["session_id", "user_id"])
            .doUpdateSet({ attended, marked_by: input.actor.id, marked_at: iso(now) })
            .where("session_attendance.attended", "!=", attended),
        )
        .execute();
    }
    await recordAuditEvent(trx, {
      action: "session.attendance",
      actorId: input.actor.id,
      municipalityId: input.actor.municipalityId,
      details: { sessionId: session.id, attended: booked.filter((p) => attending.has(p.userId)).length, absent: booked.filter((p) => !attending.has(p.userId)).length },
      now,
    });
  });

  // Each issue runs in a transaction of its own (it locks the person), after attendance is stored.
  const certificates: Array<{ userId: string; outcome: IssueResult["outcome"] }> = [];
  const track = findStep(input.content, session.track, session.stepKey)?.track;
  if (track) {
    for (const userId of newlyAttended) {
      const result = await issueCertificateIfEligible(db, { userId, track, content: input.content, now });
      if (result && result.outcome !== "existing") certificates.push({ userId, outcome: result.outcome });
    }
  }
  const attended = booked.filter((p) => attending.has(p.userId)).length;
  return { status: "saved", attended, absent: booked.length - attended, certificates };
}
