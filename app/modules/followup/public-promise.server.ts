// SPDX-License-Identifier: EUPL-1.2
// A medborgarlöfte as citizens read it (issue #14): each commitment with its status, target
// progress, activities and linked figure, and nothing that names a person. A published report
// freezes exactly this shape (followup_report.commitments), so the public page, the report and
// the coordinator's preview show the same thing, and a report never reads live data again.
// Participant counts pass suppressCount here, before anything is shown or stored.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex } from "~/content/content.server";
import { suppressCount, type PublicCount } from "~/lib/suppression";
import { guideLink } from "~/modules/guides/guides.server";
import { measureFigures, type MeasureFigure } from "~/modules/promises/measures.server";
import {
  getPromise,
  OWNER_LABELS,
  PROMISE_ID_PATTERN,
  promiseCoversMunicipality,
  publicPromisesOf,
  STATUS_LABELS,
  targetProgress,
  type CommitmentOwner,
  type CommitmentStatus,
  type FullPromise,
  type PromiseHeader,
  type RecordedAs,
} from "~/modules/promises/promises.server";
import type { Database } from "~db/schema";

export interface PublicActivity {
  happenedOn: string;
  title: string;
  description: string;
  place: string | null;
  participants: PublicCount | null;
  /** Which side recorded it: citizens see "Kommunen" or "Polisen", never a name. */
  recordedAs: RecordedAs;
}

/** One commitment as citizens read it; a report stores a list of these as JSON. */
export interface PublicCommitment {
  focusArea: string;
  wording: string;
  summary: string;
  owner: CommitmentOwner;
  target: string | null;
  progress: { done: number; of: number } | null;
  /** Null while nobody has set one: shown as "Ej påbörjat". */
  status: { status: CommitmentStatus; note: string; recordedOn: string } | null;
  /** Newest first. */
  activities: PublicActivity[];
  /** `scope` names the municipalities counted together, when the promise covers more than one. */
  figure: (MeasureFigure & { scope?: string }) | null;
  /** The public guide the commitment names ("Läs mer"), as it was titled when read or frozen. */
  guide: { slug: string; title: string } | null;
}

/** A commitment ready to show: its labels in Swedish, which the browser's code cannot look up itself. */
export interface PublicCommitmentView extends Omit<PublicCommitment, "activities"> {
  ownerLabel: string;
  statusLabel: string;
  activities: Array<PublicActivity & { recordedByLabel: string }>;
}

export interface PublicFocusArea {
  title: string;
  commitments: PublicCommitmentView[];
}

/** The promise's facts citizens see above its commitments. */
export interface PublicPromiseHeader {
  id: string;
  title: string;
  policeArea: string;
  periodStart: string;
  periodEnd: string;
  signedOn: string | null;
  promisedReports: number;
  municipalities: Array<{ slug: string; name: string }>;
  hasDocument: boolean;
  replacesId: string | null;
  replacedById: string | null;
  correctionNote: string | null;
}

export interface PublicPromise extends PublicPromiseHeader {
  focusAreas: PublicFocusArea[];
}

export const PROMISE_NOT_FOUND = "Löftet finns inte. Kontrollera adressen, eller välj löfte på kommunens sida om uppföljning.";

export function publicHeader(promise: PromiseHeader): PublicPromiseHeader {
  return {
    id: promise.id,
    title: promise.title,
    policeArea: promise.policeArea,
    periodStart: promise.periodStart,
    periodEnd: promise.periodEnd,
    signedOn: promise.signedOn,
    promisedReports: promise.promisedReports,
    municipalities: promise.municipalities.map((m) => ({ slug: m.slug, name: m.name })),
    hasDocument: promise.hasDocument,
    replacesId: promise.replacesId,
    replacedById: promise.replacedById,
    correctionNote: promise.correctionNote,
  };
}

/** Every commitment of the promise as it stands at `now`, in order of focus area and position. */
export async function publicCommitmentsOf(db: Kysely<Database>, promise: FullPromise, input: { content: ContentIndex; now?: Date }): Promise<PublicCommitment[]> {
  const linked = promise.focusAreas.some((area) => area.commitments.some((c) => c.measure));
  const names = promise.municipalities.map((m) => m.name);
  const scope = names.length > 1 ? `${names.slice(0, -1).join(", ")} och ${names.at(-1)} tillsammans` : undefined;
  const figures = linked ? await measureFigures(db, { municipalityIds: promise.municipalities.map((m) => m.id), content: input.content, now: input.now }) : null;
  return promise.focusAreas.flatMap((area) =>
    area.commitments.map((c) => ({
      focusArea: area.title,
      wording: c.wording,
      summary: c.summary,
      owner: c.owner,
      target: c.target,
      progress: targetProgress(c),
      status: c.status ? { status: c.status.status, note: c.status.note, recordedOn: c.status.recordedAt.slice(0, 10) } : null,
      activities: c.activities.map((a) => ({
        happenedOn: a.happenedOn,
        title: a.title,
        description: a.description,
        place: a.place,
        participants: a.participants === null ? null : suppressCount(a.participants),
        recordedAs: a.recordedAs,
      })),
      figure: c.measure && figures ? { ...figures[c.measure], ...(scope ? { scope } : {}) } : null,
      guide: guideLink(input.content, c.guide),
    })),
  );
}

function view(c: PublicCommitment): PublicCommitmentView {
  return {
    ...c,
    ownerLabel: OWNER_LABELS[c.owner],
    statusLabel: STATUS_LABELS[c.status?.status ?? "not_started"],
    activities: c.activities.map((a) => ({ ...a, recordedByLabel: OWNER_LABELS[a.recordedAs] })),
  };
}

/** Consecutive commitments of the same focus area together, in the order given, ready to show. */
export function byFocusArea(commitments: PublicCommitment[]): PublicFocusArea[] {
  const areas: PublicFocusArea[] = [];
  for (const c of commitments) {
    const last = areas.at(-1);
    if (last && last.title === c.focusArea) last.commitments.push(view(c));
    else areas.push({ title: c.focusArea, commitments: [view(c)] });
  }
  return areas;
}

/** One published version of a promise covering the municipality, for the public; undefined for a draft or another municipality's. */
export async function publicPromise(
  db: Kysely<Database>,
  input: { municipalityId: string; promiseId: string; content: ContentIndex; now?: Date },
): Promise<PublicPromise | undefined> {
  const promise = await getPromise(db, input.promiseId);
  if (!promise || promise.state !== "published" || !promise.municipalities.some((m) => m.id === input.municipalityId)) return undefined;
  return { ...publicHeader(promise), focusAreas: byFocusArea(await publicCommitmentsOf(db, promise, input)) };
}

/** Whether citizens may read the version under the municipality's address: published, and covering it. */
export async function isPublicPromiseOf(db: Kysely<Database>, input: { municipalityId: string; promiseId: string }): Promise<boolean> {
  if (!PROMISE_ID_PATTERN.test(input.promiseId)) return false;
  const [covers, row] = await Promise.all([
    promiseCoversMunicipality(db, input.promiseId, input.municipalityId),
    db.selectFrom("promise").select("state").where("id", "=", input.promiseId).executeTakeFirst(),
  ]);
  return covers && row?.state === "published";
}

/** The municipality's current promise in full, and the other published ones (past, upcoming, or replaced by a correction) as links. */
export async function publicPromisesPage(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; now?: Date },
): Promise<{ current: PublicPromise | null; others: PublicPromiseHeader[] }> {
  const now = input.now ?? new Date();
  const { current, others } = await publicPromisesOf(db, input.municipalityId, now);
  const full = current ? await publicPromise(db, { municipalityId: input.municipalityId, promiseId: current.id, content: input.content, now }) : undefined;
  return { current: full ?? null, others: others.map(publicHeader) };
}

// Stored reports are read with this: a report written by an older version of the app, or with
// no commitments at all (published before promises were data), shows what it has.
const countSchema = z.union([
  z.object({ suppressed: z.literal(false), value: z.number().int().min(0), text: z.string() }),
  z.object({ suppressed: z.literal(true), value: z.null(), text: z.string() }),
]);
const frozenSchema = z.array(
  z.object({
    focusArea: z.string(),
    wording: z.string(),
    summary: z.string(),
    owner: z.enum(["kommunen", "polisen", "bada"]),
    target: z.string().nullable(),
    progress: z.object({ done: z.number().int(), of: z.number().int() }).nullable(),
    status: z.object({ status: z.enum(["not_started", "in_progress", "done"]), note: z.string(), recordedOn: z.string() }).nullable(),
    activities: z.array(
      z.object({
        happenedOn: z.string(),
        title: z.string(),
        description: z.string(),
        place: z.string().nullable(),
        participants: countSchema.nullable(),
        recordedAs: z.enum(["kommunen", "polisen"]),
      }),
    ),
    figure: z
      .object({
        measure: z.enum(["certified_coaches", "coaches_in_training", "course_days_held", "materials_used"]),
        label: z.string(),
        count: countSchema,
        scope: z.string().optional(),
      })
      .nullable(),
    // Reports published before commitments could name a guide have none.
    guide: z.object({ slug: z.string(), title: z.string() }).nullable().default(null),
  }),
);

export function parseFrozenCommitments(json: string | null): PublicCommitment[] {
  return json ? frozenSchema.parse(JSON.parse(json)) : [];
}

/** The demo seed ran: public pages say that its activities and reports are made up. */
export async function showsExampleData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("instance_setting").select("value").where("key", "=", "demo_data").executeTakeFirst();
  return row?.value === "true";
}

export const EXAMPLE_DATA_TEXT = "Exempeldata: aktiviteter och rapporter här är påhittade för att visa hur sidan fungerar.";
