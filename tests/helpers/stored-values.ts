// SPDX-License-Identifier: EUPL-1.2
// What every stored value must satisfy, whatever a form was sent: the input fuzzer
// (tests/integration/input-fuzz.test.ts) checks these after every request it makes.
// Generic rules hold for every text column of every table, tables added later included;
// the named ones hold the schemas the forms validate with.
import { sql, type Kysely } from "kysely";
import { fields } from "~/lib/validation";
import { normalizeCertificateCode } from "~/modules/certification/rules";
import { SLUG_PATTERN } from "~/modules/municipalities/municipalities.server";
import type { Database } from "~db/schema";

const ROLES = ["coach", "school_staff", "coordinator", "admin", "polis"];
// C0 controls but tab, newline and carriage return; DEL; an unpaired surrogate.
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
// Longest text a form keeps (a follow-up commentary is 10 000); a 100 000-character field must never be stored whole.
const LONGEST_TEXT = 20_000;
// Columns that hold more than typed text: JSON made by the app, email bodies made from templates.
const LONG_COLUMNS = new Set(["figures", "body_text", "attachments", "answers", "details"]);

type Row = Record<string, unknown>;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}… (${text.length} tecken)` : text;
}

/** The value the schema makes of it equals what is stored: it was validated and normalised before it was written. */
function satisfies(schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, value: unknown): boolean {
  const parsed = schema.safeParse(value);
  return parsed.success && parsed.data === value;
}

async function tables(db: Kysely<Database>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name).filter((name) => !name.startsWith("kysely_"));
}

export async function storedValueProblems(db: Kysely<Database>): Promise<string[]> {
  const problems: string[] = [];
  const rowsOf: Record<string, Row[]> = {};
  for (const table of await tables(db)) {
    const rows = (await sql<Row>`select * from ${sql.table(table)}`.execute(db)).rows;
    rowsOf[table] = rows;
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== "string") continue;
        const where = `${table}.${column} = ${show(value)}`;
        if (FORBIDDEN_CHARACTER.test(value)) problems.push(`${where}: otillåtet tecken (styrtecken, NUL eller ensamt surrogat)`);
        if (!LONG_COLUMNS.has(column) && value.length > LONGEST_TEXT) problems.push(`${where}: längre än ${LONGEST_TEXT} tecken`);
        if (/_at$/.test(column) && !ISO_INSTANT.test(value)) problems.push(`${where}: ingen ISO-tidpunkt`);
      }
    }
  }

  const check = (table: string, test: (row: Row) => string | null) => {
    for (const row of rowsOf[table] ?? []) {
      const problem = test(row);
      if (problem) problems.push(`${table} ${show(row.id ?? "")}: ${problem}`);
    }
  };
  check("user", (u) => {
    // The rule written out as designed, besides the app's schema: a loosened schema must not loosen this check.
    const name = String(u.name);
    if (name !== name.trim() || name.length < 2 || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) return `namnet ${show(u.name)} är inte 2–100 tecken utan styrtecken`;
    if (!satisfies(fields.name(), u.name)) return `namnet ${show(u.name)} följer inte namnregeln`;
    if (!satisfies(fields.email(), u.email)) return `e-postadressen ${show(u.email)} följer inte e-postregeln`;
    if (!ROLES.includes(String(u.role))) return `okänd roll ${show(u.role)}`;
    if (u.school !== null && !satisfies(fields.text("skolan"), u.school)) return `skolan ${show(u.school)} följer inte textregeln`;
    return null;
  });
  check("invitation", (i) => {
    if (!satisfies(fields.email(), i.email)) return `e-postadressen ${show(i.email)} följer inte e-postregeln`;
    if (!ROLES.includes(String(i.role))) return `okänd roll ${show(i.role)}`;
    return null;
  });
  // A commitment's follow-up (app/modules/promises/commitment-followup.server.ts): the rules written out as designed.
  check("commitment_activity", (a) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(a.happened_on))) return `datumet ${show(a.happened_on)} är inte ÅÅÅÅ-MM-DD`;
    for (const [column, max] of [["title", 150], ["description", 2000]] as const) {
      const text = String(a[column]);
      if (!text.trim() || text !== text.trim() || text.length > max) return `${column} ${show(a[column])} är tom, otrimmad eller längre än ${max}`;
    }
    if (a.place !== null && (!String(a.place).trim() || String(a.place).length > 150)) return `platsen ${show(a.place)} är tom eller för lång`;
    if (a.participants !== null && !(Number.isInteger(Number(a.participants)) && Number(a.participants) >= 0)) return `deltagarna ${show(a.participants)} är inte ett heltal ≥ 0`;
    if (!["kommunen", "polisen"].includes(String(a.recorded_as))) return `okänd sida ${show(a.recorded_as)}`;
    return null;
  });
  check("commitment_status", (st) => {
    if (!["not_started", "in_progress", "done"].includes(String(st.status))) return `okänd status ${show(st.status)}`;
    if (!String(st.note).trim() || String(st.note).length > 500) return `anteckningen ${show(st.note)} är tom eller längre än 500`;
    return null;
  });
  check("municipality", (m) => {
    if (!SLUG_PATTERN.test(String(m.slug))) return `adressnamnet ${show(m.slug)} följer inte mönstret`;
    if (!String(m.name).trim() || !satisfies(fields.text("namnet"), m.name)) return `namnet ${show(m.name)} följer inte textregeln`;
    return null;
  });
  check("certification", (c) => (normalizeCertificateCode(String(c.code)) === c.code ? null : `intygskoden ${show(c.code)} har fel form`));
  check("training_session", (s) => {
    if (!Number.isInteger(Number(s.capacity)) || Number(s.capacity) < 1) return `antalet platser ${show(s.capacity)} är inget positivt heltal`;
    if (!(String(s.starts_at) < String(s.ends_at))) return `slutar ${show(s.ends_at)} innan den börjar ${show(s.starts_at)}`;
    if (!String(s.place).trim()) return "platsen är tom";
    return null;
  });
  check("followup_report", (r) => {
    if (!String(r.title).trim()) return "rubriken är tom";
    if (String(r.commentary).length > 10_000) return "kommentaren är längre än 10 000 tecken";
    if (!/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/.test(String(r.period))) return `perioden ${show(r.period)} har fel form`;
    return null;
  });
  for (const [table, column] of [
    ["audit_event", "details"],
    ["quiz_attempt", "answers"],
    ["followup_report", "figures"],
  ] as const) {
    check(table, (row) => {
      const value = row[column];
      if (value === null || value === undefined) return null;
      try {
        JSON.parse(String(value));
        return null;
      } catch {
        return `${column} är ingen JSON: ${show(value)}`;
      }
    });
  }
  return problems;
}
