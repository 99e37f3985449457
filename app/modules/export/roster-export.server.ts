// SPDX-License-Identifier: EUPL-1.2
// The coordinator's list of coaches as a file: the same filtered rows, made into cells once,
// written either as CSV for Swedish Excel (UTF-8 with BOM, semicolons, CRLF) or as XLSX,
// streamed into the response as it is written (a 2,000-coach workbook then never sits whole
// in the process's memory: docs/performance.md).
// Every export is recorded in the audit log: it carries personal data out of the portal.
import { PassThrough, Readable, Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { rosterQueryString, rosterRows, type RosterFilters, type RosterRow } from "~/modules/roster/roster.server";
import type { Database } from "~db/schema";

export type ExportFormat = "csv" | "xlsx";

/** A date cell holds the Stockholm day as YYYY-MM-DD. */
export type Cell = string | number | null;

interface Column {
  header: string;
  kind: "text" | "number" | "date";
  /** In characters, for the XLSX. */
  width: number;
  value: (row: RosterRow) => Cell;
}

const day = (value: string | null | undefined): string | null => (value ? formatIsoDate(value) : null);

const COLUMNS: Column[] = [
  { header: "Namn", kind: "text", width: 28, value: (row) => row.name },
  { header: "E-postadress", kind: "text", width: 34, value: (row) => row.email },
  { header: "Roll", kind: "text", width: 14, value: (row) => ROLE_LABELS[row.role] },
  { header: "Skola", kind: "text", width: 22, value: (row) => row.school },
  { header: "Status", kind: "text", width: 26, value: (row) => row.statusLabel },
  { header: "Moduler klara", kind: "number", width: 14, value: (row) => row.progress?.modulesDone ?? null },
  { header: "Moduler totalt", kind: "number", width: 14, value: (row) => row.progress?.modulesTotal ?? null },
  { header: "Lektioner klara", kind: "number", width: 15, value: (row) => row.progress?.lessonsDone ?? null },
  { header: "Lektioner totalt", kind: "number", width: 16, value: (row) => row.progress?.lessonsTotal ?? null },
  { header: "Nästa modul", kind: "text", width: 30, value: (row) => row.currentModule?.title ?? null },
  { header: "Senaste aktivitet", kind: "date", width: 17, value: (row) => day(row.lastActivityAt) },
  { header: "Intygskod", kind: "text", width: 17, value: (row) => row.certificate?.code ?? null },
  { header: "Intyget utfärdat", kind: "date", width: 16, value: (row) => day(row.certificate?.issuedAt) },
  { header: "Intyget giltigt till och med", kind: "date", width: 26, value: (row) => row.certificate?.lastValidDay ?? null },
  { header: "Intygets status", kind: "text", width: 16, value: (row) => row.certificate?.statusLabel ?? null },
  { header: "Tränat på äldre version", kind: "text", width: 22, value: (row) => (row.progress ? (row.olderVersion ? "Ja" : "Nej") : null) },
  { header: "Konto skapat eller inbjuden", kind: "date", width: 26, value: (row) => day(row.since) },
];

export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

export function exportCells(rows: RosterRow[]): Cell[][] {
  return rows.map((row) => COLUMNS.map((column) => column.value(row)));
}

// A spreadsheet runs a cell that starts like a formula (OWASP "CSV injection"); a leading
// apostrophe makes Excel and LibreOffice show it as text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a byte-order mark and semicolons: what Excel with Swedish settings opens as columns with å, ä and ö intact. */
export function toCsv(rows: RosterRow[]): Uint8Array<ArrayBuffer> {
  const lines = [EXPORT_HEADERS, ...exportCells(rows)].map((cells) => cells.map(csvField).join(";"));
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

function excelDate(isoDay: string): Date {
  const [year, month, date] = isoDay.split("-").map(Number) as [number, number, number];
  // Excel dates have no time zone: midnight UTC is read as that calendar day.
  return new Date(Date.UTC(year, month - 1, date));
}

/** Rows written between two turns of the event loop: other requests wait at most that long. */
const ROWS_PER_TURN = 100;

/**
 * Writes the workbook into `stream` as it is made: exceljs's streaming writer commits each row
 * to the zip as it goes, so neither the workbook nor the file is ever whole in memory.
 */
async function writeXlsx(rows: RosterRow[], now: Date, stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Coachportalen";
  workbook.created = now;
  const sheet = workbook.addWorksheet("Coacher", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((column, i) => ({
    header: column.header,
    key: String(i),
    width: column.width,
    style: column.kind === "date" ? { numFmt: "yyyy-mm-dd" } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for (let start = 0; start < rows.length; start += ROWS_PER_TURN) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const cells of exportCells(rows.slice(start, start + ROWS_PER_TURN))) {
      sheet.addRow(cells.map((cell, i) => (cell !== null && COLUMNS[i]!.kind === "date" ? excelDate(String(cell)) : cell))).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/** The whole file in memory, for an email attachment (a monthly summary). */
export async function toXlsx(rows: RosterRow[], now: Date): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeXlsx(rows, now, sink);
  const file = Buffer.concat(chunks);
  return new Uint8Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
}

/**
 * The file as a stream the response sends while it is being written. A failure half-way
 * aborts the stream, so the download breaks off instead of ending as a damaged file.
 */
function xlsxStream(rows: RosterRow[], now: Date): ReadableStream<Uint8Array> {
  const through = new PassThrough();
  writeXlsx(rows, now, through).catch((error: unknown) => through.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(through) as ReadableStream<Uint8Array>;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface ExportFile {
  /** CSV is small and sent whole; XLSX is streamed. */
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  filename: string;
  contentType: string;
  rows: number;
}

/** The municipality's filtered list, all pages, as a file; recorded in the audit log. */
export async function exportRoster(
  db: Kysely<Database>,
  input: {
    format: ExportFormat;
    municipality: { id: string; slug: string };
    actorId: string;
    content: ContentIndex;
    filters: RosterFilters;
    now?: Date;
  },
): Promise<ExportFile> {
  const now = input.now ?? new Date();
  const rows = await rosterRows(db, { municipalityId: input.municipality.id, content: input.content, filters: input.filters, now });
  // Recorded before the first byte leaves: the rows are chosen, and the file carries exactly them.
  await recordAuditEvent(db, {
    action: input.format === "csv" ? "export.csv" : "export.xlsx",
    actorId: input.actorId,
    municipalityId: input.municipality.id,
    details: { rows: rows.length, filters: rosterQueryString(input.filters) },
    now,
  });
  return {
    body: input.format === "csv" ? toCsv(rows) : xlsxStream(rows, now),
    filename: `coacher-${input.municipality.slug}-${formatIsoDate(now)}.${input.format}`,
    contentType: CONTENT_TYPES[input.format],
    rows: rows.length,
  };
}

export function downloadResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      // Personal data: no shared cache or browser history may keep a copy.
      "Cache-Control": "no-store",
    },
  });
}
