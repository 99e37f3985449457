// SPDX-License-Identifier: EUPL-1.2
// Signing up for a session and cancelling: a place while there is one, the waiting list when
// it is full, and the first in line moved up (with an email) the moment a place frees. Every
// check and the write it allows run in one transaction that holds the session (db/sql.ts
// inLockedTransaction), so ten coaches signing up at once for three places get exactly three.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { iso } from "~/lib/time";
import { can } from "~/modules/access/permissions.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { inLockedTransaction, toCount } from "~db/sql";
import { calendarFile } from "./calendar.server";
import { bookingCancelledEmail, bookingConfirmedEmail, waitlistedEmail } from "./emails.server";
import { findStep, findTrainingSession, signupState, type TrainingSession } from "./session-records.server";

export interface Booker {
  id: string;
  name: string;
  email: string;
}

export type SignUpResult =
  | { outcome: "booked" }
  | { outcome: "waitlisted"; place: number }
  | { outcome: "already"; status: "booked" | "waitlisted" }
  | { outcome: "refused"; message: string };

const REFUSALS = {
  cancelled: "Träffen är inställd.",
  started: "Träffen har redan börjat.",
  closed: "Sista dag för anmälan har passerat. Kontakta din ANDTS-samordnare om du ändå vill vara med.",
} as const;

async function countBooked(db: Kysely<Database>, sessionId: string): Promise<number> {
  const row = await db
    .selectFrom("session_booking")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "booked")
    .executeTakeFirstOrThrow();
  return toCount(row.n as number);
}

async function queuePlace(db: Kysely<Database>, sessionId: string, position: number): Promise<number> {
  const row = await db
    .selectFrom("session_booking")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .where("position", "<", position)
    .executeTakeFirstOrThrow();
  return toCount(row.n as number) + 1;
}

/** The next sign-up's position: safe only under the session's lock, which every caller holds. */
async function nextPosition(db: Kysely<Database>, sessionId: string): Promise<number> {
  const row = await db.selectFrom("session_booking").select((eb) => eb.fn.max("position").as("last")).where("session_id", "=", sessionId).executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

/** Signs the coach up: a place if one is free, else the waiting list; only a coach who may book it (can.bookSession). */
export async function signUp(
  db: Kysely<Database>,
  input: { sessionId: string; coach: Booker; content: ContentIndex; now?: Date },
): Promise<SignUpResult> {
  const now = input.now ?? new Date();
  return inLockedTransaction(db, { table: "training_session", id: input.sessionId }, async (trx) => {
    // Read again under the lock: a change or cancellation may have landed since the page loaded.
    const session = await findTrainingSession(trx, input.sessionId);
    if (!session) return { outcome: "refused" as const, message: "Träffen finns inte." };
    // The page checked can.bookSession; asked again here, since the partner may have changed since.
    const person = await trx.selectFrom("user").select(["role", "municipality_id"]).where("id", "=", input.coach.id).executeTakeFirst();
    if (!person || !can.bookSession({ role: person.role, municipalityId: person.municipality_id }, session)) {
      return { outcome: "refused" as const, message: "Träffen finns inte." };
    }
    const state = signupState(session, now);
    if (state !== "open") return { outcome: "refused" as const, message: REFUSALS[state] };
    const existing = await trx
      .selectFrom("session_booking")
      .select(["id", "status"])
      .where("session_id", "=", session.id)
      .where("user_id", "=", input.coach.id)
      .executeTakeFirst();
    if (existing && existing.status !== "cancelled") return { outcome: "already" as const, status: existing.status };

    const status = (await countBooked(trx, session.id)) < session.capacity ? ("booked" as const) : ("waitlisted" as const);
    const id = existing?.id ?? newId();
    const position = await nextPosition(trx, session.id);
    if (existing) {
      await trx.updateTable("session_booking").set({ status, position, queued_at: iso(now), updated_at: iso(now) }).where("id", "=", id).execute();
    } else {
      await trx
        .insertInto("session_booking")
        .values({ id, session_id: session.id, user_id: input.coach.id, status, position, queued_at: iso(now), created_at: iso(now), updated_at: iso(now) })
        .execute();
    }
    const ref = findStep(input.content, session.track, session.stepKey);
    const stepTitle = ref?.step.title ?? session.stepKey;
    if (status === "booked") {
      const ics = calendarFile(session, ref, { method: "REQUEST", attendee: input.coach });
      await enqueueEmail(trx, bookingConfirmedEmail({ to: input.coach.email, name: input.coach.name, session, stepTitle, promoted: false, ics }), now);
      return { outcome: "booked" as const };
    }
    const place = await queuePlace(trx, session.id, position);
    await enqueueEmail(trx, waitlistedEmail({ to: input.coach.email, name: input.coach.name, session, stepTitle, place }), now);
    return { outcome: "waitlisted" as const, place };
  });
}

export type CancelBookingResult =
  | { outcome: "cancelled"; wasBooked: boolean; promoted: Booker[] }
  | { outcome: "not_booked" }
  | { outcome: "refused"; message: string };

/** The coach leaves the session or its waiting list; a freed place goes to the first in line at once. */
export async function cancelBooking(
  db: Kysely<Database>,
  input: { sessionId: string; coach: Booker; content: ContentIndex; now?: Date },
): Promise<CancelBookingResult> {
  const now = input.now ?? new Date();
  return inLockedTransaction(db, { table: "training_session", id: input.sessionId }, async (trx) => {
    const session = await findTrainingSession(trx, input.sessionId);
    if (!session) return { outcome: "refused" as const, message: "Träffen finns inte." };
    const state = signupState(session, now);
    if (state === "cancelled") return { outcome: "refused" as const, message: REFUSALS.cancelled };
    // After the start the list is what attendance is marked against: a no-show stays a no-show.
    if (state === "started") return { outcome: "refused" as const, message: "Träffen har redan börjat, så anmälan kan inte avbokas längre." };
    const booking = await trx
      .selectFrom("session_booking")
      .select(["id", "status"])
      .where("session_id", "=", session.id)
      .where("user_id", "=", input.coach.id)
      .executeTakeFirst();
    if (!booking || booking.status === "cancelled") return { outcome: "not_booked" as const };
    const wasBooked = booking.status === "booked";
    await trx.updateTable("session_booking").set({ status: "cancelled", updated_at: iso(now) }).where("id", "=", booking.id).execute();
    const ref = findStep(input.content, session.track, session.stepKey);
    await enqueueEmail(
      trx,
      bookingCancelledEmail({
        to: input.coach.email,
        name: input.coach.name,
        session,
        stepTitle: ref?.step.title ?? session.stepKey,
        ics: wasBooked ? calendarFile(session, ref, { method: "CANCEL", attendee: input.coach }) : null,
      }),
      now,
    );
    const promoted = wasBooked ? await promote(trx, { session, content: input.content, now }) : [];
    return { outcome: "cancelled" as const, wasBooked, promoted };
  });
}

/**
 * Moves the first on the waiting list into every free place, each with a confirmation and the
 * calendar file. Only inside a transaction that holds the session (inLockedTransaction), and
 * only before the session begins: a place freed later helps nobody.
 */
export async function promote(trx: Kysely<Database>, input: { session: TrainingSession; content: ContentIndex; now: Date }): Promise<Booker[]> {
  const session = (await findTrainingSession(trx, input.session.id)) ?? input.session;
  if (signupState(session, input.now) === "cancelled" || signupState(session, input.now) === "started") return [];
  const free = session.capacity - (await countBooked(trx, session.id));
  if (free <= 0) return [];
  const next = await trx
    .selectFrom("session_booking as b")
    .innerJoin("user as u", "u.id", "b.user_id")
    .select(["b.id", "u.id as userId", "u.name", "u.email"])
    .where("b.session_id", "=", session.id)
    .where("b.status", "=", "waitlisted")
    .orderBy("b.position")
    .limit(free)
    .execute();
  const ref = findStep(input.content, session.track, session.stepKey);
  const promoted: Booker[] = [];
  for (const row of next) {
    await trx.updateTable("session_booking").set({ status: "booked", updated_at: iso(input.now) }).where("id", "=", row.id).execute();
    const coach = { id: row.userId, name: row.name, email: row.email };
    const ics = calendarFile(session, ref, { method: "REQUEST", attendee: coach });
    await enqueueEmail(trx, bookingConfirmedEmail({ to: coach.email, name: coach.name, session, stepTitle: ref?.step.title ?? session.stepKey, promoted: true, ics }), input.now);
    promoted.push(coach);
  }
  return promoted;
}
