// SPDX-License-Identifier: EUPL-1.2
// In-person sessions ("träffar"): the dates a coordinator schedules for a track's session step,
// in their municipality or jointly with a neighbouring one. Creating, changing and cancelling
// them; asking a neighbour to hold one jointly and its answer; what coordinators and coaches see.
// Booking is in booking.server.ts, attendance in attendance.server.ts, the calendar file in
// calendar.server.ts.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex } from "~/content/content.server";
import { addDays, formatIsoDate, formatTime, startOfStockholmDay, stockholmLocalToUtc, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { fields } from "~/lib/validation";
import { can, notFound, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { newId } from "~db/ids.server";
import type { BookingStatus, Database } from "~db/schema";
import { inLockedTransaction, toCount } from "~db/sql";
import { promote } from "./booking.server";
import { calendarFile } from "./calendar.server";
import { partnershipAnsweredEmail, partnershipRequestEmail, sessionCancelledEmail, sessionChangedEmail } from "./emails.server";
import { findStep, findTrainingSession, heldBy, sessionColumns, stepTitle, stepValue, toSession, type TrainingSession } from "./session-records.server";

// Callers outside the module read a course day through this file as well.
export { attendanceOpens, findStep, findTrainingSession, sessionSteps, signupState, stepTitle, stepValue, type TrainingSession } from "./session-records.server";

export const MAX_CAPACITY = 500;

/**
 * A session as a coordinator sees it: one they manage, or one their municipality is asked to
 * hold jointly and has not accepted ("asked": its facts and the answer, never its participants).
 * 404 for everyone else.
 */
export async function requireCoordinatorSession(
  db: Kysely<Database>,
  actor: SessionUser,
  id: string | undefined,
): Promise<{ session: TrainingSession; access: "manage" | "asked" }> {
  const session = id ? await findTrainingSession(db, id) : undefined;
  if (session && can.manageSession(actor, session)) return { session, access: "manage" };
  if (session && can.answerPartnership(actor, session)) return { session, access: "asked" };
  notFound("Träffen finns inte.");
}

/** A session as a coach who may book it sees it; 404 for everyone else. */
export async function requireBookableSession(db: Kysely<Database>, actor: SessionUser, id: string | undefined): Promise<TrainingSession> {
  const session = id ? await findTrainingSession(db, id) : undefined;
  if (!session || !can.bookSession(actor, session)) notFound("Träffen finns inte.");
  return session;
}

/**
 * The municipality's sessions, its accepted joint ones included: upcoming (soonest first) and
 * earlier (latest first); and the requests to hold one jointly that wait for its answer.
 */
export async function listSessionsForCoordinator(
  db: Kysely<Database>,
  input: { municipalityId: string; now?: Date; pastLimit?: number },
): Promise<{ upcoming: TrainingSession[]; past: TrainingSession[]; requests: TrainingSession[] }> {
  const now = iso(input.now ?? new Date());
  const base = sessionColumns(db).where(heldBy(input.municipalityId));
  const [upcoming, past, requests] = await Promise.all([
    base.where("s.ends_at", ">", now).orderBy("s.starts_at").orderBy("s.id").execute(),
    base
      .where("s.ends_at", "<=", now)
      .orderBy("s.starts_at", "desc")
      .orderBy("s.id")
      .limit(input.pastLimit ?? 50)
      .execute(),
    // Only what can still be answered: a request for a day that is over or called off is moot.
    sessionColumns(db)
      .where("s.partner_municipality_id", "=", input.municipalityId)
      .where("s.partner_status", "=", "pending")
      .where("s.cancelled_at", "is", null)
      .where("s.starts_at", ">", now)
      .orderBy("s.starts_at")
      .orderBy("s.id")
      .execute(),
  ]);
  return { upcoming: upcoming.map(toSession), past: past.map(toSession), requests: requests.map(toSession) };
}

/**
 * What a coordinator reads about a session's partnership, from their side: "Gemensam med …",
 * "Väntar på svar från …", "… har avböjt"; null for a session of one municipality.
 */
export function partnershipLabel(session: Pick<TrainingSession, "municipalityId" | "municipalityName" | "partnerRequest">, viewerMunicipalityId: string): string | null {
  const request = session.partnerRequest;
  if (!request) return null;
  if (viewerMunicipalityId !== session.municipalityId) {
    return request.status === "accepted" ? `Gemensam med ${session.municipalityName}` : request.status === "pending" ? `Förfrågan från ${session.municipalityName}` : "Ni har avböjt";
  }
  if (request.status === "accepted") return `Gemensam med ${request.municipalityName}`;
  return request.status === "pending" ? `Väntar på svar från ${request.municipalityName}` : `${request.municipalityName} har avböjt`;
}

export interface CoachSession extends TrainingSession {
  myStatus: BookingStatus | null;
  /** 1-based place on the waiting list, when waitlisted. */
  myPlaceInQueue: number | null;
}

/** Sessions not yet over that the coach may book (own municipality and accepted joint ones), with the coach's booking. */
export async function listSessionsForCoach(
  db: Kysely<Database>,
  input: { userId: string; municipalityId: string; now?: Date },
): Promise<CoachSession[]> {
  const now = iso(input.now ?? new Date());
  const rows = await sessionColumns(db)
    .where(heldBy(input.municipalityId))
    .where("s.ends_at", ">", now)
    .orderBy("s.starts_at")
    .orderBy("s.id")
    .execute();
  const sessions = rows.map(toSession);
  const mine = await bookingsOfUser(db, input.userId, sessions.map((s) => s.id));
  return sessions.map((s) => ({ ...s, myStatus: mine.get(s.id)?.status ?? null, myPlaceInQueue: mine.get(s.id)?.place ?? null }));
}

/** The person's bookings of these sessions, with their place on each waiting list. */
export async function bookingsOfUser(db: Kysely<Database>, userId: string, sessionIds: string[]): Promise<Map<string, { status: BookingStatus; place: number | null }>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("session_booking as b")
    .select((eb) => [
      "b.session_id",
      "b.status",
      eb
        .selectFrom("session_booking as ahead")
        .select((a) => a.fn.countAll().as("n"))
        .whereRef("ahead.session_id", "=", "b.session_id")
        .where("ahead.status", "=", "waitlisted")
        .whereRef("ahead.position", "<", "b.position")
        .as("ahead"),
    ])
    .where("b.user_id", "=", userId)
    .where("b.session_id", "in", sessionIds)
    .execute();
  return new Map(rows.map((r) => [r.session_id, { status: r.status, place: r.status === "waitlisted" ? toCount(r.ahead as number) + 1 : null }]));
}

export interface Participant {
  userId: string;
  name: string;
  email: string;
  municipalityName: string | null;
  status: BookingStatus;
  queuedAt: string;
  /** Null until attendance is marked; then true, or false for a no-show. */
  attended: boolean | null;
}

/** Everyone booked or waiting (in queue order), and anyone whose attendance was marked. */
export async function participantsOf(db: Kysely<Database>, sessionId: string): Promise<{ booked: Participant[]; waitlisted: Participant[]; cancelled: Participant[] }> {
  const rows = await db
    .selectFrom("session_booking as b")
    .innerJoin("user as u", "u.id", "b.user_id")
    .leftJoin("municipality as m", "m.id", "u.municipality_id")
    .leftJoin("session_attendance as a", (join) => join.onRef("a.session_id", "=", "b.session_id").onRef("a.user_id", "=", "b.user_id"))
    .select(["b.user_id", "u.name", "u.email", "m.name as municipalityName", "b.status", "b.queued_at", "b.id", "a.attended"])
    .where("b.session_id", "=", sessionId)
    .orderBy("b.position")
    .execute();
  const people = rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    municipalityName: r.municipalityName,
    status: r.status,
    queuedAt: r.queued_at,
    attended: r.attended === null || r.attended === undefined ? null : Number(r.attended) === 1,
  }));
  const collator = new Intl.Collator("sv");
  return {
    booked: people.filter((p) => p.status === "booked").sort((a, b) => collator.compare(a.name, b.name)),
    waitlisted: people.filter((p) => p.status === "waitlisted"),
    cancelled: people.filter((p) => p.status === "cancelled"),
  };
}

// ---------------------------------------------------------------------------------------
// The form a coordinator fills in, in Stockholm time.

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{1,2}:\d{2}$/;

const day = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(ISO_DAY, "Skriv datumet i formen ÅÅÅÅ-MM-DD, till exempel 2026-03-29.")
    .refine((v) => formatIsoDateSafe(v) === v, "Datumet finns inte i kalendern.");

const time = (missing: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(TIME, "Skriv tiden i formen TT:MM, till exempel 09:00.")
    .refine((v) => {
      const [h, m] = v.split(":").map(Number) as [number, number];
      return h <= 23 && m <= 59;
    }, "Tiden finns inte. Skriv den i formen TT:MM, till exempel 09:00.");

function formatIsoDateSafe(value: string): string | null {
  const date = new Date(`${value}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export const sessionFormSchema = z.object({
  step: z.string({ error: "Välj vilken träff det gäller." }).min(1, "Välj vilken träff det gäller.").max(200),
  date: day("Fyll i datum för träffen."),
  start: time("Fyll i när träffen börjar."),
  end: time("Fyll i när träffen slutar."),
  place: fields.text("plats", 200).pipe(z.string().min(2, "Fyll i var träffen hålls, till exempel en adress och en lokal.")),
  details: fields.text("övrig information", 2000).optional(),
  capacity: z.coerce
    .number({ error: "Fyll i hur många platser det finns." })
    .int("Antalet platser ska vara ett heltal.")
    .min(1, "Det måste finnas minst en plats.")
    .max(MAX_CAPACITY, `Det får finnas högst ${MAX_CAPACITY} platser.`),
  deadline: day("Fyll i sista dag för anmälan."),
  partner: z.string().max(64).optional(),
});

export type SessionFormInput = z.infer<typeof sessionFormSchema>;

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
  signupDeadline: Date;
}

const parseDay = (value: string): LocalDate => {
  const [year, month, d] = value.split("-").map(Number) as [number, number, number];
  return { year, month, day: d };
};

/**
 * The form's local times as instants, or the fields' errors. Sign-up closes at the end of the
 * deadline day (Stockholm), and never after the session has begun.
 */
export function sessionTimes(input: Pick<SessionFormInput, "date" | "start" | "end" | "deadline">): { ok: true; times: SessionTimes } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const startsAt = stockholmLocalToUtc(input.date, input.start);
  const endsAt = stockholmLocalToUtc(input.date, input.end);
  const gap = "Den tiden finns inte den dagen: klockan ställs fram från 02:00 till 03:00 när sommartiden börjar.";
  if (!startsAt) errors.start = gap;
  if (!endsAt) errors.end = gap;
  if (startsAt && endsAt && endsAt <= startsAt) errors.end = "Träffen måste sluta efter att den har börjat.";
  if (input.deadline > input.date) errors.deadline = "Sista dag för anmälan kan inte vara efter träffens datum.";
  if (Object.keys(errors).length > 0 || !startsAt || !endsAt) return { ok: false, errors };
  const endOfDeadlineDay = startOfStockholmDay(addDays(parseDay(input.deadline), 1));
  return { ok: true, times: { startsAt, endsAt, signupDeadline: endOfDeadlineDay < startsAt ? endOfDeadlineDay : startsAt } };
}

/** The form's values for a saved session, in Stockholm time. */
export function sessionFormValues(session: TrainingSession): Record<string, string> {
  // A deadline at the end of a day is shown as that day; one cut to the session's start, as the session's day.
  const deadline = new Date(session.signupDeadline);
  const deadlineDay = session.signupDeadline === session.startsAt ? formatIsoDate(deadline) : formatIsoDate(new Date(deadline.getTime() - 1));
  return {
    step: stepValue({ track: session.track, key: session.stepKey }),
    date: formatIsoDate(session.startsAt),
    start: formatTime(session.startsAt),
    end: formatTime(session.endsAt),
    place: session.place,
    details: session.details ?? "",
    capacity: String(session.capacity),
    deadline: deadlineDay,
    partner: session.partnerRequest?.municipalityId ?? "",
  };
}

/** The other municipalities a joint session can be held with. */
export async function partnerOptions(db: Kysely<Database>, municipalityId: string): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom("municipality").select(["id", "name"]).where("id", "!=", municipalityId).orderBy("name").execute();
}

// ---------------------------------------------------------------------------------------
// Writing.

export type SaveResult = { status: "saved"; session: TrainingSession } | { status: "invalid"; errors: Record<string, string> };

async function validPartner(db: Kysely<Database>, actorMunicipalityId: string, partner: string | undefined): Promise<{ ok: true; id: string | null } | { ok: false }> {
  if (!partner) return { ok: true, id: null };
  if (partner === actorMunicipalityId) return { ok: false };
  const found = await db.selectFrom("municipality").select("id").where("id", "=", partner).executeTakeFirst();
  return found ? { ok: true, id: found.id } : { ok: false };
}

export async function createTrainingSession(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; form: SessionFormInput; content: ContentIndex; now?: Date },
): Promise<SaveResult> {
  const now = input.now ?? new Date();
  const { form, actor } = input;
  const errors: Record<string, string> = {};
  const [track, key] = form.step.split("/");
  const ref = track && key ? findStep(input.content, track, key) : undefined;
  if (!ref) errors.step = "Välj en av träffarna i listan.";
  const times = sessionTimes(form);
  if (!times.ok) Object.assign(errors, times.errors);
  else if (times.times.startsAt <= now) errors.date = "Träffen måste ligga i framtiden.";
  const partner = await validPartner(db, actor.municipalityId, form.partner);
  if (!partner.ok) errors.partner = "Välj en av kommunerna i listan, eller ingen.";
  if (Object.keys(errors).length > 0 || !ref || !times.ok || !partner.ok) return { status: "invalid", errors };

  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("training_session")
      .values({
        id,
        municipality_id: actor.municipalityId,
        partner_municipality_id: null,
        track: ref.track.slug,
        step_key: ref.step.key,
        starts_at: iso(times.times.startsAt),
        ends_at: iso(times.times.endsAt),
        place: form.place,
        details: form.details || null,
        capacity: form.capacity,
        signup_deadline: iso(times.times.signupDeadline),
        cancelled_at: null,
        cancel_reason: null,
        created_by: actor.id,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .execute();
    await recordAuditEvent(trx, {
      action: "session.created",
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      details: { sessionId: id, step: ref.step.title, startsAt: iso(times.times.startsAt), place: form.place, capacity: form.capacity, ...(partner.id ? { partner: partner.id } : {}) },
      now,
    });
    if (partner.id) await requestPartnership(trx, { actor, sessionId: id, partnerId: partner.id, content: input.content, now });
  });
  return { status: "saved", session: (await findTrainingSession(db, id))! };
}

export type UpdateResult = SaveResult | { status: "not_editable"; message: string };

/**
 * Changes a session that has not begun. A new time or place is sent to everyone booked as a
 * calendar update (SEQUENCE raised); more places move the waiting list up; fewer places than
 * are booked are refused, since nobody loses a confirmed place. Only the municipality that
 * owns the session chooses its partner: a new partner is asked (requestPartnership), and the
 * partner cannot be changed while its people hold places or wait for one.
 */
export async function updateTrainingSession(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; session: TrainingSession; form: SessionFormInput; content: ContentIndex; now?: Date },
): Promise<UpdateResult> {
  const now = input.now ?? new Date();
  const { form, actor, session } = input;
  if (session.cancelledAt) return { status: "not_editable", message: "Träffen är inställd och kan inte ändras." };
  if (new Date(session.startsAt) <= now) return { status: "not_editable", message: "Träffen har redan börjat och kan inte ändras." };
  const errors: Record<string, string> = {};
  const times = sessionTimes(form);
  if (!times.ok) Object.assign(errors, times.errors);
  else if (times.times.startsAt <= now) errors.date = "Träffen måste ligga i framtiden.";
  const owner = actor.municipalityId === session.municipalityId;
  const asked = session.partnerRequest?.municipalityId ?? null;
  const partner = owner ? await validPartner(db, actor.municipalityId, form.partner) : ({ ok: true, id: asked } as const);
  if (!partner.ok) errors.partner = "Välj en av kommunerna i listan, eller ingen.";
  if (Object.keys(errors).length > 0 || !times.ok || !partner.ok) return { status: "invalid", errors };
  const { startsAt, endsAt, signupDeadline } = times.times;
  const partnerChanged = partner.id !== asked;

  const outcome = await inLockedTransaction(db, { table: "training_session", id: session.id }, async (trx): Promise<{ invalid: Record<string, string> | null }> => {
    const booked = toCount(
      (await trx.selectFrom("session_booking").select((eb) => eb.fn.countAll().as("n")).where("session_id", "=", session.id).where("status", "=", "booked").executeTakeFirstOrThrow())
        .n as number,
    );
    if (form.capacity < booked) {
      return { invalid: { capacity: `${booked} personer har redan en plats. Antalet platser kan inte vara färre än så.` } };
    }
    if (partnerChanged && session.partnerMunicipalityId) {
      // Their places were given by a partner that took part; taking the partner away would leave
      // them booked on a session they may no longer see.
      const theirs = await peopleFrom(trx, session.id, session.partnerMunicipalityId);
      if (theirs > 0) {
        return {
          invalid: {
            partner: `${theirs} ${theirs === 1 ? "person" : "personer"} från ${session.partnerMunicipalityName} har en plats eller står på väntelistan. Träffen kan inte byta kommun så länge de är anmälda.`,
          },
        };
      }
    }
    const calendarChanged = iso(startsAt) !== session.startsAt || iso(endsAt) !== session.endsAt || form.place !== session.place || (form.details || null) !== session.details;
    await trx
      .updateTable("training_session")
      .set((eb) => ({
        starts_at: iso(startsAt),
        ends_at: iso(endsAt),
        place: form.place,
        details: form.details || null,
        capacity: form.capacity,
        signup_deadline: iso(signupDeadline),
        updated_at: iso(now),
        sequence: calendarChanged ? eb("sequence", "+", 1) : eb.ref("sequence"),
      }))
      .where("id", "=", session.id)
      .execute();
    if (partnerChanged) await requestPartnership(trx, { actor, sessionId: session.id, partnerId: partner.id, content: input.content, now });
    const updated = (await findTrainingSession(trx, session.id))!;
    if (calendarChanged) {
      const ref = findStep(input.content, updated.track, updated.stepKey);
      const people = await participantsOf(trx, session.id);
      for (const person of people.booked) {
        await enqueueEmail(
          trx,
          sessionChangedEmail({ to: person.email, name: person.name, session: updated, stepTitle: ref?.step.title ?? updated.stepKey, before: session, ics: calendarFile(updated, ref, { method: "REQUEST", attendee: person }) }),
          now,
        );
      }
    }
    await promote(trx, { session: updated, content: input.content, now });
    await recordAuditEvent(trx, {
      action: "session.updated",
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      details: { sessionId: session.id, startsAt: iso(startsAt), place: form.place, capacity: form.capacity, calendarChanged, ...(partnerChanged ? { partner: partner.id } : {}) },
      now,
    });
    return { invalid: null };
  });
  if (outcome.invalid) return { status: "invalid", errors: outcome.invalid };
  return { status: "saved", session: (await findTrainingSession(db, session.id))! };
}

// ---------------------------------------------------------------------------------------
// Joint sessions: the request and its answer.

async function peopleFrom(db: Kysely<Database>, sessionId: string, municipalityId: string): Promise<number> {
  const row = await db
    .selectFrom("session_booking as b")
    .innerJoin("user as u", "u.id", "b.user_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("b.session_id", "=", sessionId)
    .where("b.status", "in", ["booked", "waitlisted"])
    .where("u.municipality_id", "=", municipalityId)
    .executeTakeFirstOrThrow();
  return toCount(row.n as number);
}

/** Everyone who coordinates the municipality now: who is asked, and who hears the answer. */
async function activeCoordinatorsOf(db: Kysely<Database>, municipalityId: string): Promise<Array<{ name: string; email: string }>> {
  return db
    .selectFrom("user")
    .select(["name", "email"])
    .where("municipality_id", "=", municipalityId)
    .where("role", "=", "coordinator")
    .where("deactivated_at", "is", null)
    .where("anonymised_at", "is", null)
    .orderBy("email")
    .execute();
}

/**
 * Names the session's partner (or, with null, none): the partner is asked and does not take part
 * until one of its coordinators accepts. Each of them gets an email with the link to answer.
 * Runs inside the caller's transaction, after the caller has checked that the actor owns the
 * session and the partner is a real municipality other than their own.
 */
async function requestPartnership(
  trx: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; sessionId: string; partnerId: string | null; content: ContentIndex; now: Date },
): Promise<void> {
  const { actor, sessionId, partnerId, now } = input;
  await trx
    .updateTable("training_session")
    .set({ partner_municipality_id: partnerId, partner_status: partnerId ? "pending" : null, partner_answered_at: null, partner_answered_by: null })
    .where("id", "=", sessionId)
    .execute();
  if (!partnerId) return;
  const session = (await findTrainingSession(trx, sessionId))!;
  const title = stepTitle(input.content, session.track, session.stepKey);
  for (const coordinator of await activeCoordinatorsOf(trx, partnerId)) {
    await enqueueEmail(trx, partnershipRequestEmail({ to: coordinator.email, name: coordinator.name, askedBy: actor.name, session, stepTitle: title }), now);
  }
  await recordAuditEvent(trx, { action: "session.partner_requested", actorId: actor.id, municipalityId: actor.municipalityId, details: { sessionId, partner: partnerId }, now });
}

export type PartnershipAnswer = "accept" | "decline";

export type AnswerResult =
  | { status: "answered"; answer: "accepted" | "declined"; session: TrainingSession }
  /** The actor is not a coordinator of the municipality asked: 403. */
  | { status: "not_asked"; message: string }
  /** Answered before (twice, or by a colleague): 409. */
  | { status: "already_answered"; message: string }
  /** Cancelled or begun: nothing left to answer, 409. */
  | { status: "closed"; message: string };

/**
 * The asked municipality's coordinator answers a request to hold a session jointly. Accepted,
 * the session becomes joint: its coaches see and book it, its coordinators manage it. Declined,
 * the session stays the owner's alone, and the partner's coaches never saw it. Either way the
 * owner's coordinators get an email. One answer only: it is read and written under the
 * session's lock, so two coordinators answering at once give one answer and one refusal.
 */
export async function answerPartnership(
  db: Kysely<Database>,
  input: { actor: SessionUser; sessionId: string; answer: PartnershipAnswer; content: ContentIndex; now?: Date },
): Promise<AnswerResult> {
  const now = input.now ?? new Date();
  const { actor } = input;
  return inLockedTransaction(db, { table: "training_session", id: input.sessionId }, async (trx): Promise<AnswerResult> => {
    const session = await findTrainingSession(trx, input.sessionId);
    const request = session?.partnerRequest;
    if (!session || !request) return { status: "not_asked", message: "Träffen har ingen förfrågan om en gemensam träff att svara på." };
    if (!can.answerPartnership(actor, session)) return { status: "not_asked", message: `Bara samordnarna i ${request.municipalityName} kan svara på förfrågan.` };
    if (request.status !== "pending") {
      const given = request.status === "accepted" ? "godkänd: träffen är gemensam" : "avböjd";
      return { status: "already_answered", message: `Förfrågan är redan besvarad. Den är ${given}.` };
    }
    if (session.cancelledAt) return { status: "closed", message: "Träffen är inställd, så det finns ingen förfrågan att svara på." };
    if (new Date(session.startsAt) <= now) return { status: "closed", message: "Träffen har redan börjat, så förfrågan kan inte besvaras längre." };

    const answer = input.answer === "accept" ? ("accepted" as const) : ("declined" as const);
    await trx
      .updateTable("training_session")
      .set({ partner_status: answer, partner_answered_at: iso(now), partner_answered_by: actor.id, updated_at: iso(now) })
      .where("id", "=", session.id)
      .execute();
    const answered = (await findTrainingSession(trx, session.id))!;
    const title = stepTitle(input.content, session.track, session.stepKey);
    for (const coordinator of await activeCoordinatorsOf(trx, session.municipalityId)) {
      await enqueueEmail(
        trx,
        partnershipAnsweredEmail({ to: coordinator.email, name: coordinator.name, answeredBy: actor.name, partnerName: request.municipalityName, answer, session: answered, stepTitle: title }),
        now,
      );
    }
    await recordAuditEvent(trx, {
      action: answer === "accepted" ? "session.partner_accepted" : "session.partner_declined",
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      details: { sessionId: session.id, step: title, startsAt: session.startsAt },
      now,
    });
    return { status: "answered", answer, session: answered };
  });
}

export type CancelResult = { status: "cancelled"; notified: number } | { status: "not_cancellable"; message: string };

/** Cancels a session that has not ended: everyone booked gets a calendar cancellation, everyone waiting a note. */
export async function cancelTrainingSession(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; session: TrainingSession; reason: string; content: ContentIndex; now?: Date },
): Promise<CancelResult> {
  const now = input.now ?? new Date();
  const { session, actor } = input;
  if (session.cancelledAt) return { status: "not_cancellable", message: "Träffen är redan inställd." };
  if (new Date(session.startsAt) <= now) return { status: "not_cancellable", message: "Träffen har redan börjat och kan inte ställas in." };
  return inLockedTransaction(db, { table: "training_session", id: session.id }, async (trx) => {
    await trx
      .updateTable("training_session")
      .set((eb) => ({ cancelled_at: iso(now), cancel_reason: input.reason || null, updated_at: iso(now), sequence: eb("sequence", "+", 1) }))
      .where("id", "=", session.id)
      .execute();
    const cancelled = (await findTrainingSession(trx, session.id))!;
    const ref = findStep(input.content, cancelled.track, cancelled.stepKey);
    const people = await participantsOf(trx, session.id);
    for (const person of [...people.booked, ...people.waitlisted]) {
      const wasBooked = person.status === "booked";
      await enqueueEmail(
        trx,
        sessionCancelledEmail({
          to: person.email,
          name: person.name,
          session: cancelled,
          stepTitle: ref?.step.title ?? cancelled.stepKey,
          reason: input.reason || null,
          ics: wasBooked ? calendarFile(cancelled, ref, { method: "CANCEL", attendee: person }) : null,
        }),
        now,
      );
    }
    await recordAuditEvent(trx, {
      action: "session.cancelled",
      actorId: actor.id,
      municipalityId: actor.municipalityId,
      details: { sessionId: session.id, startsAt: session.startsAt, reason: input.reason || null, notified: people.booked.length + people.waitlisted.length },
      now,
    });
    return { status: "cancelled" as const, notified: people.booked.length + people.waitlisted.length };
  });
}
