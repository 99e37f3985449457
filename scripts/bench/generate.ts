// SPDX-License-Identifier: EUPL-1.2
// The benchmark's database: a whole country's deployment. 290 municipalities, 40,000 coaches
// (the largest municipality 2,000, sizes falling off like Swedish municipalities do), their lesson
// completions (about 2 million rows), knowledge-test attempts, certificates (valid, expired,
// revoked), in-person sessions, pending invitations and material use.
//
// Rows are written in bulk past Kysely: prepared statements in large transactions on SQLite,
// multi-row INSERT … SELECT FROM unnest(…) on PostgreSQL. Everything comes from a seeded
// generator, so the same parameters give the same database; a signature of the generator's
// version, the parameters, the migrations and the content is stored in the database, and a run
// whose signature matches reuses it (docs/decisions/013-benchmark-and-caching.md).
//   npx tsx scripts/bench/generate.ts [--db data/bench/bench.db | postgres://…] [--coaches 40000]
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import type { ContentIndex } from "../../app/content/types";
import { createDatabase, sqlitePathOf, storeKindOf } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";

/** Raise when the generated data changes shape: cached databases are then made anew. */
export const GENERATOR_VERSION = 5;

export interface GenerateParams {
  municipalities: number;
  coaches: number;
  largest: number;
  seed: number;
}

export const DEFAULT_PARAMS: GenerateParams = { municipalities: 290, coaches: 40_000, largest: 2_000, seed: 20_261_125 };

/** What the benchmark needs to find again in the generated database. */
export interface GeneratedFacts {
  signature: string;
  reused: boolean;
  seconds: number;
  counts: Record<string, number>;
  largest: { id: string; slug: string; name: string; coaches: number };
  coordinatorId: string;
  benchCoachId: string;
  validCode: string;
}

// --- Deterministic randomness ------------------------------------------------------------

/** Mulberry32: the same seed gives the same sequence, so the same database and the same mixed-run plan. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

// --- Sizes ---------------------------------------------------------------------------------

/**
 * Coaches per municipality: a Zipf-like fall-off (weight 1/rank^s) with s chosen so that the
 * largest gets `largest` of `total`, at least 8 each (fewer in small runs). Sweden's municipalities fall off the same
 * way, from Stockholm's near million to a few thousand inhabitants.
 */
export function municipalitySizes(count: number, total: number, largest: number): number[] {
  const shareOf = (s: number) => {
    let sum = 0;
    for (let i = 1; i <= count; i++) sum += i ** -s;
    return 1 / sum;
  };
  let lo = 0;
  let hi = 3;
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (shareOf(mid) * total < largest) lo = mid;
    else hi = mid;
  }
  const s = (lo + hi) / 2;
  const weights = Array.from({ length: count }, (_, i) => (i + 1) ** -s);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  // At least a few coaches each (fewer when a small run asks for few coaches in all).
  const least = Math.max(1, Math.min(8, Math.floor(total / count / 2)));
  const sizes = weights.map((w) => Math.max(least, Math.round((w / weightSum) * total)));
  sizes[0] = largest;
  // Rounding drift goes to the rest of the list, never to the largest.
  let drift = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 1, idle = 0; drift !== 0 && idle < count; i = (i % (count - 1)) + 1) {
    const step = drift > 0 ? 1 : -1;
    if (sizes[i]! + step >= least && sizes[i]! + step < largest) {
      sizes[i]! += step;
      drift -= step;
      idle = 0;
    } else {
      idle++;
    }
  }
  return sizes;
}

// --- Writers -------------------------------------------------------------------------------

type Value = string | number | null;

interface TableSpec {
  columns: string[];
  /** Columns of type integer, for PostgreSQL's unnest casts. */
  integers?: string[];
}

const TABLES: Record<string, TableSpec> = {
  municipality: {
    // The promise's period left the municipality in migration 0012; the bench's municipalities have no promise.
    columns: ["id", "slug", "name", "county", "created_at", "reminders_enabled"],
    integers: ["reminders_enabled"],
  },
  user: { columns: ["id", "email", "name", "role", "municipality_id", "school", "password_hash", "created_at", "deactivated_at"] },
  lesson_completion: { columns: ["id", "user_id", "track", "module", "lesson", "content_hash", "completed_at"] },
  quiz_attempt: {
    columns: ["id", "user_id", "track", "module", "content_hash", "answers", "score", "max_score", "passed", "submitted_at"],
    integers: ["score", "max_score", "passed"],
  },
  certification: {
    columns: ["id", "user_id", "track", "municipality_id", "issued_at", "expires_at", "code", "source", "renews_id", "revoked_at", "revoked_by", "revoked_reason"],
  },
  training_session: {
    columns: ["id", "municipality_id", "partner_municipality_id", "track", "step_key", "starts_at", "ends_at", "place", "details", "capacity", "signup_deadline", "created_by", "created_at", "updated_at"],
    integers: ["capacity"],
  },
  session_booking: { columns: ["id", "session_id", "user_id", "status", "position", "queued_at", "created_at", "updated_at"], integers: ["position"] },
  session_attendance: { columns: ["session_id", "user_id", "attended", "marked_by", "marked_at"], integers: ["attended"] },
  invitation: { columns: ["id", "token_hash", "email", "role", "municipality_id", "school", "invited_by", "created_at", "expires_at", "accepted_at", "withdrawn_at"] },
  material_use: { columns: ["material", "municipality_id", "day", "views", "downloads"], integers: ["views", "downloads"] },
};

interface Writer {
  add(table: string, row: Value[]): void;
  flush(): Promise<void>;
  finish(): Promise<void>;
  readonly written: number;
}

const BATCH_ROWS = 100_000;

function sqliteWriter(file: string): Writer {
  const db = new SQLite(file);
  // Only while generating: a crash here leaves a file that the next run throws away anyway.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -400000");
  db.pragma("temp_store = MEMORY");
  const statements = new Map<string, SQLite.Statement>();
  const pending = new Map<string, Value[][]>();
  let queued = 0;
  let written = 0;
  const statementFor = (table: string) => {
    let statement = statements.get(table);
    if (!statement) {
      const { columns } = TABLES[table]!;
      statement = db.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map(() => "?").join(", ")})`);
      statements.set(table, statement);
    }
    return statement;
  };
  const writeAll = db.transaction(() => {
    for (const [table, rows] of pending) {
      const statement = statementFor(table);
      for (const row of rows) statement.run(row);
    }
  });
  const writer: Writer = {
    add(table, row) {
      let rows = pending.get(table);
      if (!rows) pending.set(table, (rows = []));
      rows.push(row);
      queued++;
    },
    async flush() {
      if (queued === 0) return;
      writeAll();
      written += queued;
      queued = 0;
      pending.clear();
    },
    async finish() {
      await writer.flush();
      db.exec("analyze");
      db.pragma("journal_mode = WAL");
      db.close();
    },
    get written() {
      return written;
    },
  };
  return writer;
}

function postgresWriter(url: string): Writer {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const pending = new Map<string, Value[][]>();
  let queued = 0;
  let written = 0;
  // One statement per table and batch: each column travels as one array parameter.
  const insertRows = async (client: pg.PoolClient, table: string, rows: Value[][]) => {
    const { columns, integers = [] } = TABLES[table]!;
    const chunk = 20_000;
    for (let start = 0; start < rows.length; start += chunk) {
      const slice = rows.slice(start, start + chunk);
      const arrays = columns.map((_, c) => slice.map((row) => row[c] ?? null));
      const casts = columns.map((column, c) => `$${c + 1}::${integers.includes(column) ? "integer" : "text"}[]`);
      await client.query(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) select * from unnest(${casts.join(", ")})`, arrays);
    }
  };
  const writer: Writer = {
    add(table, row) {
      let rows = pending.get(table);
      if (!rows) pending.set(table, (rows = []));
      rows.push(row);
      queued++;
    },
    async flush() {
      if (queued === 0) return;
      const client = await pool.connect();
      try {
        await client.query("begin");
        // Parents first: the foreign keys are checked row by row.
        for (const table of Object.keys(TABLES)) {
          const rows = pending.get(table);
          if (rows?.length) await insertRows(client, table, rows);
        }
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
      written += queued;
      queued = 0;
      pending.clear();
    },
    async finish() {
      await writer.flush();
      await pool.query("analyze");
      await pool.end();
    },
    get written() {
      return written;
    },
  };
  return writer;
}

// --- Progress bar --------------------------------------------------------------------------

function progressBar(label: string, total: number): { update(done: number): void; done(): void } {
  const tty = process.stdout.isTTY;
  const started = Date.now();
  let lastPrinted = -1;
  const render = (done: number) => {
    const share = Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(share * width);
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `${label} [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)} % ${done.toLocaleString("sv-SE")} rader, ${rate.toLocaleString("sv-SE")}/s, ${seconds.toFixed(0)} s`;
  };
  return {
    update(done) {
      const percent = Math.floor((done / total) * 100);
      if (tty) process.stdout.write(`\r${render(done)}`);
      // Without a terminal (CI logs) one line per tenth, not a screenful of carriage returns.
      else if (Math.floor(percent / 10) !== Math.floor(lastPrinted / 10)) process.stdout.write(`${render(done)}\n`);
      lastPrinted = percent;
    },
    done() {
      if (tty) process.stdout.write("\n");
    },
  };
}

// --- The data ------------------------------------------------------------------------------

const COUNTIES = [
  "Stockholms län", "Uppsala län", "Södermanlands län", "Östergötlands län", "Jönköpings län", "Kronobergs län", "Kalmar län",
  "Gotlands län", "Blekinge län", "Skåne län", "Hallands län", "Västra Götalands län", "Värmlands län", "Örebro län",
  "Västmanlands län", "Dalarnas län", "Gävleborgs län", "Västernorrlands län", "Jämtlands län", "Västerbottens län", "Norrbottens län",
];
const FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Sara", "Johan", "Emma", "Mohammed", "Elin", "Ali", "Fatima", "Nils", "Sofia", "Oskar", "Amina", "Per", "Linnea", "Jonas"];
const LAST_NAMES = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Hassan", "Lindberg", "Jönsson", "Berg", "Ahmed", "Holm"];
const DAY_MS = 86_400_000;

export function contentSignature(content: ContentIndex): string {
  const shape = content.tracks.map((t) => ({
    t: t.slug,
    a: t.audience,
    r: t.refresher,
    s: t.sessions.map((s) => s.key),
    m: [...t.modules, ...(t.refresher ? [t.refresher] : [])].map((m) => [m, content.modules[m]?.contentHash, content.modules[m]?.lessons.map((l) => l.slug)]),
  }));
  return JSON.stringify({ shape, materials: content.materials.map((m) => m.slug) });
}

export function signatureOf(params: GenerateParams, content: ContentIndex): string {
  return createHash("sha256")
    .update(JSON.stringify({ version: GENERATOR_VERSION, params, migrations: Object.keys(migrations), content: contentSignature(content) }))
    .digest("hex")
    .slice(0, 16);
}

/** Rows the generator expects to write, for the progress bar; close, not exact. */
function estimateRows(params: GenerateParams): number {
  return params.coaches * 73;
}

async function readSignature(url: string): Promise<{ signature: string; facts: string } | null> {
  if (storeKindOf(url) === "sqlite") {
    const file = sqlitePathOf(url);
    if (!fs.existsSync(file)) return null;
    const db = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("select signature, facts from bench_generation").get() as { signature: string; facts: string } | undefined) ?? null;
    } catch {
      return null;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query("select signature, facts from bench_generation");
    return result.rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

async function holdsAllRows(url: string, counts: Record<string, number>): Promise<boolean> {
  const tables = ["municipality", "user", "lesson_completion"].filter((t) => counts[t] !== undefined);
  const query = (table: string) => `select count(*) as n from "${table}"`;
  if (storeKindOf(url) === "sqlite") {
    const db = new SQLite(sqlitePathOf(url), { readonly: true, fileMustExist: true });
    try {
      return tables.every((t) => Number((db.prepare(query(t)).get() as { n: number }).n) >= counts[t]!);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const t of tables) if (Number((await client.query(query(t))).rows[0].n) < counts[t]!) return false;
    return true;
  } finally {
    await client.end();
  }
}

async function emptyDatabase(url: string): Promise<void> {
  if (storeKindOf(url) === "sqlite") {
    const file = sqlitePathOf(url);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return;
  }
  // A database of its own for the benchmark: everything in its public schema goes.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const database = (await client.query("select current_database() as name")).rows[0].name as string;
    if (!/bench/i.test(database)) throw new Error(`Vägrar tömma databasen ${database}: benchmarkens PostgreSQL-databas ska ha "bench" i namnet.`);
    await client.query("drop schema public cascade; create schema public");
  } finally {
    await client.end();
  }
}

/**
 * Makes the benchmark database at `url` (an SQLite file or postgres://…), or reuses it when it
 * was made by this generator version with the same parameters, migrations and content.
 */
export async function generate(url: string, content: ContentIndex, params: GenerateParams = DEFAULT_PARAMS, options: { force?: boolean } = {}): Promise<GeneratedFacts> {
  const signature = signatureOf(params, content);
  const existing = options.force ? null : await readSignature(url);
  if (existing?.signature === signature) {
    const facts = JSON.parse(existing.facts) as GeneratedFacts;
    // A database whose rows are not all there (a generation cut short, or overwritten by another
    // run) is made anew rather than measured.
    if (await holdsAllRows(url, facts.counts)) return { ...facts, reused: true, seconds: 0 };
    process.stdout.write("Databasen saknar rader som generatorn skrev: den genereras om.\n");
  }

  const started = Date.now();
  await emptyDatabase(url);
  const kysely = createDatabase(url);
  await migrateToLatest(kysely);
  await kysely.destroy();

  const writer = storeKindOf(url) === "sqlite" ? sqliteWriter(sqlitePathOf(url)) : postgresWriter(url);
  const random = mulberry32(params.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let idCounter = 0;
  // 24 random characters like newId(), unique by a counter in the last five.
  const id = () => {
    let text = "";
    for (let i = 0; i < 19; i++) text += ID_ALPHABET[Math.floor(random() * 32)];
    let n = idCounter++;
    for (let i = 0; i < 5; i++) {
      text += ID_ALPHABET[n & 31];
      n >>>= 5;
    }
    return text;
  };
  const usedCodes = new Set<string>();
  const code = () => {
    for (;;) {
      let text = "";
      // Stored as printed: three groups of four (formatCertificateCode).
      for (let i = 0; i < 12; i++) text += (i > 0 && i % 4 === 0 ? "-" : "") + CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
      if (!usedCodes.has(text)) {
        usedCodes.add(text);
        return text;
      }
    }
  };

  const now = new Date();
  const nowMs = now.getTime();
  const isoAt = (ms: number) => new Date(ms).toISOString();
  const daysAgo = (days: number) => nowMs - days * DAY_MS - Math.floor(random() * DAY_MS);

  const coachTracks = content.tracks.filter((t) => t.audience === "coach");
  // The main track is the one with a refresher and in-person steps: the one coaches certify in.
  const mainTrack = coachTracks.find((t) => t.refresher) ?? coachTracks[0];
  if (!mainTrack) throw new Error("Innehållet har inget spår för coacher");
  const otherTracks = coachTracks.filter((t) => t !== mainTrack && t.modules.length > 1);
  const modulesOf = (track: (typeof coachTracks)[number]) =>
    track.modules.map((slug) => content.modules[slug]).filter((m): m is NonNullable<typeof m> => m !== undefined);
  const mainModules = modulesOf(mainTrack);
  const refresher = mainTrack.refresher ? content.modules[mainTrack.refresher] : undefined;
  const mainLessons = mainModules.flatMap((m) => m.lessons.map((l) => ({ module: m, lesson: l.slug })));

  const sizes = municipalitySizes(params.municipalities, params.coaches, params.largest);
  const bar = progressBar("Genererar", estimateRows(params));
  const counts: Record<string, number> = {};
  const total = () => Object.values(counts).reduce((a, b) => a + b, 0);
  const add = (table: string, row: Value[]) => {
    counts[table] = (counts[table] ?? 0) + 1;
    writer.add(table, row);
  };

  let largest: GeneratedFacts["largest"] | undefined;
  let coordinatorId = "";
  let benchCoachId = "";
  let validCode = "";
  const materials = content.materials.map((m) => m.slug);

  for (let m = 0; m < sizes.length; m++) {
    const coachCount = sizes[m]!;
    const municipalityId = id();
    const number = String(m + 1).padStart(3, "0");
    const slug = m === 0 ? "bankstad" : `bankkommun-${number}`;
    const name = m === 0 ? "Bänkstad" : `Bänkkommun ${number}`;
    const createdMs = daysAgo(1100);
    add("municipality", [municipalityId, slug, name, COUNTIES[m % COUNTIES.length]!, isoAt(createdMs), 1]);
    if (m === 0) largest = { id: municipalityId, slug, name, coaches: coachCount };

    const coordinator = id();
    add("user", [coordinator, `samordnare@${slug}.bench.example`, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, "coordinator", municipalityId, null, null, isoAt(createdMs), null]);
    if (m === 0) coordinatorId = coordinator;

    // Two dates per in-person step a year, for the last three years.
    const sessionsByStep = new Map<string, string[]>();
    for (const step of mainTrack.sessions) {
      const ids: string[] = [];
      for (let k = 0; k < 6; k++) {
        const sessionId = id();
        const startMs = nowMs - (k * 180 + 30) * DAY_MS + 9 * 3_600_000;
        add("training_session", [
          sessionId, municipalityId, null, mainTrack.slug, step.key, isoAt(startMs), isoAt(startMs + 6 * 3_600_000), `Kommunhuset i ${name}`, null,
          Math.max(20, Math.ceil(coachCount / 4)), isoAt(startMs - 7 * DAY_MS), coordinator, isoAt(startMs - 60 * DAY_MS), isoAt(startMs - 60 * DAY_MS),
        ]);
        ids.push(sessionId);
      }
      sessionsByStep.set(step.key, ids);
    }
    const positions = new Map<string, number>();

    for (let c = 0; c < coachCount; c++) {
      const userId = id();
      const joinedDaysAgo = Math.floor(random() * 1000);
      const joinedMs = daysAgo(joinedDaysAgo);
      const isBenchCoach = m === 0 && c === 0;
      add("user", [
        userId, isBenchCoach ? "bench@bench.example" : `coach${m}-${c}@bench.example`, isBenchCoach ? "Bänk Coach" : `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, "coach",
        municipalityId, null, null, isoAt(joinedMs), random() < 0.03 ? isoAt(daysAgo(Math.floor(random() * joinedDaysAgo))) : null,
      ]);
      if (isBenchCoach) benchCoachId = userId;

      // Where the coach is: 6 % not started, 19 % part of the way, 75 % through the main track.
      const roll = random();
      const lessonsDone = isBenchCoach ? 9 : roll < 0.06 ? 0 : roll < 0.25 ? 1 + Math.floor(random() * (mainLessons.length - 1)) : mainLessons.length;
      // Everything a coach does falls within their first months, and never in the future.
      const stepMs = ((Math.min(joinedDaysAgo, 120) + 1) * DAY_MS) / (lessonsDone + 40);
      let atMs = joinedMs;
      const step = () => (atMs = Math.min(nowMs - 60_000, atMs + Math.floor(random() * stepMs)));
      for (let l = 0; l < lessonsDone; l++) {
        const { module, lesson } = mainLessons[l]!;
        // One in twenty read an earlier version of the module.
        add("lesson_completion", [id(), userId, mainTrack.slug, module.slug, lesson, random() < 0.05 ? "aldre-version" : module.contentHash, isoAt(step())]);
      }
      // A knowledge test for every module whose lessons are all read; one in four fail first.
      let modulesDone = 0;
      let lessonCount = 0;
      for (const module of mainModules) {
        lessonCount += module.lessons.length;
        if (lessonCount > lessonsDone) break;
        modulesDone++;
        const questions = Math.max(1, module.quiz.perAttempt);
        if (random() < 0.25) {
          add("quiz_attempt", [id(), userId, mainTrack.slug, module.slug, module.contentHash, "{}", Math.floor(questions / 2), questions, 0, isoAt(step())]);
        }
        add("quiz_attempt", [id(), userId, mainTrack.slug, module.slug, module.contentHash, "{}", questions, questions, 1, isoAt(step())]);
      }
      const certified = modulesDone === mainModules.length && mainModules.length > 0;

      if (certified) {
        // Both required days attended, booked first.
        for (const sessionIds of sessionsByStep.values()) {
          const sessionId = pick(sessionIds);
          const position = (positions.get(sessionId) ?? 0) + 1;
          positions.set(sessionId, position);
          const at = isoAt(step());
          add("session_booking", [id(), sessionId, userId, "booked", position, at, at, at]);
          add("session_attendance", [sessionId, userId, 1, coordinator, at]);
        }
        const issuedMs = atMs;
        const expiresMs = issuedMs + mainTrack.validityMonths * 30.44 * DAY_MS;
        const revoked = !isBenchCoach && random() < 0.03;
        const certificateCode = code();
        const certificateId = id();
        add("certification", [
          certificateId, userId, mainTrack.slug, municipalityId, isoAt(issuedMs), isoAt(expiresMs), certificateCode, "online", null,
          revoked ? isoAt(Math.min(nowMs - DAY_MS, issuedMs + 100 * DAY_MS)) : null, revoked ? coordinator : null, revoked ? "Intyget utfärdades av misstag." : null,
        ]);
        if (m === 0 && !revoked && expiresMs > nowMs && !validCode) validCode = certificateCode;
        // Half of those whose certificate ran out took the refresher and got a new one.
        if (refresher && expiresMs < nowMs && random() < 0.5) {
          atMs = expiresMs - 30 * DAY_MS;
          for (const lesson of refresher.lessons) add("lesson_completion", [id(), userId, mainTrack.slug, refresher.slug, lesson.slug, refresher.contentHash, isoAt(step())]);
          add("quiz_attempt", [id(), userId, mainTrack.slug, refresher.slug, refresher.contentHash, "{}", 5, 5, 1, isoAt(step())]);
          const renewedExpires = expiresMs + mainTrack.validityMonths * 30.44 * DAY_MS;
          add("certification", [id(), userId, mainTrack.slug, municipalityId, isoAt(atMs), isoAt(renewedExpires), code(), "online", certificateId, null, null, null]);
        }
        // Most go on to the other coach tracks, some of the way.
        for (const track of otherTracks) {
          if (random() < 0.15) continue;
          const lessons = modulesOf(track).flatMap((module) => module.lessons.map((l) => ({ module, lesson: l.slug })));
          const count = random() < 0.35 ? lessons.length : Math.floor(random() * lessons.length);
          for (let l = 0; l < count; l++) {
            const { module, lesson } = lessons[l]!;
            add("lesson_completion", [id(), userId, track.slug, module.slug, lesson, module.contentHash, isoAt(step())]);
          }
        }
      }
    }

    // A few school staff and pending invitations, as a coordinator's list has.
    for (let s = 0; s < Math.ceil(coachCount / 20); s++) {
      add("user", [id(), `personal${m}-${s}@bench.example`, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, "school_staff", municipalityId, `${pick(LAST_NAMES)}skolan`, null, isoAt(daysAgo(Math.floor(random() * 700))), null]);
    }
    for (let i = 0; i < Math.ceil(coachCount / 50); i++) {
      const created = daysAgo(Math.floor(random() * 10));
      add("invitation", [id(), id() + id(), `inbjuden${m}-${i}@bench.example`, "coach", municipalityId, null, coordinator, isoAt(created), isoAt(created + 14 * DAY_MS), null, null]);
    }
    // Material use per day for the last year: the larger the municipality, the more days with use.
    const activity = Math.min(0.9, coachCount / 600);
    for (let d = 0; d < 365; d++) {
      const day = isoAt(nowMs - d * DAY_MS).slice(0, 10);
      for (const material of materials) {
        if (random() < activity * 0.25) add("material_use", [material, municipalityId, day, 1 + Math.floor(random() * coachCount * 0.02), Math.floor(random() * 3)]);
      }
    }

    if (total() - writer.written >= BATCH_ROWS) await writer.flush();
    bar.update(total());
  }
  // Public visitors' use of the materials, as the public bucket holds it.
  for (let d = 0; d < 365; d++) {
    const day = isoAt(nowMs - d * DAY_MS).slice(0, 10);
    for (const material of materials) add("material_use", [material, "", day, 5 + Math.floor(random() * 200), Math.floor(random() * 20)]);
  }
  await writer.flush();
  bar.update(total());
  bar.done();
  process.stdout.write("Bygger statistik för frågeplaneraren …\n");
  await writer.finish();

  await fillDerivedTables(url, content);

  if (!largest || !validCode || !benchCoachId) throw new Error("Generatorn gav ingen största kommun, intygskod eller mätcoach");
  const facts: GeneratedFacts = {
    signature,
    reused: false,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    counts,
    largest,
    coordinatorId,
    benchCoachId,
    validCode,
  };
  await writeSignature(url, facts);
  return facts;
}

/**
 * Tables the app derives from the rows above (the per-person progress summary, migration 0010)
 * are filled by the app's own function, as `npm run db:migrate` fills them for a database that
 * had rows before the table existed. Older versions of the app have no such tables: nothing to do.
 */
async function fillDerivedTables(url: string, content: ContentIndex): Promise<void> {
  let summaries: typeof import("../../app/modules/roster/progress-summary.server");
  try {
    summaries = await import("../../app/modules/roster/progress-summary.server");
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return;
    throw error;
  }
  process.stdout.write("Fyller sammanfattningarna av varje coachs framsteg …\n");
  const started = Date.now();
  const kysely = createDatabase(url);
  try {
    const count = await summaries.refreshOutdatedSummaries(kysely, { content });
    process.stdout.write(`  ${count.toLocaleString("sv-SE")} coacher på ${Math.round((Date.now() - started) / 1000)} s\n`);
    // The planner's statistics were gathered before these tables had rows.
    await sql`analyze`.execute(kysely);
  } finally {
    await kysely.destroy();
  }
}

async function writeSignature(url: string, facts: GeneratedFacts): Promise<void> {
  const statements = ["create table bench_generation (signature text not null, facts text not null)", "insert into bench_generation (signature, facts) values ($1, $2)"];
  if (storeKindOf(url) === "sqlite") {
    const db = new SQLite(sqlitePathOf(url));
    db.exec(statements[0]!);
    db.prepare(statements[1]!.replace("$1", "?").replace("$2", "?")).run(facts.signature, JSON.stringify(facts));
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statements[0]!);
    await client.query(statements[1]!, [facts.signature, JSON.stringify(facts)]);
  } finally {
    await client.end();
  }
}

// Run on its own: `npx tsx scripts/bench/generate.ts --content data/bench/build/content/index.json`.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "data/bench/bench.db" },
      content: { type: "string", default: "build/content/index.json" },
      coaches: { type: "string", default: String(DEFAULT_PARAMS.coaches) },
      force: { type: "boolean", default: false },
    },
  });
  const content = JSON.parse(fs.readFileSync(values.content!, "utf8")) as ContentIndex;
  const params = { ...DEFAULT_PARAMS, coaches: Number(values.coaches), largest: Math.min(DEFAULT_PARAMS.largest, Math.round(Number(values.coaches) / 20)) };
  const facts = await generate(values.db!, content, params, { force: values.force });
  console.log(JSON.stringify(facts, null, 2));
}
