// SPDX-License-Identifier: EUPL-1.2
// Follow-up reports for citizens: a coordinator publishes the municipality's figures and every
// commitment of its current medborgarlöfte (status, activities, linked figures), frozen at that
// moment, with a title, the period the report covers, the municipality's commentary and the
// police's (issue #14: the joint commentary of municipality and police). A published
// report never changes. This module has no function that updates or deletes one, and a second
// publication with the same id changes nothing; a correction is a new report that names the
// one it replaces (docs/decisions/011-public-follow-up.md).
import { createHash } from "node:crypto";
import { redirect } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { addDays, formatLocalDate, startOfStockholmDay, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { notFound } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { findMunicipalityBySlug, SLUG_PATTERN } from "~/modules/municipalities/municipalities.server";
import { policeCommentaryOf } from "~/modules/promises/commitment-followup.server";
import { currentPromiseOf, getPromise, periodState } from "~/modules/promises/promises.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { countFollowupFigures, figuresChecksum, parseFigures, type FollowupFigures } from "./public-figures.server";
import { parseFrozenCommitments, publicCommitmentsOf, type PublicCommitment } from "./public-promise.server";

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
// Municipalities as citizens meet them, and the promise their reports count against.

export interface PublicMunicipality {
  id: string;
  slug: string;
  name: string;
  county: string;
}

/** The 404 of a public follow-up address naming no municipality. */
export const MUNICIPALITY_NOT_FOUND = "Kommunen finns inte i Coachportalen. Kontrollera adressen, eller välj kommun under Uppföljning för invånarna.";
export const REPORT_NOT_FOUND = "Rapporten finns inte. Kontrollera adressen, eller välj rapport på kommunens sida om uppföljning.";

const MUNICIPALITY_COLUMNS = ["id", "slug", "name", "county"] as const;

export async function listFollowupMunicipalities(db: Kysely<Database>): Promise<PublicMunicipality[]> {
  return db.selectFrom("municipality").select(MUNICIPALITY_COLUMNS).orderBy("name").execute();
}

/** The municipality of a public address such as /uppfoljning/hogsby, or undefined. */
export async function findFollowupMunicipality(db: Kysely<Database>, by: { slug: string } | { id: string }): Promise<PublicMunicipality | undefined> {
  if ("slug" in by && !SLUG_PATTERN.test(by.slug)) return undefined;
  return db
    .selectFrom("municipality")
    .select(MUNICIPALITY_COLUMNS)
    .where((eb) => ("slug" in by ? eb("slug", "=", by.slug) : eb("id", "=", by.id)))
    .executeTakeFirst();
}

/**
 * The municipality of a public follow-up address. An address with the slug a renamed municipality
 * had before throws a permanent redirect to the same page under its slug now, so links in old
 * reports, emails and printed material keep working (municipality_slug_history, migration 0013).
 */
export async function requireFollowupMunicipality(db: Kysely<Database>, request: Request, slug: string): Promise<PublicMunicipality> {
  const municipality = await findFollowupMunicipality(db, { slug });
  if (municipality) return municipality;
  const renamed = await findMunicipalityBySlug(db, slug);
  if (!renamed) notFound(MUNICIPALITY_NOT_FOUND);
  const url = new URL(request.url);
  throw redirect(`${url.pathname.replace(`/uppfoljning/${slug}`, `/uppfoljning/${renamed.slug}`)}${url.search}`, 301);
}

export type PromiseProgressState = "unset" | "upcoming" | "ongoing" | "ended";

export interface PromiseProgress {
  /** The municipality's current promise (promises.server.ts currentPromiseOf), or null while it has none. */
  promise: { id: string; title: string } | null;
  period: DayPeriod | null;
  promisedReports: number;
  state: PromiseProgressState;
  /** Original reports of this promise published within its period: a correction counts with the report it replaces, not again. */
  published: number;
}

/** The version and every earlier version it corrects, newest first: one promise to the citizens. */
async function versionsOf(db: Kysely<Database>, promise: { id: string; replacesId: string | null }): Promise<string[]> {
  const ids = [promise.id];
  let previous = promise.replacesId;
  // A version is replaced at most once (a unique index), so the line has no branches; the bound guards against a cycle.
  while (previous && ids.length < 100 && !ids.includes(previous)) {
    ids.push(previous);
    previous = (await db.selectFrom("promise").select("replaces_id").where("id", "=", previous).executeTakeFirst())?.replaces_id ?? null;
  }
  return ids;
}

/** "N av M": how many of the reports the current promise promised the municipality has published. */
export async function promiseProgress(db: Kysely<Database>, municipality: Pick<PublicMunicipality, "id">, now: Date = new Date()): Promise<PromiseProgress> {
  const promise = await currentPromiseOf(db, municipality.id, now);
  if (!promise) return { promise: null, period: null, promisedReports: 2, state: "unset", published: 0 };
  const period = { from: promise.periodStart, to: promise.periodEnd };
  const { start, end } = periodBounds(period);
  // An ended promise stays current until the next one starts, so a report published after its
  // end still belongs to it (a closing report), but the promise was to report within the period.
  // A report published before a correction of the promise counts for the corrected version too.
  const row = await db
    .selectFrom("followup_report")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("municipality_id", "=", municipality.id)
    .where("promise_id", "in", await versionsOf(db, promise))
    .where("replaces_id", "is", null)
    .where("published_at", ">=", iso(start))
    .where("published_at", "<", iso(end))
    .executeTakeFirstOrThrow();
  return {
    promise: { id: promise.id, title: promise.title },
    period,
    promisedReports: promise.promisedReports,
    state: periodState(promise, now),
    published: toCount(row.count),
  };
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
  /** The police's part of the joint commentary, frozen at publication; null when they wrote none. */
  policeCommentary: string | null;
  figures: FollowupFigures;
  /** The promise the report follows up, as it was titled when published. */
  promise: { id: string; title: string } | null;
  /** Every commitment of the promise as it stood at publication. */
  commitments: PublicCommitment[];
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
    .select(["id", "title", "period", "commentary", "figures", "published_at", "replaces_id", "promise_id", "police_commentary", "commitments"])
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
  const promise = row.promise_id ? await db.selectFrom("promise").select(["id", "title"]).where("id", "=", row.promise_id).executeTakeFirst() : undefined;
  return {
    id: row.id,
    title: row.title,
    period: parsePeriod(row.period) ?? { from: row.period, to: row.period },
    publishedAt: row.published_at,
    commentary: row.commentary,
    policeCommentary: row.police_commentary,
    figures: parseFigures(row.figures),
    promise: promise ?? null,
    commitments: parseFrozenCommitments(row.commitments),
    replaces: replaces ? { id: replaces.id, title: replaces.title } : null,
    replacedBy: replacedBy ? { id: replacedBy.id, title: replacedBy.title } : null,
  };
}

/** What a report freezes when it is published: the coach figures, and every commitment of the promise as it stands. */
export interface ReportContents {
  figures: FollowupFigures;
  promise: { id: string; title: string } | null;
  commitments: PublicCommitment[];
  /** The police's part of the joint commentary, as the police partners last wrote it. */
  policeCommentary: string | null;
}

/** Everything a report would freeze if it were published at `now`: the preview shows exactly this. */
export async function reportContents(db: Kysely<Database>, input: { municipalityId: string; content: ContentIndex; now?: Date }): Promise<ReportContents> {
  const now = input.now ?? new Date();
  const header = await currentPromiseOf(db, input.municipalityId, now);
  const promise = header ? await getPromise(db, header.id) : undefined;
  const [figures, commitments, policeCommentary] = await Promise.all([
    countFollowupFigures(db, { municipalityId: input.municipalityId, periodStart: header?.periodStart ?? null, content: input.content, now }),
    promise ? publicCommitmentsOf(db, promise, { content: input.content, now }) : Promise.resolve([]),
    header ? policeCommentaryOf(db, header.id) : Promise.resolve(null),
  ]);
  return { figures, promise: header ? { id: header.id, title: header.title } : null, commitments, policeCommentary };
}

/** Equal for equal contents, whenever they were counted: the preview and the publication are compared by it. */
export function contentsChecksum(contents: ReportContents): string {
  const rest = { promise: contents.promise?.id ?? null, commitments: contents.commitments, police: contents.policeCommentary };
  return createHash("sha256").update(figuresChecksum(contents.figures)).update(JSON.stringify(rest)).digest("hex").slice(0, 32);
}

export type PublishOutcome =
  | { status: "published"; id: string }
  /** A report with this id exists: nothing was changed (a second click, or an attempt to alter it). */
  | { status: "already_published"; id: string }
  | { status: "replaced_missing" }
  | { status: "already_replaced"; by: ReportLink }
  /** The figures, a commitment or the police's commentary differ from those previewed: look again before publishing. */
  | { status: "contents_changed"; contents: ReportContents };

export interface PublishInput {
  /** Chosen when the preview was made, so publishing twice publishes once. */
  id: string;
  municipality: { id: string };
  actorId: string;
  title: string;
  period: DayPeriod;
  commentary: string;
  replacesId: string | null;
  content: ContentIndex;
  /** contentsChecksum of what the coordinator saw in the preview. */
  previewedChecksum?: string;
  now?: Date;
}

async function reportOwner(db: Kysely<Database>, id: string): Promise<string | undefined> {
  return (await db.selectFrom("followup_report").select("municipality_id").where("id", "=", id).executeTakeFirst())?.municipality_id;
}

async function replacementOf(db: Kysely<Database>, id: string): Promise<ReportLink | undefined> {
  return db.selectFrom("followup_report").select(["id", "title"]).where("replaces_id", "=", id).executeTakeFirst();
}

/**
 * Counts the figures now, freezes them with every commitment of the municipality's current
 * promise and the police's commentary into a new report, and records the publication.
 */
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
  const contents = await reportContents(db, { municipalityId: input.municipality.id, content: input.content, now });
  if (input.previewedChecksum !== undefined && input.previewedChecksum !== contentsChecksum(contents)) return { status: "contents_changed", contents };

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
          figures: JSON.stringify(contents.figures),
          published_at: iso(now),
          published_by: input.actorId,
          replaces_id: input.replacesId,
          promise_id: contents.promise?.id ?? null,
          police_commentary: contents.policeCommentary,
          commitments: JSON.stringify(contents.commitments),
        })
        .execute();
      await recordAuditEvent(trx, {
        action: "followup.published",
        actorId: input.actorId,
        subject: input.id,
        municipalityId: input.municipality.id,
        details: { title: input.title, period: periodText(input.period), replaces: input.replacesId, promise: contents.promise?.id ?? null },
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
