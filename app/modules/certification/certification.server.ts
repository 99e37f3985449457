// SPDX-License-Identifier: EUPL-1.2
// Certificates in the store: issued the moment a coach has completed a track, renewed by
// the refresher within its window, revoked by a coordinator with a written reason. What
// the dates and states mean is decided in rules.ts; this module applies it.
import type { Kysely } from "kysely";
import { z } from "zod";
import { getContent, type ContentIndex, type Track } from "~/content/content.server";
import { appUrl } from "~/env.server";
import { formatDate, formatLocalDate, isoLocalDate, stockholmDate, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { certificateIssuedEmail, certificateRevokedEmail } from "~/modules/email/templates.server";
import { loadProgress, moduleProgress, moduleUrl, testUrl, type ProgressRecords } from "~/modules/learning/progress.server";
import { attendancesOf, type Attendance } from "~/modules/course-days/attendance-records.server";
import { creditedSteps, creditedStepsByTrack } from "~/modules/certification/credited-steps.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import {
  boosterRenews,
  CERTIFICATE_STATUS_LABELS,
  certificateStatus,
  expiryForIssue,
  expiryForRenewal,
  generateCertificateCode,
  isInRefresherWindow,
  lastValidDay,
  refresherOpensAt,
  validCertificate,
  type CertificateDates,
  type CertificateStatus,
} from "./rules";

export interface CertificateRecord {
  id: string;
  userId: string;
  track: string;
  municipalityId: string | null;
  municipalityName: string | null;
  issuedAt: string;
  expiresAt: string;
  code: string;
  renewsId: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

function certificateColumns(db: Kysely<Database>) {
  return db
    .selectFrom("certification")
    .leftJoin("municipality", "municipality.id", "certification.municipality_id")
    .select([
      "certification.id",
      "certification.user_id as userId",
      "certification.track",
      "certification.municipality_id as municipalityId",
      "municipality.name as municipalityName",
      "certification.issued_at as issuedAt",
      "certification.expires_at as expiresAt",
      "certification.code",
      "certification.renews_id as renewsId",
      "certification.revoked_at as revokedAt",
      "certification.revoked_reason as revokedReason",
    ]);
}

/** Newest first. */
export async function listCertificatesForUser(db: Kysely<Database>, userId: string, track?: string): Promise<CertificateRecord[]> {
  let query = certificateColumns(db).where("certification.user_id", "=", userId);
  if (track) query = query.where("certification.track", "=", track);
  return query.orderBy("certification.issued_at", "desc").orderBy("certification.id").execute();
}

/** The certificate if it is this person's own; otherwise nothing, whoever else it belongs to. */
export async function getCertificateForOwner(db: Kysely<Database>, input: { certificateId: string; userId: string }): Promise<CertificateRecord | undefined> {
  return certificateColumns(db).where("certification.id", "=", input.certificateId).where("certification.user_id", "=", input.userId).executeTakeFirst();
}

/** A certificate by its code (in stored form, see normalizeCertificateCode), with its holder's name. */
export async function findCertificateByCode(db: Kysely<Database>, code: string): Promise<(CertificateRecord & { holderName: string }) | undefined> {
  return certificateColumns(db)
    .innerJoin("user", "user.id", "certification.user_id")
    .select("user.name as holderName")
    .where("certification.code", "=", code)
    .executeTakeFirst();
}

/**
 * The certificates a course day's attendance issued (issue #16): for each person marked as
 * present, a certificate of the day's track issued at the very marking that recorded them
 * (markAttendance issues with the marking's own time, and keeps that time when attendance is
 * saved again unchanged), or dated from the day itself (a track completed with earlier
 * training's credits runs from its last step: this day). Revoked ones are left out. Unsorted.
 */
export async function certificatesFromAttendance(
  db: Kysely<Database>,
  session: { id: string; track: string; startsAt: string },
): Promise<Array<CertificateRecord & { holderName: string }>> {
  return certificateColumns(db)
    .innerJoin("session_attendance as a", (join) => join.onRef("a.user_id", "=", "certification.user_id").on("a.session_id", "=", session.id))
    .innerJoin("user as holder", "holder.id", "certification.user_id")
    .select("holder.name as holderName")
    .where("a.attended", "=", 1)
    .where("certification.track", "=", session.track)
    .where("certification.revoked_at", "is", null)
    .where((eb) => eb.or([eb("certification.issued_at", "=", eb.ref("a.marked_at")), eb("certification.issued_at", "=", session.startsAt)]))
    .execute();
}

const statusOf = (certificate: CertificateRecord, now: Date): CertificateStatus =>
  certificateStatus({ expires_at: certificate.expiresAt, revoked_at: certificate.revokedAt }, now);

/** How a certificate record reads in the certification rules. */
const recordDates = (c: CertificateRecord): CertificateDates => ({ issued_at: c.issuedAt, expires_at: c.expiresAt, revoked_at: c.revokedAt });

/** When the last certificate stopped holding (expired or revoked), or null if there never was one. */
function lastEndedAt(certificates: CertificateRecord[]): string | null {
  let latest: string | null = null;
  for (const c of certificates) {
    const end = c.revokedAt && c.revokedAt < c.expiresAt ? c.revokedAt : c.expiresAt;
    if (!latest || end > latest) latest = end;
  }
  return latest;
}

/** Per track (or in the one given), per module, when its knowledge test was last passed. */
async function lastPasses(db: Kysely<Database>, userId: string, track?: string): Promise<Map<string, Map<string, string>>> {
  let query = db
    .selectFrom("quiz_attempt")
    .select(["track", "module", (eb) => eb.fn.max("submitted_at").as("lastPassed")])
    .where("user_id", "=", userId)
    .where("passed", "=", 1);
  if (track) query = query.where("track", "=", track);
  const rows = await query.groupBy(["track", "module"]).execute();
  const byTrack = new Map<string, Map<string, string>>();
  for (const r of rows) byTrack.set(r.track, (byTrack.get(r.track) ?? new Map<string, string>()).set(r.module, r.lastPassed));
  return byTrack;
}

/**
 * What a person has done outside the online modules: the track's session steps they attended
 * (or were credited with from earlier training) and modules credited from earlier training.
 */
export interface StepRecords {
  /** Session step key → when it was last completed (attended, or credited). */
  sessions: Map<string, string>;
  /** Every booster attended (or credited), for the renewal rule. */
  boosters: string[];
  /** Module slug → when earlier training completed it: read and passed on that date. */
  creditedModules: Map<string, string>;
  /** Session steps whose latest completion is a credit of earlier training, not an attendance. */
  creditedSessions: Set<string>;
}

export async function loadStepRecords(db: Kysely<Database>, userId: string, track: Track): Promise<StepRecords> {
  const [attendances, credited] = await Promise.all([attendancesOf(db, userId, track.slug), creditedSteps(db, userId, track.slug)]);
  return stepRecordsFrom(track, attendances, credited);
}

/** The step records of one track from attendances (of any track: the track's own count) and the track's credits. */
function stepRecordsFrom(track: Track, attendances: Attendance[], credited: Map<string, string>): StepRecords {
  const records: StepRecords = { sessions: new Map(), boosters: [], creditedModules: new Map(), creditedSessions: new Set() };
  const steps = new Map(track.sessions.map((s) => [s.key, s]));
  const complete = (key: string, at: string, isCredit: boolean) => {
    const step = steps.get(key);
    if (!step) return;
    const before = records.sessions.get(key);
    if (!before || at > before) {
      records.sessions.set(key, at);
      if (isCredit) records.creditedSessions.add(key);
      else records.creditedSessions.delete(key);
    }
    if (step.kind === "booster") records.boosters.push(at);
  };
  for (const a of attendances) if (a.track === track.slug) complete(a.stepKey, a.at, false);
  const modules = new Set([...track.modules, ...(track.refresher ? [track.refresher] : [])]);
  for (const [key, at] of credited) {
    if (modules.has(key)) records.creditedModules.set(key, at);
    else complete(key, at, true);
  }
  return records;
}

/** The passes with earlier training's credits counted as passes on their dates. */
function withCredits(passes: Map<string, string>, steps: StepRecords): Map<string, string> {
  if (steps.creditedModules.size === 0) return passes;
  const merged = new Map(passes);
  for (const [slug, at] of steps.creditedModules) {
    const passed = merged.get(slug);
    if (!passed || at > passed) merged.set(slug, at);
  }
  return merged;
}

/**
 * The modules that stand between a person and a certificate: lessons unread, or no test
 * passed after `since`. After a certificate has expired or been revoked, a new one takes the
 * knowledge tests passed again (lessons once read stay read); the refresher only renews a
 * certificate that still holds. A module credited from earlier training counts as read (in
 * `records`, see track-progress.ts), and as passed on the credited date (in `passes`).
 */
function modulesLeft(
  content: ContentIndex,
  track: Track,
  records: ProgressRecords,
  passes: Map<string, string>,
  since: string | null,
): string[] {
  return track.modules.filter((slug) => {
    const module = content.modules[slug];
    if (!module) return false;
    const progress = moduleProgress(track, module, records);
    const passed = passes.get(slug);
    const read = progress.lessonsDone >= progress.lessonsTotal;
    return !read || !passed || (since !== null && passed <= since);
  });
}

/**
 * The required session steps not yet attended. Attendance at a course day stays, like a lesson
 * read: a coach whose certificate ended takes the knowledge tests again, not the course days.
 */
export function sessionStepsLeft(track: Track, steps: StepRecords): string[] {
  return track.sessions.filter((s) => s.required && !steps.sessions.has(s.key)).map((s) => s.key);
}

type Decision =
  | { kind: "existing"; certificate: CertificateRecord }
  | { kind: "issue"; completedAt: string | null }
  | { kind: "renew"; previous: CertificateRecord; by: "refresher" | "booster" }
  | { kind: "not_eligible" };

/** Everything certification reads about one person in one track. */
export interface TrackRecords {
  /** The track's certificates, newest first. */
  certificates: CertificateRecord[];
  /** Lessons read and tests taken (other tracks' records may be there too: they are keyed by track). */
  progress: ProgressRecords;
  /** Per module, when its knowledge test was last passed, before credits are counted. */
  passes: Map<string, string>;
  steps: StepRecords;
}

async function loadTrackRecords(db: Kysely<Database>, userId: string, track: Track): Promise<TrackRecords> {
  const [certificates, steps, passes, progress] = await Promise.all([
    listCertificatesForUser(db, userId, track.slug),
    loadStepRecords(db, userId, track),
    lastPasses(db, userId, track.slug),
    loadProgress(db, userId, { track: track.slug }),
  ]);
  return { certificates, steps, passes: passes.get(track.slug) ?? new Map(), progress };
}

/**
 * What certification reads about a person, each kind once for all their tracks: a page that
 * shows several tracks asks this once and picks each track's share with `recordsOfTrack`.
 */
export interface PersonRecords {
  certificates: CertificateRecord[];
  progress: ProgressRecords;
  passes: Map<string, Map<string, string>>;
  attendances: Attendance[];
  /** Track → step → date credited from earlier training. */
  credited: Map<string, Map<string, string>>;
}

export async function loadPersonRecords(db: Kysely<Database>, userId: string): Promise<PersonRecords> {
  const [certificates, progress, passes, attendances, credited] = await Promise.all([
    listCertificatesForUser(db, userId),
    loadProgress(db, userId, { withoutCredits: true }),
    lastPasses(db, userId),
    attendancesOf(db, userId),
    creditedStepsByTrack(db, userId),
  ]);
  for (const [track, steps] of credited) for (const [step, at] of steps) progress.credited!.set(`${track}/${step}`, at);
  return { certificates, progress, passes, attendances, credited };
}

export function recordsOfTrack(person: PersonRecords, track: Track): TrackRecords {
  return {
    certificates: person.certificates.filter((c) => c.track === track.slug),
    progress: person.progress,
    passes: person.passes.get(track.slug) ?? new Map(),
    steps: stepRecordsFrom(track, person.attendances, person.credited.get(track.slug) ?? new Map()),
  };
}

async function decide(db: Kysely<Database>, input: { userId: string; track: Track; content: ContentIndex; now: Date }): Promise<Decision> {
  return decideFrom(input.track, input.content, await loadTrackRecords(db, input.userId, input.track), input.now);
}

/**
 * Whether issueCertificateIfEligible would issue or renew a certificate now. A page that reads
 * the records anyway asks this first, so the usual visit (nothing new) takes no lock.
 */
export function issuanceDue(track: Track, content: ContentIndex, records: TrackRecords, now: Date): boolean {
  const kind = decideFrom(track, content, records, now).kind;
  return kind === "issue" || kind === "renew";
}

function decideFrom(track: Track, content: ContentIndex, records: TrackRecords, now: Date): Decision {
  const { certificates, steps } = records;
  const passes = withCredits(records.passes, steps);
  const current = validCertificate(certificates, now, recordDates);
  if (current) {
    const window = { expires_at: current.expiresAt, revoked_at: current.revokedAt };
    // A renewal of this certificate that a coordinator revoked was earned with the refresher or
    // booster done before the revocation: that evidence renews nothing again (issue #16).
    const renewableAfter = lastRevokedRenewal(certificates, current) ?? current.issuedAt;
    const refresherPassed = track.refresher ? passes.get(track.refresher) : undefined;
    if (refresherPassed && isInRefresherWindow(window, now) && refresherPassed >= iso(refresherOpensAt(current.expiresAt)) && refresherPassed > renewableAfter) {
      return { kind: "renew", previous: current, by: "refresher" };
    }
    const booster = track.boosterExtendsValidity;
    if (booster && boosterRenews({ issued_at: renewableAfter, ...window }, steps.boosters, booster.withinMonths, now)) {
      return { kind: "renew", previous: current, by: "booster" };
    }
    return { kind: "existing", certificate: current };
  }
  if (track.modules.length === 0) return { kind: "not_eligible" };
  const left = [...modulesLeft(content, track, records.progress, passes, lastEndedAt(certificates)), ...sessionStepsLeft(track, steps)];
  return left.length === 0 ? { kind: "issue", completedAt: creditedCompletion(track, passes, steps, now) } : { kind: "not_eligible" };
}

/** When the last renewal of `certificate` that was revoked was revoked, if one was. */
function lastRevokedRenewal(certificates: CertificateRecord[], certificate: CertificateRecord): string | null {
  let latest: string | null = null;
  for (const c of certificates) if (c.renewsId === certificate.id && c.revokedAt && (!latest || c.revokedAt > latest)) latest = c.revokedAt;
  return latest;
}

/**
 * When a track completed with the help of earlier training was completed: the latest date
 * among its modules' passes and its required session steps (issue #16). A certificate earned
 * from credits runs from that day, not from the day the coordinator registered them; one
 * earned online alone runs from its issue, as before (null).
 */
function creditedCompletion(track: Track, passes: Map<string, string>, steps: StepRecords, now: Date): string | null {
  const required = track.sessions.filter((s) => s.required).map((s) => s.key);
  const usesCredit = track.modules.some((m) => steps.creditedModules.get(m) === passes.get(m)) || required.some((k) => steps.creditedSessions.has(k));
  if (!usesCredit) return null;
  const dates = [...track.modules.map((m) => passes.get(m)), ...required.map((k) => steps.sessions.get(k))].filter((d): d is string => d !== undefined);
  const latest = dates.reduce((a, b) => (b > a ? b : a), "");
  return latest && latest < iso(now) ? latest : null;
}

const MAX_CODE_ATTEMPTS = 5;

async function unusedCode(db: Kysely<Database>): Promise<string> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const code = generateCertificateCode();
    const taken = await db.selectFrom("certification").select("id").where("code", "=", code).executeTakeFirst();
    if (!taken) return code;
  }
  // 31^12 codes: five collisions in a row mean the generator is broken, not unlucky.
  throw new Error("Kunde inte ta fram en oanvänd intygskod.");
}

export interface IssueResult {
  outcome: "issued" | "renewed" | "existing";
  certificate: CertificateRecord;
}

/**
 * Issues the certificate for a track once the person has completed it, or renews the
 * current one when they have passed the refresher in its window. Safe to call as often as
 * anyone likes: without anything new it returns the certificate that holds (or null), and
 * two calls at once issue one certificate. Given a transaction, it issues within it.
 */
export async function issueCertificateIfEligible(
  db: Kysely<Database>,
  input: { userId: string; track: Track; content: ContentIndex; now?: Date },
): Promise<IssueResult | null> {
  const now = input.now ?? new Date();
  const args = { ...input, now };
  // Most calls change nothing: decide without taking a lock first.
  const early = await decide(db, args);
  if (early.kind === "existing") return { outcome: "existing", certificate: early.certificate };
  if (early.kind === "not_eligible") return null;

  const issue = async (trx: Kysely<Database>): Promise<IssueResult | null> => {
    // Writing to the person's row first makes concurrent issuers for them wait here (a row
    // lock in PostgreSQL, the write lock in SQLite), so the decision below sees the winner's certificate.
    await trx
      .updateTable("user")
      .set((eb) => ({ name: eb.ref("name") }))
      .where("id", "=", input.userId)
      .execute();
    const decision = await decide(trx, args);
    if (decision.kind === "existing") return { outcome: "existing" as const, certificate: decision.certificate };
    if (decision.kind === "not_eligible") return null;

    const person = await trx.selectFrom("user").select(["name", "email", "municipality_id"]).where("id", "=", input.userId).executeTakeFirstOrThrow();
    const renewal = decision.kind === "renew" ? decision.previous : null;
    const issuedAt = decision.kind === "issue" && decision.completedAt ? new Date(decision.completedAt) : now;
    const expiresAt = renewal ? expiryForRenewal(new Date(renewal.expiresAt), input.track.validityMonths) : expiryForIssue(issuedAt, input.track.validityMonths);
    const id = newId();
    const code = await unusedCode(trx);
    await trx
      .insertInto("certification")
      .values({
        id,
        user_id: input.userId,
        track: input.track.slug,
        municipality_id: person.municipality_id,
        issued_at: iso(issuedAt),
        expires_at: iso(expiresAt),
        code,
        renews_id: renewal?.id ?? null,
        revoked_at: null,
        revoked_by: null,
        revoked_reason: null,
      })
      .execute();
    await recordAuditEvent(trx, {
      action: renewal ? "certificate.renewed" : "certificate.issued",
      actorId: input.userId,
      subject: input.userId,
      municipalityId: person.municipality_id,
      details: {
        certificateId: id,
        track: input.track.slug,
        code,
        expiresAt: iso(expiresAt),
        ...(issuedAt !== now ? { issuedFromTrainingOn: iso(issuedAt) } : {}),
        ...(renewal ? { renews: renewal.id } : {}),
        ...(decision.kind === "renew" && decision.by === "booster" ? { renewedBy: "booster" } : {}),
      },
      now,
    });
    // Training completed so long ago that its certificate has already run out congratulates nobody:
    // the record stands, and the coach renews by taking the knowledge tests again.
    if (expiresAt > now) {
      await enqueueEmail(
        trx,
        certificateIssuedEmail({
          to: person.email,
          name: person.name,
          trackTitle: input.track.title,
          renewed: renewal !== null,
          renewedBy: decision.kind === "renew" ? decision.by : undefined,
          validThrough: formatLocalDate(lastValidDay(expiresAt)),
          refresherOpens: input.track.refresher ? formatDate(refresherOpensAt(expiresAt)) : null,
          link: appUrl("/intyg"),
        }),
        now,
      );
    }
    await refreshProgressSummary(trx, input.userId, input.content, now);
    const certificate = await certificateColumns(trx).where("certification.id", "=", id).executeTakeFirstOrThrow();
    return { outcome: renewal ? ("renewed" as const) : ("issued" as const), certificate };
  };
  // Inside a caller's transaction (the knowledge test stores its attempt in the same one), it issues there.
  return db.isTransaction ? issue(db) : db.transaction().execute(issue);
}

// The test's action issues in the same request as it stores the attempt: well inside this.
const ISSUED_WITH_ATTEMPT_MS = 60_000;

/** The certificate a passed test issued or renewed: one issued right after the attempt was stored. */
export async function certificateIssuedBy(
  db: Kysely<Database>,
  input: { userId: string; track: string; attemptSubmittedAt: string },
): Promise<CertificateRecord | undefined> {
  const submitted = new Date(input.attemptSubmittedAt);
  return certificateColumns(db)
    .where("certification.user_id", "=", input.userId)
    .where("certification.track", "=", input.track)
    .where("certification.issued_at", ">=", iso(submitted))
    .where("certification.issued_at", "<=", iso(new Date(submitted.getTime() + ISSUED_WITH_ATTEMPT_MS)))
    .where("certification.revoked_at", "is", null)
    .orderBy("certification.issued_at", "desc")
    .executeTakeFirst();
}

// The refresher module is not one of the track's modules: it is open to a person whose
// certificate is in its window, and stays open to look back at once it has renewed one.

export type RefresherAccess = { open: true } | { open: false; message: string };

export async function refresherAccess(db: Kysely<Database>, input: { userId: string; track: Track; now?: Date }): Promise<RefresherAccess> {
  const now = input.now ?? new Date();
  const certificates = await listCertificatesForUser(db, input.userId, input.track.slug);
  const current = validCertificate(certificates, now, recordDates);
  if (!current) {
    return {
      open: false,
      message:
        certificates.length > 0
          ? "Repetitionen förnyar ett intyg som fortfarande gäller. Ditt intyg gäller inte längre: gör om kunskapstesten i utbildningen för att få ett nytt intyg."
          : "Repetitionen öppnar när du har fått ditt intyg, 60 dagar innan det går ut.",
    };
  }
  if (current.renewsId || isInRefresherWindow({ expires_at: current.expiresAt, revoked_at: current.revokedAt }, now)) return { open: true };
  return { open: false, message: `Repetitionen öppnar ${formatDate(refresherOpensAt(current.expiresAt))}, 60 dagar innan ditt intyg går ut.` };
}

// How a certificate's life reads to its holder: a few dated steps and one plain sentence.

export interface TimelineStep {
  label: string;
  /** "14 mars 2027" */
  date: string;
  /** YYYY-MM-DD for <time dateTime>. */
  isoDate: string;
  past: boolean;
}

export interface CertificateSummary {
  id: string;
  track: string;
  trackTitle: string;
  municipalityName: string | null;
  code: string;
  status: CertificateStatus;
  statusLabel: string;
  issuedOn: string;
  validThrough: string;
  renewal: boolean;
  /** A later certificate renewed this one. */
  renewedBy: string | null;
  revokedOn: string | null;
  timeline: TimelineStep[];
  /** What the timeline does not say; null when it says everything. */
  explanation: string | null;
  /** The refresher's page, while it is open for this certificate. */
  refresherUrl: string | null;
  pdfUrl: string | null;
}

/** A step on the day it happens; `instant` (when it takes effect) says whether it is behind us. */
function step(label: string, day: LocalDate, instant: Date, now: Date): TimelineStep {
  return { label, date: formatLocalDate(day), isoDate: isoLocalDate(day), past: instant <= now };
}

export function summarizeCertificate(
  certificate: CertificateRecord,
  context: { track: Track | undefined; renewedBy: CertificateRecord | undefined; now: Date },
): CertificateSummary {
  const { track, renewedBy, now } = context;
  const status = statusOf(certificate, now);
  const expiresAt = new Date(certificate.expiresAt);
  const validThrough = formatLocalDate(lastValidDay(expiresAt));
  const hasRefresher = Boolean(track?.refresher);
  const opensAt = refresherOpensAt(expiresAt);

  const on = (instant: Date | string) => ({ day: stockholmDate(instant), instant: new Date(instant) });
  const issued = on(certificate.issuedAt);
  // Each date is said once, in the tense it has today (issue #20, finding 9): the explanation
  // below says only what the timeline cannot, such as how long a renewal would last.
  const timeline: TimelineStep[] = [step(certificate.renewsId ? "Förnyat med repetitionen" : "Utfärdat", issued.day, issued.instant, now)];
  if (status === "revoked") {
    const revoked = on(certificate.revokedAt!);
    timeline.push(step("Återkallat", revoked.day, revoked.instant, now));
  } else {
    if (renewedBy) {
      const renewed = on(renewedBy.issuedAt);
      timeline.push(step("Förnyat med repetitionen", renewed.day, renewed.instant, now));
    } else if (hasRefresher && status === "valid") {
      timeline.push(step(opensAt <= now ? "Repetitionen öppen sedan" : "Repetitionen öppnar", stockholmDate(opensAt), opensAt, now));
    }
    // The last day is behind us only once it has ended, at the following midnight.
    timeline.push(step(expiresAt <= now ? "Gällde till och med" : "Giltigt till och med", lastValidDay(expiresAt), expiresAt, now));
  }

  let explanation: string | null;
  if (status === "revoked") {
    explanation = "Intyget gäller inte längre. Kontakta din ANDTS-samordnare om du har frågor.";
  } else if (status === "expired") {
    explanation = "För att få ett nytt intyg gör du om kunskapstesten i utbildningen.";
  } else if (renewedBy) {
    explanation = "Du har redan förnyat intyget med repetitionen.";
  } else if (!hasRefresher) {
    explanation = null;
  } else if (opensAt <= now) {
    const renewedThrough = formatLocalDate(lastValidDay(expiryForRenewal(expiresAt, track!.validityMonths)));
    explanation = `Gör repetitionen innan intyget går ut, så gäller det till och med ${renewedThrough}.`;
  } else {
    explanation = "När repetitionen öppnar kan du förnya intyget med den, innan det går ut.";
  }

  return {
    id: certificate.id,
    track: certificate.track,
    trackTitle: track?.title ?? certificate.track,
    municipalityName: certificate.municipalityName,
    code: certificate.code,
    status,
    statusLabel: CERTIFICATE_STATUS_LABELS[status],
    issuedOn: formatDate(certificate.issuedAt),
    validThrough,
    renewal: certificate.renewsId !== null,
    renewedBy: renewedBy?.id ?? null,
    revokedOn: certificate.revokedAt ? formatDate(certificate.revokedAt) : null,
    timeline,
    explanation,
    refresherUrl: status === "valid" && !renewedBy && track?.refresher && opensAt <= now ? moduleUrl(track.slug, track.refresher) : null,
    pdfUrl: status === "revoked" ? null : `/intyg/${certificate.id}.pdf`,
  };
}

/** A person's certificates for their own page: the ones that hold first, then the history. */
export function summarizeCertificates(certificates: CertificateRecord[], content: ContentIndex, now: Date): { current: CertificateSummary[]; history: CertificateSummary[] } {
  const renewers = new Map(certificates.filter((c) => c.renewsId && !c.revokedAt).map((c) => [c.renewsId!, c]));
  const byTrack = new Map<string, CertificateRecord[]>();
  for (const c of certificates) byTrack.set(c.track, [...(byTrack.get(c.track) ?? []), c]);
  const currentIds = new Set([...byTrack.values()].map((list) => validCertificate(list, now, recordDates)?.id).filter(Boolean));
  const summaries = certificates.map((c) => summarizeCertificate(c, { track: content.tracks.find((t) => t.slug === c.track), renewedBy: renewers.get(c.id), now }));
  return { current: summaries.filter((s) => currentIds.has(s.id)), history: summaries.filter((s) => !currentIds.has(s.id)) };
}

// The certificate as it shows on the coach's training page, beside the track's progress.

export type TrackCertificateState =
  | { kind: "none" }
  | { kind: "valid"; validThrough: string; refresherOpens: string | null }
  | {
      kind: "refresher";
      validThrough: string;
      refresherOpens: string;
      renewedThrough: string;
      refresher: { title: string; url: string };
      /** The track lets a booster attended within this many months renew instead. */
      boosterWithinMonths: number | null;
    }
  | { kind: "ended"; reason: "expired" | "revoked"; endedOn: string; next: { title: string; url: string } | null };

export async function trackCertificateState(
  db: Kysely<Database>,
  input: { userId: string; track: Track; content: ContentIndex; now?: Date },
): Promise<TrackCertificateState> {
  return certificateStateOf(input.track, input.content, await loadTrackRecords(db, input.userId, input.track), input.now ?? new Date());
}

export function certificateStateOf(track: Track, content: ContentIndex, records: TrackRecords, now: Date): TrackCertificateState {
  const { certificates, steps } = records;
  if (certificates.length === 0) return { kind: "none" };
  const current = validCertificate(certificates, now, recordDates);
  if (current) {
    const expiresAt = new Date(current.expiresAt);
    const validThrough = formatLocalDate(lastValidDay(expiresAt));
    const refresher = track.refresher ? content.modules[track.refresher] : undefined;
    if (refresher && isInRefresherWindow({ expires_at: current.expiresAt, revoked_at: null }, now)) {
      return {
        kind: "refresher",
        validThrough,
        refresherOpens: formatDate(refresherOpensAt(expiresAt)),
        renewedThrough: formatLocalDate(lastValidDay(expiryForRenewal(expiresAt, track.validityMonths))),
        refresher: { title: refresher.title, url: moduleUrl(track.slug, refresher.slug) },
        boosterWithinMonths: track.boosterExtendsValidity?.withinMonths ?? null,
      };
    }
    return { kind: "valid", validThrough, refresherOpens: refresher ? formatDate(refresherOpensAt(expiresAt)) : null };
  }
  const latest = certificates[0]!;
  const revoked = latest.revokedAt !== null && latest.revokedAt < latest.expiresAt;
  const since = lastEndedAt(certificates);
  const nextModule = modulesLeft(content, track, records.progress, withCredits(records.passes, steps), since)[0];
  const module = nextModule ? content.modules[nextModule] : undefined;
  return {
    kind: "ended",
    reason: revoked ? "revoked" : "expired",
    endedOn: revoked ? formatDate(latest.revokedAt!) : formatLocalDate(lastValidDay(latest.expiresAt)),
    next: module ? { title: `Kunskapstest: ${module.title}`, url: testUrl(track.slug, module.slug) } : null,
  };
}

// Revocation: a coordinator of the issuing municipality (or an admin) withdraws a
// certificate with a written reason. The reason is audited and shown to coordinators;
// the public verification page says only that, and when, it was revoked.

export const REVOCATION_REASON_MIN = 10;
export const REVOCATION_REASON_MAX = 1000;

export const revocationReason = z
  .string({ error: "Skriv varför intyget återkallas." })
  .trim()
  .min(REVOCATION_REASON_MIN, `Skriv varför intyget återkallas, med minst ${REVOCATION_REASON_MIN} tecken.`)
  .max(REVOCATION_REASON_MAX, `Skälet får ha högst ${REVOCATION_REASON_MAX} tecken.`)
  .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Texten innehåller otillåtna tecken.");

export interface CertificateForCoordinator extends CertificateRecord {
  holderName: string;
  revokedByName: string | null;
}

/** A certificate as the one who may revoke it sees it; nothing for anyone else. */
export async function getCertificateForRevocation(
  db: Kysely<Database>,
  input: { certificateId: string; actor: SessionUser },
): Promise<CertificateForCoordinator | undefined> {
  const row = await certificateColumns(db)
    .innerJoin("user as holder", "holder.id", "certification.user_id")
    .leftJoin("user as revoker", "revoker.id", "certification.revoked_by")
    .select(["holder.name as holderName", "revoker.name as revokedByName"])
    .where("certification.id", "=", input.certificateId)
    .executeTakeFirst();
  if (!row || !can.revokeCertificate(input.actor, row)) return undefined;
  return row;
}

export type RevokeResult =
  | { status: "revoked"; certificate: CertificateForCoordinator }
  | { status: "already_revoked"; certificate: CertificateForCoordinator }
  | { status: "invalid_reason"; message: string }
  | { status: "not_found" };

export async function revokeCertificate(
  db: Kysely<Database>,
  input: { certificateId: string; actor: SessionUser; reason: string; content?: ContentIndex; now?: Date },
): Promise<RevokeResult> {
  const now = input.now ?? new Date();
  const reason = revocationReason.safeParse(input.reason);
  if (!reason.success) return { status: "invalid_reason", message: reason.error.issues[0]!.message };
  const certificate = await getCertificateForRevocation(db, input);
  if (!certificate) return { status: "not_found" };
  if (certificate.revokedAt) return { status: "already_revoked", certificate };
  const trackTitle = (input.content ?? getContent()).tracks.find((t) => t.slug === certificate.track)?.title ?? certificate.track;
  const revoked = await db.transaction().execute((trx) => markRevoked(trx, { certificate, trackTitle, actorId: input.actor.id, reason: reason.data, now }));
  const after = (await getCertificateForRevocation(db, input))!;
  return { status: revoked ? "revoked" : "already_revoked", certificate: after };
}

/**
 * Revokes in the caller's transaction and tells the holder why, whichever way it was revoked
 * (issue #16); false when someone revoked it first.
 */
async function markRevoked(
  trx: Kysely<Database>,
  input: {
    certificate: Pick<CertificateRecord, "id" | "userId" | "municipalityId" | "track" | "code">;
    trackTitle: string;
    actorId: string;
    reason: string;
    now: Date;
  },
): Promise<boolean> {
  const { certificate, now } = input;
  const update = await trx
    .updateTable("certification")
    .set({ revoked_at: iso(now), revoked_by: input.actorId, revoked_reason: input.reason })
    .where("id", "=", certificate.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (Number(update.numUpdatedRows) !== 1) return false;
  await refreshProgressSummary(trx, certificate.userId, undefined, now);
  await recordAuditEvent(trx, {
    action: "certificate.revoked",
    actorId: input.actorId,
    subject: certificate.userId,
    municipalityId: certificate.municipalityId,
    details: { certificateId: certificate.id, track: certificate.track, code: certificate.code, reason: input.reason },
    now,
  });
  // A revoked renewal leaves the certificate it renewed holding if that one is still within its own validity.
  const stillValid = validCertificate(await listCertificatesForUser(trx, certificate.userId, certificate.track), now, recordDates);
  const person = await trx.selectFrom("user").select(["name", "email"]).where("id", "=", certificate.userId).executeTakeFirstOrThrow();
  await enqueueEmail(
    trx,
    certificateRevokedEmail({
      to: person.email,
      name: person.name,
      trackTitle: input.trackTitle,
      reason: input.reason,
      stillValidThrough: stillValid ? formatLocalDate(lastValidDay(stillValid.expiresAt)) : null,
      link: appUrl("/utbildning"),
    }),
    now,
  );
  return true;
}

/**
 * After a credit of earlier training is withdrawn (issue #16): the certificate that holds now is
 * decided again from the records as they are, as if it had not been issued (nor renewed from the
 * first one of its chain). One that would no longer be issued is revoked with the coordinator's
 * reason in the caller's transaction, and its holder is told. Returns whether it was revoked.
 */
export async function redecideCertificate(
  trx: Kysely<Database>,
  input: { userId: string; track: Track; content: ContentIndex; actorId: string; reason: string; now: Date },
): Promise<boolean> {
  const records = await loadTrackRecords(trx, input.userId, input.track);
  const current = validCertificate(records.certificates, input.now, recordDates);
  if (!current) return false;
  let first = current;
  for (let c: CertificateRecord | undefined = current; c; c = records.certificates.find((x) => x.id === c!.renewsId)) first = c;
  const before = records.certificates.filter((c) => c.issuedAt < first.issuedAt && c.id !== first.id);
  const passes = withCredits(records.passes, records.steps);
  const left = [
    ...modulesLeft(input.content, input.track, records.progress, passes, lastEndedAt(before)),
    ...sessionStepsLeft(input.track, records.steps),
  ];
  if (left.length === 0) return false;
  return markRevoked(trx, { certificate: current, trackTitle: input.track.title, actorId: input.actorId, reason: input.reason, now: input.now });
}
