// SPDX-License-Identifier: EUPL-1.2
// Earlier training (issue #5): steps of a track a coach completed before the portal, registered
// by their coordinator one person at a time or imported from a CSV/XLSX file. Certification
// reads the credits through creditedSteps: a credited module counts as read and passed, a
// credited session step as attended, on the credited date.
import { createHmac, timingSafeEqual } from "node:crypto";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import type { Track } from "~/content/types";
import { formatIsoDate } from "~/lib/dates";
import { fields } from "~/lib/validation";
import { MEMBER_ROLES, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { issueCertificateIfEligible, redecideCertificate, REVOCATION_REASON_MAX, REVOCATION_REASON_MIN } from "~/modules/certification/certification.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { createInvitation, InvitationError, resendInvitation } from "~/modules/auth/invitation.server";
import { lookUpAddressees, type Addressee } from "./import-people.server";
import { pendingCreditKeys, storePendingCredits, writeCredits } from "./pending-credits.server";
import type { Database } from "~db/schema";

// Read by certification too, so it lives in a module of its own (no import circle with certification.server.ts).
export { creditedSteps } from "./credited-steps.server";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
export const NOTE_MAX = 300;
const EARLIEST = "2000-01-01";

export interface TrackStep {
  key: string;
  title: string;
  kind: "modul" | "utbildningsdag" | "booster";
}

/** Every step a coordinator may credit: the track's modules, then its session steps. */
export function trackSteps(content: ContentIndex, track: Track): TrackStep[] {
  return [
    ...track.modules.map((slug) => ({ key: slug, title: content.modules[slug]?.title ?? slug, kind: "modul" as const })),
    ...track.sessions.map((s) => ({ key: s.key, title: s.title, kind: s.kind })),
  ];
}

/**
 * What "Hela utbildningen" (or "alla") credits: the modules and the required session steps. Never
 * an optional booster: crediting one nobody attended would also extend a certificate's validity.
 */
export function wholeTrainingKeys(track: Track): string[] {
  return [...track.modules, ...track.sessions.filter((s) => s.required).map((s) => s.key)];
}

export interface PriorTrainingRecord {
  id: string;
  track: string;
  stepKey: string;
  completedOn: string;
  note: string | null;
  registeredByName: string | null;
  createdAt: string;
}

export async function listPriorTraining(db: Kysely<Database>, userId: string): Promise<PriorTrainingRecord[]> {
  const rows = await db
    .selectFrom("prior_training")
    .leftJoin("user as registrar", "registrar.id", "prior_training.registered_by")
    .select([
      "prior_training.id",
      "prior_training.track",
      "prior_training.step_key",
      "prior_training.completed_on",
      "prior_training.note",
      "prior_training.created_at",
      "registrar.name as registrar_name",
    ])
    .where("prior_training.user_id", "=", userId)
    .orderBy("prior_training.completed_on", "desc")
    .orderBy("prior_training.step_key")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    track: r.track,
    stepKey: r.step_key,
    completedOn: r.completed_on,
    note: r.note,
    registeredByName: r.registrar_name ?? null,
    createdAt: r.created_at,
  }));
}

export interface Coach {
  id: string;
  name: string;
  email: string;
}

/** The people a coordinator may register earlier training for: the active members of their municipality. */
export async function municipalityCoaches(db: Kysely<Database>, municipalityId: string): Promise<Coach[]> {
  return db
    .selectFrom("user")
    .select(["id", "name", "email"])
    .where("municipality_id", "=", municipalityId)
    .where("role", "in", MEMBER_ROLES)
    .where("anonymised_at", "is", null)
    .where("deactivated_at", "is", null)
    .orderBy("name")
    .execute();
}

/** Why a date cannot be a completion date, or null when it can. */
export function dateProblem(value: string, now: Date): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return `datumet "${value}" är inte ett datum (ÅÅÅÅ-MM-DD)`;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return `datumet "${value}" är inte ett datum (ÅÅÅÅ-MM-DD)`;
  if (value < EARLIEST) return `datumet "${value}" är före år 2000`;
  if (value > formatIsoDate(now)) return `datumet "${value}" ligger i framtiden`;
  return null;
}

/** Reads the step column: "alla"/"hela", or keys or titles separated by commas. */
function resolveSteps(text: string, steps: TrackStep[], whole: string[]): { keys: string[]; unknown: string[] } {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 1 && /^(alla|hela|hela utbildningen)$/i.test(parts[0]!)) return { keys: whole, unknown: [] };
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const part of parts) {
    const lower = part.toLocaleLowerCase("sv");
    const step = steps.find((s) => s.key.toLocaleLowerCase("sv") === lower || s.title.toLocaleLowerCase("sv") === lower);
    if (step) {
      if (!keys.includes(step.key)) keys.push(step.key);
    } else unknown.push(part);
  }
  return { keys, unknown };
}

async function existingKeys(db: Kysely<Database>, userIds: string[], track: string): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom("prior_training").select(["user_id", "step_key"]).where("track", "=", track).where("user_id", "in", userIds).execute();
  return new Set(rows.map((r) => `${r.user_id}\u0000${r.step_key}`));
}

async function issueFor(db: Kysely<Database>, content: ContentIndex, track: Track, userIds: string[], now: Date): Promise<number> {
  let issued = 0;
  // Each issue locks the person in a transaction of its own, after the credits are stored (as attendance does).
  for (const userId of new Set(userIds)) {
    const result = await issueCertificateIfEligible(db, { userId, track, content, now });
    if (result && result.outcome !== "existing") issued++;
  }
  return issued;
}

// --- One person at a time -------------------------------------------------------------------

export type RegisterResult =
  | { ok: true; coachName: string; created: number; alreadyRegistered: number; certificates: number }
  | { ok: false; errors: Record<string, string> };

export async function registerPriorTraining(
  db: Kysely<Database>,
  input: {
    actor: SessionUser & { municipalityId: string };
    content: ContentIndex;
    track: Track;
    coachId?: string;
    email?: string;
    all: boolean;
    steps: string[];
    date: string;
    note: string | null;
    now?: Date;
  },
): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  const errors: Record<string, string> = {};
  const coaches = await municipalityCoaches(db, input.actor.municipalityId);
  const email = input.email?.trim().toLowerCase();
  const coach = input.coachId ? coaches.find((c) => c.id === input.coachId) : email ? coaches.find((c) => c.email.toLowerCase() === email) : undefined;
  if (!coach) errors.coach = input.coachId || email ? "Det finns ingen coach med den e-postadressen i din kommun." : "Välj en coach eller fyll i en e-postadress.";
  const steps = trackSteps(input.content, input.track);
  const keys = input.all ? wholeTrainingKeys(input.track) : input.steps.filter((k) => steps.some((s) => s.key === k));
  if (keys.length === 0 || (!input.all && keys.length !== new Set(input.steps).size)) errors.steps = "Välj minst ett moment, eller Hela utbildningen.";
  const problem = dateProblem(input.date.trim(), now);
  if (problem) errors.date = problem.charAt(0).toUpperCase() + problem.slice(1) + ".";
  if (input.note && input.note.length > NOTE_MAX) errors.note = `Anteckningen får ha högst ${NOTE_MAX} tecken.`;
  if (!coach || Object.keys(errors).length > 0) return { ok: false, errors };

  const existing = await existingKeys(db, [coach.id], input.track.slug);
  const fresh = keys.filter((k) => !existing.has(`${coach.id}\u0000${k}`));
  await db.transaction().execute(async (trx) => {
    await writeCredits(trx, { registeredBy: input.actor.id, municipalityId: input.actor.municipalityId, track: input.track.slug, userId: coach.id, keys: fresh, date: input.date.trim(), note: input.note, now });
    await recordAuditEvent(trx, {
      action: "prior.registered",
      actorId: input.actor.id,
      subject: coach.id,
      municipalityId: input.actor.municipalityId,
      details: { track: input.track.slug, steps: fresh, skipped: keys.length - fresh.length, completedOn: input.date.trim() },
      now,
    });
  });
  const certificates = fresh.length > 0 ? await issueFor(db, input.content, input.track, [coach.id], now) : 0;
  return { ok: true, coachName: coach.name, created: fresh.length, alreadyRegistered: keys.length - fresh.length, certificates };
}

// --- Removing a mistaken credit ---------------------------------------------------------------

export type RemoveResult =
  | { status: "removed"; stepTitle: string; certificateRevoked: boolean }
  | { status: "invalid_reason"; message: string }
  | { status: "not_found" };

/**
 * Withdraws one credit, with the coordinator's reason (issue #16). Audited; the certificate that
 * holds in its track is decided again without it and revoked with the same reason (its holder
 * told) if it no longer would be issued, all in one transaction. A credit of a person outside
 * the coordinator's municipality answers as one that does not exist.
 */
export async function removePriorTraining(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; content: ContentIndex; personId: string; creditId: string; reason: string; now?: Date },
): Promise<RemoveResult> {
  const now = input.now ?? new Date();
  const reason = input.reason.trim();
  if (reason.length < REVOCATION_REASON_MIN) return { status: "invalid_reason", message: `Skriv varför registreringen tas bort, med minst ${REVOCATION_REASON_MIN} tecken.` };
  if (reason.length > REVOCATION_REASON_MAX) return { status: "invalid_reason", message: `Skälet får ha högst ${REVOCATION_REASON_MAX} tecken.` };
  const credit = await db
    .selectFrom("prior_training")
    .innerJoin("user", "user.id", "prior_training.user_id")
    .select(["prior_training.id", "prior_training.user_id", "prior_training.track", "prior_training.step_key", "prior_training.completed_on"])
    .where("prior_training.id", "=", input.creditId)
    .where("prior_training.user_id", "=", input.personId)
    .where("user.municipality_id", "=", input.actor.municipalityId)
    .executeTakeFirst();
  if (!credit) return { status: "not_found" };
  const track = input.content.tracks.find((t) => t.slug === credit.track);
  const stepTitle = track ? (trackSteps(input.content, track).find((s) => s.key === credit.step_key)?.title ?? credit.step_key) : credit.step_key;
  const certificateRevoked = await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("prior_training").where("id", "=", credit.id).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) return null;
    await recordAuditEvent(trx, {
      action: "prior.removed",
      actorId: input.actor.id,
      subject: credit.user_id,
      municipalityId: input.actor.municipalityId,
      details: { track: credit.track, step: credit.step_key, completedOn: credit.completed_on, reason },
      now,
    });
    await refreshProgressSummary(trx, credit.user_id, undefined, now);
    return track ? redecideCertificate(trx, { userId: credit.user_id, track, content: input.content, actorId: input.actor.id, reason, now }) : false;
  });
  // Removed by someone else a moment earlier: the same as never there.
  if (certificateRevoked === null) return { status: "not_found" };
  return { status: "removed", stepTitle, certificateRevoked };
}

// --- Import from a file ---------------------------------------------------------------------

/** A CSV parser for quoted fields (RFC 4180), with ; or , as the delimiter guessed from the header line. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, "");
  const firstLine = source.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(";") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return "";
  // A date typed into Excel arrives as a Date at midnight UTC of that day.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    return "";
  }
  return String(value);
}

export type FileRows = { ok: true; rows: string[][] } | { ok: false; message: string };

/** The file's rows as text, header included. */
export async function readImportFile(file: { name: string; bytes: Uint8Array }): Promise<FileRows> {
  if (file.bytes.byteLength === 0) return { ok: false, message: "Filen är tom. Välj en CSV- eller Excelfil med minst en rad." };
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, message: "Filen är större än 2 MB. Dela upp den i flera filer." };
  const isXlsx = /\.xlsx$/i.test(file.name) || (file.bytes[0] === 0x50 && file.bytes[1] === 0x4b);
  if (isXlsx) {
    try {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) return { ok: false, message: "Excelfilen har inget kalkylblad." };
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => {
        const cells: string[] = [];
        for (let c = 1; c <= Math.max(row.cellCount, 4); c++) cells.push(cellText(row.getCell(c).value).trim());
        rows.push(cells);
      });
      return { ok: true, rows };
    } catch {
      return { ok: false, message: "Excelfilen gick inte att läsa. Spara den som .xlsx eller som CSV (UTF-8) och försök igen." };
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, message: "Filen är inte en CSV-fil i UTF-8. Spara den som CSV UTF-8 och försök igen." };
  }
  return { ok: true, rows: parseCsv(text) };
}

export type ImportOutcome = "new" | "existing" | "error";

/**
 * Who a row is for (issue #16): a registered member; someone invited who has not registered
 * ("renewed" when that invitation has expired and gets a new link); someone new, who gets an
 * invitation. The credits of the last three wait on the invitation until it is accepted.
 */
export type ImportPerson = "registered" | "invited" | "renewed" | "new";

export interface ImportRow {
  /** The row's number in the file, header = 1. */
  line: number;
  email: string;
  name: string;
  date: string;
  steps: string;
  outcome: ImportOutcome;
  /** Null when the address itself is refused or missing. */
  person: ImportPerson | null;
  /** Steps to write (only for "new"). */
  newSteps: string[];
  errors: string[];
  warnings: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  errorCount: number;
  newCount: number;
  existingCount: number;
  /** People without an account who would get an invitation. */
  invitationCount: number;
  /** A message about the whole file; rows are then empty. */
  fileError: string | null;
}

const HEADERS = { email: ["e-post", "epost", "e-postadress", "email"], name: ["namn"], date: ["datum"], steps: ["moment", "steg"] };

/** Checks every row; writes nothing. */
export async function previewImport(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; content: ContentIndex; track: Track; rows: string[][]; now?: Date },
): Promise<ImportPreview> {
  return (await checkImport(db, input)).preview;
}

async function checkImport(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; content: ContentIndex; track: Track; rows: string[][]; now?: Date },
): Promise<{ preview: ImportPreview; people: Map<string, Addressee> }> {
  const now = input.now ?? new Date();
  const people = new Map<string, Addressee>();
  const empty = (fileError: string) => ({ preview: { rows: [], errorCount: 1, newCount: 0, existingCount: 0, invitationCount: 0, fileError }, people });
  const [header, ...body] = input.rows;
  if (!header) return empty("Filen är tom. Den första raden ska vara rubrikerna e-post, namn, datum och moment.");
  const names = header.map((h) => h.trim().toLocaleLowerCase("sv"));
  const col = (options: string[]) => names.findIndex((n) => options.includes(n));
  const at = { email: col(HEADERS.email), name: col(HEADERS.name), date: col(HEADERS.date), steps: col(HEADERS.steps) };
  const missing = (["email", "date", "steps"] as const).filter((k) => at[k] < 0);
  if (missing.length > 0) {
    const label = { email: "e-post", date: "datum", steps: "moment" };
    return empty(`Rad 1: kolumnen ${missing.map((m) => `"${label[m]}"`).join(" och ")} saknas. Den första raden ska vara rubrikerna e-post, namn, datum och moment.`);
  }
  if (body.length === 0) return empty("Filen har inga rader under rubrikraden.");
  if (body.length > MAX_IMPORT_ROWS) return empty(`Filen har ${body.length} rader. Högst ${MAX_IMPORT_ROWS} rader kan importeras åt gången; dela upp filen.`);

  const emails = body.map((cells) => (at.email >= 0 ? (cells[at.email] ?? "").trim().toLowerCase() : ""));
  for (const [email, who] of await lookUpAddressees(db, { actor: input.actor, role: input.track.audience, emails, now })) people.set(email, who);
  const registered = [...people.values()].flatMap((p) => (p.kind === "registered" ? [p.userId] : []));
  const invited = [...people.values()].flatMap((p) => (p.kind === "invited" ? [p.invitationId] : []));
  const existing = await existingKeys(db, registered, input.track.slug);
  const pending = await pendingCreditKeys(db, invited, input.track.slug);
  const steps = trackSteps(input.content, input.track);
  const seen = new Map<string, number>();
  const rows: ImportRow[] = body.map((cells, index) => {
    const line = index + 2;
    const cell = (i: number) => (i >= 0 ? (cells[i] ?? "").trim() : "");
    const row: ImportRow = { line, email: cell(at.email), name: cell(at.name), date: cell(at.date), steps: cell(at.steps), outcome: "new", person: null, newSteps: [], errors: [], warnings: [] };
    const err = (text: string) => row.errors.push(`Rad ${line}: ${text}.`);
    const email = row.email.toLowerCase();
    const who = people.get(email);
    if (!row.email) err("e-postadressen saknas");
    else if (who?.kind === "refused") err(who.problem);
    else if (who?.kind === "registered") row.person = "registered";
    else if (who?.kind === "invited") row.person = who.expired ? "renewed" : "invited";
    else if (who?.kind === "new") row.person = "new";
    // The invitation carries the name, offered to the person when they make their account, so the file must give one.
    if (row.person === "new" && !row.name) err("namnet saknas (det behövs för den som får en inbjudan)");
    else if (row.person === "new" && !fields.name().safeParse(row.name).success) err(`namnet "${row.name}" ska ha 2–100 tecken och inga styrtecken`);
    if (!row.date) err("datumet saknas");
    else {
      const problem = dateProblem(row.date, now);
      if (problem) err(problem);
    }
    const resolved = resolveSteps(row.steps, steps, wholeTrainingKeys(input.track));
    if (!row.steps) err("momentet saknas (skriv till exempel alla)");
    for (const u of resolved.unknown) err(`momentet "${u}" finns inte i utbildningen`);
    if (who?.kind === "registered" && row.name && row.name.toLocaleLowerCase("sv") !== who.name.toLocaleLowerCase("sv")) {
      row.warnings.push(`Rad ${line}: namnet "${row.name}" stämmer inte med "${who.name}" som har e-postadressen.`);
    }
    if (row.person) {
      for (const key of resolved.keys) {
        const id = `${email}\u0000${key}`;
        const earlier = seen.get(id);
        if (earlier !== undefined) err(`momentet "${key}" för ${row.email} finns redan på rad ${earlier}`);
        else seen.set(id, line);
      }
      const done = who?.kind === "registered" ? (k: string) => existing.has(`${who.userId}\u0000${k}`) : who?.kind === "invited" ? (k: string) => pending.has(`${who.invitationId}\u0000${k}`) : () => false;
      row.newSteps = resolved.keys.filter((k) => !done(k));
    }
    row.outcome = row.errors.length > 0 ? "error" : row.newSteps.length === 0 ? "existing" : "new";
    if (row.outcome === "error") row.newSteps = [];
    return row;
  });
  const preview: ImportPreview = {
    rows,
    errorCount: rows.filter((r) => r.outcome === "error").length,
    newCount: rows.filter((r) => r.outcome === "new").length,
    existingCount: rows.filter((r) => r.outcome === "existing").length,
    invitationCount: new Set(rows.filter((r) => r.outcome === "new" && r.person === "new").map((r) => r.email.toLowerCase())).size,
    fileError: null,
  };
  return { preview, people };
}

/**
 * Binds a preview's rows to the coordinator who made it: the key is their password hash (or
 * id), held only on the server, so a payload changed in the browser or taken from another
 * coordinator's page does not verify. The confirm step checks every row again regardless.
 */
async function signingKey(db: Kysely<Database>, actorId: string): Promise<string> {
  const row = await db.selectFrom("user").select(["password_hash", "created_at"]).where("id", "=", actorId).executeTakeFirst();
  return `prior-training:${actorId}:${row?.password_hash ?? ""}:${row?.created_at ?? ""}`;
}

export async function signPayload(db: Kysely<Database>, actorId: string, track: string, payload: string): Promise<string> {
  return createHmac("sha256", await signingKey(db, actorId)).update(`${track}\u0000${payload}`).digest("hex");
}

export async function payloadIsGenuine(db: Kysely<Database>, actorId: string, track: string, payload: string, signature: string): Promise<boolean> {
  const expected = Buffer.from(await signPayload(db, actorId, track, payload), "hex");
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type ConfirmResult =
  | { ok: true; created: number; skipped: number; people: number; certificates: number; invited: number; waiting: number; waitingPeople: number }
  | { ok: false; message: string; preview?: ImportPreview };

/**
 * Saves every new row in one transaction, only if no row has an error, after checking
 * everything again: credits of registered people, invitations for new people (each emailed
 * and audited as the invitation page does), renewed links for expired invitations, and the
 * credits that wait on each invitation. A failure anywhere saves nothing and sends nothing.
 */
export async function confirmImport(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; content: ContentIndex; track: Track; payload: string; signature: string; now?: Date },
): Promise<ConfirmResult> {
  const now = input.now ?? new Date();
  if (!(await payloadIsGenuine(db, input.actor.id, input.track.slug, input.payload, input.signature))) {
    return { ok: false, message: "Importen kunde inte bekräftas eftersom uppgifterna har ändrats sedan förhandsgranskningen. Ladda upp filen igen." };
  }
  let rows: string[][];
  try {
    const parsed: unknown = JSON.parse(input.payload);
    if (!Array.isArray(parsed) || !parsed.every((r) => Array.isArray(r) && r.every((c) => typeof c === "string"))) throw new Error("shape");
    rows = parsed as string[][];
  } catch {
    return { ok: false, message: "Importen kunde inte bekräftas. Ladda upp filen igen." };
  }
  const { preview, people } = await checkImport(db, { ...input, rows, now });
  if (preview.fileError) return { ok: false, message: preview.fileError, preview };
  if (preview.errorCount > 0) {
    const named = preview.rows.filter((r) => r.outcome === "error").map((r) => r.line);
    return { ok: false, message: `Ingenting importerades: ${named.length === 1 ? "rad" : "raderna"} ${named.join(", ")} har fel. Rätta filen och ladda upp den igen.`, preview };
  }
  const actor = { id: input.actor.id, name: input.actor.name };
  const written: string[] = [];
  const invitations = new Map<string, string>();
  let created = 0;
  let invited = 0;
  let waiting = 0;
  try {
    await db.transaction().execute(async (trx) => {
      for (const row of preview.rows) {
        const email = row.email.toLowerCase();
        const who = people.get(email);
        if (!who || row.newSteps.length === 0) continue;
        const stored = { track: input.track.slug, keys: row.newSteps, date: row.date, note: "Importerad från fil", now };
        if (who.kind === "registered") {
          await writeCredits(trx, { ...stored, registeredBy: input.actor.id, municipalityId: input.actor.municipalityId, userId: who.userId });
          created += row.newSteps.length;
          written.push(who.userId);
          await recordAuditEvent(trx, {
            action: "prior.registered",
            actorId: input.actor.id,
            subject: who.userId,
            municipalityId: input.actor.municipalityId,
            details: { track: input.track.slug, steps: row.newSteps, completedOn: row.date, import: true, line: row.line },
            now,
          });
          continue;
        }
        let invitationId = invitations.get(email);
        if (!invitationId && who.kind === "invited") {
          invitationId = who.invitationId;
          if (who.expired) await resendInvitation(trx, invitationId, actor, now);
        } else if (!invitationId) {
          invitationId = (await createInvitation(trx, { email, role: input.track.audience, municipalityId: input.actor.municipalityId, invitedBy: actor, name: row.name }, now)).id;
          invited++;
        }
        invitations.set(email, invitationId);
        await storePendingCredits(trx, { ...stored, invitationId, registeredBy: input.actor.id });
        waiting += row.newSteps.length;
      }
      await recordAuditEvent(trx, {
        action: "prior.imported",
        actorId: input.actor.id,
        municipalityId: input.actor.municipalityId,
        details: { track: input.track.slug, rows: preview.rows.length, created, skipped: preview.existingCount, people: new Set(written).size, invited, waiting, waitingPeople: invitations.size },
        now,
      });
    });
  } catch (error) {
    // Someone registered or was invited elsewhere between the preview and now: nothing was saved.
    if (error instanceof InvitationError) return { ok: false, message: `Ingenting importerades: ${error.message} Ladda upp filen igen.` };
    throw error;
  }
  const certificates = await issueFor(db, input.content, input.track, written, now);
  return { ok: true, created, skipped: preview.existingCount, people: new Set(written).size, certificates, invited, waiting, waitingPeople: invitations.size };
}

/** What the coordinator reads after a saved import. */
export function importSummary(result: Extract<ConfirmResult, { ok: true }>): string {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "personer"}`;
  const parts = [`Importen är klar: ${result.created} moment registrerade för ${people(result.people)}.`];
  if (result.waitingPeople > 0) parts.push(`${result.waiting} moment väntar på ${people(result.waitingPeople)} som inte har skapat sitt konto än; de räknas när inbjudan antas.`);
  if (result.invited > 0) parts.push(`${result.invited === 1 ? "En ny inbjudan" : `${result.invited} nya inbjudningar`} skickades.`);
  if (result.skipped > 0) parts.push(`${result.skipped} ${result.skipped === 1 ? "rad var" : "rader var"} redan registrerade och hoppades över.`);
  if (result.certificates > 0) parts.push(`${result.certificates} intyg utfärdades.`);
  return parts.join(" ");
}
