// SPDX-License-Identifier: EUPL-1.2
// Reminders to coaches, sent by `npm run reminders` (cron): to a coach whose training has
// stalled, and to one whose certificate is about to expire. Who is stalled or expiring is
// decided once, by the coordinator's roster, so a reminder goes to exactly the people the
// coordinator sees listed. Each reminder is recorded under (person, kind, reference) before
// its email is queued, in one transaction: two runs at once still send it once.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { appUrl } from "~/env.server";
import { formatDate, formatIsoDate, formatLocalDate, type LocalDate } from "~/lib/dates";
import { DAY_MS, iso } from "~/lib/time";
import { expiryForRenewal, lastValidDay, refresherOpensAt, REFRESHER_WINDOW_DAYS } from "~/modules/certification/rules";
import { enqueueEmail, type EmailMessage } from "~/modules/email/outbox.server";
import { expiryReminderEmail, stalledReminderEmail } from "~/modules/email/templates.server";
import { coachTracks, parseRosterQuery, rosterRows, STALLED_AFTER_DAYS, type RosterRow } from "~/modules/roster/roster.server";
import { loadProgress, trackProgress } from "~/modules/learning/progress.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

export const REMINDER_KINDS = ["stalled", "expiry-60", "expiry-14"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The first expiry reminder goes out when the refresher opens; the last two weeks before the certificate ends. */
export const EXPIRY_REMINDER_DAYS = { "expiry-60": REFRESHER_WINDOW_DAYS, "expiry-14": 14 } as const;

export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  stalled: `Fortsätt utbildningen (inget gjort på ${STALLED_AFTER_DAYS} dagar)`,
  "expiry-60": `Intyget går ut om ${EXPIRY_REMINDER_DAYS["expiry-60"]} dagar, repetitionen är öppen`,
  "expiry-14": `Intyget går ut om ${EXPIRY_REMINDER_DAYS["expiry-14"]} dagar`,
};

export interface DueReminder {
  userId: string;
  /** The coach's email address; the message is in `message`. */
  email: string;
  name: string;
  municipalityId: string;
  kind: ReminderKind;
  /** What the reminder is about: the date of the last activity (stalled) or the certificate id (expiry). */
  reference: string;
  /** Less urgent reminders about the same thing: recorded with this one and never sent after it. */
  supersedes: ReminderKind[];
  message: EmailMessage;
}

/** What a roster row makes due, before it is known whether it was already sent. */
interface Candidate {
  row: RosterRow & { userId: string; name: string };
  municipalityId: string;
  kind: ReminderKind;
  reference: string;
  supersedes: ReminderKind[];
  daysLeft?: number;
}

function parseIsoDay(day: string): LocalDate {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return { year, month, day: date };
}

/** Calendar days from today (Stockholm) to the certificate's last valid day. */
function daysUntil(lastDay: string, now: Date): number {
  const from = parseIsoDay(formatIsoDate(now));
  const to = parseIsoDay(lastDay);
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / DAY_MS);
}

function candidatesOf(row: RosterRow, municipalityId: string, now: Date): Candidate[] {
  // A deactivated coach may still hold a valid certificate: the account decides first.
  if (!row.userId || row.name === null || row.deactivatedAt) return [];
  const coach = { ...row, userId: row.userId, name: row.name };
  const found: Candidate[] = [];
  // A coach who resumes and stalls again has a newer last activity, so a new reference.
  if (row.status === "stalled" && row.lastActivityAt) {
    found.push({ row: coach, municipalityId, kind: "stalled", reference: formatIsoDate(row.lastActivityAt), supersedes: [] });
  }
  const certificate = row.certificate;
  if (certificate?.status === "valid") {
    const daysLeft = daysUntil(certificate.lastValidDay, now);
    if (daysLeft >= 0 && daysLeft <= EXPIRY_REMINDER_DAYS["expiry-14"]) {
      found.push({ row: coach, municipalityId, kind: "expiry-14", reference: certificate.id, supersedes: ["expiry-60"], daysLeft });
    } else if (daysLeft >= 0 && daysLeft <= EXPIRY_REMINDER_DAYS["expiry-60"]) {
      found.push({ row: coach, municipalityId, kind: "expiry-60", reference: certificate.id, supersedes: [], daysLeft });
    }
  }
  return found;
}

async function sentKeys(db: Kysely<Database>, municipalityId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("reminder_sent")
    .innerJoin("user", "user.id", "reminder_sent.user_id")
    .select(["reminder_sent.user_id", "reminder_sent.kind", "reminder_sent.reference"])
    .where("user.municipality_id", "=", municipalityId)
    .where("reminder_sent.kind", "in", REMINDER_KINDS)
    .execute();
  return new Set(rows.map((r) => `${r.user_id}|${r.kind}|${r.reference}`));
}

async function stalledMessage(db: Kysely<Database>, content: ContentIndex, candidate: Candidate): Promise<EmailMessage> {
  const records = await loadProgress(db, candidate.row.userId);
  const tracks = coachTracks(content);
  const next = tracks.map((track) => ({ track, next: trackProgress(content, track, records).next })).find((t) => t.next !== null);
  return stalledReminderEmail({
    to: candidate.row.email,
    name: candidate.row.name,
    trackTitle: (next?.track ?? tracks[0])?.title ?? "utbildningen",
    lastActivity: formatDate(candidate.row.lastActivityAt!),
    nextTitle: next?.next?.title ?? null,
    link: appUrl(next?.next?.url ?? "/utbildning"),
  });
}

function expiryMessage(content: ContentIndex, candidate: Candidate): EmailMessage {
  const certificate = candidate.row.certificate!;
  const track = content.tracks.find((t) => t.slug === certificate.track);
  const expiresAt = new Date(certificate.expiresAt);
  return expiryReminderEmail({
    to: candidate.row.email,
    name: candidate.row.name,
    trackTitle: track?.title ?? certificate.track,
    validThrough: formatLocalDate(lastValidDay(expiresAt)),
    daysLeft: candidate.daysLeft ?? 0,
    urgent: candidate.kind === "expiry-14",
    refresher: track?.refresher
      ? { opened: formatDate(refresherOpensAt(expiresAt)), renewedThrough: formatLocalDate(lastValidDay(expiryForRenewal(expiresAt, track.validityMonths))) }
      : null,
    link: appUrl("/intyg"),
  });
}

/**
 * The reminders due now and not yet sent, in municipalities that send reminders: coaches in
 * training with nothing done for STALLED_AFTER_DAYS days, and valid certificates whose last
 * valid day is at most 60 or 14 days away (only the most urgent of the two).
 */
export async function selectReminders(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<DueReminder[]> {
  const municipalities = await db.selectFrom("municipality").select("id").where("reminders_enabled", "=", 1).orderBy("name").orderBy("id").execute();
  const filters = { ...parseRosterQuery(new URLSearchParams(), content).filters, role: "coach" as const };
  const due: DueReminder[] = [];
  for (const municipality of municipalities) {
    const [rows, sent] = await Promise.all([rosterRows(db, { municipalityId: municipality.id, content, filters, now }), sentKeys(db, municipality.id)]);
    const fresh = rows.flatMap((row) => candidatesOf(row, municipality.id, now)).filter((c) => !sent.has(`${c.row.userId}|${c.kind}|${c.reference}`));
    for (const candidate of fresh) {
      due.push({
        userId: candidate.row.userId,
        email: candidate.row.email,
        name: candidate.row.name,
        municipalityId: candidate.municipalityId,
        kind: candidate.kind,
        reference: candidate.reference,
        supersedes: candidate.supersedes,
        message: candidate.kind === "stalled" ? await stalledMessage(db, content, candidate) : expiryMessage(content, candidate),
      });
    }
  }
  return due;
}

/**
 * Records that a reminder (or summary) went out. False when it already had: the unique
 * (user_id, kind, reference) lets only one of several concurrent runs insert the row.
 */
export async function claimReminder(db: Kysely<Database>, input: { userId: string; kind: string; reference: string; now: Date }): Promise<boolean> {
  const result = await db
    .insertInto("reminder_sent")
    .values({ id: newId(), user_id: input.userId, kind: input.kind, reference: input.reference, sent_at: iso(input.now) })
    .onConflict((oc) => oc.columns(["user_id", "kind", "reference"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type ReminderCounts = Record<ReminderKind, number>;

/** Queues every due reminder once; returns how many of each kind this run sent. */
export async function sendReminders(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<ReminderCounts> {
  const counts: ReminderCounts = { stalled: 0, "expiry-60": 0, "expiry-14": 0 };
  for (const reminder of await selectReminders(db, content, now)) {
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, { userId: reminder.userId, kind: reminder.kind, reference: reminder.reference, now }))) return false;
      for (const kind of reminder.supersedes) await claimReminder(trx, { userId: reminder.userId, kind, reference: reminder.reference, now });
      await enqueueEmail(trx, reminder.message, now);
      return true;
    });
    if (sent) counts[reminder.kind]++;
  }
  return counts;
}

export interface SentReminder {
  id: string;
  sentAt: string;
  kind: ReminderKind;
  kindLabel: string;
  person: { id: string; name: string; email: string };
}

/** The latest reminders to the municipality's people, newest first, for the coordinator's settings page. */
export async function listRecentReminders(db: Kysely<Database>, input: { municipalityId: string; limit: number }): Promise<SentReminder[]> {
  const rows = await db
    .selectFrom("reminder_sent as r")
    .innerJoin("user", "user.id", "r.user_id")
    .select(["r.id", "r.kind", "r.sent_at", "user.id as userId", "user.name", "user.email"])
    .where("user.municipality_id", "=", input.municipalityId)
    .where("r.kind", "in", REMINDER_KINDS)
    // A 60-day reminder recorded together with the 14-day one (same certificate, same instant) was never sent.
    .where((eb) =>
      eb.or([
        eb("r.kind", "!=", "expiry-60"),
        eb.not(
          eb.exists(
            eb
              .selectFrom("reminder_sent as urgent")
              .select("urgent.id")
              .whereRef("urgent.user_id", "=", "r.user_id")
              .whereRef("urgent.reference", "=", "r.reference")
              .whereRef("urgent.sent_at", "=", "r.sent_at")
              .where("urgent.kind", "=", "expiry-14"),
          ),
        ),
      ]),
    )
    .orderBy("r.sent_at", "desc")
    .orderBy("r.id", "desc")
    .limit(input.limit)
    .execute();
  return rows.map((row) => {
    const kind = row.kind as ReminderKind;
    return { id: row.id, sentAt: row.sent_at, kind, kindLabel: REMINDER_KIND_LABELS[kind], person: { id: row.userId, name: row.name, email: row.email } };
  });
}
