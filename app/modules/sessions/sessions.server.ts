// In-person sessions ("träffar"): the dates a coordinator schedules for a track's session step,
// in their municipality or jointly with a neighbouring one. Creating, changing and cancelling
// them; what coordinators and coaches see. Booking is in booking.server.ts, attendance in
// attendance.server.ts, the calendar file in calendar.server.ts.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex, SessionStep, Track } from "~/content/content.server";
import { addDays, formatIsoDate, formatTime, startOfStockholmDay, stockholmDate, stockholmLocalToUtc, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { fields } from "~/lib/validation";
import { can, notFound, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { newId } from "~db/ids.server";
import type { BookingStatus, Database } from "~db/schema";
import { inLockedTransaction, toCount } from "~db/sql";
// booking.server.ts imports this module too: both only call each other's functions, never at load time.
import { promote } from "./booking.server";
import { calendarFile } from "./calendar.server";
import { sessionCancelledEmail, sessionChangedEmail } from "./emails.server";

export const MAX_CAPACITY = 500;

// ---------------------------------------------------------------------------------------
// The steps a session can be for: the session steps of the coach tracks.

export interface StepRef {
  track: Track;
  step: SessionStep;
}

export function sessionSteps(content: ContentIndex): StepRef[] {
  return content.tracks.filter((t) => t.audience === "coach").flatMap((track) => track.sessions.map((step) => ({ track, step })));
}

export function findStep(content: ContentIndex, track: string, key: string): StepRef | undefined {
  return sessionSteps(content).find((s) => s.track.slug === track && s.step.key === key);
}

/** The step's title, or its key if the content no longer has it (a renamed step keeps its sessions readable). */
export function stepTitle(content: ContentIndex, track: string, key: string): string {
  return findStep(content, track, key)?.step.title ?? key;
}

export const stepValue = (ref: { track: string; key: string }) => `${ref.track}/${ref.key}`;

// ---------------------------------------------------------------------------------------
// Reading.

export interface TrainingSession {
  id: string;
  municipalityId: string;
  municipalityName: string;
  partnerMunicipalityId: string | null;
  partnerMunicipalityName: string | null;
  track: string;
  stepKey: string;
  startsAt: string;
  endsAt: string;
  place: string;
  details: string | null;
  capacity: number;
  signupDeadline: string;
  sequence: number;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
  booked: number;
  waitlisted: number;
}

function sessionColumns(db: Kysely<Database>) {
  return db
    .selectFrom("training_session as s")
    .innerJoin("municipality as m", "m.id", "s.municipality_id")
    .leftJoin("municipality as p", "p.id", "s.partner_municipality_id")
    .select((eb) => [
      "s.id",
      "s.municipality_id as municipalityId",
      "m.name as municipalityName",
      "s.partner_municipality_id as partnerMunicipalityId",
      "p.name as partnerMunicipalityName",
      "s.track",
      "s.step_key as stepKey",
      "s.starts_at as startsAt",
      "s.ends_at as endsAt",
      "s.place",
      "s.details",
      "s.capacity",
      "s.signup_deadline as signupDeadline",
      "s.sequence",
      "s.cancelled_at as cancelledAt",
      "s.cancel_reason as cancelReason",
      "s.created_at as createdAt",
      "s.updated_at as updatedAt",
      eb
        .selectFrom("session_booking as b")
        .select((b) => b.fn.countAll().as("n"))
        .whereRef("b.session_id", "=", "s.id")
        .where("b.status", "=", "booked")
        .as("booked"),
      eb
        .selectFrom("session_booking as w")
        .select((b) => b.fn.countAll().as("n"))
        .whereRef("w.session_id", "=", "s.id")
        .where("w.status", "=", "waitlisted")
        .as("waitlisted"),
    ]);
}

type SessionRow = Omit<TrainingSession, "booked" | "waitlisted" | "sequence" | "capacity"> & {
  booked: unknown;
  waitlisted: unknown;
  sequence: unknown;
  capacity: unknown;
};

function toSession(row: SessionRow): TrainingSession {
  return {
    ...row,
    capacity: Number(row.capacity),
    sequence: Number(row.sequence),
    booked: toCount(row.booked as number),
    waitlisted: toCount(row.waitlisted as number),
  };
}

export async function findTrainingSession(db: Kysely<Database>, id: string): Promise<TrainingSession | undefined> {
  const row = await sessionColumns(db).where("s.id", "=", id).executeTakeFirst();
  return row ? toSession(row) : undefined;
}

/** A session as a coordinator who manages it sees it; 404 for everyone else. */
export async function requireManagedSession(db: Kysely<Database>, actor: SessionUser, id: string | undefined): Promise<TrainingSession> {
  const session = id ? await findTrainingSession(db, id) : undefined;
  if (!session || !can.manageSession(actor, session)) notFound("Träffen finns inte.");
  return session;
}

/** A session as a coach who may book it sees it; 404 for everyone else. */
export async function requireBookableSession(db: Kysely<Database>, actor: SessionUser, id: string | undefined): Promise<TrainingSession> {
  const session = id ? await findTrainingSession(db, id) : undefined;
  if (!session || !can.bookSession(actor, session)) notFound("Träffen finns inte.");
  return session;
}

const ofMunicipality = (municipalityId: string) => (q: ReturnType<typeof sessionColumns>) =>
  q.where((eb) => eb.or([eb("s.municipality_id", "=", municipalityId), eb("s.partner_municipality_id", "=", municipalityId)]));

/** The municipality's sessions, its joint ones included: upcoming (soonest first) and earlier (latest first). */
export async function listSessionsForCoordinator(
  db: Kysely<Database>,
  input: { municipalityId: string; now?: Date; pastLimit?: number },
): Promise<{ upcoming: TrainingSession[]; past: TrainingSession[] }> {
  const now = iso(input.now ?? new Date());
  const base = ofMunicipality(input.municipalityId)(sessionColumns(db));
  const [upcoming, past] = await Promise.all([
    base.where("s.ends_at", ">", now).orderBy("s.starts_at").orderBy("s.id").execute(),
    base
      .where("s.ends_at", "<=", now)
      .orderBy("s.starts_at", "desc")
      .orderBy("s.id")
      .limit(input.pastLimit ?? 50)
      .execute(),
  ]);
  return { upcoming: upcoming.map(toSession), past: past.map(toSession) };
}

export interface CoachSession extends TrainingSession {
  myStatus: BookingStatus | null;
  /** 1-based place on the waiting list, when waitlisted. */
  myPlaceInQueue: number | null;
}

/** Sessions not yet over that the coach may book (own municipality and joint ones), with the coach's booking. */
export async function listSessionsForCoach(
  db: Kysely<Database>,
  input: { userId: string; municipalityId: string; now?: Date },
): Promise<CoachSession[]> {
  const now = iso(input.now ?? new Date());
  const rows = await ofMunicipality(input.municipalityId)(sessionColumns(db))
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
    partner: session.partnerMunicipalityId ?? "",
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
        partner_municipality_id: partner.id,
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
  });
  return { status: "saved", session: (await findTrainingSession(db, id))! };
}

export type UpdateResult = SaveResult | { status: "not_editable"; message: string };

/**
 * Changes a session that has not begun. A new time or place is sent to everyone booked as a
 * calendar update (SEQUENCE raised); more places move the waiting list up; fewer places than
 * are booked are refused, since nobody loses a confirmed place. Only the municipality that
 * owns the session chooses its partner.
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
  const partner = owner ? await validPartner(db, actor.municipalityId, form.partner) : ({ ok: true, id: session.partnerMunicipalityId } as const);
  if (!partner.ok) errors.partner = "Välj en av kommunerna i listan, eller ingen.";
  if (Object.keys(errors).length > 0 || !times.ok || !partner.ok) return { status: "invalid", errors };
  const { startsAt, endsAt, signupDeadline } = times.times;

  const outcome = await inLockedTransaction(db, { table: "training_session", id: session.id }, async (trx) => {
    const booked = toCount(
      (await trx.selectFrom("session_booking").select((eb) => eb.fn.countAll().as("n")).where("session_id", "=", session.id).where("status", "=", "booked").executeTakeFirstOrThrow())
        .n as number,
    );
    if (form.capacity < booked) {
      return { invalid: { capacity: `${booked} personer har redan en plats. Antalet platser kan inte vara färre än så.` } };
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
        partner_municipality_id: partner.id,
        updated_at: iso(now),
        sequence: calendarChanged ? eb("sequence", "+", 1) : eb.ref("sequence"),
      }))
      .where("id", "=", session.id)
      .execute();
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
      details: { sessionId: session.id, startsAt: iso(startsAt), place: form.place, capacity: form.capacity, calendarChanged },
      now,
    });
    return { invalid: null };
  });
  if (outcome.invalid) return { status: "invalid", errors: outcome.invalid };
  return { status: "saved", session: (await findTrainingSession(db, session.id))! };
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

/** Whether sign-up is open now: not cancelled, not begun, before the deadline. */
export function signupState(session: Pick<TrainingSession, "cancelledAt" | "startsAt" | "signupDeadline">, now: Date): "open" | "closed" | "started" | "cancelled" {
  if (session.cancelledAt) return "cancelled";
  if (new Date(session.startsAt) <= now) return "started";
  if (new Date(session.signupDeadline) <= now) return "closed";
  return "open";
}

/** Attendance may be marked from the morning of the session's day (Stockholm) on. */
export function attendanceOpens(session: Pick<TrainingSession, "startsAt">): Date {
  return startOfStockholmDay(stockholmDate(session.startsAt));
}
