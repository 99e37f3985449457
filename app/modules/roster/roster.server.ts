// SPDX-License-Identifier: EUPL-1.2
// The coordinator's follow-up of coaches: every coach's state in a municipality (invited,
// not started, in training, stalled, certified, expiring, expired, revoked), their progress
// and certificate, and the figures that follow. The lists and figures read the per-person
// progress summary (progress-summary.server.ts, decision 021) with a few indexed queries, for
// one municipality or all of them; nothing is recomputed from raw rows while a page waits.
// The summary uses the learning module's pure functions and the certification rules, so the
// coach's pages, the person page and these agree.
import { sql, type Expression, type ExpressionBuilder, type Kysely } from "kysely";
import { z } from "zod";
import type { ContentIndex, Track } from "~/content/content.server";
import { addMonths, formatIsoDate, isoLocalDate, startOfStockholmDay, stockholmDate, type LocalDate } from "~/lib/dates";
import { DAY_MS, iso } from "~/lib/time";
import { MEMBER_ROLES } from "~/modules/access/permissions.server";
import { listPriorTraining } from "~/modules/certification/credits.server";
import { creditedAt } from "~/modules/certification/credited-steps.server";
import {
  CERTIFICATE_STATUS_LABELS,
  certificateOnRecord,
  certificateStatus,
  isInRefresherWindow,
  lastValidDay,
  REFRESHER_WINDOW_DAYS,
  type CertificateStatus,
} from "~/modules/certification/rules";
import { moduleProgress, trackProgress, type ProgressRecords, type TestState } from "~/modules/learning/track-progress";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { ROSTER_SORTS, ROSTER_STATUS_LABELS, ROSTER_STATUSES, type RosterSort, type RosterStatus } from "./labels";
import { coachTracks, refreshOutdatedSummaries } from "./progress-summary.server";

export { coachTracks };
// The words of the roster live apart, so that the audit log can read them without the roster's queries.
export { ROSTER_SORT_LABELS, ROSTER_SORTS, ROSTER_STATUS_LABELS, ROSTER_STATUSES, type RosterSort, type RosterStatus } from "./labels";

/** A coach in training with no lesson read and no test taken for this long has stalled. */
export const STALLED_AFTER_DAYS = 30;
/** "Expiring" is the refresher window: the coach is asked to renew from then on. */
export const EXPIRING_WITHIN_DAYS = REFRESHER_WINDOW_DAYS;
export const MONTHS_SHOWN = 12;

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
  /** Earlier training imported for someone invited, waiting until they accept (issue #16); 0 for members. */
  pendingCredits: number;
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
// One coach's state (the person page computes it from their rows; the lists read the summary).

interface CertificateRow {
  id: string;
  track: string;
  code: string;
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
}

interface Activity {
  records: ProgressRecords;
  lastActivityAt: string | null;
  olderVersion: boolean;
}

function later(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

function isOlderVersion(content: ContentIndex, module: string, hash: string): boolean {
  const current = content.modules[module];
  return current !== undefined && current.contentHash !== hash;
}

function activityOf(
  content: ContentIndex,
  rows: {
    lessons: Array<{ track: string; module: string; lesson: string; content_hash: string; completed_at: string }>;
    tests: Array<{ track: string; module: string; content_hash: string; passed: number; attempts: number; last: string }>;
    credits: Array<{ track: string; stepKey: string; completedOn: string }>;
  },
): Activity {
  const activity: Activity = { records: { lessons: new Set(), tests: new Map(), credited: new Map() }, lastActivityAt: null, olderVersion: false };
  // Counted as the summary counts them (summarizeProgress), so the person page and the lists agree.
  for (const row of rows.credits) {
    activity.records.credited!.set(`${row.track}/${row.stepKey}`, creditedAt(row.completedOn));
    activity.lastActivityAt = later(activity.lastActivityAt, creditedAt(row.completedOn));
  }
  for (const row of rows.lessons) {
    activity.records.lessons.add(`${row.track}/${row.module}/${row.lesson}`);
    activity.lastActivityAt = later(activity.lastActivityAt, row.completed_at);
    if (isOlderVersion(content, row.module, row.content_hash)) activity.olderVersion = true;
  }
  for (const row of rows.tests) {
    const key = `${row.track}/${row.module}`;
    const before = activity.records.tests.get(key);
    activity.records.tests.set(key, { passed: (before?.passed ?? false) || row.passed === 1, attempts: (before?.attempts ?? 0) + row.attempts });
    activity.lastActivityAt = later(activity.lastActivityAt, row.last);
    if (isOlderVersion(content, row.module, row.content_hash)) activity.olderVersion = true;
  }
  return activity;
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
    lastValidDay: isoLocalDate(day),
    revokedAt: cert.revoked_at,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
  };
}

/** A coach's status: the account first, then the certificate, then how their training goes. The lists decide the same in SQL (statusSql). */
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

function coachProgress(content: ContentIndex, tracks: Track[], records: ProgressRecords): RosterProgress {
  const progress: RosterProgress = { modulesDone: 0, modulesTotal: 0, lessonsDone: 0, lessonsTotal: 0 };
  for (const track of tracks) {
    const result = trackProgress(content, track, records);
    progress.modulesDone += result.modulesComplete;
    progress.modulesTotal += result.modules.length;
    for (const module of result.modules) {
      progress.lessonsDone += module.lessonsDone;
      progress.lessonsTotal += module.lessonsTotal;
    }
  }
  return progress;
}

// ---------------------------------------------------------------------------------------
// Reading the summary: one query for the members of a municipality (or of all), the person's
// row joined with their progress summary; what turns with the clock is decided in SQL here.

/** The latest of three nullable ISO times, in SQL both stores read alike (no greatest()). */
function latestSql(a: string, b: string, c: string) {
  return sql.raw(`case when ${a} >= coalesce(${b}, ${a}) and ${a} >= coalesce(${c}, ${a}) then ${a} when ${b} >= coalesce(${c}, ${b}) then ${b} else ${c} end`);
}

const LAST_ACTIVITY = latestSql("m.online_at", "m.attended_at", "m.signed_up_at");

/** coachStatus, in SQL over the summary: the certificate on record (certification/rules) is the valid one while it lasts, else the newest. */
function statusSql(now: Date) {
  const at = iso(now);
  const stalledBefore = iso(new Date(now.getTime() - STALLED_AFTER_DAYS * DAY_MS));
  return sql<RosterStatus | null>`case
    when m.deactivated_at is not null then 'deactivated'
    when m.role <> 'coach' then null
    when m.valid_expires_at > ${at} then case when m.valid_refresher_at <= ${at} then 'expiring' else 'certified' end
    when m.newest_certificate_id is not null then case when m.newest_revoked_at is not null then 'revoked' else 'expired' end
    when (${LAST_ACTIVITY}) is null then 'not_started'
    when (${LAST_ACTIVITY}) <= ${stalledBefore} then 'stalled'
    else 'in_training' end`;
}

/**
 * `statusOnly`: for counting statuses, where in-person activity matters only to a coach with no
 * certificate and an active account, so it is looked up for those alone.
 */
function membersSql(db: Kysely<Database>, municipalityId: string | undefined, options: { statusOnly?: boolean } = {}) {
  const onlyWhereItDecides = (subquery: Expression<unknown>) =>
    options.statusOnly
      ? sql<string | null>`case when ps.newest_certificate_id is null and u.deactivated_at is null then (${subquery}) end`
      : sql<string | null>`(${subquery})`;
  let members = db
    .selectFrom("user as u")
    .leftJoin("progress_summary as ps", "ps.user_id", "u.id")
    .select([
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.school",
      "u.municipality_id",
      "u.created_at",
      "u.deactivated_at",
      "ps.modules_done",
      "ps.modules_total",
      "ps.lessons_done",
      "ps.lessons_total",
      "ps.current_module",
      "ps.older_version",
      "ps.last_activity_at as online_at",
      "ps.valid_certificate_id",
      "ps.valid_expires_at",
      "ps.valid_refresher_at",
      "ps.newest_certificate_id",
      "ps.newest_revoked_at",
    ])
    // In-person activity (course days attended, sign-ups) counts as activity, so a coach waiting for
    // a course day has not stalled. Many writes change it (booking, cancelling, moving a day), so it
    // is read here, indexed per person, rather than kept in the summary.
    .select((eb) => [
      onlyWhereItDecides(
        eb
          .selectFrom("session_attendance")
          .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
          .select((a) => a.fn.max("training_session.starts_at").as("at"))
          .whereRef("session_attendance.user_id", "=", "u.id")
          .where("session_attendance.attended", "=", 1),
      ).as("attended_at"),
      onlyWhereItDecides(
        eb
          .selectFrom("session_booking")
          .select((b) => b.fn.max("session_booking.queued_at").as("at"))
          .whereRef("session_booking.user_id", "=", "u.id")
          .where("session_booking.status", "in", ["booked", "waitlisted"]),
      ).as("signed_up_at"),
    ])
    .where("u.role", "in", MEMBER_ROLES);
  members = municipalityId ? members.where("u.municipality_id", "=", municipalityId) : members.where("u.municipality_id", "is not", null);
  return members;
}

async function memberRows(db: Kysely<Database>, input: { municipalityId: string; filters: RosterFilters; now: Date; statusOnly: boolean }) {
  const { filters, now } = input;
  const status = statusSql(now);
  let query = db
    .selectFrom(membersSql(db, input.municipalityId, { statusOnly: input.statusOnly }).as("m"))
    .leftJoin("certification as c", (join) =>
      join.on(sql<boolean>`c.id = case when m.valid_expires_at > ${iso(now)} then m.valid_certificate_id else m.newest_certificate_id end`),
    )
    .selectAll("m")
    .select([
      sql<string | null>`${LAST_ACTIVITY}`.as("last_activity_at"),
      status.as("status"),
      "c.id as cert_id",
      "c.track as cert_track",
      "c.code as cert_code",
      "c.issued_at as cert_issued_at",
      "c.expires_at as cert_expires_at",
      "c.revoked_at as cert_revoked_at",
    ]);
  if (filters.role) query = query.where("m.role", "=", filters.role);
  if (filters.status) query = query.where(status, "=", filters.status);
  if (filters.module) {
    const module = filters.module;
    query = query
      .where("m.role", "=", "coach")
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("progress_module as pm").select("pm.user_id").whereRef("pm.user_id", "=", "m.id").where("pm.module", "=", module).where("pm.complete", "=", 1))),
      );
  }
  return query.execute();
}

type MemberRow = Awaited<ReturnType<typeof memberRows>>[number];

function invitationsSql(db: Kysely<Database>, input: { municipalityId?: string; now: Date }) {
  let invitations = db
    .selectFrom("invitation as i")
    .select(["i.id", "i.email", "i.role", "i.school", "i.municipality_id", "i.created_at"])
    .select((eb) => eb.selectFrom("invitation_credit as ic").select((c) => c.fn.countAll().as("n")).whereRef("ic.invitation_id", "=", "i.id").as("pending_credits"))
    .where("i.role", "in", MEMBER_ROLES)
    .where("i.accepted_at", "is", null)
    .where("i.withdrawn_at", "is", null)
    .where("i.expires_at", ">", iso(input.now))
    // An account made some other way (an admin, a second invitation) speaks for the person.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("user as member")
            .select("member.id")
            .whereRef("member.email", "=", "i.email")
            .whereRef("member.municipality_id", "=", "i.municipality_id")
            .where("member.role", "in", MEMBER_ROLES),
        ),
      ),
    );
  invitations = input.municipalityId ? invitations.where("i.municipality_id", "=", input.municipalityId) : invitations.where("i.municipality_id", "is not", null);
  return invitations;
}

/** The list's rows before they are sorted: cheap to filter and sort, made into RosterRows only when shown. */
type Entry =
  | { kind: "member"; row: MemberRow }
  | { kind: "invitation"; row: { id: string; email: string; role: string; school: string | null; created_at: string; pending_credits: string | number | bigint | null } };

function entryKey(entry: Entry): string {
  return entry.kind === "member" ? entry.row.id : `inbjudan:${entry.row.id}`;
}

/**
 * `statusOnly`: in-person activity is looked up only where it decides the status; the caller
 * completes the last activity of the rows it shows (withInPersonActivity). Never when sorting by it.
 */
async function rosterEntries(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; filters: RosterFilters; now?: Date; statusOnly?: boolean },
): Promise<{ entries: Entry[]; now: Date }> {
  const now = input.now ?? new Date();
  const { filters } = input;
  await refreshOutdatedSummaries(db, { content: input.content, municipalityId: input.municipalityId, now });
  // Invitations have no progress, so the module filter and every status but "invited" leave them out.
  const wantInvitations = !filters.module && (!filters.status || filters.status === "invited");
  let invitations = invitationsSql(db, { municipalityId: input.municipalityId, now });
  if (filters.role) invitations = invitations.where("i.role", "=", filters.role);
  const [members, invited] = await Promise.all([
    filters.status === "invited"
      ? Promise.resolve([])
      : memberRows(db, { municipalityId: input.municipalityId, filters, now, statusOnly: (input.statusOnly ?? false) && filters.sort !== "activity" }),
    wantInvitations ? invitations.execute() : Promise.resolve([]),
  ]);
  let entries: Entry[] = [...members.map((row) => ({ kind: "member" as const, row })), ...invited.map((row) => ({ kind: "invitation" as const, row }))];
  if (filters.q) {
    const q = filters.q.toLocaleLowerCase("sv");
    entries = entries.filter(
      (e) => (e.kind === "member" ? e.row.name : "").toLocaleLowerCase("sv").includes(q) || e.row.email.toLocaleLowerCase("sv").includes(q),
    );
  }
  return { entries: entries.sort((a, b) => compareEntries(a, b, filters.sort, filters.dir)), now };
}

/** The shown rows' last activity with in-person activity counted: two indexed queries for a page. */
async function withInPersonActivity(db: Kysely<Database>, entries: Entry[]): Promise<Entry[]> {
  const ids = entries.flatMap((e) => (e.kind === "member" && e.row.role === "coach" ? [e.row.id] : []));
  if (ids.length === 0) return entries;
  const [attended, signedUp] = await Promise.all([
    db
      .selectFrom("session_attendance")
      .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
      .select((eb) => ["session_attendance.user_id", eb.fn.max("training_session.starts_at").as("at")])
      .where("session_attendance.user_id", "in", ids)
      .where("session_attendance.attended", "=", 1)
      .groupBy("session_attendance.user_id")
      .execute(),
    db
      .selectFrom("session_booking")
      .select((eb) => ["session_booking.user_id", eb.fn.max("session_booking.queued_at").as("at")])
      .where("session_booking.user_id", "in", ids)
      .where("session_booking.status", "in", ["booked", "waitlisted"])
      .groupBy("session_booking.user_id")
      .execute(),
  ]);
  const inPerson = new Map<string, string>();
  for (const row of [...attended, ...signedUp]) if (row.at) inPerson.set(row.user_id, later(inPerson.get(row.user_id) ?? null, row.at));
  return entries.map((e) => {
    if (e.kind !== "member") return e;
    const at = inPerson.get(e.row.id);
    return at ? { ...e, row: { ...e.row, last_activity_at: later(e.row.last_activity_at, at) } } : e;
  });
}

function toRosterRow(entry: Entry, content: ContentIndex, now: Date): RosterRow {
  if (entry.kind === "invitation") {
    const i = entry.row;
    return {
      key: entryKey(entry),
      userId: null,
      name: null,
      email: i.email,
      role: i.role as MemberRole,
      school: i.school,
      status: "invited",
      statusLabel: ROSTER_STATUS_LABELS.invited,
      progress: null,
      currentModule: null,
      lastActivityAt: null,
      certificate: null,
      olderVersion: false,
      since: i.created_at,
      deactivatedAt: null,
      pendingCredits: toCount(i.pending_credits ?? 0),
    };
  }
  const m = entry.row;
  const coach = m.role === "coach";
  const status = m.status;
  const module = coach && m.current_module ? content.modules[m.current_module] : undefined;
  return {
    key: m.id,
    userId: m.id,
    name: m.name,
    email: m.email,
    role: m.role as MemberRole,
    school: m.school,
    status,
    statusLabel: status ? ROSTER_STATUS_LABELS[status] : null,
    progress: coach ? entryProgress(m) : null,
    currentModule: module ? { slug: module.slug, title: module.title } : null,
    lastActivityAt: coach ? m.last_activity_at : null,
    certificate:
      coach && m.cert_id
        ? toRosterCertificate(
            { id: m.cert_id, track: m.cert_track!, code: m.cert_code!, issued_at: m.cert_issued_at!, expires_at: m.cert_expires_at!, revoked_at: m.cert_revoked_at },
            now,
          )
        : null,
    olderVersion: coach && toCount(m.older_version) === 1,
    since: m.created_at,
    deactivatedAt: m.deactivated_at,
    pendingCredits: 0,
  };
}

function entryProgress(m: MemberRow): RosterProgress {
  return {
    modulesDone: toCount(m.modules_done),
    modulesTotal: toCount(m.modules_total),
    lessonsDone: toCount(m.lessons_done),
    lessonsTotal: toCount(m.lessons_total),
  };
}

// ---------------------------------------------------------------------------------------
// The list: filtered in SQL (role, status, module), searched and sorted in memory with the
// Swedish collation (which neither store has built in), made into rows only for the page shown.

const collator = new Intl.Collator("sv", { sensitivity: "base", numeric: true });

function sortName(entry: Entry): string {
  return entry.kind === "member" ? entry.row.name : entry.row.email;
}

function progressValue(entry: Entry): number | null {
  if (entry.kind !== "member" || entry.row.role !== "coach") return null;
  const { modulesDone, modulesTotal, lessonsDone, lessonsTotal } = entryProgress(entry.row);
  // Modules first; lessons break ties between coaches with as many modules done.
  return (modulesTotal ? modulesDone / modulesTotal : 0) * 1_000_000 + (lessonsTotal ? lessonsDone / lessonsTotal : 0) * 1_000;
}

function sortValue(entry: Entry, sort: RosterSort): string | number | null {
  if (sort === "progress") return progressValue(entry);
  if (entry.kind !== "member" || entry.row.role !== "coach") return null;
  if (sort === "activity") return entry.row.last_activity_at;
  if (sort === "expiry") return entry.row.cert_expires_at;
  return null;
}

/** Rows without a value (no certificate, no activity) come last in either direction. */
function compareEntries(a: Entry, b: Entry, sort: RosterSort, dir: "asc" | "desc"): number {
  const sign = dir === "asc" ? 1 : -1;
  const ka = entryKey(a);
  const kb = entryKey(b);
  if (sort !== "name") {
    const va = sortValue(a, sort);
    const vb = sortValue(b, sort);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) return (va < vb ? -1 : 1) * sign;
    return collator.compare(sortName(a), sortName(b)) || (ka < kb ? -1 : 1);
  }
  return (collator.compare(sortName(a), sortName(b)) || (ka < kb ? -1 : ka > kb ? 1 : 0)) * sign;
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


/** Every row matching the filters, sorted: what the exports write and the reminders read. */
export async function rosterRows(
  db: Kysely<Database>,
  input: { municipalityId: string; content: ContentIndex; filters: RosterFilters; now?: Date },
): Promise<RosterRow[]> {
  const { entries, now } = await rosterEntries(db, input);
  return entries.map((entry) => toRosterRow(entry, input.content, now));
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
  const { entries, now } = await rosterEntries(db, { ...input, statusOnly: true });
  const pageSize = Math.max(1, Math.floor(input.pageSize));
  const pageCount = Math.max(1, Math.ceil(entries.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(input.page)), pageCount);
  const shown = await withInPersonActivity(db, entries.slice((page - 1) * pageSize, page * pageSize));
  const rows = shown.map((entry) => toRosterRow(entry, input.content, now));
  return { rows, total: entries.length, page, pageCount, pageSize };
}

// ---------------------------------------------------------------------------------------
// Figures: grouped, indexed queries over the summary, for one municipality or all of them.

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
  // Where each Stockholm month starts, as the stored ISO times compare: no time-zone arithmetic per certificate.
  const starts = [...months, addMonths(months.at(-1)!, 1)].map((m) => iso(startOfStockholmDay(m)));
  const counts = months.map(() => 0);
  for (const row of issued) {
    for (let i = 0; i < months.length; i++) {
      if (row.issued_at >= starts[i]! && row.issued_at < starts[i + 1]!) {
        counts[i]!++;
        break;
      }
    }
  }
  return months.map((m, i) => {
    const month = isoLocalDate(m).slice(0, 7);
    const noon = new Date(Date.UTC(m.year, m.month - 1, 15));
    return { month, label: monthLong.format(noon), shortLabel: monthShort.format(noon), count: counts[i]! };
  });
}

async function figuresByMunicipality(
  db: Kysely<Database>,
  input: { municipalityId?: string; content: ContentIndex; now: Date },
): Promise<Map<string, RosterFigures>> {
  const { municipalityId, content, now } = input;
  await refreshOutdatedSummaries(db, { content, municipalityId, now });
  const months = monthsBack(now);
  const coaches = membersSql(db, municipalityId, { statusOnly: true }).where("u.role", "=", "coach");
  const sums = (eb: ExpressionBuilder<Database & { pm: Database["progress_module"] }, "pm">) => [
    eb.fn.sum<number>("pm.started").as("started"),
    eb.fn.sum<number>("pm.lessons_done").as("lessons_done"),
    eb.fn.sum<number>("pm.test_passed").as("test_passed"),
  ];
  // The funnel reads the module rows' own municipality, in index order (migration 0011) ...
  let everyone = db
    .selectFrom("progress_module as pm")
    .select((eb) => ["pm.municipality_id", "pm.track", "pm.module", ...sums(eb)])
    .groupBy(["pm.municipality_id", "pm.track", "pm.module"]);
  everyone = municipalityId ? everyone.where("pm.municipality_id", "=", municipalityId) : everyone.where("pm.municipality_id", "is not", null);
  // ... and takes off deactivated coaches, who are few, found from their person rows.
  let deactivated = db
    .selectFrom("user as u")
    .innerJoin("progress_module as pm", "pm.user_id", "u.id")
    .select((eb) => ["pm.municipality_id", "pm.track", "pm.module", ...sums(eb)])
    .where("u.role", "=", "coach")
    .where("u.deactivated_at", "is not", null)
    .groupBy(["pm.municipality_id", "pm.track", "pm.module"]);
  deactivated = municipalityId ? deactivated.where("u.municipality_id", "=", municipalityId) : deactivated.where("u.municipality_id", "is not", null);
  const funnel = Promise.all([everyone.execute(), deactivated.execute()]).then(([all, off]) => {
    const key = (r: { municipality_id: string | null; track: string; module: string }) => `${r.municipality_id}/${r.track}/${r.module}`;
    const gone = new Map(off.map((r) => [key(r), r]));
    return all.map((r) => {
      const minus = gone.get(key(r));
      return {
        ...r,
        started: toCount(r.started) - toCount(minus?.started),
        lessons_done: toCount(r.lessons_done) - toCount(minus?.lessons_done),
        test_passed: toCount(r.test_passed) - toCount(minus?.test_passed),
      };
    });
  });
  const [statuses, invited, modules, issued] = await Promise.all([
    db
      .selectFrom(coaches.as("m"))
      .select((eb) => ["m.municipality_id", statusSql(now).as("status"), eb.fn.countAll().as("count")])
      .groupBy(["m.municipality_id", "status"])
      .execute(),
    db
      .selectFrom(invitationsSql(db, { municipalityId, now }).where("i.role", "=", "coach").as("inv"))
      .select((eb) => ["inv.municipality_id", eb.fn.countAll().as("count")])
      .groupBy("inv.municipality_id")
      .execute(),
    funnel,
    certificationsIssued(db, { municipalityId, content, since: startOfStockholmDay(months[0]!) }),
  ]);

  const ids = new Set<string>([...statuses, ...invited, ...modules, ...issued].map((r) => r.municipality_id).filter((id): id is string => id !== null));
  if (municipalityId) ids.add(municipalityId);
  const result = new Map<string, RosterFigures>();
  for (const id of ids) {
    const count = (...wanted: RosterStatus[]) =>
      statuses.filter((r) => r.municipality_id === id && r.status !== null && wanted.includes(r.status)).reduce((sum, r) => sum + toCount(r.count), 0);
    const states = new Map(modules.filter((r) => r.municipality_id === id).map((r) => [`${r.track}/${r.module}`, r]));
    result.set(id, {
      invited: toCount(invited.find((r) => r.municipality_id === id)?.count),
      active: count("not_started", "in_training", "stalled", "certified", "expiring", "expired", "revoked"),
      notStarted: count("not_started"),
      inTraining: count("in_training", "stalled"),
      stalled: count("stalled"),
      certified: count("certified", "expiring"),
      expiring: count("expiring"),
      expired: count("expired"),
      revoked: count("revoked"),
      funnel: coachTracks(content).flatMap((track) =>
        track.modules.flatMap((slug) => {
          const module = content.modules[slug];
          if (!module) return [];
          const state = states.get(`${track.slug}/${slug}`);
          return [
            {
              track: track.slug,
              module: slug,
              title: module.title,
              started: toCount(state?.started),
              // A module without lessons is "all read" for everyone who has not touched it too.
              lessonsDone: toCount(state?.lessons_done),
              testPassed: toCount(state?.test_passed),
            },
          ];
        }),
      ),
      certificationsByMonth: countByMonth(
        issued.filter((c) => c.municipality_id === id),
        months,
      ),
    });
  }
  return result;
}

/** The municipality's figures for the coordinator's dashboard. */
export async function rosterFigures(db: Kysely<Database>, input: { municipalityId: string; content: ContentIndex; now?: Date }): Promise<RosterFigures> {
  const byMunicipality = await figuresByMunicipality(db, { ...input, now: input.now ?? new Date() });
  return byMunicipality.get(input.municipalityId)!;
}

/** Every municipality's figures side by side, for the admin: the same grouped queries once. */
export async function allMunicipalityFigures(
  db: Kysely<Database>,
  content: ContentIndex,
  now: Date = new Date(),
): Promise<Array<{ id: string; slug: string; name: string; figures: RosterFigures }>> {
  const [municipalities, figures] = await Promise.all([
    db.selectFrom("municipality").select(["id", "slug", "name"]).orderBy("name").execute(),
    figuresByMunicipality(db, { content, now }),
  ]);
  const empty = (): RosterFigures => ({
    invited: 0,
    active: 0,
    notStarted: 0,
    inTraining: 0,
    stalled: 0,
    certified: 0,
    expiring: 0,
    expired: 0,
    revoked: 0,
    funnel: coachTracks(content).flatMap((track) =>
      track.modules.flatMap((slug) => {
        const module = content.modules[slug];
        return module ? [{ track: track.slug, module: slug, title: module.title, started: 0, lessonsDone: 0, testPassed: 0 }] : [];
      }),
    ),
    certificationsByMonth: countByMonth([], monthsBack(now)),
  });
  return municipalities.map((municipality) => ({ ...municipality, figures: figures.get(municipality.id) ?? empty() }));
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
  olderVersion: boolean;
}

export interface RecordModule {
  slug: string;
  title: string;
  /** The track's refresher, taken to renew a certificate: shown once the coach has begun it. */
  refresher: boolean;
  /** Anything read, tried or credited: a module not started is one line on the page. */
  started: boolean;
  complete: boolean;
  test: TestState;
  lessons: RecordLesson[];
  attempts: RecordAttempt[];
}

/** What the coach has to do next: the first module of their tracks not yet complete. */
export interface RecordNextStep {
  trackTitle: string;
  moduleTitle: string;
  lessonsLeft: number;
  test: TestState;
}

// Content hashes stay in the audit data and the database: a coordinator is told only whether
// work was done on an older version (issue #20, finding 4).
export interface PersonRecord {
  status: RosterStatus | null;
  statusLabel: string | null;
  progress: RosterProgress;
  lastActivityAt: string | null;
  olderVersion: boolean;
  nextStep: RecordNextStep | null;
  tracks: Array<{ slug: string; title: string; modules: RecordModule[] }>;
  /** Newest first. */
  certificates: Array<RosterCertificate & { trackTitle: string; revokedReason: string | null }>;
  /** Earlier training registered by a coordinator, newest first. */
  priorTraining: Array<{ id: string; trackTitle: string; stepTitle: string; completedOn: string; note: string | null; registeredByName: string | null }>;
}

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
  const activity = activityOf(content, {
    lessons: mine.lessons,
    tests: mine.attempts.map((a) => ({ track: a.track, module: a.module, content_hash: a.content_hash, passed: toCount(a.passed), attempts: 1, last: a.submitted_at })),
    credits: prior.filter((p) => trackSlugs.has(p.track)),
  });
  const progress = coachProgress(content, tracks, activity.records);
  const current = person.role === "coach" ? certificateOnRecord(certificates, now) ?? null : null;
  const status =
    person.role === "coach"
      ? coachStatus({ deactivatedAt: person.deactivatedAt, certificate: current, lastActivityAt: activity.lastActivityAt }, now)
      : person.deactivatedAt
      ? "deactivated"
      : null;

  const completion = new Map(mine.lessons.map((l) => [`${l.track}/${l.module}/${l.lesson}`, l]));
  let nextStep: RecordNextStep | null = null;
  for (const track of tracks) {
    const next = trackProgress(content, track, activity.records).modules.find((m) => !m.complete);
    if (next && !nextStep) nextStep = { trackTitle: track.title, moduleTitle: next.title, lessonsLeft: next.lessonsTotal - next.lessonsDone, test: next.test };
  }
  return {
    nextStep,
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
            started: progress.complete || progress.lessonsDone > 0 || progress.attempts > 0,
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
