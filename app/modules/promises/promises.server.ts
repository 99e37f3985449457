// SPDX-License-Identifier: EUPL-1.2
// Promises as data (issue #14, docs/decisions/024-promises-as-data.md): what a medborgarlöfte
// holds, read as the public, the coordinators and the police partners meet it. A promise is a
// line of versions: a draft a coordinator writes, the published version citizens read, and
// corrections, each a new version naming the one it replaces. Writing lives in
// promise-editing.server.ts (drafts, publication, corrections), follow-up in
// commitment-followup.server.ts (activities, status, the police's commentary).
import type { Kysely } from "kysely";
import { startOfStockholmDay, addDays, type LocalDate } from "~/lib/dates";
import type { CommitmentOwner, CommitmentStatus, Database, PromiseMeasure, PromiseState, RecordedAs } from "~db/schema";
import { toCount } from "~db/sql";

export type { CommitmentOwner, CommitmentStatus, PromiseMeasure, PromiseState, RecordedAs };

/** The shape of newId(). */
export const PROMISE_ID_PATTERN = /^[a-z2-7]{24}$/;

export const OWNER_LABELS: Record<CommitmentOwner, string> = { kommunen: "Kommunen", polisen: "Polisen", bada: "Kommunen och polisen" };
export const STATUS_LABELS: Record<CommitmentStatus, string> = { not_started: "Ej påbörjat", in_progress: "Pågår", done: "Genomfört" };
export const MEASURE_LABELS: Record<PromiseMeasure, string> = {
  certified_coaches: "Certifierade ANDTS-coacher",
  coaches_in_training: "ANDTS-coacher under utbildning",
  course_days_held: "Genomförda utbildningsträffar",
  materials_used: "Använda förebyggande material",
};

/** Where a promise's period stands today. */
export type PeriodState = "upcoming" | "ongoing" | "ended";

export interface PromiseHeader {
  id: string;
  title: string;
  policeArea: string;
  /** YYYY-MM-DD, both included. */
  periodStart: string;
  periodEnd: string;
  signedOn: string | null;
  promisedReports: number;
  reportingWording: string | null;
  state: PromiseState;
  replacesId: string | null;
  /** The published version that replaced this one, if any. */
  replacedById: string | null;
  correctionNote: string | null;
  publishedAt: string | null;
  municipalities: Array<{ id: string; slug: string; name: string }>;
  hasDocument: boolean;
}

export interface CommitmentActivity {
  id: string;
  happenedOn: string;
  title: string;
  description: string;
  participants: number | null;
  place: string | null;
  recordedAs: RecordedAs;
  /** The person's name: shown only to coordinators and police partners, never to the public. */
  recordedByName: string | null;
  recordedAt: string;
}

export interface CommitmentStatusEntry {
  status: CommitmentStatus;
  note: string;
  recordedAs: RecordedAs;
  recordedAt: string;
}

export interface Commitment {
  id: string;
  lineage: string;
  focusAreaId: string;
  position: number;
  wording: string;
  summary: string;
  owner: CommitmentOwner;
  target: string | null;
  targetCount: number | null;
  measure: PromiseMeasure | null;
  /** The slug of the guide for citizens it names (content/guider/), or null. */
  guide: string | null;
  /** The newest status, or null while nobody has set one (shown as "Ej påbörjat"). */
  status: CommitmentStatusEntry | null;
  /** Newest first. */
  activities: CommitmentActivity[];
}

export interface FocusArea {
  id: string;
  position: number;
  title: string;
  commitments: Commitment[];
}

export interface FullPromise extends PromiseHeader {
  focusAreas: FocusArea[];
}

export function periodState(promise: Pick<PromiseHeader, "periodStart" | "periodEnd">, now: Date): PeriodState {
  const start = startOfStockholmDay(dayOf(promise.periodStart));
  const end = startOfStockholmDay(addDays(dayOf(promise.periodEnd), 1));
  return now < start ? "upcoming" : now >= end ? "ended" : "ongoing";
}

function dayOf(text: string): LocalDate {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
}

/** Progress on a measurable target: the activities recorded against it. */
export function targetProgress(commitment: Pick<Commitment, "targetCount" | "activities">): { done: number; of: number } | null {
  return commitment.targetCount ? { done: commitment.activities.length, of: commitment.targetCount } : null;
}

async function headers(db: Kysely<Database>, ids: string[]): Promise<PromiseHeader[]> {
  if (ids.length === 0) return [];
  const [rows, members, replacers, documents] = await Promise.all([
    db.selectFrom("promise").selectAll().where("id", "in", ids).execute(),
    db
      .selectFrom("promise_municipality as pm")
      .innerJoin("municipality as m", "m.id", "pm.municipality_id")
      .select(["pm.promise_id", "m.id", "m.slug", "m.name"])
      .where("pm.promise_id", "in", ids)
      .orderBy("m.name")
      .execute(),
    db.selectFrom("promise").select(["id", "replaces_id"]).where("replaces_id", "in", ids).where("state", "=", "published").execute(),
    db.selectFrom("promise_document").select("promise_id").where("promise_id", "in", ids).execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        title: row.title,
        policeArea: row.police_area,
        periodStart: row.period_start,
        periodEnd: row.period_end,
        signedOn: row.signed_on,
        promisedReports: toCount(row.promised_reports),
        reportingWording: row.reporting_wording,
        state: row.state,
        replacesId: row.replaces_id,
        replacedById: replacers.find((r) => r.replaces_id === row.id)?.id ?? null,
        correctionNote: row.correction_note,
        publishedAt: row.published_at,
        municipalities: members.filter((m) => m.promise_id === row.id).map((m) => ({ id: m.id, slug: m.slug, name: m.name })),
        hasDocument: documents.some((d) => d.promise_id === row.id),
      },
    ];
  });
}

/** One version with its focus areas, commitments, current status and activities; undefined if there is none. */
export async function getPromise(db: Kysely<Database>, id: string): Promise<FullPromise | undefined> {
  if (!PROMISE_ID_PATTERN.test(id)) return undefined;
  const [header] = await headers(db, [id]);
  if (!header) return undefined;
  const [areas, commitments] = await Promise.all([
    db.selectFrom("promise_focus_area").selectAll().where("promise_id", "=", id).orderBy("position").execute(),
    db.selectFrom("promise_commitment").selectAll().where("promise_id", "=", id).orderBy("position").execute(),
  ]);
  const commitmentIds = commitments.map((c) => c.id);
  const [statuses, activities] = commitmentIds.length
    ? await Promise.all([
        db.selectFrom("commitment_status").selectAll().where("commitment_id", "in", commitmentIds).orderBy("recorded_at", "desc").orderBy("id").execute(),
        db
          .selectFrom("commitment_activity as a")
          .leftJoin("user as u", "u.id", "a.recorded_by")
          .selectAll("a")
          .select("u.name as recorded_by_name")
          .where("a.commitment_id", "in", commitmentIds)
          .orderBy("a.happened_on", "desc")
          .orderBy("a.recorded_at", "desc")
          .execute(),
      ])
    : [[], []];
  const toCommitment = (c: (typeof commitments)[number]): Commitment => {
    const status = statuses.find((s) => s.commitment_id === c.id);
    return {
      id: c.id,
      lineage: c.lineage,
      focusAreaId: c.focus_area_id,
      position: c.position,
      wording: c.wording,
      summary: c.summary,
      owner: c.owner,
      target: c.target,
      targetCount: c.target_count,
      measure: c.measure,
      guide: c.guide,
      status: status ? { status: status.status, note: status.note, recordedAs: status.recorded_as, recordedAt: status.recorded_at } : null,
      activities: activities
        .filter((a) => a.commitment_id === c.id)
        .map((a) => ({
          id: a.id,
          happenedOn: a.happened_on,
          title: a.title,
          description: a.description,
          participants: a.participants,
          place: a.place,
          recordedAs: a.recorded_as,
          recordedByName: a.recorded_by_name,
          recordedAt: a.recorded_at,
        })),
    };
  };
  return {
    ...header,
    focusAreas: areas.map((area) => ({
      id: area.id,
      position: area.position,
      title: area.title,
      commitments: commitments.filter((c) => c.focus_area_id === area.id).map(toCommitment),
    })),
  };
}

/** Every version of every promise covering the municipality, drafts included, newest period first. */
export async function promisesOfMunicipality(db: Kysely<Database>, municipalityId: string, options: { publishedOnly?: boolean } = {}): Promise<PromiseHeader[]> {
  let query = db
    .selectFrom("promise as p")
    .innerJoin("promise_municipality as pm", "pm.promise_id", "p.id")
    .select("p.id")
    .where("pm.municipality_id", "=", municipalityId)
    .orderBy("p.period_start", "desc")
    .orderBy("p.created_at", "desc");
  if (options.publishedOnly) query = query.where("p.state", "=", "published");
  return headers(db, (await query.execute()).map((r) => r.id));
}

/**
 * The promises citizens read for the municipality: published versions that no published
 * correction has replaced, newest period first. `current` is the one whose period runs today,
 * else the one that ended last (a promise stays readable as an archive); the rest are `others`.
 */
export async function publicPromisesOf(db: Kysely<Database>, municipalityId: string, now: Date = new Date()): Promise<{ current: PromiseHeader | null; others: PromiseHeader[] }> {
  const live = (await promisesOfMunicipality(db, municipalityId, { publishedOnly: true })).filter((p) => !p.replacedById);
  const current = live.find((p) => periodState(p, now) === "ongoing") ?? live.find((p) => periodState(p, now) === "ended") ?? null;
  return { current, others: live.filter((p) => p !== current) };
}

export interface PromiseSummary {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  state: PeriodState;
  focusAreas: string[];
}

/** The municipality's current public promise in brief, for a lesson that shows it (::medborgarlofte). */
export async function currentPromiseSummary(db: Kysely<Database>, municipalityId: string, now: Date = new Date()): Promise<PromiseSummary | null> {
  const current = await currentPromiseOf(db, municipalityId, now);
  if (!current) return null;
  const areas = await db.selectFrom("promise_focus_area").select("title").where("promise_id", "=", current.id).orderBy("position").execute();
  return {
    id: current.id,
    title: current.title,
    periodStart: current.periodStart,
    periodEnd: current.periodEnd,
    state: periodState(current, now),
    focusAreas: areas.map((a) => a.title),
  };
}

/** The promise a report published now counts against: the municipality's current public one. */
export async function currentPromiseOf(db: Kysely<Database>, municipalityId: string, now: Date = new Date()): Promise<PromiseHeader | null> {
  return (await publicPromisesOf(db, municipalityId, now)).current;
}

/** Whether the promise covers the municipality (a coordinator's own, or the public page's). */
export async function promiseCoversMunicipality(db: Kysely<Database>, promiseId: string, municipalityId: string): Promise<boolean> {
  const row = await db
    .selectFrom("promise_municipality")
    .select("promise_id")
    .where("promise_id", "=", promiseId)
    .where("municipality_id", "=", municipalityId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The promises a police partner is attached to, newest period first. */
export async function promisesOfPartner(db: Kysely<Database>, userId: string): Promise<PromiseHeader[]> {
  const rows = await db
    .selectFrom("promise_partner as pp")
    .innerJoin("promise as p", "p.id", "pp.promise_id")
    .select("p.id")
    .where("pp.user_id", "=", userId)
    .orderBy("p.period_start", "desc")
    .execute();
  return headers(db, rows.map((r) => r.id));
}
