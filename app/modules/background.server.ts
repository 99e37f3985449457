// SPDX-License-Identifier: EUPL-1.2
// Work that runs beside requests in every app instance: delivering the outbox when SMTP is
// configured, and pruning what has stopped meaning anything (expired sessions, old failed
// sign-ins, which hold email and IP addresses). Several instances may run it at once: the
// outbox claims each message, and the deletes are idempotent.
import { env, envValue } from "~/env.server";
import { logError } from "~/lib/log.server";
import { pruneAttempts } from "~/modules/auth/throttle.server";
import { deleteExpiredSessions } from "~/modules/auth/session.server";
import { HOUR_MS } from "~/lib/time";
import { getDb } from "~db/client.server";
import { sendPendingEmails, smtpTransport } from "./email/outbox.server";

declare global {
  // eslint-disable-next-line no-var
  var __coachportalenBackground: NodeJS.Timeout[] | undefined;
}

function logFailure(what: string) {
  return (error: unknown) =>
    logError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export async function pruneStaleRecords(now: Date = new Date()): Promise<void> {
  const db = getDb();
  await deleteExpiredSessions(db, now);
  await pruneAttempts(db, now);
}

export function startBackgroundWork(): void {
  if (globalThis.__coachportalenBackground || envValue("NODE_ENV") === "test") return;
  const timers: NodeJS.Timeout[] = [];
  const mailer = smtpTransport();
  if (mailer) {
    timers.push(setInterval(() => sendPendingEmails(getDb(), mailer).catch(logFailure("Utskick misslyckades")), env().OUTBOX_INTERVAL_SECONDS * 1000));
  }
  timers.push(setInterval(() => pruneStaleRecords().catch(logFailure("Rensning misslyckades")), HOUR_MS));
  for (const timer of timers) timer.unref();
  globalThis.__coachportalenBackground = timers;
}
