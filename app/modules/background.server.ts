// Work that runs beside requests in every app instance: delivering the outbox when SMTP
// is configured. Several instances may run it at once; the outbox claims each message.
import { getDb } from "~db/client.server";
import { sendPendingEmails, smtpTransport } from "./email/outbox.server";

declare global {
  // eslint-disable-next-line no-var
  var __coachportalenBackground: NodeJS.Timeout | undefined;
}

const OUTBOX_INTERVAL_MS = 15_000;

export function startBackgroundWork(): void {
  if (globalThis.__coachportalenBackground || process.env.NODE_ENV === "test") return;
  const mailer = smtpTransport();
  if (!mailer) return;
  globalThis.__coachportalenBackground = setInterval(() => {
    sendPendingEmails(getDb(), mailer).catch((error) =>
      console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: `Utskick misslyckades: ${error}` })),
    );
  }, OUTBOX_INTERVAL_MS);
  globalThis.__coachportalenBackground.unref();
}
