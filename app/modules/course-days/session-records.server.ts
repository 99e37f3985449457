// SPDX-License-Identifier: EUPL-1.2
// A course day ("träff") as it is stored and read: the steps a day can be for, who holds it, the
// session record, and when sign-up and attendance are open. What booking, the calendar file and
// the emails need of a course day lives here, so they and course-days.server.ts (which schedules,
// changes and cancels days, and promotes the waiting list through booking.server.ts) import it
// without importing each other in a circle.
import { expressionBuilder, type Expression, type Kysely, type SqlBool } from "kysely";
import type { ContentIndex, SessionStep, Track } from "~/content/content.server";
import { startOfStockholmDay, stockholmDate } from "~/lib/dates";
import type { Database, PartnerStatus, TrainingSessionTable } from "~db/schema";
import { toCount } from "~db/sql";

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
// Who takes part. A partner named on a session is asked first; it takes part (its coaches see
// and book the session, its coordinators manage it) only once one of its coordinators has
// accepted (docs/decisions/017-joint-course-days-need-consent.md). These two expressions are
// the one place that says so: every query about "own or joint" sessions uses them, and
// TrainingSession.partnerMunicipalityId, which the permission rules read, is built from them.

const onSession = expressionBuilder<{ s: TrainingSessionTable }, "s">();

/** The session's partner takes part: it has accepted the request. For queries on `training_session as s`. */
function partnerTakesPart(): Expression<SqlBool> {
  return onSession("s.partner_status", "=", "accepted");
}

/** Sessions the municipality holds: its own, and joint ones it has accepted. For queries on `training_session as s`. */
export function heldBy(municipality: string | Expression<string | null>): Expression<SqlBool> {
  return onSession.or([
    onSession("s.municipality_id", "=", municipality),
    onSession.and([onSession("s.partner_municipality_id", "=", municipality), partnerTakesPart()]),
  ]);
}

// ---------------------------------------------------------------------------------------
// Reading.

/** The municipality asked to hold a session jointly, and its answer. */
export interface PartnerRequest {
  municipalityId: string;
  municipalityName: string;
  status: PartnerStatus;
  answeredAt: string | null;
}

export interface TrainingSession {
  id: string;
  municipalityId: string;
  municipalityName: string;
  /** The partner of a joint session, only once it has accepted: null while it is asked or after it declined. */
  partnerMunicipalityId: string | null;
  partnerMunicipalityName: string | null;
  /** The request to a partner in any state, for the two coordinators' pages; null for a session of one municipality. */
  partnerRequest: PartnerRequest | null;
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

export function sessionColumns(db: Kysely<Database>) {
  return db
    .selectFrom("training_session as s")
    .innerJoin("municipality as m", "m.id", "s.municipality_id")
    .leftJoin("municipality as p", (join) => join.onRef("p.id", "=", "s.partner_municipality_id").on(partnerTakesPart()))
    .leftJoin("municipality as asked", "asked.id", "s.partner_municipality_id")
    .select((eb) => [
      "s.id",
      "s.municipality_id as municipalityId",
      "m.name as municipalityName",
      "p.id as partnerMunicipalityId",
      "p.name as partnerMunicipalityName",
      "asked.id as askedId",
      "asked.name as askedName",
      "s.partner_status as partnerStatus",
      "s.partner_answered_at as partnerAnsweredAt",
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

type SessionRow = Omit<TrainingSession, "booked" | "waitlisted" | "sequence" | "capacity" | "partnerRequest"> & {
  booked: unknown;
  waitlisted: unknown;
  sequence: unknown;
  capacity: unknown;
  askedId: string | null;
  askedName: string | null;
  partnerStatus: PartnerStatus | null;
  partnerAnsweredAt: string | null;
};

export function toSession({ askedId, askedName, partnerStatus, partnerAnsweredAt, ...row }: SessionRow): TrainingSession {
  return {
    ...row,
    partnerRequest: askedId && askedName && partnerStatus ? { municipalityId: askedId, municipalityName: askedName, status: partnerStatus, answeredAt: partnerAnsweredAt } : null,
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
