// SPDX-License-Identifier: EUPL-1.2
// Every email goes through the outbox table. With SMTP_URL set, nodemailer delivers it
// and the row records success or the error; without it the outbox is the delivery and
// admins read it at /admin/utskick. Several instances send each message once: a message
// is claimed by a conditional update before it is sent.
import type { Kysely } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/env.server";
import { addMs, iso, MINUTE_MS } from "~/lib/time";
import { newId } from "~db/ids.server";
import { fromHeader, senderFor } from "./sender.server";
import type { Database } from "~db/schema";

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: EmailAttachment[];
}

/** How the outbox keeps attachments: JSON text, so the same column works on SQLite and PostgreSQL. */
interface StoredAttachment {
  filename: string;
  contentType: string;
  base64: string;
}

function storeAttachments(attachments: EmailAttachment[] | undefined): string | null {
  if (!attachments?.length) return null;
  const stored: StoredAttachment[] = attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, base64: Buffer.from(a.content).toString("base64") }));
  return JSON.stringify(stored);
}

export function readAttachments(stored: string | null): Array<{ filename: string; contentType: string; content: Buffer }> {
  if (!stored) return [];
  return (JSON.parse(stored) as StoredAttachment[]).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, "base64") }));
}

export async function enqueueEmail(db: Kysely<Database>, message: EmailMessage, now: Date = new Date()): Promise<string> {
  const id = newId();
  // Decided when the message is written, like its text: a later change of profile does not rewrite mail already queued.
  const sender = await senderFor(db, message.to);
  await db
    .insertInto("outbox")
    .values({
      id,
      to_address: message.to,
      subject: message.subject,
      body_text: sender.signature ? `${message.text.trimEnd()}\n\n${sender.signature}\n` : message.text,
      created_at: iso(now),
      attachments: storeAttachments(message.attachments),
      from_name: sender.fromName,
    })
    .execute();
  return id;
}

export interface MailTransport {
  sendMail(message: {
    from: string | { name: string; address: string };
    to: string;
    subject: string;
    text: string;
    attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  }): Promise<unknown>;
}

let transport: Transporter | undefined;
export function smtpTransport(): MailTransport | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

const MAX_ATTEMPTS = 5;
// A claim older than this belongs to an instance that died mid-send; try again.
const STALE_CLAIM_MS = 10 * MINUTE_MS;

/** Sends what is waiting; returns how many were sent. Safe to run from several instances at once. */
export async function sendPendingEmails(
  db: Kysely<Database>,
  mailer: MailTransport,
  options: { now?: Date; from?: string; limit?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const candidates = await db
    .selectFrom("outbox")
    .select(["id", "to_address", "subject", "body_text", "attempts", "attachments", "from_name"])
    .where("sent_at", "is", null)
    .where("attempts", "<", MAX_ATTEMPTS)
    .where((eb) => eb.or([eb("claimed_at", "is", null), eb("claimed_at", "<", iso(addMs(now, -STALE_CLAIM_MS)))]))
    .orderBy("created_at")
    .limit(options.limit ?? 50)
    .execute();

  let sent = 0;
  for (const message of candidates) {
    const claim = await db
      .updateTable("outbox")
      .set({ claimed_at: iso(now), attempts: message.attempts + 1 })
      .where("id", "=", message.id)
      .where("sent_at", "is", null)
      .where("attempts", "=", message.attempts)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another instance took it

    try {
      const attachments = readAttachments(message.attachments);
      await mailer.sendMail({
        from: fromHeader(options.from ?? env().MAIL_FROM, message.from_name),
        to: message.to_address,
        subject: message.subject,
        text: message.body_text,
        ...(attachments.length ? { attachments } : {}),
      });
      await db.updateTable("outbox").set({ sent_at: iso(new Date()), error: null }).where("id", "=", message.id).execute();
      sent++;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      await db.updateTable("outbox").set({ claimed_at: null, error: text.slice(0, 1000) }).where("id", "=", message.id).execute();
    }
  }
  return sent;
}

export async function listOutbox(db: Kysely<Database>, options: { limit: number; offset: number; to?: string }) {
  let query = db.selectFrom("outbox").select(["id", "to_address", "subject", "body_text", "created_at", "sent_at", "error", "attempts"]);
  if (options.to) query = query.where("to_address", "=", options.to.toLowerCase());
  return query.orderBy("created_at", "desc").orderBy("id").limit(options.limit).offset(options.offset).execute();
}
