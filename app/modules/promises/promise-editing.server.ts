// SPDX-License-Identifier: EUPL-1.2
// Writing a medborgarlöfte: a coordinator of one of its municipalities writes a draft, publishes
// it, and corrects a published version by publishing a new one that names it (issue #14,
// docs/decisions/024-promises-as-data.md). What citizens were promised must read the same for
// as long as it is shown, so a published version is never written to again: every function
// here refuses one with 409, and a correction is a copy. Each function checks can.editPromise
// itself (the seed and tests call them without a route) and writes in one transaction with an
// audit event; bad input is an answer with Swedish messages, never an exception.
import type { Kysely } from "kysely";
import { z } from "zod";
import { getContent, type ContentIndex } from "~/content/content.server";
import { stockholmDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { fields, parseForm } from "~/lib/validation";
import { can, type Subject } from "~/modules/access/permissions.server";
import { recordAuditEvent, type AuditAction } from "~/modules/audit/audit.server";
import { findGuide, UNKNOWN_GUIDE } from "~/modules/guides/guides.server";
import type { FrozenPromise } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { newId } from "~db/ids.server";
import type { CommitmentOwner, Database, PromiseMeasure } from "~db/schema";
import { inLockedTransaction, toCount } from "~db/sql";
import { getPromise, MEASURE_LABELS, OWNER_LABELS, PROMISE_ID_PATTERN, type FullPromise } from "./promises.server";
import { storePromiseDocument, type UploadCheck } from "./promise-document.server";

export type PromiseOutcome<T = {}> = ({ ok: true } & T) | { ok: false; status: 400 | 404 | 409; errors: Record<string, string> };

/** Whoever acts: the editing rules need the role, the municipality and the id for the audit log. */
export type PromiseActor = Subject & { id: string };

const NOT_FOUND = "Löftet finns inte.";
export const PUBLISHED_IS_FINAL =
  "Löftet är publicerat, och det invånarna har fått läsa ändras aldrig. Använd ”Rätta löftet” för att göra en rättad version.";

const refuse = (status: 400 | 404 | 409, errors: Record<string, string>) => ({ ok: false as const, status, errors });
const notFound = () => refuse(404, { form: NOT_FOUND });

// Form rules, worded for people.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (v: string) => {
  if (!DAY.test(v)) return false;
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const day = (what: string) => z.string({ error: `Fyll i ${what}.` }).trim().min(1, `Fyll i ${what}.`).refine(isCalendarDay, `Skriv ${what} som ÅÅÅÅ-MM-DD, till exempel 2026-01-01.`);

const title = () => fields.text("en titel", 200).pipe(z.string().min(1, "Fyll i en titel på löftet."));

export const promiseFactsSchema = z
  .object({
    title: title(),
    policeArea: fields.text("polisområdet", 200).default(""),
    periodStart: day("löftets första dag"),
    periodEnd: day("löftets sista dag"),
    signedOn: z.union([z.literal(""), day("dagen då löftet undertecknades")]).default(""),
    promisedReports: z
      .string({ error: "Fyll i hur många rapporter löftet lovar." })
      .trim()
      .regex(/^\d{1,2}$/, "Skriv antalet rapporter som ett heltal från 1 till 20.")
      .transform(Number)
      .pipe(z.number().int().min(1, "Skriv antalet rapporter som ett heltal från 1 till 20.").max(20, "Skriv antalet rapporter som ett heltal från 1 till 20.")),
    reportingWording: fields.text("löftets ord om rapporteringen", 4000).default(""),
    municipalityIds: z.union([z.string(), z.array(z.string())]).default([]).transform((v) => [v].flat().slice(0, 300)),
  })
  .superRefine((v, ctx) => {
    if (isCalendarDay(v.periodStart) && isCalendarDay(v.periodEnd) && v.periodEnd < v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "Perioden kan inte sluta innan den börjar. Välj en sista dag som är samma som den första dagen eller senare." });
    }
  });

/** As a form sends it: strings, the municipalities as a list. */
export interface PromiseFactsForm {
  title: string;
  policeArea?: string;
  periodStart: string;
  periodEnd: string;
  signedOn?: string;
  promisedReports: string;
  reportingWording?: string;
  municipalityIds?: string[];
}

export const focusAreaSchema = z.object({ title: fields.text("fokusområdets namn", 200).pipe(z.string().min(1, "Fyll i fokusområdets namn.")) });

const OWNERS = Object.keys(OWNER_LABELS) as [CommitmentOwner, ...CommitmentOwner[]];
const MEASURES = Object.keys(MEASURE_LABELS) as [PromiseMeasure, ...PromiseMeasure[]];

export const commitmentSchema = z.object({
  wording: fields.text("ordalydelsen", 4000).pipe(z.string().min(1, "Skriv åtagandets ordalydelse, ord för ord som i det undertecknade löftet.")),
  summary: fields.text("sammanfattningen", 1000).default(""),
  owner: z.enum(OWNERS, { error: "Välj vem som lovade det: kommunen, polisen eller båda." }),
  target: fields.text("målet", 300).default(""),
  targetCount: z
    .string()
    .trim()
    .default("")
    .refine((v) => v === "" || (/^\d{1,5}$/.test(v) && Number(v) >= 1), "Skriv målets antal som ett heltal från 1, eller lämna fältet tomt.")
    .transform((v) => (v === "" ? null : Number(v))),
  measure: z.union([z.literal(""), z.enum(MEASURES, { error: "Välj ett av måtten i listan." })]).default(""),
  // A guide's slug; whether the content has it is checked against the content (checkGuide).
  guide: z.string({ error: UNKNOWN_GUIDE }).trim().max(200, UNKNOWN_GUIDE).default(""),
});

/** As a form sends it: strings, validated here. */
export interface CommitmentForm {
  wording: string;
  summary?: string;
  owner: string;
  target?: string;
  targetCount?: string;
  measure?: string;
  /** The slug of a guide for citizens (content/guider/), or empty for none. */
  guide?: string;
}

export const correctionNoteSchema = z.object({ correctionNote: fields.text("vad som rättades", 2000).default("") });

function validate<S extends z.ZodType>(schema: S, input: unknown): PromiseOutcome<{ data: z.output<S> }> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return refuse(400, errors);
}

// Loading a version for writing.

type Tx = Kysely<Database>;
type PromiseRow = { id: string; state: "draft" | "published"; replaces_id: string | null; municipalityIds: string[] };

async function loadVersion(trx: Tx, actor: PromiseActor, promiseId: string): Promise<PromiseRow | undefined> {
  if (!PROMISE_ID_PATTERN.test(promiseId)) return undefined;
  const row = await trx.selectFrom("promise").select(["id", "state", "replaces_id"]).where("id", "=", promiseId).executeTakeFirst();
  if (!row) return undefined;
  const members = await trx.selectFrom("promise_municipality").select("municipality_id").where("promise_id", "=", promiseId).execute();
  const version = { ...row, municipalityIds: members.map((m) => m.municipality_id) };
  // Another municipality's promise does not exist for this coordinator.
  return can.editPromise(actor, version) ? version : undefined;
}

/**
 * Runs `work` on a draft the actor may edit, holding the promise against other writers (a
 * publication cannot interleave with an edit), then touches updated_at and audits it.
 */
async function editDraft<T extends object>(
  db: Kysely<Database>,
  input: { actor: PromiseActor; promiseId: string; now?: Date; action?: AuditAction },
  work: (trx: Tx, version: PromiseRow, now: Date) => Promise<PromiseOutcome<T>>,
): Promise<PromiseOutcome<T>> {
  const now = input.now ?? new Date();
  if (!PROMISE_ID_PATTERN.test(input.promiseId)) return notFound();
  return inLockedTransaction(db, { table: "promise", id: input.promiseId }, async (trx) => {
    const version = await loadVersion(trx, input.actor, input.promiseId);
    if (!version) return notFound();
    if (version.state !== "draft") return refuse(409, { form: PUBLISHED_IS_FINAL });
    const outcome = await work(trx, version, now);
    if (!outcome.ok) return outcome;
    await trx.updateTable("promise").set({ updated_at: iso(now) }).where("id", "=", version.id).execute();
    await audit(trx, input.actor, input.action ?? "promise.edited", version.id, now);
    return outcome;
  });
}

function audit(trx: Tx, actor: PromiseActor, action: AuditAction, promiseId: string, now: Date, details?: Record<string, unknown>) {
  return recordAuditEvent(trx, { action, actorId: actor.id, subject: promiseId, municipalityId: actor.municipalityId, details, now });
}

// Drafts and their facts.

/** A new draft covering the actor's municipality, for the next two calendar years, promising two reports. */
export async function createPromiseDraft(db: Kysely<Database>, input: { actor: PromiseActor; title: string; now?: Date }): Promise<PromiseOutcome<{ id: string }>> {
  const now = input.now ?? new Date();
  const municipalityId = input.actor.municipalityId;
  if (input.actor.role !== "coordinator" || !municipalityId) return notFound();
  const parsed = validate(z.object({ title: title() }), { title: input.title });
  if (!parsed.ok) return parsed;
  // Medborgarlöften usually run two calendar years from the next New Year.
  const next = stockholmDate(now).year + 1;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("promise")
      .values({
        id,
        title: parsed.data.title,
        police_area: "",
        period_start: `${next}-01-01`,
        period_end: `${next + 1}-12-31`,
        signed_on: null,
        promised_reports: 2,
        reporting_wording: null,
        state: "draft",
        replaces_id: null,
        correction_note: null,
        created_by: input.actor.id,
        created_at: iso(now),
        updated_at: iso(now),
        published_at: null,
        published_by: null,
      })
      .execute();
    await trx.insertInto("promise_municipality").values({ promise_id: id, municipality_id: municipalityId }).execute();
    await audit(trx, input.actor, "promise.created", id, now);
  });
  return { ok: true, id };
}

/** The draft's facts and the municipalities it covers; the actor's own municipality always stays. */
export async function savePromiseFacts(db: Kysely<Database>, input: { actor: PromiseActor; promiseId: string; form: PromiseFactsForm; now?: Date }): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    const parsed = validate(promiseFactsSchema, input.form);
    if (!parsed.ok) return parsed;
    const f = parsed.data;
    const wanted = [...new Set([input.actor.municipalityId!, ...f.municipalityIds])];
    const known = await trx.selectFrom("municipality").select("id").where("id", "in", wanted).execute();
    if (known.length !== wanted.length) return refuse(400, { municipalityIds: "En av de valda kommunerna finns inte. Välj kommuner i listan." });
    await trx
      .updateTable("promise")
      .set({
        title: f.title,
        police_area: f.policeArea,
        period_start: f.periodStart,
        period_end: f.periodEnd,
        signed_on: f.signedOn || null,
        promised_reports: f.promisedReports,
        reporting_wording: f.reportingWording || null,
      })
      .where("id", "=", input.promiseId)
      .execute();
    await trx.deleteFrom("promise_municipality").where("promise_id", "=", input.promiseId).where("municipality_id", "not in", wanted).execute();
    const present = await trx.selectFrom("promise_municipality").select("municipality_id").where("promise_id", "=", input.promiseId).execute();
    const missing = wanted.filter((m) => !present.some((p) => p.municipality_id === m));
    if (missing.length) await trx.insertInto("promise_municipality").values(missing.map((m) => ({ promise_id: input.promiseId, municipality_id: m }))).execute();
    return { ok: true };
  });
}

// Focus areas.

type AreaInput = { actor: PromiseActor; promiseId: string; focusAreaId: string; now?: Date };
type Direction = "up" | "down";

async function areaOf(trx: Tx, promiseId: string, focusAreaId: string) {
  return trx.selectFrom("promise_focus_area").select(["id", "position"]).where("id", "=", focusAreaId).where("promise_id", "=", promiseId).executeTakeFirst();
}

const AREA_NOT_FOUND = () => refuse(404, { form: "Fokusområdet finns inte i det här löftet." });

export async function addFocusArea(db: Kysely<Database>, input: { actor: PromiseActor; promiseId: string; title: string; now?: Date }): Promise<PromiseOutcome<{ id: string }>> {
  return editDraft<{ id: string }>(db, input, async (trx) => {
    const parsed = validate(focusAreaSchema, { title: input.title });
    if (!parsed.ok) return parsed;
    const last = await trx.selectFrom("promise_focus_area").select((eb) => eb.fn.max("position").as("max")).where("promise_id", "=", input.promiseId).executeTakeFirst();
    const id = newId();
    await trx.insertInto("promise_focus_area").values({ id, promise_id: input.promiseId, position: toCount(last?.max ?? 0) + 1, title: parsed.data.title }).execute();
    return { ok: true, id };
  });
}

export async function renameFocusArea(db: Kysely<Database>, input: AreaInput & { title: string }): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    if (!(await areaOf(trx, input.promiseId, input.focusAreaId))) return AREA_NOT_FOUND();
    const parsed = validate(focusAreaSchema, { title: input.title });
    if (!parsed.ok) return parsed;
    await trx.updateTable("promise_focus_area").set({ title: parsed.data.title }).where("id", "=", input.focusAreaId).execute();
    return { ok: true };
  });
}

/** Swaps the item with its neighbour in `direction`; at either end nothing moves. */
async function swapPositions(trx: Tx, table: "promise_focus_area" | "promise_commitment", scope: { column: "promise_id" | "focus_area_id"; value: string }, item: { id: string; position: number }, direction: Direction) {
  const neighbour = await trx
    .selectFrom(table)
    .select(["id", "position"])
    .where(scope.column, "=", scope.value)
    .where("position", direction === "up" ? "<" : ">", item.position)
    .orderBy("position", direction === "up" ? "desc" : "asc")
    .limit(1)
    .executeTakeFirst();
  if (!neighbour) return;
  await trx.updateTable(table).set({ position: neighbour.position }).where("id", "=", item.id).execute();
  await trx.updateTable(table).set({ position: item.position }).where("id", "=", neighbour.id).execute();
}

export async function moveFocusArea(db: Kysely<Database>, input: AreaInput & { direction: Direction }): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    const area = await areaOf(trx, input.promiseId, input.focusAreaId);
    if (!area) return AREA_NOT_FOUND();
    await swapPositions(trx, "promise_focus_area", { column: "promise_id", value: input.promiseId }, area, input.direction);
    return { ok: true };
  });
}

/** Removes the focus area with its commitments. */
export async function removeFocusArea(db: Kysely<Database>, input: AreaInput): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    if (!(await areaOf(trx, input.promiseId, input.focusAreaId))) return AREA_NOT_FOUND();
    await trx.deleteFrom("promise_commitment").where("focus_area_id", "=", input.focusAreaId).execute();
    await trx.deleteFrom("promise_focus_area").where("id", "=", input.focusAreaId).execute();
    return { ok: true };
  });
}

// Commitments.

type CommitmentInput = { actor: PromiseActor; promiseId: string; commitmentId: string; now?: Date };

async function commitmentOf(trx: Tx, promiseId: string, commitmentId: string) {
  return trx
    .selectFrom("promise_commitment")
    .select(["id", "position", "focus_area_id"])
    .where("id", "=", commitmentId)
    .where("promise_id", "=", promiseId)
    .executeTakeFirst();
}

const COMMITMENT_NOT_FOUND = () => refuse(404, { form: "Åtagandet finns inte i det här löftet." });

function commitmentValues(c: z.output<typeof commitmentSchema>) {
  return { wording: c.wording, summary: c.summary, owner: c.owner, target: c.target || null, target_count: c.targetCount, measure: c.measure || null, guide: c.guide || null };
}

/** The commitment form, with its guide checked against the content citizens can open. */
function validateCommitment(form: CommitmentForm, content: ContentIndex | undefined): PromiseOutcome<{ data: z.output<typeof commitmentSchema> }> {
  const parsed = validate(commitmentSchema, form);
  if (parsed.ok && parsed.data.guide && !findGuide(content ?? getContent(), parsed.data.guide)) return refuse(400, { guide: UNKNOWN_GUIDE });
  return parsed;
}

export async function addCommitment(
  db: Kysely<Database>,
  input: { actor: PromiseActor; promiseId: string; focusAreaId: string; form: CommitmentForm; content?: ContentIndex; now?: Date },
): Promise<PromiseOutcome<{ id: string }>> {
  return editDraft<{ id: string }>(db, input, async (trx) => {
    if (!(await areaOf(trx, input.promiseId, input.focusAreaId))) return AREA_NOT_FOUND();
    const parsed = validateCommitment(input.form, input.content);
    if (!parsed.ok) return parsed;
    const last = await trx.selectFrom("promise_commitment").select((eb) => eb.fn.max("position").as("max")).where("promise_id", "=", input.promiseId).executeTakeFirst();
    const id = newId();
    // Positions run across the whole promise, so that reading in position order within each area keeps the order.
    await trx
      .insertInto("promise_commitment")
      .values({ id, promise_id: input.promiseId, focus_area_id: input.focusAreaId, lineage: newId(), position: toCount(last?.max ?? 0) + 1, ...commitmentValues(parsed.data) })
      .execute();
    return { ok: true, id };
  });
}

export async function updateCommitment(db: Kysely<Database>, input: CommitmentInput & { form: CommitmentForm; content?: ContentIndex }): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    if (!(await commitmentOf(trx, input.promiseId, input.commitmentId))) return COMMITMENT_NOT_FOUND();
    const parsed = validateCommitment(input.form, input.content);
    if (!parsed.ok) return parsed;
    await trx.updateTable("promise_commitment").set(commitmentValues(parsed.data)).where("id", "=", input.commitmentId).execute();
    return { ok: true };
  });
}

/** Moves the commitment up or down within its focus area. */
export async function moveCommitment(db: Kysely<Database>, input: CommitmentInput & { direction: Direction }): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    const commitment = await commitmentOf(trx, input.promiseId, input.commitmentId);
    if (!commitment) return COMMITMENT_NOT_FOUND();
    await swapPositions(trx, "promise_commitment", { column: "focus_area_id", value: commitment.focus_area_id }, commitment, input.direction);
    return { ok: true };
  });
}

export async function removeCommitment(db: Kysely<Database>, input: CommitmentInput): Promise<PromiseOutcome> {
  return editDraft(db, input, async (trx) => {
    if (!(await commitmentOf(trx, input.promiseId, input.commitmentId))) return COMMITMENT_NOT_FOUND();
    await trx.deleteFrom("promise_commitment").where("id", "=", input.commitmentId).execute();
    return { ok: true };
  });
}

// The signed document.

/** Stores the signed PDF on the draft, replacing one uploaded before. */
export async function uploadPromiseDocument(db: Kysely<Database>, input: { actor: PromiseActor; promiseId: string; file: File | null | undefined; now?: Date }): Promise<PromiseOutcome> {
  // Read and checked before the transaction: 10 MB is not read while holding the write lock.
  const checked: UploadCheck = await storePromiseDocument.check(input.file);
  return editDraft(db, { ...input, action: "promise.document" }, async (trx, version, now) => {
    if (!checked.ok) return refuse(400, { file: checked.message });
    await storePromiseDocument.write(trx, { promiseId: version.id, document: checked.document, actorId: input.actor.id, now });
    return { ok: true };
  });
}

// Publication and corrections.

/** What a version lacks before it can be published, keyed by field; empty when complete. */
async function incompleteness(trx: Tx, promiseId: string): Promise<Record<string, string>> {
  const [row, areas, commitments] = await Promise.all([
    trx.selectFrom("promise").select(["title", "police_area", "signed_on"]).where("id", "=", promiseId).executeTakeFirstOrThrow(),
    trx.selectFrom("promise_focus_area").select(["id", "title"]).where("promise_id", "=", promiseId).orderBy("position").execute(),
    trx.selectFrom("promise_commitment").select(["focus_area_id", "wording", "summary"]).where("promise_id", "=", promiseId).execute(),
  ]);
  const errors: Record<string, string> = {};
  if (!row.title.trim()) errors.title = "Fyll i en titel på löftet innan du publicerar.";
  if (!row.police_area.trim()) errors.policeArea = "Fyll i polisområdet innan du publicerar.";
  if (!row.signed_on) errors.signedOn = "Fyll i dagen då löftet undertecknades innan du publicerar.";
  if (areas.length === 0) errors.focusAreas = "Lägg till minst ett fokusområde innan du publicerar.";
  const empty = areas.find((a) => !commitments.some((c) => c.focus_area_id === a.id));
  if (empty) errors.focusAreas ??= `Fokusområdet ”${empty.title}” har inget åtagande. Lägg till ett eller ta bort området.`;
  if (commitments.some((c) => !c.wording.trim() || !c.summary.trim())) errors.commitments = "Varje åtagande behöver både ordalydelse och en sammanfattning på lätt svenska.";
  return errors;
}

/**
 * Publishes the draft. A correction needs a note saying what was corrected, and takes over the
 * follow-up of the version it replaces: activities and status history of each commitment move to
 * the commitment of the same lineage, with the police partners and the police's commentary, so
 * that the work goes on on the version citizens now read. The replaced version keeps its own.
 */
export async function publishPromise(db: Kysely<Database>, input: { actor: PromiseActor; promiseId: string; correctionNote?: string; now?: Date }): Promise<PromiseOutcome> {
  return editDraft(db, { ...input, action: "promise.published" }, async (trx, version, now) => {
    const errors = await incompleteness(trx, version.id);
    let note: string | null = null;
    if (version.replaces_id) {
      const parsed = validate(correctionNoteSchema, { correctionNote: input.correctionNote ?? "" });
      if (!parsed.ok) return parsed;
      note = parsed.data.correctionNote;
      if (!note) errors.correctionNote = "Skriv vad som rättades. Invånarna ser det bredvid den rättade versionen.";
    }
    if (Object.keys(errors).length > 0) return refuse(400, errors);
    if (version.replaces_id) {
      const replaced = await trx.selectFrom("promise").select("state").where("id", "=", version.replaces_id).executeTakeFirst();
      if (replaced?.state !== "published") return refuse(409, { form: "Versionen som rättas är inte längre publicerad." });
      await carryFollowUp(trx, { from: version.replaces_id, to: version.id });
    }
    await trx
      .updateTable("promise")
      .set({ state: "published", published_at: iso(now), published_by: input.actor.id, correction_note: note })
      .where("id", "=", version.id)
      .where("state", "=", "draft")
      .execute();
    return { ok: true };
  });
}

async function carryFollowUp(trx: Tx, { from, to }: { from: string; to: string }) {
  const [old, fresh] = await Promise.all([
    trx.selectFrom("promise_commitment").select(["id", "lineage"]).where("promise_id", "=", from).execute(),
    trx.selectFrom("promise_commitment").select(["id", "lineage"]).where("promise_id", "=", to).execute(),
  ]);
  const counterpart = new Map(fresh.map((c) => [c.lineage, c.id]));
  const pairs = old.flatMap((c) => (counterpart.has(c.lineage) ? [{ from: c.id, to: counterpart.get(c.lineage)! }] : []));
  const oldIds = pairs.map((p) => p.from);
  const target = new Map(pairs.map((p) => [p.from, p.to]));
  if (oldIds.length > 0) {
    const [activities, statuses] = await Promise.all([
      trx.selectFrom("commitment_activity").selectAll().where("commitment_id", "in", oldIds).execute(),
      trx.selectFrom("commitment_status").selectAll().where("commitment_id", "in", oldIds).execute(),
    ]);
    for (const a of activities) await trx.insertInto("commitment_activity").values({ ...a, id: newId(), commitment_id: target.get(a.commitment_id)! }).execute();
    for (const s of statuses) await trx.insertInto("commitment_status").values({ ...s, id: newId(), commitment_id: target.get(s.commitment_id)! }).execute();
  }
  // A partner an admin attached to the draft already, or commentary written on it, stays as it is.
  const [partners, attached, police, written] = await Promise.all([
    trx.selectFrom("promise_partner").selectAll().where("promise_id", "=", from).execute(),
    trx.selectFrom("promise_partner").select("user_id").where("promise_id", "=", to).execute(),
    trx.selectFrom("promise_police_text").selectAll().where("promise_id", "=", from).executeTakeFirst(),
    trx.selectFrom("promise_police_text").select("promise_id").where("promise_id", "=", to).executeTakeFirst(),
  ]);
  for (const p of partners) {
    if (!attached.some((a) => a.user_id === p.user_id)) await trx.insertInto("promise_partner").values({ ...p, promise_id: to }).execute();
  }
  if (police && !written) await trx.insertInto("promise_police_text").values({ ...police, promise_id: to }).execute();
}

/**
 * Opens a correction of a published version that nothing has replaced: a draft copy of it (facts,
 * municipalities, focus areas, commitments with their lineage, the signed document). If one is
 * open already, that one is returned, so two coordinators correct the same draft.
 */
export async function startCorrection(db: Kysely<Database>, input: { actor: PromiseActor; promiseId: string; now?: Date }): Promise<PromiseOutcome<{ id: string }>> {
  const now = input.now ?? new Date();
  if (!PROMISE_ID_PATTERN.test(input.promiseId)) return notFound();
  return inLockedTransaction(db, { table: "promise", id: input.promiseId }, async (trx): Promise<PromiseOutcome<{ id: string }>> => {
    const version = await loadVersion(trx, input.actor, input.promiseId);
    if (!version) return notFound();
    if (version.state !== "published") return refuse(409, { form: "Ett utkast rättas inte: ändra det direkt." });
    const next = await trx.selectFrom("promise").select(["id", "state"]).where("replaces_id", "=", version.id).executeTakeFirst();
    if (next?.state === "draft") return { ok: true, id: next.id };
    if (next) return refuse(409, { form: "Den här versionen är redan rättad. Rätta den senaste versionen i stället." });
    const id = newId();
    const row = await trx.selectFrom("promise").selectAll().where("id", "=", version.id).executeTakeFirstOrThrow();
    await trx
      .insertInto("promise")
      .values({ ...row, id, state: "draft", replaces_id: version.id, correction_note: null, created_by: input.actor.id, created_at: iso(now), updated_at: iso(now), published_at: null, published_by: null })
      .execute();
    await trx.insertInto("promise_municipality").values(version.municipalityIds.map((m) => ({ promise_id: id, municipality_id: m }))).execute();
    const [areas, commitments] = await Promise.all([
      trx.selectFrom("promise_focus_area").selectAll().where("promise_id", "=", version.id).execute(),
      trx.selectFrom("promise_commitment").selectAll().where("promise_id", "=", version.id).execute(),
    ]);
    const areaIds = new Map(areas.map((a) => [a.id, newId()]));
    for (const a of areas) await trx.insertInto("promise_focus_area").values({ ...a, id: areaIds.get(a.id)!, promise_id: id }).execute();
    for (const c of commitments) await trx.insertInto("promise_commitment").values({ ...c, id: newId(), promise_id: id, focus_area_id: areaIds.get(c.focus_area_id)! }).execute();
    await storePromiseDocument.copy(trx, { from: version.id, to: id });
    await audit(trx, input.actor, "promise.correction_started", id, now, { replaces: version.id });
    return { ok: true, id };
  });
}

/**
 * The demo seed's and the tests' way to a published promise from db/frozen's signed text: through
 * the same functions a coordinator's pages call, so it is exactly what the app could produce.
 */
export async function publishFrozenPromise(
  db: Kysely<Database>,
  input: {
    actor: PromiseActor;
    promise: FrozenPromise;
    municipalityIds: string[];
    /** The guide for citizens each commitment names, by [focus area, commitment] position counted from 0; the signed text names none. */
    guides?: Array<{ at: [number, number]; guide: string }>;
    content?: ContentIndex;
    now?: Date;
  },
): Promise<PromiseOutcome<{ id: string }>> {
  const { actor, promise, now } = input;
  const created = await createPromiseDraft(db, { actor, title: promise.title, now });
  if (!created.ok) return created;
  const promiseId = created.id;
  const facts = await savePromiseFacts(db, {
    actor,
    promiseId,
    now,
    form: {
      title: promise.title,
      policeArea: promise.policeArea,
      periodStart: promise.periodStart,
      periodEnd: promise.periodEnd,
      signedOn: promise.signedOn,
      promisedReports: String(promise.promisedReports),
      reportingWording: promise.reportingWording,
      municipalityIds: input.municipalityIds,
    },
  });
  if (!facts.ok) return facts;
  for (const [a, area] of promise.focusAreas.entries()) {
    const added = await addFocusArea(db, { actor, promiseId, title: area.title, now });
    if (!added.ok) return added;
    for (const [i, c] of area.commitments.entries()) {
      const guide = input.guides?.find((g) => g.at[0] === a && g.at[1] === i)?.guide ?? "";
      const form: CommitmentForm = { wording: c.wording, summary: c.summary, owner: c.owner, target: c.target ?? "", targetCount: c.targetCount === null ? "" : String(c.targetCount), measure: c.measure ?? "", guide };
      const commitment = await addCommitment(db, { actor, promiseId, focusAreaId: added.id, form, content: input.content, now });
      if (!commitment.ok) return commitment;
    }
  }
  const published = await publishPromise(db, { actor, promiseId, now });
  return published.ok ? { ok: true, id: promiseId } : published;
}


// The editor's page: what it shows and the one form reader for its plain HTML forms.

/** The version for its coordinator's editor; undefined (a 404) for anyone else's. */
export async function promiseForEditor(db: Kysely<Database>, actor: PromiseActor, promiseId: string): Promise<FullPromise | undefined> {
  const promise = await getPromise(db, promiseId);
  return promise && can.editPromise(actor, { municipalityIds: promise.municipalities.map((m) => m.id) }) ? promise : undefined;
}

/** The draft correction of a published version that someone has opened, if any. */
export async function openCorrectionOf(db: Kysely<Database>, promiseId: string): Promise<string | null> {
  const row = await db.selectFrom("promise").select("id").where("replaces_id", "=", promiseId).where("state", "=", "draft").executeTakeFirst();
  return row?.id ?? null;
}

export const EDITOR_INTENTS = [
  "facts",
  "add-area",
  "rename-area",
  "move-area",
  "remove-area",
  "add-commitment",
  "update-commitment",
  "move-commitment",
  "remove-commitment",
  "upload",
  "publish",
  "correct",
] as const;
export type EditorIntent = (typeof EDITOR_INTENTS)[number];

const editorFormSchema = z.object({
  intent: z.enum(EDITOR_INTENTS, { error: "Okänd åtgärd. Ladda om sidan och försök igen." }),
  focusAreaId: z.string().max(64).default(""),
  commitmentId: z.string().max(64).default(""),
  direction: z.enum(["up", "down"]).default("up"),
  title: z.string().default(""),
  correctionNote: z.string().default(""),
});

export type EditorSubmission = {
  intent: EditorIntent | "";
  /** The focus area or commitment the form was about, so the page shows errors at that form. */
  subject: string;
  outcome: PromiseOutcome<{ id?: string }>;
};

/** Runs one of the editor's forms. The route has checked that the actor may edit the promise. */
export async function submitPromiseEditorForm(
  db: Kysely<Database>,
  input: { actor: PromiseActor; promiseId: string; form: FormData; content?: ContentIndex; now?: Date },
): Promise<EditorSubmission> {
  const parsed = parseForm(editorFormSchema, input.form);
  if (!parsed.ok) return { intent: "", subject: "", outcome: refuse(400, { form: parsed.errors.intent ?? "Formuläret gick inte att läsa. Ladda om sidan och försök igen." }) };
  const { intent, focusAreaId, commitmentId, direction, title, correctionNote } = parsed.data;
  const base = { actor: input.actor, promiseId: input.promiseId, now: input.now };
  const text = (name: string) => {
    const value = input.form.get(name);
    return typeof value === "string" ? value : "";
  };
  const commitment = (): CommitmentForm => ({
    wording: text("wording"),
    summary: text("summary"),
    owner: text("owner"),
    target: text("target"),
    targetCount: text("targetCount"),
    measure: text("measure"),
    guide: text("guide"),
  });
  const run = async (): Promise<PromiseOutcome<{ id?: string }>> => {
    switch (intent) {
      case "facts":
        return savePromiseFacts(db, {
          ...base,
          form: {
            title: text("title"),
            policeArea: text("policeArea"),
            periodStart: text("periodStart"),
            periodEnd: text("periodEnd"),
            signedOn: text("signedOn"),
            promisedReports: text("promisedReports"),
            reportingWording: text("reportingWording"),
            municipalityIds: input.form.getAll("municipalityIds").filter((v): v is string => typeof v === "string"),
          },
        });
      case "add-area":
        return addFocusArea(db, { ...base, title });
      case "rename-area":
        return renameFocusArea(db, { ...base, focusAreaId, title });
      case "move-area":
        return moveFocusArea(db, { ...base, focusAreaId, direction });
      case "remove-area":
        return removeFocusArea(db, { ...base, focusAreaId });
      case "add-commitment":
        return addCommitment(db, { ...base, focusAreaId, form: commitment(), content: input.content });
      case "update-commitment":
        return updateCommitment(db, { ...base, commitmentId, form: commitment(), content: input.content });
      case "move-commitment":
        return moveCommitment(db, { ...base, commitmentId, direction });
      case "remove-commitment":
        return removeCommitment(db, { ...base, commitmentId });
      case "upload": {
        const file = input.form.get("file");
        return uploadPromiseDocument(db, { ...base, file: file instanceof File ? file : null });
      }
      case "publish":
        return publishPromise(db, { ...base, correctionNote });
      case "correct":
        return startCorrection(db, base);
    }
  };
  return { intent, subject: commitmentId || focusAreaId, outcome: await run() };
}
