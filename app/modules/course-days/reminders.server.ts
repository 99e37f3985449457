// SPDX-License-Identifier: EUPL-1.2
// The daily run's part for sessions (scripts/reminders.ts): everyone with a place is reminded
// two days before (once per session and start time, so a moved session is reminded of again),
// and certificates whose refresher window has opened are renewed by a booster attended in time.
import { sql, type Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, startOfStockholmDay, stockholmDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { claimReminder } from "~/modules/reminders/reminders.server";
import type { Database } from "~db/schema";
import { sessionReminderEmail } from "./emails.server";
import { findStep, findTrainingSession, heldBy } from "./session-records.server";

export const SESSION_REMINDER_KIND = "session-2d";
export const SESSION_REMINDER_DAYS = 2;

/**
 * Reminds everyone booked on a session that begins within the next SESSION_REMINDER_DAYS
 * Stockholm days (today included, so a missed run catches up), each once. Logistics, not a
 * nudge: sent also where the coordinator turned the training reminders off.
 */
export async function sendSessionReminders(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<number> {
  const until = startOfStockholmDay(addDays(stockholmDate(now), SESSION_REMINDER_DAYS + 1));
  const rows = await db
    .selectFrom("session_booking as b")
    .innerJoin("training_session as s", "s.id", "b.session_id")
    .innerJoin("user as u", "u.id", "b.user_id")
    .select(["s.id as sessionId", "s.starts_at", "u.id as userId", "u.name", "u.email"])
    .where("b.status", "=", "booked")
    .where("s.cancelled_at", "is", null)
    .where("u.deactivated_at", "is", null)
    // Only people of a municipality that holds the session: never a partner that has not accepted.
    .where(heldBy(sql.ref<string | null>("u.municipality_id")))
    .where("s.starts_at", ">", iso(now))
    .where("s.starts_at", "<", iso(until))
    .orderBy("s.starts_at")
    .execute();
  let sent = 0;
  for (const row of rows) {
    const session = await findTrainingSession(db, row.sessionId);
    if (!session) continue;
    const stepTitle = findStep(content, session.track, session.stepKey)?.step.title ?? session.stepKey;
    const done = await db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, { userId: row.userId, kind: SESSION_REMINDER_KIND, reference: `${row.sessionId}@${row.starts_at}`, now }))) return false;
      await enqueueEmail(trx, sessionReminderEmail({ to: row.email, name: row.name, session, stepTitle }), now);
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/**
 * Renews, through the one issuing path, the certificates a booster keeps valid: every coach who
 * attended a booster within the track's months is checked; the rules decide (boosterRenews).
 * Returns how many were renewed.
 */
export async function renewCertificatesByBoosters(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<number> {
  let renewed = 0;
  for (const track of content.tracks.filter((t) => t.audience === "coach" && t.boosterExtendsValidity)) {
    const boosters = track.sessions.filter((s) => s.kind === "booster").map((s) => s.key);
    if (boosters.length === 0) continue;
    const since = iso(startOfStockholmDay(addDays(stockholmDate(now), -31 * track.boosterExtendsValidity!.withinMonths)));
    const people = await db
      .selectFrom("session_attendance as a")
      .innerJoin("training_session as s", "s.id", "a.session_id")
      .innerJoin("user as u", "u.id", "a.user_id")
      .select("a.user_id")
      .distinct()
      .where("a.attended", "=", 1)
      .where("s.track", "=", track.slug)
      .where("s.step_key", "in", boosters)
      .where("s.cancelled_at", "is", null)
      .where("s.starts_at", ">=", since)
      .where("u.deactivated_at", "is", null)
      .execute();
    for (const { user_id } of people) {
      const result = await issueCertificateIfEligible(db, { userId: user_id, track, content, now });
      if (result?.outcome === "renewed") renewed++;
    }
  }
  return renewed;
}
