// SPDX-License-Identifier: EUPL-1.2
// Follow-up reports for citizens: a coordinator publishes the municipality's figures, frozen
// at that moment, with a title, the period the report covers and a commentary. A published
// report never changes. This module has no function that updates or deletes one, and a second
// publication with the same id changes nothing; a correction is a new report that names the
// one it replaces (docs/decisions/011-public-follow-up.md).
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, formatLocalDate, startOfStockholmDay, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { SLUG_PATTERN } from "~/modules/municipalities/municipalities.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { countFollowupFigures, figuresChecksum, parseFigures, type FollowupFigures } from "./public-figures.server";

/** The shape of newId(): 24 characters of lower-case base32. */
export const REPORT_ID_PATTERN = /^[a-z2-7]{24}$/;

// ---------------------------------------------------------------------------------------
// Periods: two calendar days, both included, stored as an ISO 8601 interval.

export interface DayPeriod {
  /** YYYY-MM-DD */
  from: string;
  to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, or null. */
export function parseDay(text: string): LocalDate | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function periodText(period: DayPeriod): string {
  return `${period.from}/${period.to}`;
}

export function parsePeriod(text: string): DayPeriod | null {
  const [from, to, ...rest] = text.split("/");
  if (!from || !to || rest.length > 0 || !parseDay(from) || !parseDay(to)) return null;
  return { from, to };
}

/** "1 januari 2025 – 30 juni 2025" */
export function formatPeriod(period: DayPeriod): string {
  return `${formatLocalDate(parseDay(period.from)!)} – ${formatLocalDate(parseDay(period.to)!)}`;
}

/** The first instant of the day after `to`: a period includes its last day. */
function periodBounds(period: DayPeriod): { start: Date; end: Date } {
  return { start: startOfStockholmDay(parseDay(period.from)!), end: startOfStockholmDay(addDays(parseDay(period.to)!, 1)) };
}

// ---------------------------------------------------------------------------------------
// Municipalities as citizens meet them, with the promise their reports count against.

export interface FollowupPromise {
  period: DayPeriod | null;
  promisedReports: number;
}

export interface PublicMunicipality {
  id: string;
  slug: string;
  name: string;
  county: string;
  promise: FollowupPromise;
}

function toPublicMunicipality(row: {
  id: string;
  slug: string;
  name: string;
  county: string;
  promise_period_start: string | null;
  promise_period_end: string | null;
  promised_reports: number;
}): PublicMunicipality {
  const { promise_period_start: from, promise_period_end: to } = row;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    county: row.county,
    promise: { period: from && to ? { from, to } : null, promisedReports: toCount(row.promised_reports) },
  };
}

/** The 404 of a public follow-up address naming no municipality. */
export const MUNICIPALITY_NOT_FOUND = "Kommunen finns inte i Coachportalen. Kontrollera adressen, eller välj kommun under Uppföljning för invånarna.";
export const REPORT_NOT_FOUND = "Rapporten finns inte. Kontrollera adressen, eller välj rapport på kommunens sida om uppföljning.";

const MUNICIPALITY_COLUMNS = ["id", "slug", "name", "county", "promise_period_start", "promise_period_end", "promised_reports"] as const;

export async function listFollowupMunicipalities(db: Kysely<Database>): Promise<PublicMunicipality[]> {
  const rows = await db.selectFrom("municipality").select(MUNICIPALITY_COLUMNS).orderBy("name").execute();
  return rows.map(toPublicMunicipality);
}

/** The municipality of a public address such as /uppfoljning/hogsby, or undefined. */
export async function findFollowupMunicipality(db: Kysely<Database>, by: { slug: string } | { id: string }): Promise<PublicMunicipality | undefined> {
  if ("slug" in by && !SLUG_PATTERN.test(by.slug)) return undefined;
  const row = await db
    .selectFrom("municipality")
    .select(MUNICIPALITY_COLUMNS)
    .where((eb) => ("slug" in by ? eb("slug", "=", by.slug) : eb("id", "=", by.id)))
    .executeTakeFirst();
  return row ? toPublicMunicipality(row) : undefined;
}

export { MAX_PROMISED_REPORTS } from "./limits";

/** A coordinator sets the period their municipality's promise runs and how many reports it promised. */
export async function updateFollowupPromise(
  db: Kysely<Database>,
  input: { municipalityId: string; actorId: string; period: DayPeriod; promisedReports: number; now?: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("municipality")
      .set({ promise_period_start: input.period.from, promise_period_end: input.period.to, promised_reports: input.promisedReports })
      .where("id", "=", input.municipalityId)
      .execute();
    await recordAuditEvent(trx, {
      action: "followup.promise",
      actorId: input.actorId,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      details: { period: periodText(input.period), promisedReports: input.promisedReports },
      now: input.now,
    });
  });
}

export type PromiseState = "unset" | "upcoming" | "ongoing" | "ended";

export interface PromiseProgress extends FollowupPromise {
  state: PromiseState;
  /** Reports published within the period; a correction counts with the report it replaces, not again. */
  published: number;
}

export async function promiseProgress(db: Kysely<Database>, municipality: PublicMunicipality, now: Date = new Date()): Promise<PromiseProgress> {
  const { period } = municipality.promise;
  if (!period) return { ...municipality.promise, state: "unset", published: 0 };
  const { start, end } = periodBounds(period);
  const row = await db
    .selectFrom("followup_report")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("municipality_id", "=", municipality.id)
    .where("replaces_id", "is", null)
    .where("published_at", ">=", iso(start))
    .where("published_at", "<", iso(end))
    .executeTakeFirstOrThrow();
  const state: PromiseState = now < start ? "upcoming" : now >= end ? "ended" : "ongoing";
  return { ...municipality.promise, state, published: toCount(row.count) };
}

/** The coordinator's dashboard: the promise of their municipality and how far it has come. */
export async function promiseProgressOf(db: Kysely<Database>, municipalityId: string, now: Date = new Date()): Promise<PromiseProgress | null> {
  const municipality = await findFollowupMunicipality(db, { id: municipalityId });
  return municipality ? promiseProgress(db, municipality, now) : null;
}

// ---------------------------------------------------------------------------------------
// Reports.

export interface ReportLink {
  id: string;
  title: string;
}

export interface ReportSummary {
  id: string;
  title: string;
  period: DayPeriod;
  publishedAt: string;
  replaces: ReportLink | null;
  replacedBy: ReportLink | null;
}

export interface Report extends ReportSummary {
  commentary: string;
  figures: FollowupFigures;
}

/** Every report of the municipality, newest first, each with the report it replaces and the one that replaced it. */
export async function listReports(db: Kysely<Database>, municipalityId: string): Promise<ReportSummary[]> {
  const rows = await db
    .selectFrom("followup_report")
    .select(["id", "title", "period", "published_at", "replaces_id"])
    .where("municipality_id", "=", municipalityId)
    .orderBy("published_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const replacer = new Map(rows.filter((row) => row.replaces_id).map((row) => [row.replaces_id!, row]));
  return rows.map((row) => {
    const replaced = row.replaces_id ? byId.get(row.replaces_id) : undefined;
    const by = replacer.get(row.id);
    return {
      id: row.id,
      title: row.title,
      period: parsePeriod(row.period) ?? { from: row.period, to: row.period },
      publishedAt: row.published_at,
      replaces: replaced ? { id: replaced.id, title: replaced.title } : null,
      replacedBy: by ? { id: by.id, title: by.title } : null,
    };
  });
}

/** One report of this municipality; another municipality's report does not exist here. */
export async function getReport(db: Kysely<Database>, input: { municipalityId: string; id: string }): Promise<Report | undefined> {
  if (!REPORT_ID_PATTERN.test(input.id)) return undefined;
  const row = await db
    .selectFrom("followup_report")
    .select(["id", "title", "period", "commentary", "figures", "published_at", "replaces_id"])
    .where("id", "=", input.id)
    .where("municipality_id", "=", input.municipalityId)
    .executeTakeFirst();
  if (!row) return undefined;
  const links = await db
    .selectFrom("followup_report")
    .select(["id", "title", "replaces_id"])
    .where("municipality_id", "=", input.municipalityId)
    .where((eb) => eb.or([eb("replaces_id", "=", row.id), ...(row.replaces_id ? [eb("id", "=", row.replaces_id)] : [])]))
    .execute();
  const replaces = links.find((l) => l.id === row.replaces_id);
  const replacedBy = links.find((l) => l.replaces_id === row.id);
  return {
    id: row.id,
    title: row.title,
    period: parsePeriod(row.period) ?? { from: row.period, to: row.period },
    publishedAt: row.published_at,
    commentary: row.commentary,
    figures: parseFigures(row.figures),
    replaces: replaces ? { id: replaces.id, title: replaces.title } : null,
    replacedBy: replacedBy ? { id: replacedBy.id, title: replacedBy.title } : null,
  };
}

export type PublishOutcome =
  | { status: "published"; id: string }
  /** A report with this id exists: nothing was changed (a second click, or an attempt to alter it). */
  | { status: "already_published"; id: string }
  | { status: "replaced_missing" }
  | { status: "already_replaced"; by: ReportLink }
  /** The figures differ from those previewed: look again before publishing. */
  | { status: "figures_changed"; figures: FollowupFigures };

export interface PublishInput {
  /** Chosen when the preview was made, so publishing twice publishes once. */
  id: string;
  municipality: { id: string; promise: FollowupPromise };
  actorId: string;
  title: string;
  period: DayPeriod;
  commentary: string;
  replacesId: string | null;
  content: ContentIndex;
  /** figuresChecksum of the figures the coordinator saw in the preview. */
  previewedChecksum?: string;
  now?: Date;
}

async function reportOwner(db: Kysely<Database>, id: string): Promise<string | undefined> {
  return (await db.selectFrom("followup_report").select("municipality_id").where("id", "=", id).executeTakeFirst())?.municipality_id;
}

async function replacementOf(db: Kysely<Database>, id: string): Promise<ReportLink | undefined> {
  return db.selectFrom("followup_report").select(["id", "title"]).where("replaces_id", "=", id).executeTakeFirst();
}

/** Counts the figures now, freezes them into a new report and records the publication. */
export async function publishReport(db: Kysely<Database>, input: PublishInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  if (!REPORT_ID_PATTERN.test(input.id)) throw new Error("publishReport needs an id made by newId()");
  const owner = await reportOwner(db, input.id);
  // Another municipality's id is refused the same way, without saying whose it is.
  if (owner !== undefined) return { status: "already_published", id: input.id };
  if (input.replacesId) {
    if ((await reportOwner(db, input.replacesId)) !== input.municipality.id) return { status: "replaced_missing" };
    const by = await replacementOf(db, input.replacesId);
    if (by) return { status: "already_replaced", by };
  }
  const figures = await countFollowupFigures(db, {
    municipalityId: input.municipality.id,
    periodStart: input.municipality.promise.period?.from ?? null,
    content: input.content,
    now,
  });
  if (input.previewedChecksum !== undefined && input.previewedChecksum !== figuresChecksum(figures)) return { status: "figures_changed", figures };

  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("followup_report")
        .values({
          id: input.id,
          municipality_id: input.municipality.id,
          title: input.title,
          period: periodText(input.period),
          commentary: input.commentary,
          figures: JSON.stringify(figures),
          published_at: iso(now),
          published_by: input.actorId,
          replaces_id: input.replacesId,
        })
        .execute();
      await recordAuditEvent(trx, {
        action: "followup.published",
        actorId: input.actorId,
        subject: input.id,
        municipalityId: input.municipality.id,
        details: { title: input.title, period: periodText(input.period), replaces: input.replacesId },
        now,
      });
    });
  } catch (error) {
    // Two publications at once: the primary key and the unique replaces_id let one through.
    if ((await reportOwner(db, input.id)) !== undefined) return { status: "already_published", id: input.id };
    const by = input.replacesId ? await replacementOf(db, input.replacesId) : undefined;
    if (by) return { status: "already_replaced", by };
    throw error;
  }
  return { status: "published", id: input.id };
}
