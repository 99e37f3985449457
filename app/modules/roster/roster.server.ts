// SPDX-License-Identifier: EUPL-1.2
// The coordinator's follow-up of coaches: every coach's state in a municipality (invited,
// not started, in training, stalled, certified, expiring, expired, revoked), their progress
// and certificate, and the figures that follow. One set of grouped queries per
// municipality (or for all of them), combined in memory: a few round trips for 2,000
// coaches, never one per coach. Progress uses the learning module's pure functions and
// certificate states the certification rules, so the coach's pages and these agree.
import type { ExpressionBuilder, Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex, Track } from "~/content/content.server";
import { addMonths, formatIsoDate, startOfStockholmDay, stockholmDate, type LocalDate } from "~/lib/dates";
import { DAY_MS, iso } from "~/lib/time";
import { MEMBER_ROLES } from "~/modules/access/permissions.server";
import {
  CERTIFICATE_STATUS_LABELS,
  certificateStatus,
  isInRefresherWindow,
  lastValidDay,
  REFRESHER_WINDOW_DAYS,
  type CertificateStatus,
} from "~/modules/certification/rules";
import { moduleProgress, trackProgress, type ProgressRecords, type TestState } from "~/modules/learning/progress.server";
import { reuseWhileUnchanged } from "~db/change-tracking";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { listPriorTraining } from "~/modules/certification/credits.server";

export const ROSTER_STATUSES = ["invited", "not_started", "in_training", "stalled", "certified", "expiring", "expired", "revoked", "deactivated"] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

/** What each status is called wherever a coordinator reads it: lists, filters and exports. */
export const ROSTER_STATUS_LABELS: Record<RosterStatus, string> = {
  invited: "Inbjuden, inget konto ännu",
  not_started: "Har inte börjat",
  in_training: "Under utbildning",
  stalled: "Har stannat av",
  certified: "Certifierad",
  expiring: "Intyget går ut snart",
  expired: "Intyget har gått ut",
  revoked: "Intyget är återkallat",
  deactivated: "Kontot är avaktiverat",
};

/** A coach in training with no lesson read and no test taken for this long has stalled. */
export const STALLED_AFTER_DAYS = 30;
/** "Expiring" is the refresher window: the coach is asked to renew from then on. */
export const EXPIRING_WITHIN_DAYS = REFRESHER_WINDOW_DAYS;
export const MONTHS_SHOWN = 12;

export const ROSTER_SORTS = ["name", "progress", "activity", "expiry"] as const;
export type RosterSort = (typeof ROSTER_SORTS)[number];
export const ROSTER_SORT_LABELS: Record<RosterSort, string> = {
  name: "Namn",
  progress: "Framsteg",
  activity: "Senaste aktivitet",
  expiry: "Intygets slutdatum",
};

type MemberRole = "coach" | "school_staff";

export interface RosterFilters {
  q: string;
  role?: MemberRole;
  status?: RosterStatus;
  /** Coaches with an account who have not yet completed this module (all lessons read and test passed). */
  module?: string;
  sort: RosterSort;
  dir: "asc" | "desc";
}

export interface RosterCertificate {
  id: string;
  track: string;
  code: string;
  issuedAt: string;
  expiresAt: string;
  /** YYYY-MM-DD: the last Stockholm day on which it is valid. */
  lastValidDay: string;
  revokedAt: string | null;
  status: CertificateStatus;
  statusLabel: string;
}

export interface RosterProgress {
  modulesDone: number;
  modulesTotal: number;
  lessonsDone: number;
  lessonsTotal: number;
}

export interface RosterRow {
  /** The user id, or "inbjudan:<id>" for someone invited who has no account yet. */
  key: string;
  userId: string | null;
  /** Null for an invitation: the person has not told us their name yet. */
  name: string | null;
  email: string;
  role: MemberRole;
  school: string | null;
  /** Null for school staff with an active account: they have no certificate to follow. */
  status: RosterStatus | null;
  statusLabel: string | null;
  /** Coaches with an account only. */
  progress: RosterProgress | null;
  /** The module the coach is working on next, if any. */
  currentModule: { slug: string; title: string } | null;
  lastActivityAt: string | null;
  certificate: RosterCertificate | null;
  /** Some lesson or test was done on an earlier version of its module than the one published now. */
  olderVersion: boolean;
  /** When the account was made, or the invitation sent. */
  since: string;
  deactivatedAt: string | null;
}

export interface ModuleFunnel {
  track: string;
  module: string;
  title: string;
  /** Active coaches who read a lesson or took the test. */
  started: number;
  /** … who read every lesson. */
  lessonsDone: number;
  /** … who passed the test. */
  testPassed: number;
}

export interface MonthCount {
  /** YYYY-MM in Europe/Stockholm. */
  month: string;
  /** "mars 2026" */
  label: string;
  /** "mars" */
  shortLabel: string;
  count: number;
}

export interface RosterFigures {
  /** Coaches invited who have not made an account yet (invitation still valid). */
  invited: number;
  /** Coach accounts that are not deactivated. */
  active: number;
  notStarted: number;
  /** In training, stalled included. */
  inTraining: number;
  stalled: number;
  /** With a valid certificate, those expiring soon included. */
  certified: number;
  expiring: number;
  expired: number;
  revoked: number;
  funnel: ModuleFunnel[];
  /** Certificates issued per month, the last MONTHS_SHOWN months, oldest first. */
  certificationsByMonth: MonthCount[];
}

// ---------------------------------------------------------------------------------------
// Reading: the same few grouped queries for one municipality or for all of them.

interface Source {
  members: Array<{
    id: string;
    name: string;
    email: string;
    role: MemberRole;
    school: string | null;
    municipality_id: string | null;
    created_at: string;
    deactivated_at: string | null;
  }>;
  invitations: Array<{ id: string; email: string; role: MemberRole; school: string | null; municipality_id: string | null; created_at: string }>;
  lessons: Array<{ user_id: string; track: string; module: string; lesson: string; content_hash: string; completed_at: string }>;
  /** One row per person, track, module and content version. */
  tests: Array<{ user_id: string; track: string; module: string; content_hash: string; passed: number; attempts: number; last: string }>;
  certificates: CertificateRow[];
  /** In-person activity: sessions attended (their start) and sign-ups (when made). Counts as activity, so a coach waiting for a course day has not stalled. */
  inPerson: Array<{ user_id: string; at: string }>;
}

interface CertificateRow {
  id: string;
  user_id: string;
  track: string;
  code: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export function coachTracks(content: ContentIndex): Track[] {
  return content.tracks.filter((track) => track.audience === "coach");
}

async function loadSource(db: Kysely<Database>, input: { municipalityId?: string; content: ContentIndex; now: Date }): Promise<Source> {
  const tracks = coachTracks(input.content).map((t) => t.slug);
  const { municipalityId } = input;

  let members = db
    .selectFrom("user")
    .select(["id", "name", "email", "role", "school", "municipality_id", "created_at", "deactivated_at"])
    // In-person activity rides along with each person (indexed per user), so the roster needs no extra round trip.
    .select((eb) => [
      eb
        .selectFrom("session_attendance")
        .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
        .select((a) => a.fn.max("training_session.starts_at").as("at"))
        .whereRef("session_attendance.user_id", "=", "user.id")
        .where("session_attendance.attended", "=", 1)
        .as("last_attended"),
      eb
        .selectFrom("session_booking")
        .select((b) => b.fn.max("session_booking.queued_at").as("at"))
        .whereRef("session_booking.user_id", "=", "user.id")
        .where("session_booking.status", "in", ["booked", "waitlisted"])
        .as("last_signed_up"),
    ])
    .where("role", "in", MEMBER_ROLES);
  members = municipalityId ? members.where("municipality_id", "=", municipalityId) : members.where("municipality_id", "is not", null);

  let invitations = db
    .selectFrom("invitation")
    .select(["id", "email", "role", "school", "municipality_id", "created_at"])
    .where("role", "in", MEMBER_ROLES)
    .where("accepted_at", "is", null)
    .where("withdrawn_at", "is", null)
    .where("expires_at", ">", iso(input.now));
  invitations = municipalityId ? invitations.where("municipality_id", "=", municipalityId) : invitations.where("municipality_id", "is not", null);

  // Learning counts for the coaches of the municipality now, whatever they did before they moved.
  const ofCoachesHere = (eb: ExpressionBuilder<Database, "user">) =>
    eb.and([eb("user.role", "=", "coach"), municipalityId ? eb("user.municipality_id", "=", municipalityId) : eb("user.municipality_id", "is not", null)]);

  const [memberRows, invitationRows, lessons, tests, certificates] = await Promise.all([
    members.execute(),
    invitations.execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("lesson_completion")
          .innerJoin("user", "user.id", "lesson_completion.user_id")
          .select([
            "lesson_completion.user_id",
            "lesson_completion.track",
            "lesson_completion.module",
            "lesson_completion.lesson",
            "lesson_completion.content_hash",
            "lesson_completion.completed_at",
          ])
          .where("lesson_completion.track", "in", tracks)
          .where((eb) => ofCoachesHere(eb))
          .execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("quiz_attempt")
          .innerJoin("user", "user.id", "quiz_attempt.user_id")
          .select((eb) => [
            "quiz_attempt.user_id",
            "quiz_attempt.track",
            "quiz_attempt.module",
            "quiz_attempt.content_hash",
            eb.fn.max("quiz_attempt.passed").as("passed"),
            eb.fn.countAll().as("attempts"),
            eb.fn.max("quiz_attempt.submitted_at").as("last"),
          ])
          .where("quiz_attempt.track", "in", tracks)
          .where((eb) => ofCoachesHere(eb))
          .groupBy(["quiz_attempt.user_id", "quiz_attempt.track", "quiz_attempt.module", "quiz_attempt.content_hash"])
          .execute(),
    tracks.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("certification")
          .innerJoin("user", "user.id", "certification.user_id")
          .select([
            "certification.id",
            "certification.user_id",
            "certification.track",
            "certification.code",
            "certification.issued_at",
            "certification.expires_at",
            "certification.revoked_at",
          ])
          .where("certification.track", "in", tracks)
          .where((eb) => ofCoachesHere(eb))
          .execute(),
  ]);

  return {
    members: memberRows.map(({ last_attended: _a, last_signed_up: _s, ...m }) => ({ ...m, role: m.role as MemberRole })),
    invitations: invitationRows.map((i) => ({ ...i, role: i.role as MemberRole })),
    lessons,
    tests: tests.map((t) => ({ ...t, passed: toCount(t.passed), attempts: toCount(t.attempts), last: String(t.last) })),
    certificates,
    inPerson: memberRows.flatMap((m) =>
      [m.last_attended, m.last_signed_up].filter((at): at is string => typeof at === "string").map((at) => ({ user_id: m.id, at })),
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Combining: one coach's state from their rows.

interface Activity {
  records: ProgressRecords;
  lastActivityAt: string | null;
  olderVersion: boolean;
}

function emptyActivity(): Activity {
  return { records: { lessons: new Set(), tests: new Map() }, lastActivityAt: null, olderVersion: false };
}

function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

function isOlderVersion(content: ContentIndex, module: string, hash: string): boolean {
  const current = content.modules[module];
  return current !== undefined && current.contentHash !== hash;
}

function activityByUser(content: ContentIndex, source: Pick<Source, "lessons" | "tests"> & Partial<Pick<Source, "inPerson">>): Map<string, Activity> {
  const byUser = new Map<string, Activity>();
  const of = (userId: string) => {
    let found = byUser.get(userId);
    if (!found) byUser.set(userId, (found = emptyActivity()));
    return found;
  };
  for (const row of source.lessons) {
    const activity = of(row.user_id);
    activity.records.lessons.add(`${row.track}/${row.module}/${row.lesson}`);
    activity.lastActivityAt = later(activity.lastActivityAt, row.completed_at);
    if (isOlderVersion(content, row.module, row.content_hash)) activity.olderVersion = true;
  }
  for (const row of source.tests) {
    const activity = of(row.user_id);
    const key = `${row.track}/${row.module}`;
    const before = activity.records.tests.get(key);
    activity.records.tests.set(key, { passed: (before?.passed ?? false) || row.passed === 1, attempts: (before?.attempts ?? 0) + row.attempts });
    activity.lastActivityAt = later(activity.lastActivityAt, row.last);
    if (isOlderVersion(content, row.module, row.content_hash)) activity.olderVersion = true;
  }
  for (const row of source.inPerson ?? []) {
    const activity = of(row.user_id);
    activity.lastActivityAt = later(activity.lastActivityAt, row.at);
  }
  return byUser;
}

/** The certificate that speaks for the coach: the valid one that lasts longest, else the newest. */
export function currentCertificate<C extends { issued_at: string; expires_at: string; revoked_at: string | null }>(certificates: C[], now: Date): C | null {
  let best: C | null = null;
  for (const cert of certificates) {
    if (!best) {
      best = cert;
      continue;
    }
    const valid = certificateStatus(cert, now) === "valid";
    const bestValid = certificateStatus(best, now) === "valid";
    if (valid !== bestValid) {
      if (valid) best = cert;
    } else if (valid ? cert.expires_at > best.expires_at : cert.issued_at > best.issued_at) {
      best = cert;
    }
  }
  return best;
}

function toRosterCertificate(cert: CertificateRow, now: Date): RosterCertificate {
  const status = certificateStatus(cert, now);
  const day = lastValidDay(cert.expires_at);
  return {
    id: cert.id,
    track: cert.track,
    code: cert.code,
    issuedAt: cert.issued_at,
    expiresAt: cert.expires_at,
    lastValidDay: localDateString(day),
    revokedAt: cert.revoked_at,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
  };
}

/** A coach's status: the account first, then the certificate, then how their training goes. */
export function coachStatus(
  input: { deactivatedAt: string | null; certificate: { expires_at: string; revoked_at: string | null } | null; lastActivityAt: string | null },
  now: Date,
): RosterStatus {
  if (input.deactivatedAt) return "deactivated";
  if (input.certificate) {
    const status = certificateStatus(input.certificate, now);
    if (status === "revoked") return "revoked";
    if (status === "expired") return "expired";
    return isInRefresherWindow(input.certificate, now) ? "expiring" : "certified";
  }
  if (!input.lastActivityAt) return "not_started";
  return now.getTime() - new Date(input.lastActivityAt).getTime() >= STALLED_AFTER_DAYS * DAY_MS ? "stalled" : "in_training";
}

interface CoachProgress {
  progress: RosterProgress;
  currentModule: { slug: string; title: string } | null;
  /** Per "<track>/<module>": how far the coach has come in it. */
  modules: Map<string, { started: boolean; lessonsDone: boolean; test: TestState; complete: boolean }>;
}

function coachProgress(content: ContentIndex, tracks: Track[], records: ProgressRecords): CoachProgress {
  const progress: RosterProgress = { modulesDone: 0, modulesTotal: 0, lessonsDone: 0, lessonsTotal: 0 };
  const modules: CoachProgress["modules"] = new Map();
  let currentModule: CoachProgress["currentModule"] = null;
  for (const track of tracks) {
    const result = trackProgress(content, track, records);
    progress.modulesDone += result.modulesComplete;
    progress.modulesTotal += result.modules.length;
    for (const module of result.modules) {
      progress.lessonsDone += module.lessonsDone;
      progress.lessonsTotal += module.lessonsTotal;
      modules.set(`${track.slug}/${module.slug}`, {
        started: module.lessonsDone > 0 || module.attempts > 0,
        lessonsDone: module.lessonsDone === module.lessonsTotal,
        test: module.test,
        complete: module.complete,
      });
    }
    if (!currentModule && result.next) currentModule = { slug: result.next.module, title: content.modules[result.next.module]?.title ?? result.next.module };
  }
  return { progress, currentModule, modules };
}

interface Roster {
  rows: RosterRow[];
  /** Per coach with an account: their modules, for the module filter and the funnel. */
  modules: Map<string, CoachProgress["modules"]>;
}

function buildRoster(content: ContentIndex, source: Source, now: Date): Roster {
  const tracks = coachTracks(content);
  const activities = activityByUser(content, source);
  const certificates = new Map<string, CertificateRow[]>();
  for (const cert of source.certificates) certificates.set(cert.user_id, [...(certificates.get(cert.user_id) ?? []), cert]);

  const rows: RosterRow[] = [];
  const modules: Roster["modules"] = new Map();
  const emails = new Set<string>();
  for (const member of source.members) {
    emails.add(member.email);
    const base = {
      key: member.id,
      userId: member.id,
      name: member.name,
      email: member.email,
      role: member.role,
      school: member.school,
      since: member.created_at,
      deactivatedAt: member.deactivated_at,
    };
    if (member.role !== "coach") {
      const status = member.deactivated_at ? "deactivated" : null;
      rows.push({
        ...base,
        status,
        statusLabel: status ? ROSTER_STATUS_LABELS[status] : null,
        progress: null,
        currentModule: null,
        lastActivityAt: null,
        certificate: null,
        olderVersion: false,
      });
      continue;
    }
    const activity = activities.get(member.id) ?? emptyActivity();
    const current = currentCertificate(certificates.get(member.id) ?? [], now);
    const status = coachStatus({ deactivatedAt: member.deactivated_at, certificate: current, lastActivityAt: activity.lastActivityAt }, now);
    const progress = coachProgress(content, tracks, activity.records);
    modules.set(member.id, progress.modules);
    rows.push({
      ...base,
      status,
      statusLabel: ROSTER_STATUS_LABELS[status],
      progress: progress.progress,
      currentModule: progress.currentModule,
      lastActivityAt: activity.lastActivityAt,
      certificate: current ? toRosterCertificate(current, now) : null,
      olderVersion: activity.olderVersion,
    });
  }
  for (const invitation of source.invitations) {
    // An account made some other way (an admin, a second invitation) speaks for the person.
    if (emails.has(invitation.email)) continue;
    rows.push({
      key: `inbjudan:${invitation.id}`,
      userId: null,
      name: null,
      email: invitation.email,
      role: invitation.role,
      school: invitation.school,
      status: "invited",
      statusLabel: ROSTER_STATUS_LABELS.invited,
      progress: null,
      currentModule: null,
      lastActivityAt: null,
      certificate: null,
      olderVersion: false,
      since: invitation.created_at,
      deactivatedAt: null,
    });
  }
  return { rows, modules };
}

// ---------------------------------------------------------------------------------------
// The list: filter, sort and page in memory.

const collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });

function sortName(row: RosterRow): string {
  return row.name ?? row.email;
}

function progressValue(row: RosterRow): number | null {
  if (!row.progress) return null;
  const { modulesDone, modulesTotal, lessonsDone, lessonsTotal } = row.progress;
  // Modules first; lessons break ties between coaches with as many modules done.
  return (modulesTotal ? modulesDone / modulesTotal : 0) * 1_000_000 + (lessonsTotal ? lessonsDone / lessonsTotal : 0) * 1_000;
}

function sortValue(row: RosterRow, sort: RosterSort): string | number | null {
  if (sort === "progress") return progressValue(row);
  if (sort === "activity") return row.lastActivityAt;
  if (sort === "expiry") return row.certificate?.expiresAt ?? null;
  return null;
}

/** Rows without a value (no certificate, no activity) come last in either direction. */
function compareRows(a: RosterRow, b: RosterRow, sort: RosterSort, dir: "asc" | "desc"): number {
  const sign = dir === "asc" ? 1 : -1;
  if (sort !== "name") {
    const va = sortValue(a, sort);
    const vb = sortValue(b, sort);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) return (va < vb ? -1 : 1) * sign;
    return collator.compare(sortName(a), sortName(b)) || (a.key < b.key ? -1 : 1);
  }
  return (collator.compare(sortName(a), sortName(b)) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) * sign;
}

function matches(row: RosterRow, filters: RosterFilters, modules: Roster["modules"]): boolean {
  if (filters.role && row.role !== filters.role) return false;
  if (filters.status && row.status !== filters.status) return false;
  if (filters.module) {
    const progress = row.userId && row.role === "coach" ? modules.get(row.userId) : undefined;
    if (!progress) return false;
    const entries = [...progress].filter(([key]) => key.endsWith(`/${filters.module}`));
    if (entries.length === 0 || entries.some(([, module]) => module.complete)) return false;
  }
  if (filters.q) {
    const q = filters.q.toLocaleLowerCase("sv");
    if (!(row.name ?? "").toLocaleLowerCase("sv").includes(q) && !row.email.toLocaleLowerCase("sv").includes(q)) return false;
  }
  return true;
}

/** The modules a coordinator may filter on: every module of the coach tracks, in track order. */
export function rosterModules(content: ContentIndex): Array<{ slug: string; title: string }> {
  const seen = new Set<string>();
  return coachTracks(content).flatMap((track) =>
    track.modules.flatMap((slug) => {
      const module = content.modules[slug];
      if (!module || seen.has(slug)) return [];
      seen.add(slug);
      return [{ slug, title: module.title }];
    }),
  );
}

const querySchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, 100)),
  role: z.enum(["coach", "school_staff"]).optional().catch(undefined),
  status: z.enum(ROSTER_STATUSES).optional().catch(undefined),
  module: z.string().max(100).optional().catch(undefined),
  sort: z.enum(ROSTER_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The list's filters from the address bar. Never an error: anything unusable means "all". */
export function parseRosterQuery(params: URLSearchParams, content: ContentIndex): { filters: RosterFilters; page: number } {
  const parsed = querySchema.parse(Object.fromEntries(params));
  const module = parsed.module && rosterModules(content).some((m) => m.slug === parsed.module) ? parsed.module : undefined;
  return { filters: { q: parsed.q, role: parsed.role, status: parsed.status, module, sort: parsed.sort, dir: parsed.dir }, page: parsed.page };
}

/** The filters as an address query (without the page), for links that must keep them, such as the exports. */
export function rosterQueryString(filters: RosterFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.role) params.set("role", filters.role);
  if (filters.status) params.set("status", filters.status);
  if (filters.module) params.set("module", filters.module);
  if (filters.sort !== "name") params.set("sort", filters.sort);
  if (filters.dir !== "asc") params.set("dir", filters.dir);
  return params.toString();
}

/** Every row matching the filters, sorted: what the list pages through and the exports write. */
export async function rosterRows(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; filters: RosterFilters; now?: Date },
): Promise<RosterRow[]> {
  if (input.now) return filteredRows(await municipalityRoster(db, input), input.filters);
  // A coordinator pages through one filtered, sorted list: it is kept with the roster it came from.
  return reuseWhileUnchanged(db, `roster-rows:${input.municipalityId}:${rosterQueryString(input.filters)}`, [input.content], async () =>
    filteredRows(await municipalityRoster(db, input), input.filters),
  );
}

function filteredRows({ roster }: { roster: Roster }, filters: RosterFilters): RosterRow[] {
  return roster.rows.filter((row) => matches(row, filters, roster.modules)).sort((a, b) => compareRows(a, b, filters.sort, filters.dir));
}

export interface RosterPage {
  rows: RosterRow[];
  total: number;
  /** The page shown: the one asked for, or the last one if it asked past the end. */
  page: number;
  pageCount: number;
  pageSize: number;
}

export async function listRoster(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; filters: RosterFilters; page: number; pageSize: number; now?: Date },
): Promise<RosterPage> {
  const all = await rosterRows(db, input);
  const pageSize = Math.max(1, Math.floor(input.pageSize));
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(input.page)), pageCount);
  return { rows: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageCount, pageSize };
}

// ---------------------------------------------------------------------------------------
// Figures.

function localDateString(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

/** The first Stockholm day of each of the last MONTHS_SHOWN months, oldest first. */
function monthsBack(now: Date): LocalDate[] {
  const today = stockholmDate(now);
  const thisMonth = { year: today.year, month: today.month, day: 1 };
  return Array.from({ length: MONTHS_SHOWN }, (_, i) => addMonths(thisMonth, i - (MONTHS_SHOWN - 1)));
}

async function certificationsIssued(db: Kysely<Database>, input: { municipalityId?: string; content: ContentIndex; since: Date }) {
  const tracks = coachTracks(input.content).map((t) => t.slug);
  if (tracks.length === 0) return [];
  let query = db.selectFrom("certification").select(["municipality_id", "issued_at"]).where("track", "in", tracks).where("issued_at", ">=", iso(input.since));
  // A certificate belongs to the municipality that issued it, also after the coach moves.
  query = input.municipalityId ? query.where("municipality_id", "=", input.municipalityId) : query.where("municipality_id", "is not", null);
  return query.execute();
}

// A calendar month has no time zone once it is a LocalDate: read it in UTC so it cannot shift.
const monthLong = new Intl.DateTimeFormat("sv-SE", { month: "long", year: "numeric", timeZone: "UTC" });
const monthShort = new Intl.DateTimeFormat("sv-SE", { month: "short", timeZone: "UTC" });

function countByMonth(issued: Array<{ issued_at: string }>, months: LocalDate[]): MonthCount[] {
  const counts = new Map(months.map((m) => [localDateString(m).slice(0, 7), 0]));
  for (const row of issued) {
    const month = formatIsoDate(row.issued_at).slice(0, 7);
    const count = counts.get(month);
    if (count !== undefined) counts.set(month, count + 1);
  }
  return months.map((m) => {
    const month = localDateString(m).slice(0, 7);
    const noon = new Date(Date.UTC(m.year, m.month - 1, 15));
    return { month, label: monthLong.format(noon), shortLabel: monthShort.format(noon), count: counts.get(month) ?? 0 };
  });
}

function figuresOf(content: ContentIndex, roster: Roster, byMonth: MonthCount[]): RosterFigures {
  const coaches = roster.rows.filter((row) => row.role === "coach");
  const count = (...statuses: RosterStatus[]) => coaches.filter((row) => row.status !== null && statuses.includes(row.status)).length;
  const active = coaches.filter((row) => row.userId && row.status !== "deactivated");
  const funnel = coachTracks(content).flatMap((track) =>
    track.modules.flatMap((slug) => {
      const module = content.modules[slug];
      if (!module) return [];
      const key = `${track.slug}/${slug}`;
      const states = active.map((row) => roster.modules.get(row.userId!)?.get(key));
      return [
        {
          track: track.slug,
          module: slug,
          title: module.title,
          started: states.filter((s) => s?.started).length,
          lessonsDone: states.filter((s) => s?.lessonsDone).length,
          testPassed: states.filter((s) => s?.test === "passed").length,
        },
      ];
    }),
  );
  return {
    invited: count("invited"),
    active: active.length,
    notStarted: count("not_started"),
    inTraining: count("in_training", "stalled"),
    stalled: count("stalled"),
    certified: count("certified", "expiring"),
    expiring: count("expiring"),
    expired: count("expired"),
    revoked: count("revoked"),
    funnel,
    certificationsByMonth: byMonth,
  };
}

/** The municipality's figures for the coordinator's dashboard. */
export async function rosterFigures(db: Kysely<Database>, input: { municipalityId: string; content: ContentIndex; now?: Date }): Promise<RosterFigures> {
  return (await municipalityRoster(db, input)).figures;
}

async function computeMunicipalityRoster(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; now: Date },
): Promise<{ roster: Roster; figures: RosterFigures }> {
  const { municipalityId, content, now } = input;
  const months = monthsBack(now);
  const [source, issued] = await Promise.all([
    loadSource(db, { municipalityId, content, now }),
    certificationsIssued(db, { municipalityId, content, since: startOfStockholmDay(months[0]!) }),
  ]);
  const roster = buildRoster(content, source, now);
  return { roster, figures: figuresOf(content, roster, countByMonth(issued, months)) };
}

// A 2,000-coach roster is some 100,000 rows and tens of milliseconds of work, and a
// coordinator's pages ask for it again on every filter, sort and page: it is reused while the
// data cannot have changed, for at most 30 s (db/change-tracking.ts, decision 015).
function municipalityRoster(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; now?: Date },
): Promise<{ roster: Roster; figures: RosterFigures }> {
  // A roster for a given moment (a test, a monthly summary) is computed for that moment.
  if (input.now) return computeMunicipalityRoster(db, { ...input, now: input.now });
  return reuseWhileUnchanged(db, `roster:${input.municipalityId}`, [input.content], () =>
    computeMunicipalityRoster(db, { municipalityId: input.municipalityId, content: input.content, now: new Date() }),
  );
}

/** Every municipality's figures side by side, for the admin: the same queries once, split in memory. */
export async function allMunicipalityFigures(
  db: Kysely<Database>,
  content: ContentIndex,
  now: Date = new Date(),
): Promise<Array<{ id: string; slug: string; name: string; figures: RosterFigures }>> {
  const months = monthsBack(now);
  const [municipalities, source, issued] = await Promise.all([
    db.selectFrom("municipality").select(["id", "slug", "name"]).orderBy("name").execute(),
    loadSource(db, { content, now }),
    certificationsIssued(db, { content, since: startOfStockholmDay(months[0]!) }),
  ]);
  const municipalityOf = new Map(source.members.map((m) => [m.id, m.municipality_id]));
  return municipalities.map((municipality) => {
    const mine = (userId: string) => municipalityOf.get(userId) === municipality.id;
    const part: Source = {
      members: source.members.filter((m) => m.municipality_id === municipality.id),
      invitations: source.invitations.filter((i) => i.municipality_id === municipality.id),
      lessons: source.lessons.filter((l) => mine(l.user_id)),
      tests: source.tests.filter((t) => mine(t.user_id)),
      certificates: source.certificates.filter((c) => mine(c.user_id)),
      inPerson: source.inPerson.filter((a) => mine(a.user_id)),
    };
    const roster = buildRoster(content, part, now);
    return {
      ...municipality,
      figures: figuresOf(
        content,
        roster,
        countByMonth(
          issued.filter((c) => c.municipality_id === municipality.id),
          months,
        ),
      ),
    };
  });
}

// ---------------------------------------------------------------------------------------
// One person's record, for the coordinator's person page.

export interface RecordLesson {
  slug: string;
  title: string;
  completedAt: string | null;
  olderVersion: boolean;
}

export interface RecordAttempt {
  id: string;
  score: number;
  maxScore: number;
  passed: boolean;
  submittedAt: string;
  /** The first characters of the module's content hash at the time. */
  version: string;
  olderVersion: boolean;
}

export interface RecordModule {
  slug: string;
  title: string;
  /** The track's refresher, taken to renew a certificate: shown once the coach has begun it. */
  refresher: boolean;
  version: string;
  complete: boolean;
  test: TestState;
  lessons: RecordLesson[];
  attempts: RecordAttempt[];
}

export interface PersonRecord {
  status: RosterStatus | null;
  statusLabel: string | null;
  progress: RosterProgress;
  lastActivityAt: string | null;
  olderVersion: boolean;
  tracks: Array<{ slug: string; title: string; modules: RecordModule[] }>;
  /** Newest first. */
  certificates: Array<RosterCertificate & { trackTitle: string; revokedReason: string | null }>;
  /** Earlier training registered by a coordinator, newest first. */
  priorTraining: Array<{ id: string; trackTitle: string; stepTitle: string; completedOn: string; note: string | null; registeredByName: string | null }>;
}

const VERSION_LENGTH = 8;

/**
 * Everything a coordinator follows about one coach or school-staff member: every lesson of
 * their role's tracks with when it was read, every test attempt, and every certificate.
 */
export async function getPersonRecord(
  db: Kysely<Database>,
  input: { person: { id: string; role: string; deactivatedAt: string | null }; content: ContentIndex; now?: Date },
): Promise<PersonRecord> {
  const now = input.now ?? new Date();
  const { content, person } = input;
  const [lessons, attempts, certificates, prior] = await Promise.all([
    db.selectFrom("lesson_completion").select(["track", "module", "lesson", "content_hash", "completed_at"]).where("user_id", "=", person.id).execute(),
    db
      .selectFrom("quiz_attempt")
      .select(["id", "track", "module", "content_hash", "score", "max_score", "passed", "submitted_at"])
      .where("user_id", "=", person.id)
      .orderBy("submitted_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("certification")
      .select(["id", "user_id", "track", "code", "issued_at", "expires_at", "revoked_at", "revoked_reason"])
      .where("user_id", "=", person.id)
      .orderBy("issued_at", "desc")
      .orderBy("id")
      .execute(),
    listPriorTraining(db, person.id),
  ]);

  const tracks = content.tracks.filter((track) => track.audience === person.role);
  const trackSlugs = new Set(tracks.map((t) => t.slug));
  const mine = { lessons: lessons.filter((l) => trackSlugs.has(l.track)), attempts: attempts.filter((a) => trackSlugs.has(a.track)) };
  const activity =
    activityByUser(content, {
      lessons: mine.lessons.map((l) => ({ ...l, user_id: person.id })),
      tests: mine.attempts.map((a) => ({
        user_id: person.id,
        track: a.track,
        module: a.module,
        content_hash: a.content_hash,
        passed: toCount(a.passed),
        attempts: 1,
        last: a.submitted_at,
      })),
    }).get(person.id) ?? emptyActivity();
  const { progress } = coachProgress(content, tracks, activity.records);
  const current = person.role === "coach" ? currentCertificate(certificates, now) : null;
  const status =
    person.role === "coach"
      ? coachStatus({ deactivatedAt: person.deactivatedAt, certificate: current, lastActivityAt: activity.lastActivityAt }, now)
      : person.deactivatedAt
      ? "deactivated"
      : null;

  const completion = new Map(mine.lessons.map((l) => [`${l.track}/${l.module}/${l.lesson}`, l]));
  return {
    status,
    statusLabel: status ? ROSTER_STATUS_LABELS[status] : null,
    progress,
    lastActivityAt: activity.lastActivityAt,
    olderVersion: activity.olderVersion,
    tracks: tracks.map((track) => {
      const refresher = track.refresher ? content.modules[track.refresher] : undefined;
      const begun = (module: string) => [...mine.lessons, ...mine.attempts].some((row) => row.track === track.slug && row.module === module);
      const modules = [
        ...trackProgress(content, track, activity.records).modules.map((progress) => ({ progress, refresher: false })),
        ...(refresher && !track.modules.includes(refresher.slug) && begun(refresher.slug)
          ? [{ progress: moduleProgress(track, refresher, activity.records), refresher: true }]
          : []),
      ];
      return {
        slug: track.slug,
        title: track.title,
        modules: modules.map(({ progress, refresher: isRefresher }) => {
          const module = content.modules[progress.slug]!;
          return {
            slug: module.slug,
            title: module.title,
            refresher: isRefresher,
            version: module.contentHash.slice(0, VERSION_LENGTH),
            complete: progress.complete,
            test: progress.test,
            lessons: module.lessons.map((lesson) => {
              const done = completion.get(`${track.slug}/${module.slug}/${lesson.slug}`);
              return {
                slug: lesson.slug,
                title: lesson.title,
                completedAt: done?.completed_at ?? null,
                olderVersion: done ? done.content_hash !== module.contentHash : false,
              };
            }),
            attempts: mine.attempts
              .filter((a) => a.track === track.slug && a.module === module.slug)
              .map((a) => ({
                id: a.id,
                score: a.score,
                maxScore: a.max_score,
                passed: toCount(a.passed) === 1,
                submittedAt: a.submitted_at,
                version: a.content_hash.slice(0, VERSION_LENGTH),
                olderVersion: a.content_hash !== module.contentHash,
              })),
          };
        }),
      };
    }),
    certificates: certificates.map((cert) => ({
      ...toRosterCertificate(cert, now),
      trackTitle: content.tracks.find((t) => t.slug === cert.track)?.title ?? cert.track,
      revokedReason: cert.revoked_reason,
    })),
    priorTraining: prior.map((p) => {
      const track = content.tracks.find((t) => t.slug === p.track);
      const step = track?.sessions.find((s) => s.key === p.stepKey)?.title ?? content.modules[p.stepKey]?.title ?? p.stepKey;
      return { id: p.id, trackTitle: track?.title ?? p.track, stepTitle: step, completedOn: p.completedOn, note: p.note, registeredByName: p.registeredByName };
    }),
  };
}
