// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { enqueueEmail, sendPendingEmails, type MailTransport } from "~/modules/email/outbox.server";
import { testDb } from "../helpers/db";

function recordingTransport(fail?: (to: string) => boolean) {
  const sent: string[] = [];
  const transport: MailTransport = {
    async sendMail(message) {
      await new Promise((r) => setTimeout(r, 5));
      if (fail?.(message.to)) throw new Error("550 mailbox unavailable");
      sent.push(message.to);
    },
  };
  return { sent, transport };
}

describe("the outbox", () => {
  it("keeps every email, so that without SMTP the outbox itself is the delivery", async () => {
    const db = testDb();
    await enqueueEmail(db, { to: "a@test.example", subject: "Hej", text: "Text" });
    const rows = await db.selectFrom("outbox").select(["to_address", "subject", "sent_at"]).execute();
    expect(rows).toEqual([{ to_address: "a@test.example", subject: "Hej", sent_at: null }]);
  });

  it("sends each message once even when two instances send at the same time", async () => {
    const db = testDb();
    for (let i = 0; i < 10; i++) await enqueueEmail(db, { to: `p${i}@test.example`, subject: "Hej", text: "Text" });
    const { sent, transport } = recordingTransport();
    const [a, b] = await Promise.all([sendPendingEmails(db, transport), sendPendingEmails(db, transport)]);
    expect(a + b).toBe(10);
    expect(new Set(sent).size).toBe(10);
    expect(sent).toHaveLength(10);
    const unsent = await db.selectFrom("outbox").select("id").where("sent_at", "is", null).execute();
    expect(unsent).toHaveLength(0);
  });

  it("records the error of a failed delivery and tries again on the next run", async () => {
    const db = testDb();
    await enqueueEmail(db, { to: "bad@test.example", subject: "Hej", text: "Text" });
    let failing = true;
    const { transport } = recordingTransport(() => failing);
    expect(await sendPendingEmails(db, transport)).toBe(0);
    const failed = await db.selectFrom("outbox").select(["error", "sent_at", "attempts"]).executeTakeFirstOrThrow();
    expect(failed).toEqual({ error: "550 mailbox unavailable", sent_at: null, attempts: 1 });
    failing = false;
    expect(await sendPendingEmails(db, transport)).toBe(1);
    const delivered = await db.selectFrom("outbox").select(["error", "sent_at", "attempts"]).executeTakeFirstOrThrow();
    expect(delivered.error).toBeNull();
    expect(delivered.sent_at).not.toBeNull();
    expect(delivered.attempts).toBe(2);
  });
});
