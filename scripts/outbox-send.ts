// SPDX-License-Identifier: EUPL-1.2
// Sends what waits in the outbox once, for cron or by hand. The app instances also do this every 15 s.
import { sendPendingEmails, smtpTransport } from "../app/modules/email/outbox.server";
import { createDatabase } from "../db/client.server";

const mailer = smtpTransport();
if (!mailer) {
  console.error("SMTP_URL är inte satt: utkorgen är leveransen, och administratörer läser den på /admin/utskick.");
  process.exit(2);
}
const db = createDatabase();
try {
  let total = 0;
  for (let sent = -1; sent !== 0; total += sent) sent = await sendPendingEmails(db, mailer);
  console.log(`Skickade ${total} meddelanden.`);
} finally {
  await db.destroy();
}
