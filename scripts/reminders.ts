// SPDX-License-Identifier: EUPL-1.2
// The daily run, for cron: reminders to coaches, the coordinators' monthly summaries, and
// pruning of expired sessions and old sign-in attempts. Safe to run twice or from two
// machines at once: each reminder and summary is recorded before it is queued.
// With SMTP_URL set, the queued emails are delivered at the end; without it the outbox is
// the delivery (admins read it at /admin/utskick).
import { getContent } from "../app/content/content.server";
import { pruneStaleRecords } from "../app/modules/background.server";
import { sendPendingEmails, smtpTransport } from "../app/modules/email/outbox.server";
import { sendMonthlySummaries } from "../app/modules/reminders/monthly-summary.server";
import { EXPIRY_REMINDER_DAYS, sendReminders } from "../app/modules/reminders/reminders.server";
import { renewCertificatesByBoosters, sendSessionReminders } from "../app/modules/course-days/reminders.server";
import { getDb } from "../db/client.server";

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// pruneStaleRecords works on the app's shared handle, so the whole run uses it.
const db = getDb();
try {
  const now = new Date();
  const content = getContent();
  // Before the expiry reminders: a coach whose booster renews the certificate is not told it is expiring.
  const renewed = await renewCertificatesByBoosters(db, content, now);
  console.log(`Intyg förnyade genom boosterträffar: ${renewed}.`);
  const reminders = await sendReminders(db, content, now);
  const total = reminders.stalled + reminders["expiry-60"] + reminders["expiry-14"];
  console.log(
    `Påminnelser: ${count(total, "skickad", "skickade")} ` +
      `(${reminders.stalled} om att fortsätta utbildningen, ${reminders["expiry-60"]} om att repetitionen är öppen, ` +
      `${reminders["expiry-14"]} om att intyget går ut inom ${EXPIRY_REMINDER_DAYS["expiry-14"]} dagar).`,
  );
  const sessionReminders = await sendSessionReminders(db, content, now);
  console.log(`Påminnelser om träffar: ${count(sessionReminders, "skickad", "skickade")}.`);
  const summaries = await sendMonthlySummaries(db, content, now);
  console.log(`Månadssammanfattningar: ${count(summaries, "skickad", "skickade")}.`);

  await pruneStaleRecords(now);
  console.log("Utgångna inloggningar och gamla inloggningsförsök är borttagna.");

  const mailer = smtpTransport();
  if (mailer) {
    let delivered = 0;
    for (let sent = -1; sent !== 0; delivered += sent) sent = await sendPendingEmails(db, mailer);
    console.log(`Utkorgen: ${count(delivered, "meddelande levererat", "meddelanden levererade")}.`);
  } else {
    console.log("SMTP_URL är inte satt: meddelandena ligger i utkorgen, och administratörer läser dem på /admin/utskick.");
  }
} finally {
  await db.destroy();
}
