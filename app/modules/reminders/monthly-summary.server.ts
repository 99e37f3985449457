// SPDX-License-Identifier: EUPL-1.2
// The coordinator's monthly summary: the municipality's figures now, what changed during
// the previous calendar month, and the list of people as an XLSX attachment. Sent by the
// reminders run to each coordinator who asked for it, once per Stockholm calendar month:
// the first run in a month sends it, later runs find it recorded in reminder_sent.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { appUrl } from "~/env.server";
import { addMonths, formatDate, formatIsoDate, startOfStockholmDay, stockholmDate, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { enqueueEmail, type EmailAttachment } from "~/modules/email/outbox.server";
import { monthlySummaryEmail, type SummaryChanges, type SummaryFigures } from "~/modules/email/templates.server";
import { CONTENT_TYPES, toXlsx } from "~/modules/export/roster-export.server";
import { coachTracks, EXPIRING_WITHIN_DAYS, parseRosterQuery, rosterFigures, rosterRows, STALLED_AFTER_DAYS } from "~/modules/roster/roster.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { claimReminder } from "./reminders.server";

const MONTHLY_SUMMARY_KIND = "monthly-summary";


// A calendar month has no time zone once it is a LocalDate: read it in UTC so it cannot shift.
const monthLong = new Intl.DateTimeFormat("sv-SE", { month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-03": the summary's reference, the Stockholm month it is sent in. */
function summaryMonth(now: Date): string {
  return formatIsoDate(now).slice(0, 7);
}

interface Period {
  label: string;
  from: Date;
  until: Date;
}

function previousMonth(now: Date): Period {
  const today = stockholmDate(now);
  const thisMonth: LocalDate = { year: today.year, month: today.month, day: 1 };
  const last = addMonths(thisMonth, -1);
  return { label: monthLong.format(new Date(Date.UTC(last.year, last.month - 1, 15))), from: startOfStockholmDay(last), until: startOfStockholmDay(thisMonth) };
}

/** New certificates (renewals among them), new coach accounts and certificates that ran out during the period. */
async function changesDuring(db: Kysely<Database>, input: { municipalityId: string; content: ContentIndex; from: Date; until: Date }): Promise<SummaryChanges> {
  const tracks = coachTracks(input.content).map((t) => t.slug);
  const [from, until] = [iso(input.from), iso(input.until)];
  const coaches = await db
    .selectFrom("user")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("role", "=", "coach")
    .where("municipality_id", "=", input.municipalityId)
    .where("created_at", ">=", from)
    .where("created_at", "<", until)
    .executeTakeFirstOrThrow();
  if (tracks.length === 0) return { newCertificates: 0, renewals: 0, newCoaches: toCount(coaches.count), expired: 0 };

  // A certificate belongs to the municipality that issued it, as in the coordinator's figures.
  const [issued, expired] = await Promise.all([
    db
      .selectFrom("certification")
      .select((eb) => [eb.fn.countAll().as("count"), eb.fn.count("renews_id").as("renewals")])
      .where("municipality_id", "=", input.municipalityId)
      .where("track", "in", tracks)
      .where("issued_at", ">=", from)
      .where("issued_at", "<", until)
      .executeTakeFirstOrThrow(),
    // Ran out: ended by its date, not revoked before, and not renewed (a renewal carries on from it).
    db
      .selectFrom("certification as c")
      .select((eb) => eb.fn.countAll().as("count"))
      .where("c.municipality_id", "=", input.municipalityId)
      .where("c.track", "in", tracks)
      .where("c.expires_at", ">=", from)
      .where("c.expires_at", "<", until)
      .where((eb) => eb.or([eb("c.revoked_at", "is", null), eb("c.revoked_at", ">=", eb.ref("c.expires_at"))]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom("certification as renewal").select("renewal.id").whereRef("renewal.renews_id", "=", "c.id").where("renewal.revoked_at", "is", null),
          ),
        ),
      )
      .executeTakeFirstOrThrow(),
  ]);
  return { newCertificates: toCount(issued.count), renewals: toCount(issued.renewals), newCoaches: toCount(coaches.count), expired: toCount(expired.count) };
}

interface MunicipalitySummary {
  figures: SummaryFigures;
  changes: SummaryChanges;
  attachment: EmailAttachment;
  rows: number;
}

async function summarize(
  db: Kysely<Database>,
  input: { municipality: { id: string; slug: string }; content: ContentIndex; period: Period; now: Date },
): Promise<MunicipalitySummary> {
  const { municipality, content, now } = input;
  const filters = parseRosterQuery(new URLSearchParams(), content).filters;
  const [figures, changes, rows] = await Promise.all([
    rosterFigures(db, { municipalityId: municipality.id, content, now }),
    changesDuring(db, { municipalityId: municipality.id, content, from: input.period.from, until: input.period.until }),
    rosterRows(db, { municipalityId: municipality.id, content, filters, now }),
  ]);
  return {
    figures,
    changes,
    attachment: { filename: `coacher-${municipality.slug}-${formatIsoDate(now)}.xlsx`, contentType: CONTENT_TYPES.xlsx, content: await toXlsx(rows, now) },
    rows: rows.length,
  };
}

/** Queues this month's summary for every coordinator who wants it and has not had it; returns how many. */
export async function sendMonthlySummaries(db: Kysely<Database>, content: ContentIndex, now: Date = new Date()): Promise<number> {
  const month = summaryMonth(now);
  const coordinators = await db
    .selectFrom("user")
    .innerJoin("municipality", "municipality.id", "user.municipality_id")
    .select(["user.id", "user.name", "user.email", "municipality.id as municipalityId", "municipality.slug", "municipality.name as municipalityName"])
    .where("user.role", "=", "coordinator")
    .where("user.wants_monthly_summary", "=", 1)
    .where("user.deactivated_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("reminder_sent")
            .select("reminder_sent.id")
            .whereRef("reminder_sent.user_id", "=", "user.id")
            .where("reminder_sent.kind", "=", MONTHLY_SUMMARY_KIND)
            .where("reminder_sent.reference", "=", month),
        ),
      ),
    )
    .orderBy("user.id")
    .execute();

  const period = previousMonth(now);
  // Coordinators of the same municipality share one summary and one spreadsheet.
  const summaries = new Map<string, Promise<MunicipalitySummary>>();
  let sent = 0;
  for (const coordinator of coordinators) {
    let pending = summaries.get(coordinator.municipalityId);
    if (!pending) {
      pending = summarize(db, { municipality: { id: coordinator.municipalityId, slug: coordinator.slug }, content, period, now });
      summaries.set(coordinator.municipalityId, pending);
    }
    const summary = await pending;
    const message = monthlySummaryEmail({
      to: coordinator.email,
      name: coordinator.name,
      municipalityName: coordinator.municipalityName,
      today: formatDate(now),
      previousMonth: period.label,
      figures: summary.figures,
      changes: summary.changes,
      stalledDays: STALLED_AFTER_DAYS,
      expiringDays: EXPIRING_WITHIN_DAYS,
      attachment: summary.attachment,
      dashboardLink: appUrl("/samordnare"),
      settingsLink: appUrl("/samordnare/installningar"),
    });
    const queued = await db.transaction().execute(async (trx) => {
      if (!(await claimReminder(trx, { userId: coordinator.id, kind: MONTHLY_SUMMARY_KIND, reference: month, now }))) return false;
      await enqueueEmail(trx, message, now);
      // The spreadsheet carries personal data out of the portal, as an export does.
      await recordAuditEvent(trx, {
        action: "summary.sent",
        subject: coordinator.id,
        municipalityId: coordinator.municipalityId,
        details: { month, rows: summary.rows },
        now,
      });
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}
