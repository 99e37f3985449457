// SPDX-License-Identifier: EUPL-1.2
// The coordinator's report form at /samordnare/uppfoljning: a report is always previewed before
// it is published. The preview carries the checksum of what it shows (the figures, every
// commitment of the promise, the police's commentary); publishing when any of it changed since
// then shows the new preview instead (reports.server.ts publishReport), so a coordinator never
// publishes what they have not seen. The promise itself is written at /samordnare/loften.
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { renderCommentary } from "./commentary.server";
import { EARLIEST_REPORT_DAY, MAX_COMMENTARY_LENGTH } from "./limits";
import { publicFigures, type PublicFigures } from "./public-figures.server";
import { byFocusArea, type PublicFocusArea } from "./public-promise.server";
import {
  contentsChecksum,
  findFollowupMunicipality,
  getReport,
  listReports,
  parseDay,
  publishReport,
  REPORT_ID_PATTERN,
  reportContents,
  type DayPeriod,
  type PublicMunicipality,
  type ReportContents,
} from "./reports.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

const day = (label: string) =>
  z
    .string({ error: `Fyll i ${label}.` })
    .trim()
    .min(1, `Fyll i ${label}.`)
    .refine((v) => parseDay(v) !== null, `Skriv ${label} som ÅÅÅÅ-MM-DD, till exempel 2025-06-30.`)
    .refine((v) => v >= EARLIEST_REPORT_DAY, `${label[0]!.toUpperCase()}${label.slice(1)} kan inte vara före år 2000.`);

function reportSchema(today: string) {
  return z
    .object({
      title: z
        .string({ error: "Fyll i en rubrik." })
        .trim()
        .min(1, "Fyll i en rubrik, till exempel ”Uppföljning 1 2025”.")
        .min(3, "Rubriken måste ha minst 3 tecken.")
        .max(120, "Rubriken får ha högst 120 tecken.")
        .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Rubriken innehåller otillåtna tecken."),
      from: day("startdatum"),
      to: day("slutdatum").refine((v) => v <= today, "Perioden kan inte sluta efter i dag: siffrorna räknas när rapporten publiceras."),
      commentary: z
        .string({ error: "Skriv en kommentar till invånarna." })
        .trim()
        .min(1, "Skriv en kommentar till invånarna.")
        .max(MAX_COMMENTARY_LENGTH, `Kommentaren får ha högst ${MAX_COMMENTARY_LENGTH} tecken.`)
        .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Kommentaren innehåller otillåtna tecken."),
      replaces: z
        .string()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || REPORT_ID_PATTERN.test(v), "Välj en rapport i listan."),
    })
    .refine((v) => v.from <= v.to, { path: ["to"], message: "Slutdatum kan inte vara före startdatum." });
}

const publishSchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  checksum: z.string().regex(/^[0-9a-f]{32}$/),
});

/** What the coordinator sees before publishing, and sends back (values, id, checksum) to publish. */
export interface ReportPreview {
  values: Record<string, string>;
  id: string;
  checksum: string;
  figures: PublicFigures;
  commentaryHtml: string;
  /** The police's part of the joint commentary, as it will be frozen. */
  policeCommentaryHtml: string | null;
  promise: { id: string; title: string } | null;
  focusAreas: PublicFocusArea[];
  period: DayPeriod;
  replacesTitle: string | null;
  figuresChanged: boolean;
}

export type FollowupFormOutcome =
  | { kind: "errors"; status: 400 | 409; errors: FieldErrors; values: Record<string, string> }
  | { kind: "preview"; preview: ReportPreview }
  | { kind: "edit"; values: Record<string, string> }
  | { kind: "published"; id: string };

const ALREADY_PUBLISHED =
  "Rapporten är redan publicerad och kan inte ändras. Behöver den rättas publicerar du en ny rapport som ersätter den: välj Rätta vid rapporten i listan.";

/** The coordinator's own municipality, which exists as long as their account does. */
export async function followupMunicipalityOf(db: Kysely<Database>, municipalityId: string): Promise<PublicMunicipality> {
  const municipality = await findFollowupMunicipality(db, { id: municipalityId });
  if (!municipality) throw new Error(`the coordinator's municipality ${municipalityId} is missing`);
  return municipality;
}

/** The report form filled in from a published report, as a correction of it; null for one already replaced or not this municipality's. */
export async function correctionValues(db: Kysely<Database>, input: { municipalityId: string; reportId: string | null }): Promise<Record<string, string> | null> {
  if (!input.reportId || !REPORT_ID_PATTERN.test(input.reportId)) return null;
  const report = await getReport(db, { municipalityId: input.municipalityId, id: input.reportId });
  if (!report || report.replacedBy) return null;
  return { title: report.title, from: report.period.from, to: report.period.to, commentary: report.commentary, replaces: report.id };
}

function previewOf(input: {
  id: string;
  values: Record<string, string>;
  contents: ReportContents;
  commentary: string;
  period: DayPeriod;
  replacesTitle: string | null;
  figuresChanged: boolean;
}): FollowupFormOutcome {
  const { contents } = input;
  return {
    kind: "preview",
    preview: {
      id: input.id,
      values: input.values,
      checksum: contentsChecksum(contents),
      figures: publicFigures(contents.figures),
      commentaryHtml: renderCommentary(input.commentary),
      policeCommentaryHtml: contents.policeCommentary ? renderCommentary(contents.policeCommentary) : null,
      promise: contents.promise,
      focusAreas: byFocusArea(contents.commitments),
      period: input.period,
      replacesTitle: input.replacesTitle,
      figuresChanged: input.figuresChanged,
    },
  };
}

/**
 * The report form, by its intent: "preview" counts the figures as they are now, "edit" goes
 * back to the form with what was typed, "publish" freezes the previewed report.
 */
export async function submitReportForm(
  db: Kysely<Database>,
  input: { municipality: PublicMunicipality; actorId: string; form: FormData; content: ContentIndex },
  now: Date = new Date(),
): Promise<FollowupFormOutcome> {
  const { municipality, form } = input;
  const intent = form.get("intent");
  if (intent !== "preview" && intent !== "publish" && intent !== "edit") {
    return { kind: "errors", status: 400, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." }, values: {} };
  }
  const parsed = parseForm(reportSchema(formatIsoDate(now)), form);
  if (!parsed.ok) return { kind: "errors", status: 400, errors: parsed.errors, values: parsed.values };
  const { title, from, to, commentary, replaces } = parsed.data;
  const values = { title, from, to, commentary, replaces: replaces ?? "" };
  if (intent === "edit") return { kind: "edit", values };

  const replaceError = (message: string, status: 400 | 409 = 400): FollowupFormOutcome => ({ kind: "errors", status, errors: { replaces: message }, values });
  // Only a report of this municipality that no other report has replaced may be corrected.
  const reports = await listReports(db, municipality.id);
  const replaced = replaces ? reports.find((r) => r.id === replaces) : null;
  if (replaced === undefined) return replaceError("Välj en rapport i listan.");
  if (replaced?.replacedBy) return replaceError(`Rapporten har redan ersatts av ”${replaced.replacedBy.title}”. Rätta den i stället.`, 409);
  const period = { from, to };
  const replacesTitle = replaced?.title ?? null;

  if (intent === "preview") {
    const contents = await reportContents(db, { municipalityId: municipality.id, content: input.content, now });
    return previewOf({ id: newId(), values, contents, commentary, period, replacesTitle, figuresChanged: false });
  }

  const publication = parseForm(publishSchema, form);
  if (!publication.ok) return { kind: "errors", status: 400, errors: { form: "Förhandsgranska rapporten innan du publicerar den." }, values };
  const outcome = await publishReport(db, {
    id: publication.data.id,
    municipality,
    actorId: input.actorId,
    title,
    period,
    commentary,
    replacesId: replaces,
    content: input.content,
    previewedChecksum: publication.data.checksum,
    now,
  });
  switch (outcome.status) {
    case "published":
      return { kind: "published", id: outcome.id };
    case "already_published":
      return { kind: "errors", status: 409, errors: { form: ALREADY_PUBLISHED }, values: {} };
    case "replaced_missing":
      return replaceError("Välj en rapport i listan.");
    case "already_replaced":
      return replaceError(`Rapporten har redan ersatts av ”${outcome.by.title}”. Rätta den i stället.`, 409);
    case "contents_changed":
      return previewOf({ id: publication.data.id, values, contents: outcome.contents, commentary, period, replacesTitle, figuresChanged: true });
  }
}
