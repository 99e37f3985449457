// SPDX-License-Identifier: EUPL-1.2
// The per-person progress summary (docs/decisions/021-progress-summary.md): for each coach, what
// the roster, its filters and the dashboard need of their lessons, tests and certificates, kept in
// progress_summary and progress_module. Every write that changes those facts calls
// refreshProgressSummary inside its own transaction, so the summary is never behind what was
// committed, and a write that fails changes neither. What turns with the clock (stalled,
// expiring, expired) and what lives on the person's row (deactivated, municipality, name) is
// decided when the summary is read, so nothing needs rewriting as time passes or people move.
//
// The counts are against the content's coach tracks: a summary names the content version it was
// computed for, and one computed for other content is refreshed before it is read
// (refreshOutdatedSummaries), as is a missing one (data written outside the app, a backup from
// before migration 0010).
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { getContent, type ContentIndex, type Track } from "~/content/content.server";
import { iso } from "~/lib/time";
import { creditedAt } from "~/modules/certification/credited-steps.server";
import { refresherOpensAt, type CertificateDates } from "~/modules/certification/rules";
import { trackProgress, type ProgressRecords } from "~/modules/learning/track-progress";
import type { Database, ProgressModuleTable, ProgressSummaryTable } from "~db/schema";
import { toCount } from "~db/sql";

export function coachTracks(content: ContentIndex): Track[] {
  return content.tracks.filter((track) => track.audience === "coach");
}

const versions = new WeakMap<ContentIndex, string>();

// Part of the version, so that summaries computed under older rules are refreshed once after a
// deploy that changes what counts: "credits" since earlier training counts as done (issue #16).
const SUMMARY_RULES = "credits";

/** Changes whenever anything the summary counts changes: the coach tracks, their modules, lessons and versions. */
export function contentVersion(content: ContentIndex): string {
  let version = versions.get(content);
  if (version === undefined) {
    const shape = [SUMMARY_RULES, ...coachTracks(content).map((track) => [
      track.slug,
      track.modules.map((slug) => [slug, content.modules[slug]?.contentHash ?? null, content.modules[slug]?.lessons.map((l) => l.slug) ?? []]),
    ])];
    version = createHash("sha256").update(JSON.stringify(shape)).digest("hex").slice(0, 16);
    versions.set(content, version);
  }
  return version;
}

/** Runs `work` in the caller's transaction if it is one, else in a new one. */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

// ---------------------------------------------------------------------------------------
// Computing one coach's summary from their rows (pure).

export interface SummaryRows {
  lessons: Array<{ track: string; module: string; lesson: string; content_hash: string; completed_at: string }>;
  /** One row per track, module and content version. */
  tests: Array<{ track: string; module: string; content_hash: string; passed: number; attempts: number; last: string }>;
  certificates: Array<CertificateDates & { id: string }>;
  /** Steps credited from earlier training (decision 016); session steps among them count for no module. */
  credits?: Array<{ track: string; step_key: string; completed_on: string }>;
}

export type Summary = Omit<ProgressSummaryTable, "user_id" | "updated_at">;
export type ModuleState = Omit<ProgressModuleTable, "user_id" | "municipality_id">;

function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

export function summarizeProgress(content: ContentIndex, rows: SummaryRows): { summary: Summary; modules: ModuleState[] } {
  const records: ProgressRecords = { lessons: new Set(), tests: new Map(), credited: new Map() };
  let lastActivityAt: string | null = null;
  let olderVersion = false;
  // A credit is training done on its date, as a lesson read then would be.
  for (const row of rows.credits ?? []) {
    records.credited!.set(`${row.track}/${row.step_key}`, creditedAt(row.completed_on));
    lastActivityAt = later(lastActivityAt, creditedAt(row.completed_on));
  }
  const isOlder = (module: string, hash: string) => {
    const current = content.modules[module];
    return current !== undefined && current.contentHash !== hash;
  };
  for (const row of rows.lessons) {
    records.lessons.add(`${row.track}/${row.module}/${row.lesson}`);
    lastActivityAt = later(lastActivityAt, row.completed_at);
    if (isOlder(row.module, row.content_hash)) olderVersion = true;
  }
  for (const row of rows.tests) {
    const key = `${row.track}/${row.module}`;
    const before = records.tests.get(key);
    records.tests.set(key, { passed: (before?.passed ?? false) || row.passed === 1, attempts: (before?.attempts ?? 0) + row.attempts });
    lastActivityAt = later(lastActivityAt, row.last);
    if (isOlder(row.module, row.content_hash)) olderVersion = true;
  }

  const summary: Summary = {
    content_version: contentVersion(content),
    modules_done: 0,
    modules_total: 0,
    lessons_done: 0,
    lessons_total: 0,
    current_module: null,
    last_activity_at: lastActivityAt,
    older_version: olderVersion ? 1 : 0,
    valid_certificate_id: null,
    valid_expires_at: null,
    valid_refresher_at: null,
    newest_certificate_id: null,
    newest_revoked_at: null,
  };
  const modules: ModuleState[] = [];
  for (const track of coachTracks(content)) {
    const result = trackProgress(content, track, records);
    summary.modules_done += result.modulesComplete;
    summary.modules_total += result.modules.length;
    for (const module of result.modules) {
      summary.lessons_done += module.lessonsDone;
      summary.lessons_total += module.lessonsTotal;
      const state = {
        track: track.slug,
        module: module.slug,
        started: module.lessonsDone > 0 || module.attempts > 0 ? 1 : 0,
        lessons_done: module.lessonsDone === module.lessonsTotal ? 1 : 0,
        test_passed: module.test === "passed" ? 1 : 0,
        complete: module.complete ? 1 : 0,
      };
      // A module nobody has touched is the absence of a row: the funnel counts nothing for it.
      if (state.started || state.lessons_done || state.test_passed || state.complete) modules.push(state);
    }
    if (summary.current_module === null && result.next) summary.current_module = result.next.module;
  }

  // certificateOnRecord (certification/rules) at any moment: the non-revoked certificate that
  // lasts longest if it is still valid then (no other can be), else the newest. Both candidates
  // are kept, and the moment decides when the summary is read.
  let longest: SummaryRows["certificates"][number] | undefined;
  let newest: SummaryRows["certificates"][number] | undefined;
  for (const cert of rows.certificates) {
    if (!cert.revoked_at && (!longest || cert.expires_at > longest.expires_at)) longest = cert;
    if (!newest || cert.issued_at > newest.issued_at) newest = cert;
  }
  if (longest) {
    summary.valid_certificate_id = longest.id;
    summary.valid_expires_at = longest.expires_at;
    summary.valid_refresher_at = iso(refresherOpensAt(longest.expires_at));
  }
  if (newest) {
    summary.newest_certificate_id = newest.id;
    summary.newest_revoked_at = newest.revoked_at;
  }
  return { summary, modules };
}

// ---------------------------------------------------------------------------------------
// Keeping the tables.

const BATCH = 200;
const INSERT_ROWS = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface Computed {
  summaries: ProgressSummaryTable[];
  modules: ProgressModuleTable[];
}

/** The summaries of these people from their rows (coaches only; anyone else has none). */
async function computeBatch(db: Kysely<Database>, userIds: string[], content: ContentIndex, now: Date): Promise<Computed> {
  const tracks = coachTracks(content).map((t) => t.slug);
  const [users, lessons, tests, certificates, credits] = await Promise.all([
    db.selectFrom("user").select(["id", "role", "municipality_id"]).where("id", "in", userIds).execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("lesson_completion")
          .select(["user_id", "track", "module", "lesson", "content_hash", "completed_at"])
          .where("user_id", "in", userIds)
          .where("track", "in", tracks)
          .execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("quiz_attempt")
          .select((eb) => [
            "user_id",
            "track",
            "module",
            "content_hash",
            eb.fn.max("passed").as("passed"),
            eb.fn.countAll().as("attempts"),
            eb.fn.max("submitted_at").as("last"),
          ])
          .where("user_id", "in", userIds)
          .where("track", "in", tracks)
          .groupBy(["user_id", "track", "module", "content_hash"])
          .execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("certification")
          .select(["id", "user_id", "issued_at", "expires_at", "revoked_at"])
          .where("user_id", "in", userIds)
          .where("track", "in", tracks)
          .execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("prior_training")
          .select(["user_id", "track", "step_key", "completed_on"])
          .where("user_id", "in", userIds)
          .where("track", "in", tracks)
          .execute(),
  ]);
  const rowsOf = new Map<string, SummaryRows>();
  const of = (userId: string) => {
    let rows = rowsOf.get(userId);
    if (!rows) rowsOf.set(userId, (rows = { lessons: [], tests: [], certificates: [], credits: [] }));
    return rows;
  };
  for (const row of lessons) of(row.user_id).lessons.push(row);
  for (const row of tests) of(row.user_id).tests.push({ ...row, passed: toCount(row.passed), attempts: toCount(row.attempts), last: String(row.last) });
  for (const row of certificates) of(row.user_id).certificates.push(row);
  for (const row of credits) of(row.user_id).credits!.push(row);

  const summaries: ProgressSummaryTable[] = [];
  const modules: ProgressModuleTable[] = [];
  // Only coaches are followed; anyone else (school staff) has no summary.
  for (const user of users.filter((u) => u.role === "coach")) {
    const result = summarizeProgress(content, rowsOf.get(user.id) ?? { lessons: [], tests: [], certificates: [] });
    summaries.push({ user_id: user.id, ...result.summary, updated_at: iso(now) });
    for (const module of result.modules) modules.push({ user_id: user.id, ...module, municipality_id: user.municipality_id });
  }
  return { summaries, modules };
}

async function writeBatch(db: Kysely<Database>, userIds: string[], { summaries, modules }: Computed): Promise<void> {
  await db.deleteFrom("progress_module").where("user_id", "in", userIds).execute();
  await db.deleteFrom("progress_summary").where("user_id", "in", userIds).execute();
  for (const part of chunks(summaries, INSERT_ROWS / 10)) await db.insertInto("progress_summary").values(part).execute();
  for (const part of chunks(modules, INSERT_ROWS)) await db.insertInto("progress_module").values(part).execute();
}

/**
 * Brings the summaries of these people up to date with their rows. Call it inside the
 * transaction of the write that changed them, so both commit or neither does.
 */
export async function refreshProgressSummaries(
  db: Kysely<Database>,
  userIds: readonly string[],
  content: ContentIndex = getContent(),
  now: Date = new Date(),
): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (const part of chunks(unique.sort(), BATCH)) {
      // Writing to the people's rows first makes a concurrent refresh of the same person wait
      // (a row lock in PostgreSQL, the write lock in SQLite), so the later one reads the earlier one's rows.
      await trx
        .updateTable("user")
        .set((eb) => ({ name: eb.ref("name") }))
        .where("id", "in", part)
        .execute();
      await writeBatch(trx, part, await computeBatch(trx, part, content, now));
    }
  });
}

export async function refreshProgressSummary(db: Kysely<Database>, userId: string, content?: ContentIndex, now?: Date): Promise<void> {
  await refreshProgressSummaries(db, [userId], content, now);
}

/** Between batches, so a refresh of thousands of coaches never holds the event loop for long. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

const HEAL_BATCH = 50;

function outdatedQuery(db: Kysely<Database>, version: string) {
  return db
    .selectFrom("user")
    .leftJoin("progress_summary", "progress_summary.user_id", "user.id")
    .select("user.id")
    .where("user.role", "=", "coach")
    .where((eb) => eb.or([eb("progress_summary.user_id", "is", null), eb("progress_summary.content_version", "!=", version)]));
}

/**
 * Refreshes every coach (of one municipality, or all) whose summary is missing or was computed
 * for other content: after a deploy with new content, after migration 0010, or after rows were
 * written outside the app. Returns how many were refreshed; none in the usual case, where it
 * costs one indexed query. The rows are read outside a transaction, in small batches, and each
 * batch written only for those still outdated then: a write that refreshed someone meanwhile
 * (with what it had just written) wins, and no lock is held while reading.
 */
export async function refreshOutdatedSummaries(
  db: Kysely<Database>,
  input: { content: ContentIndex; municipalityId?: string; now?: Date },
): Promise<number> {
  const version = contentVersion(input.content);
  const now = input.now ?? new Date();
  let query = outdatedQuery(db, version);
  query = input.municipalityId ? query.where("user.municipality_id", "=", input.municipalityId) : query;
  const outdated = (await query.execute()).map((row) => row.id);
  for (const part of chunks(outdated, HEAL_BATCH)) {
    const computed = await computeBatch(db, part, input.content, now);
    await db.transaction().execute(async (trx) => {
      // Written to first, as in refreshProgressSummaries: a transaction that read first could not
      // take SQLite's write lock once another connection had committed since its read (SQLITE_BUSY
      // at once, without waiting), and the page that asked for the refresh answered 500.
      await trx
        .updateTable("user")
        .set((eb) => ({ name: eb.ref("name") }))
        .where("id", "in", part)
        .execute();
      const still = new Set((await outdatedQuery(trx, version).where("user.id", "in", part).execute()).map((row) => row.id));
      if (still.size === 0) return;
      const ids = part.filter((id) => still.has(id));
      await writeBatch(trx, ids, {
        summaries: computed.summaries.filter((row) => still.has(row.user_id)),
        modules: computed.modules.filter((row) => still.has(row.user_id)),
      });
    });
    if (outdated.length > HEAL_BATCH) await yieldToOthers();
  }
  return outdated.length;
}
