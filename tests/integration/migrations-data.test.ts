// SPDX-License-Identifier: EUPL-1.2
// A database made by any earlier release keeps all of its data when it is migrated to the
// newest schema. For every migration step k: a database migrated up to k, rows in every table
// that exists at k (each column filled, foreign keys pointing at real rows), then the rest of the
// migrations, then every row is still there with every value it had, and the app reads it.
// The steps come from db/migrations/index.ts and the tables and columns from the database
// itself, so a new migration or table is covered without touching this file. Known tables get
// values the app understands (roles, JSON answers, certificate codes); others get plain ones.
// SQLite only: it reads the schema with SQLite's pragmas (the migrations themselves run the same on PostgreSQL).
import { Migrator, sql, type Kysely } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { exportPersonalData } from "~/modules/auth/account.server";
import { findCertificateByCode } from "~/modules/certification/certification.server";
import { loadProgress } from "~/modules/learning/progress.server";
import { getPerson, listPeople } from "~/modules/people/people.server";
import { findTrainingSession, listSessionsForCoach } from "~/modules/course-days/course-days.server";
import { getPromise, publicPromisesOf } from "~/modules/promises/promises.server";
import { createDatabase } from "~db/client.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { migrations } from "~db/migrations/index";
import type { Database } from "~db/schema";

const STEPS = Object.keys(migrations).sort();
const ROWS_PER_TABLE = 3;
// Kysely's own bookkeeping: it changes as migrations run, by design.
const KYSELY_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);
// Columns a later migration removed after moving their data elsewhere; that move has its own test below.
const MOVED_COLUMNS: Record<string, string[]> = {
  municipality: ["promise_period_start", "promise_period_end", "promised_reports"], // 0012_promises → the promise tables
};

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface ForeignKey {
  table: string;
  from: string;
  to: string;
}
type Row = Record<string, unknown>;

const opened: Kysely<Database>[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

function provider() {
  return { getMigrations: async () => migrations };
}

async function databaseAtStep(step: string): Promise<Kysely<Database>> {
  const db = createDatabase(":memory:");
  opened.push(db);
  const result = await new Migrator({ db, provider: provider() }).migrateTo(step);
  if (result.error) throw result.error;
  return db;
}

async function tables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.map((r) => r.name).filter((name) => !KYSELY_TABLES.has(name));
}

async function columnsOf(db: Kysely<any>, table: string): Promise<Column[]> {
  return (await sql<Column>`select * from pragma_table_info(${table})`.execute(db)).rows;
}

async function foreignKeysOf(db: Kysely<any>, table: string): Promise<ForeignKey[]> {
  return (await sql<ForeignKey>`select "table", "from", "to" from pragma_foreign_key_list(${table})`.execute(db)).rows;
}

/** Tables in an order where every table comes after those it references. */
async function insertionOrder(db: Kysely<any>): Promise<string[]> {
  const all = await tables(db);
  const deps = new Map<string, string[]>();
  for (const table of all) deps.set(table, (await foreignKeysOf(db, table)).map((fk) => fk.table).filter((t) => t !== table));
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const dep of deps.get(table) ?? []) visit(dep, [...path, table]);
    ordered.push(table);
  };
  for (const table of all) visit(table, []);
  return ordered;
}

const iso = (i: number, day = 1) => new Date(Date.UTC(2025, 2, day + i, 9, 30)).toISOString();
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** Values the app reads with meaning, for the tables it has; anything else gets a generic value. */
const KNOWN: Record<string, Record<string, (i: number) => unknown>> = {
  municipality: {
    slug: (i) => `kommun-${i}`,
    name: (i) => `Kommun ${i}`,
    county: () => "Kalmar län",
    reminders_enabled: () => 1,
    // Until 0012 the municipality held its promise's period; the first one had set it.
    promise_period_start: (i) => (i === 0 ? "2025-01-01" : null),
    promise_period_end: (i) => (i === 0 ? "2026-12-31" : null),
    promised_reports: () => 2,
  },
  user: {
    email: (i) => `person-${i}@exempel.se`,
    name: (i) => ["Åsa Öberg", "Erik Ärlig", "Li Ström"][i] ?? `Person ${i}`,
    role: (i) => ["coach", "school_staff", "coordinator"][i] ?? "coach",
    deactivated_at: (i) => (i === 2 ? iso(i, 20) : null),
    anonymised_at: () => null,
    wants_monthly_summary: (i) => (i === 2 ? 1 : 0),
  },
  session: { user_agent: () => "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0" },
  invitation: { email: (i) => `inbjuden-${i}@exempel.se`, role: () => "coach", accepted_at: () => null, withdrawn_at: () => null },
  email_token: { purpose: (i) => (i % 2 ? "login_link" : "password_reset") },
  outbox: { to_address: (i) => `person-${i}@exempel.se`, attempts: (i) => i, attachments: () => null, error: () => null },
  audit_event: { action: () => "signin.success", details: (i) => JSON.stringify({ i }) },
  lesson_completion: { track: () => "andts-coach-grund", module: () => "coachrollen", lesson: (i) => `lektion-${i}` },
  quiz_attempt: {
    track: () => "andts-coach-grund",
    module: () => "coachrollen",
    answers: () => JSON.stringify([{ question: "q1", chosen: ["a"] }]),
    score: (i) => i + 3,
    max_score: () => 5,
    passed: (i) => (i > 0 ? 1 : 0),
  },
  material_use: { material: (i) => `material-${i}`, municipality_id: () => "", day: (i) => `2025-03-0${i + 1}`, views: (i) => 10 + i, downloads: (i) => i },
  certification: {
    track: () => "andts-coach-grund",
    code: (i) => `ABCD-EFGH-JK${CODE_ALPHABET[i]}${CODE_ALPHABET[i + 1]}`,
    source: () => "online",
    expires_at: (i) => new Date(Date.UTC(2028, 2, 1 + i)).toISOString(),
    revoked_at: () => null,
    revoked_by: () => null,
    revoked_reason: () => null,
  },
  reminder_sent: { kind: () => "stalled" },
  followup_report: { period: () => "2025-01-01/2025-06-30", figures: () => JSON.stringify({ certified: 3 }) },
  session_booking: { status: (i) => ["booked", "waitlisted", "cancelled"][i] ?? "booked", position: (i) => i + 1 },
  session_attendance: { attended: (i) => i % 2 },
  training_session: { capacity: () => 12, sequence: () => 0, partner_status: (i) => ["pending", "accepted", "declined"][i] ?? "accepted" },
};

function genericValue(table: string, column: Column, i: number): unknown {
  if (/^(at|.*_at|.*_deadline)$/.test(column.name)) return iso(i);
  if (/int/i.test(column.type)) return i + 1;
  return `${table}.${column.name}.${i}`;
}

/** Fills every table present, in reference order; returns what went in, per table. */
async function insertRepresentativeData(db: Kysely<any>): Promise<Map<string, Row[]>> {
  const inserted = new Map<string, Row[]>();
  for (const table of await insertionOrder(db)) {
    const columns = await columnsOf(db, table);
    const foreignKeys = await foreignKeysOf(db, table);
    const rows: Row[] = [];
    for (let i = 0; i < ROWS_PER_TABLE; i++) {
      const row: Row = {};
      for (const column of columns) {
        const fk = foreignKeys.find((f) => f.from === column.name);
        const known = KNOWN[table]?.[column.name];
        if (fk && fk.table === table) {
          // A row that refers to another of its kind (a renewal, a correction) points at the one before.
          row[column.name] = i === 0 ? null : rows[i - 1]![fk.to];
        } else if (fk) {
          // A composite key over two references (attendance: session and person) stays unique through i.
          row[column.name] = inserted.get(fk.table)?.[i % ROWS_PER_TABLE]?.[fk.to] ?? null;
        } else if (known) {
          row[column.name] = known(i);
        } else {
          row[column.name] = genericValue(table, column, i);
        }
      }
      await db.insertInto(table).values(row).execute();
      rows.push(row);
    }
    inserted.set(table, rows);
  }
  return inserted;
}

async function migrateToNewest(db: Kysely<any>) {
  const result = await new Migrator({ db, provider: provider() }).migrateToLatest();
  if (result.error) throw result.error;
  return result.results ?? [];
}

describe("migrating a database with data from every earlier step to the newest schema", () => {
  it("knows more than one step", () => {
    expect(STEPS.length).toBeGreaterThan(1);
    expect(STEPS[0]).toBe("0001_initial");
  });

  it.each(STEPS.map((step, index) => [step, index] as const))("from %s: every row and every value stays, and the app reads them", async (step, index) => {
    const db = await databaseAtStep(step);
    const inserted = await insertRepresentativeData(db);
    expect([...inserted.keys()]).toContain("user");

    const applied = await migrateToNewest(db);
    expect(applied.map((r) => r.migrationName)).toEqual(STEPS.slice(index + 1));
    expect(applied.every((r) => r.status === "Success")).toBe(true);

    for (const [table, rows] of inserted) {
      const now = (await db.selectFrom(table as keyof Database).selectAll().execute()) as Row[];
      expect(now, `rows in ${table}`).toHaveLength(rows.length);
      for (const row of rows) {
        const key = Object.keys(row).filter((c) => row[c] !== null && !MOVED_COLUMNS[table]?.includes(c));
        const match = now.filter((candidate) => key.every((c) => candidate[c] === row[c]));
        expect(match, `${table}: ${JSON.stringify(row)}`).toHaveLength(1);
      }
    }
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    expect(integrity.rows).toEqual([{ integrity_check: "ok" }]);

    // Read through the app as it is now.
    const users = inserted.get("user")!;
    const coach = users[0]!;
    const person = await getPerson(db, coach.id as string);
    expect(person).toMatchObject({ name: coach.name, email: coach.email, role: "coach", municipalityName: "Kommun 0" });
    const listed = await listPeople(db, { page: 1, pageSize: 50 });
    expect(listed.total).toBe(users.length);
    const extract = await exportPersonalData(db, coach.id as string);
    expect(extract.person.email).toBe(coach.email);
    expect(extract.sessions).toHaveLength(inserted.get("session")!.filter((s) => s.user_id === coach.id).length);
    if (inserted.has("lesson_completion")) {
      const progress = await loadProgress(db, coach.id as string, { track: "andts-coach-grund" });
      expect([...progress.lessons]).toEqual(["andts-coach-grund/coachrollen/lektion-0"]);
      expect(progress.tests.get("andts-coach-grund/coachrollen")).toEqual({ passed: false, attempts: 1 });
      expect(extract.lessons.map((l) => l.lesson)).toEqual(["lektion-0"]);
      expect(extract.tests).toHaveLength(1);
    }
    if (inserted.has("certification")) {
      const certificate = inserted.get("certification")![0]!;
      const found = await findCertificateByCode(db, certificate.code as string);
      expect(found?.holderName).toBe(coach.name);
    }
  });
});

describe("0009_joint_session_consent: joint sessions need the partner's consent", () => {
  it("counts a partner named before the rule as accepted, with no answer recorded, so its coaches keep the session", async () => {
    const db = await databaseAtStep("0008_retention");
    const inserted = await insertRepresentativeData(db);
    const [own, partner] = inserted.get("municipality")!.map((m) => m.id as string);
    const coach = inserted.get("user")![0]!; // a coach of the first municipality
    const [joint, alone] = inserted.get("training_session")!.map((row) => row.id as string);
    await db.updateTable("training_session").set({ municipality_id: partner!, partner_municipality_id: own! }).where("id", "=", joint!).execute();
    await db.updateTable("training_session").set({ partner_municipality_id: null }).where("id", "!=", joint!).execute();

    await migrateToNewest(db);
    const rows = await db.selectFrom("training_session").select(["id", "partner_status", "partner_answered_at", "partner_answered_by"]).orderBy("id").execute();
    for (const row of rows) {
      expect(row).toEqual({ id: row.id, partner_status: row.id === joint ? "accepted" : null, partner_answered_at: null, partner_answered_by: null });
    }
    expect((await findTrainingSession(db, joint!))?.partnerRequest).toEqual({ municipalityId: own, municipalityName: "Kommun 0", status: "accepted", answeredAt: null });
    expect((await findTrainingSession(db, joint!))?.partnerMunicipalityId).toBe(own);
    expect((await findTrainingSession(db, alone!))?.partnerRequest).toBeNull();
    const listed = await listSessionsForCoach(db, { userId: coach.id as string, municipalityId: own!, now: new Date("2025-01-01T00:00:00Z") });
    expect(listed.map((s) => s.id)).toContain(joint);
  });
});

describe("0012_promises: the promise leaves the code for the database", () => {
  async function before0012() {
    // Typed as the schema was then: the period columns are gone from today's Database.
    const db: Kysely<any> = await databaseAtStep("0011_progress_module_municipality");
    const inserted = await insertRepresentativeData(db);
    const [hogsby, monsteras, other] = inserted.get("municipality")!.map((m) => m.id as string);
    await db.updateTable("municipality").set({ slug: "hogsby", name: "Högsby", promise_period_start: "2024-01-01", promise_period_end: "2025-12-31" }).where("id", "=", hogsby!).execute();
    await db.updateTable("municipality").set({ slug: "monsteras", name: "Mönsterås", promise_period_start: null, promise_period_end: null }).where("id", "=", monsteras!).execute();
    await db.updateTable("municipality").set({ promise_period_start: "2026-01-01", promise_period_end: "2027-12-31", promised_reports: 3 }).where("id", "=", other!).execute();
    // Högsby's reports: two inside 2024–2025 (one a correction), one published after the period.
    const reports = inserted.get("followup_report")!.map((r) => r.id as string);
    await db.updateTable("followup_report").set({ municipality_id: hogsby!, published_at: "2024-06-01T10:00:00.000Z" }).where("id", "=", reports[0]!).execute();
    await db.updateTable("followup_report").set({ municipality_id: hogsby!, published_at: "2025-12-31T22:30:00.000Z" }).where("id", "=", reports[1]!).execute();
    await db.updateTable("followup_report").set({ municipality_id: hogsby!, published_at: "2026-01-01T23:30:00.000Z" }).where("id", "=", reports[2]!).execute();
    return { db, hogsby: hogsby!, monsteras: monsteras!, other: other!, reports };
  }

  it("moves the signed 2024–2025 promise word for word, covering both municipalities, and links the reports published in its period", async () => {
    const { db, hogsby, monsteras, reports } = await before0012();
    await migrateToNewest(db);

    const { current } = await publicPromisesOf(db, monsteras, new Date("2025-03-01T12:00:00Z"));
    expect(current).not.toBeNull();
    const promise = (await getPromise(db, current!.id))!;
    expect(promise).toMatchObject({
      title: SIGNED.title,
      policeArea: "Lokalpolisområde Västervik",
      periodStart: "2024-01-01",
      periodEnd: "2025-12-31",
      signedOn: "2023-12-18",
      promisedReports: 2,
      state: "published",
      replacesId: null,
      hasDocument: false,
    });
    expect(promise.municipalities.map((m) => m.slug)).toEqual(["hogsby", "monsteras"]);
    expect(promise.focusAreas.map((a) => a.title)).toEqual([
      "Ökad trygghet i både offentlig miljö och boendemiljö",
      "Narkotika bland ungdomar",
      "Skadegörelse",
      "Bedrägerier",
    ]);
    const commitments = promise.focusAreas.flatMap((a) => a.commitments);
    expect(commitments).toHaveLength(7);
    expect(commitments.map((c) => c.wording)).toEqual(SIGNED.focusAreas.flatMap((a) => a.commitments.map((c) => c.wording)));
    expect(commitments.find((c) => c.wording.includes("ANDTS-coacher"))).toMatchObject({ owner: "kommunen", measure: "certified_coaches" });
    expect(commitments.find((c) => c.wording.startsWith("Polisen lovar"))).toMatchObject({ owner: "polisen" });
    expect(promise.reportingWording).toContain("minst två (2) gånger under aktuell period");

    // Published on the last day of the period in Stockholm (22:30 UTC is 23:30 there) counts; the next day does not.
    const linked = await db.selectFrom("followup_report").select(["id", "promise_id"]).where("municipality_id", "=", hogsby).orderBy("published_at").execute();
    expect(linked).toEqual([
      { id: reports[0], promise_id: promise.id },
      { id: reports[1], promise_id: promise.id },
      { id: reports[2], promise_id: null },
    ]);
  });

  it("keeps another municipality's own period as a draft promise, which citizens do not see yet", async () => {
    const { db, other } = await before0012();
    await migrateToNewest(db);
    const rows = await db
      .selectFrom("promise as p")
      .innerJoin("promise_municipality as pm", "pm.promise_id", "p.id")
      .select(["p.title", "p.state", "p.period_start", "p.period_end", "p.promised_reports"])
      .where("pm.municipality_id", "=", other)
      .execute();
    expect(rows).toEqual([{ title: "Medborgarlöfte för Kommun 2 2026–2027", state: "draft", period_start: "2026-01-01", period_end: "2027-12-31", promised_reports: 3 }]);
    expect(await publicPromisesOf(db, other, new Date("2026-06-01T12:00:00Z"))).toEqual({ current: null, others: [] });
  });

  it("makes no promise where the municipalities it names do not exist", async () => {
    const db: Kysely<any> = await databaseAtStep("0011_progress_module_municipality");
    await insertRepresentativeData(db);
    await db.updateTable("municipality").set({ promise_period_start: null, promise_period_end: null }).execute();
    await migrateToNewest(db);
    expect(await db.selectFrom("promise").selectAll().execute()).toEqual([]);
  });
});
