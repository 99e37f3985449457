// Reads the outbox of the database the end-to-end server uses: without SMTP the outbox is
// where email goes, so a test follows a link exactly as the recipient would.
import { createDatabase } from "../../../db/client.server";

const E2E_DATABASE = process.env.E2E_DATABASE ?? "./data/e2e.db";

export interface ReceivedEmail {
  subject: string;
  text: string;
  /** The first link in the message. */
  link: string;
}

/** The newest message to an address, waiting briefly for it to be written. */
export async function newestEmailTo(address: string, timeoutMs = 5_000): Promise<ReceivedEmail> {
  const db = createDatabase(E2E_DATABASE);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await db
        .selectFrom("outbox")
        .select(["subject", "body_text"])
        .where("to_address", "=", address.toLowerCase())
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .executeTakeFirst();
      if (row) {
        const link = /https?:\/\/\S+/.exec(row.body_text)?.[0];
        if (!link) throw new Error(`Ingen länk i meddelandet till ${address}:\n${row.body_text}`);
        return { subject: row.subject, text: row.body_text, link };
      }
      if (Date.now() > deadline) throw new Error(`Inget meddelande till ${address} i utkorgen`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.destroy();
  }
}
