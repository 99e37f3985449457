// SPDX-License-Identifier: EUPL-1.2
// Following up each commitment of a published medborgarlöfte (issue #14): what was done
// (activities), where it stands (a status history, the newest current), and the police's part
// of the next report's commentary. Each side acts on what it promised (can.followUpCommitment):
// the coordinators of the promise's municipalities on kommunen's and shared commitments, the
// attached police partners on polisen's and shared ones. Only a live version takes follow-up: a
// draft has not been promised yet, and a replaced version hands its follow-up on to the
// correction (promise-editing.server.ts copies it by lineage at publication).
import type { Kysely } from "kysely";
import { z } from "zod";
import { formatIsoDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { formValues, parseForm } from "~/lib/validation";
import { can, type Subject } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import { inLockedTransaction } from "~db/sql";
import type { CommitmentOwner, CommitmentStatus, Database, RecordedAs } from "~db/schema";
import type { PromiseOutcome } from "./promise-editing.server";
import { getPromise, targetProgress, type FullPromise } from "./promises.server";

type FollowupOutcome<T = {}> = PromiseOutcome<T>;

type FollowupActor = Subject & { id: string };

const ACTIVITY_LIMITS = { title: 150, description: 2000, place: 150, participants: 100_000 } as const;
const STATUS_NOTE_MAX = 500;
export const POLICE_COMMENTARY_MAX = 5000;

const STATUSES = ["not_started", "in_progress", "done"] as const satisfies readonly CommitmentStatus[];

/** Which side a person acts for: coordinators for the municipalities, police partners for the police. */
function sideOf(actor: Pick<Subject, "role">): RecordedAs | null {
  return actor.role === "coordinator" ? "kommunen" : actor.role === "polis" ? "polisen" : null;
}

interface PromiseScope {
  id: string;
  state: "draft" | "published";
  periodStart: string;
  periodEnd: string;
  replacedById: string | null;
  municipalityIds: string[];
  partnerIds: string[];
}

async function promiseScope(db: Kysely<Database>, promiseId: string): Promise<PromiseScope | undefined> {
  const row = await db.selectFrom("promise").select(["id", "state", "period_start", "period_end"]).where("id", "=", promiseId).executeTakeFirst();
  if (!row) return undefined;
  const [municipalities, partners, replacer] = await Promise.all([
    db.selectFrom("promise_municipality").select("municipality_id").where("promise_id", "=", promiseId).execute(),
    db.selectFrom("promise_partner").select("user_id").where("promise_id", "=", promiseId).execute(),
    db.selectFrom("promise").select("id").where("replaces_id", "=", promiseId).where("state", "=", "published").executeTakeFirst(),
  ]);
  return {
    id: row.id,
    state: row.state,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    replacedById: replacer?.id ?? null,
    municipalityIds: municipalities.map((m) => m.municipality_id),
    partnerIds: partners.map((p) => p.user_id),
  };
}

const NOT_FOUND = { ok: false, status: 404, errors: { form: "Åtagandet finns inte." } } as const;
const PROMISE_NOT_FOUND = { ok: false, status: 404, errors: { form: "Löftet finns inte." } } as const;

/** A refusal for a version that takes no follow-up, or null for a live one. */
function notLive(promise: PromiseScope): FollowupOutcome<never> | null {
  if (promise.state !== "published") {
    return { ok: false, status: 409, errors: { form: "Löftet är ett utkast. Åtagandena följs upp när löftet är publicerat." } };
  }
  if (promise.replacedById) {
    return {
      ok: false,
      status: 409,
      errors: { form: "Den här versionen av löftet har ersatts av en rättad version. Följ upp åtagandena i den nya versionen." },
    };
  }
  return null;
}

/**
 * Writes follow-up while holding the version, checked live again inside: publishing a correction
 * copies the follow-up to the new version, and a write that slipped in after the copy would stay
 * behind on the replaced one.
 */
async function writeWhileLive(db: Kysely<Database>, promiseId: string, work: (trx: Kysely<Database>) => Promise<void>): Promise<FollowupOutcome<never> | null> {
  return inLockedTransaction(db, { table: "promise", id: promiseId }, async (trx) => {
    const scope = await promiseScope(trx, promiseId);
    const refused = scope ? notLive(scope) : PROMISE_NOT_FOUND;
    if (refused) return refused;
    await work(trx);
    return null;
  });
}

/**
 * The commitment and its promise, if the actor may act on it: a promise they do not follow does
 * not exist for them (404); one they follow but that is not live answers 409; the other side's
 * commitment answers 400, since they can see it.
 */
async function commitmentToAct(
  db: Kysely<Database>,
  actor: FollowupActor,
  commitmentId: string,
): Promise<{ ok: true; commitment: { id: string; owner: CommitmentOwner }; promise: PromiseScope; side: RecordedAs } | FollowupOutcome<never>> {
  const commitment = await db.selectFrom("promise_commitment").select(["id", "owner", "promise_id"]).where("id", "=", commitmentId).executeTakeFirst();
  const promise = commitment ? await promiseScope(db, commitment.promise_id) : undefined;
  const side = sideOf(actor);
  if (!commitment || !promise || !side || !can.followPromise(actor, promise)) return NOT_FOUND;
  const refused = notLive(promise);
  if (refused) return refused;
  if (!can.followUpCommitment(actor, promise, commitment.owner)) {
    const theirs = side === "kommunen" ? "polisens" : "kommunens";
    return { ok: false, status: 400, errors: { form: `Det här åtagandet är ${theirs} att följa upp.` } };
  }
  return { ok: true, commitment: { id: commitment.id, owner: commitment.owner }, promise, side };
}

function auditMunicipality(actor: FollowupActor): string | null {
  return actor.role === "coordinator" ? actor.municipalityId : null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function plainText(label: string, max: number, required: boolean) {
  const message = `Fyll i ${label}.`;
  return z
    .string({ error: message })
    .trim()
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} får ha högst ${max} tecken.`)
    .refine((v) => !required || v.length > 0, message)
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Texten innehåller otillåtna tecken.");
}

const activitySchema = z.object({
  happenedOn: z
    .string({ error: "Fyll i datumet då det hände." })
    .trim()
    .min(1, "Fyll i datumet då det hände.")
    .refine(isCalendarDay, "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-03-14."),
  title: plainText("en rubrik", ACTIVITY_LIMITS.title, true),
  description: plainText("en kort beskrivning", ACTIVITY_LIMITS.description, true),
  participants: z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || /^\d+$/.test(v), "Skriv antalet deltagare som ett heltal, 0 eller mer, eller lämna fältet tomt.")
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= ACTIVITY_LIMITS.participants, `Antalet deltagare får vara högst ${ACTIVITY_LIMITS.participants}.`),
  place: plainText("platsen", ACTIVITY_LIMITS.place, false)
    .optional()
    .transform((v) => (v ? v : null)),
});

export type ActivityForm = { happenedOn?: string; title?: string; description?: string; participants?: string; place?: string };

function formData(values: Record<string, string | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) form.append(key, value);
  return form;
}

/** Records what was done for a commitment: dated inside the promise's period and not in the future. */
export async function recordActivity(
  db: Kysely<Database>,
  input: { actor: FollowupActor; commitmentId: string; form: ActivityForm; now?: Date },
): Promise<FollowupOutcome<{ id: string }>> {
  const now = input.now ?? new Date();
  const target = await commitmentToAct(db, input.actor, input.commitmentId);
  if (!target.ok) return target;
  const parsed = parseForm(activitySchema, formData(input.form));
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const { happenedOn, title, description, participants, place } = parsed.data;
  // The Stockholm calendar day (isoDateFormat is in Europe/Stockholm).
  const today = formatIsoDate(now);
  const { periodStart, periodEnd } = target.promise;
  // Days compare as text: both are YYYY-MM-DD.
  if (happenedOn > today) return { ok: false, status: 400, errors: { happenedOn: "Datumet har inte kommit än. Registrera det som redan har hänt." } };
  if (happenedOn < periodStart || happenedOn > periodEnd) {
    return { ok: false, status: 400, errors: { happenedOn: `Datumet ligger utanför löftets period, ${periodStart} till ${periodEnd}.` } };
  }
  const id = newId();
  const refusedLate = await writeWhileLive(db, target.promise.id, async (trx) => {
    await trx
      .insertInto("commitment_activity")
      .values({
        id,
        commitment_id: target.commitment.id,
        happened_on: happenedOn,
        title,
        description,
        participants,
        place,
        recorded_as: target.side,
        recorded_by: input.actor.id,
        recorded_at: iso(now),
      })
      .execute();
    await recordAuditEvent(trx, {
      action: "promise.activity_recorded",
      actorId: input.actor.id,
      subject: target.promise.id,
      municipalityId: auditMunicipality(input.actor),
      details: { promiseId: target.promise.id, commitmentId: target.commitment.id, activityId: id, happenedOn, side: target.side },
      now,
    });
  });
  if (refusedLate) return refusedLate;
  return { ok: true, id };
}

/** Takes back an activity recorded by mistake: only the side that recorded it, while the version is live. */
export async function removeActivity(db: Kysely<Database>, input: { actor: FollowupActor; activityId: string; now?: Date }): Promise<FollowupOutcome> {
  const now = input.now ?? new Date();
  const activity = await db
    .selectFrom("commitment_activity as a")
    .innerJoin("promise_commitment as c", "c.id", "a.commitment_id")
    .select(["a.id", "a.recorded_as", "a.commitment_id", "c.promise_id"])
    .where("a.id", "=", input.activityId)
    .executeTakeFirst();
  const promise = activity ? await promiseScope(db, activity.promise_id) : undefined;
  const side = sideOf(input.actor);
  if (!activity || !promise || !side || !can.followPromise(input.actor, promise)) {
    return { ok: false, status: 404, errors: { form: "Aktiviteten finns inte." } };
  }
  const refused = notLive(promise);
  if (refused) return refused;
  if (activity.recorded_as !== side) {
    return { ok: false, status: 400, errors: { form: `Aktiviteten registrerades av ${activity.recorded_as === "polisen" ? "polisen" : "kommunen"} och kan bara tas bort av dem.` } };
  }
  const refusedLate = await writeWhileLive(db, promise.id, async (trx) => {
    await trx.deleteFrom("commitment_activity").where("id", "=", activity.id).execute();
    await recordAuditEvent(trx, {
      action: "promise.activity_removed",
      actorId: input.actor.id,
      subject: promise.id,
      municipalityId: auditMunicipality(input.actor),
      details: { promiseId: promise.id, commitmentId: activity.commitment_id, activityId: activity.id, side },
      now,
    });
  });
  if (refusedLate) return refusedLate;
  return { ok: true };
}

const statusSchema = z.object({
  status: z.enum(STATUSES, { error: "Välj en status: ej påbörjat, pågår eller genomfört." }),
  note: plainText("en kort kommentar till statusen", STATUS_NOTE_MAX, true),
});

/** Sets where a commitment stands, with a note; earlier statuses stay as its history. */
export async function setCommitmentStatus(
  db: Kysely<Database>,
  input: { actor: FollowupActor; commitmentId: string; status: string; note: string; now?: Date },
): Promise<FollowupOutcome> {
  const now = input.now ?? new Date();
  const target = await commitmentToAct(db, input.actor, input.commitmentId);
  if (!target.ok) return target;
  const parsed = parseForm(statusSchema, formData({ status: input.status, note: input.note }));
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const refusedLate = await writeWhileLive(db, target.promise.id, async (trx) => {
    await trx
      .insertInto("commitment_status")
      .values({
        id: newId(),
        commitment_id: target.commitment.id,
        status: parsed.data.status,
        note: parsed.data.note,
        recorded_as: target.side,
        recorded_by: input.actor.id,
        recorded_at: iso(now),
      })
      .execute();
    await recordAuditEvent(trx, {
      action: "promise.status_set",
      actorId: input.actor.id,
      subject: target.promise.id,
      municipalityId: auditMunicipality(input.actor),
      details: { promiseId: target.promise.id, commitmentId: target.commitment.id, status: parsed.data.status, side: target.side },
      now,
    });
  });
  if (refusedLate) return refusedLate;
  return { ok: true };
}

/** Every status a commitment has had, newest first: the current one and its history. */
async function statusHistoryOf(db: Kysely<Database>, commitmentIds: string[]) {
  if (commitmentIds.length === 0) return [];
  const rows = await db
    .selectFrom("commitment_status")
    .select(["commitment_id", "status", "note", "recorded_as", "recorded_at"])
    .where("commitment_id", "in", commitmentIds)
    .orderBy("recorded_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ commitmentId: r.commitment_id, status: r.status, note: r.note, recordedAs: r.recorded_as, recordedAt: r.recorded_at }));
}

const commentarySchema = z.object({ text: plainText("polisens kommentar", POLICE_COMMENTARY_MAX, false) });

/** The police's part of the next report's commentary, one text per promise, written by its police partners. */
export async function savePoliceCommentary(db: Kysely<Database>, input: { actor: FollowupActor; promiseId: string; text: string; now?: Date }): Promise<FollowupOutcome> {
  const now = input.now ?? new Date();
  const promise = await promiseScope(db, input.promiseId);
  if (!promise || !can.writePoliceCommentary(input.actor, promise)) return PROMISE_NOT_FOUND;
  const refused = notLive(promise);
  if (refused) return refused;
  const parsed = parseForm(commentarySchema, formData({ text: input.text }));
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  const text = parsed.data.text;
  const refusedLate = await writeWhileLive(db, promise.id, async (trx) => {
    await trx.deleteFrom("promise_police_text").where("promise_id", "=", promise.id).execute();
    if (text) await trx.insertInto("promise_police_text").values({ promise_id: promise.id, text, updated_by: input.actor.id, updated_at: iso(now) }).execute();
    await recordAuditEvent(trx, {
      action: "promise.police_commentary",
      actorId: input.actor.id,
      subject: promise.id,
      details: { promiseId: promise.id, length: text.length },
      now,
    });
  });
  if (refusedLate) return refusedLate;
  return { ok: true };
}

export async function policeCommentaryOf(db: Kysely<Database>, promiseId: string): Promise<string | null> {
  const row = await db.selectFrom("promise_police_text").select("text").where("promise_id", "=", promiseId).executeTakeFirst();
  return row?.text || null;
}

// What the follow-up pages (the coordinator's and the police partner's) read and post.

export interface FollowupView {
  promise: FullPromise;
  /** The side the viewer acts for, and whether this version takes follow-up at all. */
  side: RecordedAs;
  live: boolean;
  /** Commitments the viewer may record activities and status on. */
  actionable: string[];
  history: Awaited<ReturnType<typeof statusHistoryOf>>;
  /** Progress on each measurable target ("1 av 1"), by commitment id. */
  progress: Record<string, { done: number; of: number }>;
  policeCommentary: string | null;
  mayWriteCommentary: boolean;
}

/** A promise's follow-up as its coordinator or attached police partner sees it; undefined for anyone else (a 404). */
export async function followupViewOf(db: Kysely<Database>, actor: FollowupActor, promiseId: string): Promise<FollowupView | undefined> {
  const side = sideOf(actor);
  const promise = side ? await getPromise(db, promiseId) : undefined;
  const scope = promise ? await promiseScope(db, promise.id) : undefined;
  if (!side || !promise || !scope || !can.followPromise(actor, scope)) return undefined;
  const commitments = promise.focusAreas.flatMap((a) => a.commitments);
  const [history, policeCommentary] = await Promise.all([statusHistoryOf(db, commitments.map((c) => c.id)), policeCommentaryOf(db, promise.id)]);
  const live = notLive(scope) === null;
  return {
    promise,
    side,
    live,
    actionable: live ? commitments.filter((c) => can.followUpCommitment(actor, scope, c.owner)).map((c) => c.id) : [],
    history,
    progress: Object.fromEntries(commitments.flatMap((c) => {
      const progress = targetProgress(c);
      return progress ? [[c.id, progress]] : [];
    })),
    policeCommentary,
    mayWriteCommentary: live && can.writePoliceCommentary(actor, scope),
  };
}

const FOLLOWUP_INTENTS = ["activity", "remove-activity", "status", "commentary"] as const;

type FollowupFormResult =
  | { ok: true; notice: string }
  | { ok: false; status: 400 | 404 | 409; intent: string; commitmentId: string | null; errors: Record<string, string>; values: Record<string, string> };

const NOTICES: Record<(typeof FOLLOWUP_INTENTS)[number], string> = {
  activity: "Aktiviteten är registrerad.",
  "remove-activity": "Aktiviteten är borttagen.",
  status: "Statusen är sparad.",
  commentary: "Polisens kommentar är sparad.",
};

/** One posted form of a follow-up page, dispatched by its intent to the functions above. */
export async function submitFollowupForm(db: Kysely<Database>, input: { actor: FollowupActor; promiseId: string; form: FormData; now?: Date }): Promise<FollowupFormResult> {
  const text = (name: string) => {
    const value = input.form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const intent = text("intent") ?? "";
  const commitmentId = (text("commitmentId") ?? "").slice(0, 64);
  const values = formValues(input.form);
  // Each function checks the commitment or activity belongs to the page's promise through the actor's access; the page's own promise is checked here.
  const inPromise = async (table: "commitment" | "activity", id: string) => {
    const row =
      table === "commitment"
        ? await db.selectFrom("promise_commitment").select("promise_id").where("id", "=", id).executeTakeFirst()
        : await db
            .selectFrom("commitment_activity as a")
            .innerJoin("promise_commitment as c", "c.id", "a.commitment_id")
            .select("c.promise_id")
            .where("a.id", "=", id)
            .executeTakeFirst();
    return row?.promise_id === input.promiseId;
  };
  let outcome: FollowupOutcome<{}>;
  if (intent === "activity" || intent === "status") {
    if (!(await inPromise("commitment", commitmentId))) outcome = NOT_FOUND;
    else if (intent === "activity") {
      outcome = await recordActivity(db, {
        actor: input.actor,
        commitmentId,
        form: { happenedOn: text("happenedOn"), title: text("title"), description: text("description"), participants: text("participants"), place: text("place") },
        now: input.now,
      });
    } else outcome = await setCommitmentStatus(db, { actor: input.actor, commitmentId, status: text("status") ?? "", note: text("note") ?? "", now: input.now });
  } else if (intent === "remove-activity") {
    const activityId = (text("activityId") ?? "").slice(0, 64);
    outcome = (await inPromise("activity", activityId)) ? await removeActivity(db, { actor: input.actor, activityId, now: input.now }) : { ok: false, status: 404, errors: { form: "Aktiviteten finns inte." } };
  } else if (intent === "commentary") {
    outcome = await savePoliceCommentary(db, { actor: input.actor, promiseId: input.promiseId, text: text("text") ?? "", now: input.now });
  } else {
    outcome = { ok: false, status: 400, errors: { form: "Formuläret gick inte att känna igen. Ladda om sidan och försök igen." } };
  }
  if (outcome.ok) return { ok: true, notice: NOTICES[intent as (typeof FOLLOWUP_INTENTS)[number]] };
  return { ok: false, status: outcome.status, intent, commitmentId: commitmentId || null, errors: outcome.errors, values };
}
