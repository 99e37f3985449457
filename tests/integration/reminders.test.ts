// SPDX-License-Identifier: EUPL-1.2
// Reminders and the coordinator's monthly summary: who is reminded and when, that each
// reminder goes out once (also when two runs overlap), that a municipality can switch them
// off, and that the summary's spreadsheet reaches the mail transport.
import path from "node:path";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { addDays, startOfStockholmDay, stockholmDate } from "~/lib/dates";
import { DAY_MS } from "~/lib/time";
import { enqueueEmail, readAttachments, sendPendingEmails, type MailTransport } from "~/modules/email/outbox.server";
import { EXPORT_HEADERS } from "~/modules/export/roster-export.server";
import { sendMonthlySummaries } from "~/modules/reminders/monthly-summary.server";
import { listRecentReminders, selectReminders, sendReminders } from "~/modules/reminders/reminders.server";
import * as settingsPage from "~/routes/samordnare.installningar";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { certify, readLesson } from "../helpers/training";

// 11:00 in Stockholm on a Saturday in March (winter time, UTC+1).
const NOW = new Date("2026-03-14T10:00:00Z");
const TODAY = stockholmDate(NOW);
const TRACK = "grund";

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

const hash = (module: string) => content.modules[module]!.contentHash;
const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);
/** Expires so that the last valid day is `days` after today (Stockholm). */
const lastValidIn = (days: number) => startOfStockholmDay(addDays(TODAY, days + 1));

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const b = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sara Samordnare", email: "sara@hogsby.example" });
  return { db, a, b, coordinator, cookie: await cookieFor(coordinator.id) };
}

function coach(db: Kysely<Database>, municipalityId: string, name: string) {
  return createUser(db, { role: "coach", municipalityId, name, email: `${name.toLowerCase().replace(/[^a-z]/g, "")}@exempel.se` });
}

async function readFirstLesson(db: Kysely<Database>, userId: string, at: Date) {
  await readLesson(db, { userId, track: TRACK, module: "forsta-modulen", lesson: "borja-har", at, hash: hash("forsta-modulen") });
}

async function expiringCoach(db: Kysely<Database>, municipalityId: string, name: string, daysLeft: number) {
  const person = await coach(db, municipalityId, name);
  const certificate = await certify(db, { userId: person.id, municipalityId, track: TRACK, expiresAt: lastValidIn(daysLeft) });
  return { ...person, certificate };
}

/** What the reminders sent: the email each certificate's issue sent while the test built its history is left out. */
function outbox(db: Kysely<Database>) {
  return db
    .selectFrom("outbox")
    .select(["to_address", "subject", "body_text", "attachments"])
    .where("subject", "not in", ["Ditt intyg från Coachportalen", "Ditt intyg är förnyat"])
    .orderBy("created_at")
    .orderBy("to_address")
    .execute();
}

function sentRows(db: Kysely<Database>) {
  return db.selectFrom("reminder_sent").select(["user_id", "kind", "reference"]).orderBy("kind").orderBy("reference").execute();
}

async function openXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // A Buffer made from base64 may be a view into a larger pool: hand exceljs exactly its bytes.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

const summary = (due: Awaited<ReturnType<typeof selectReminders>>) => due.map((r) => ({ name: r.name, kind: r.kind, reference: r.reference }));

describe("choosing who is reminded", () => {
  it("reminds a coach whose last activity was exactly 30 days ago, with a link to the next step, and not one active 29 days ago", async () => {
    const { db, a } = await setup();
    const stalled = await coach(db, a.id, "Stannat Av");
    await readFirstLesson(db, stalled.id, ago(30 * DAY_MS));
    const almost = await coach(db, a.id, "Nastan Stannat");
    await readFirstLesson(db, almost.id, ago(29 * DAY_MS));
    await coach(db, a.id, "Inte Borjat");

    const due = await selectReminders(db, content, NOW);
    expect(summary(due)).toEqual([{ name: "Stannat Av", kind: "stalled", reference: "2026-02-12" }]);
    const message = due[0]!.message;
    expect(message.to).toBe(stalled.email);
    expect(message.subject).toBe("Fortsätt din utbildning i Coachportalen");
    expect(message.text).toContain("Hej Stannat Av!");
    expect(message.text).toContain("senast 12 februari 2026");
    expect(message.text).toContain("Nästa steg är ”Fortsättningen”.");
    expect(message.text).toContain("http://localhost:3000/utbildning/grund/forsta-modulen/fortsattning");
  });

  it("reminds again when a coach resumes and then stalls a second time", async () => {
    const { db, a } = await setup();
    const person = await coach(db, a.id, "Kommer Tillbaka");
    await readFirstLesson(db, person.id, ago(30 * DAY_MS));
    expect((await sendReminders(db, content, NOW)).stalled).toBe(1);

    const resumed = later(DAY_MS);
    await readLesson(db, { userId: person.id, track: TRACK, module: "forsta-modulen", lesson: "fortsattning", at: resumed, hash: hash("forsta-modulen") });
    expect(await selectReminders(db, content, later(29 * DAY_MS, resumed))).toEqual([]);
    expect((await sendReminders(db, content, later(30 * DAY_MS, resumed))).stalled).toBe(1);

    expect(await sentRows(db)).toEqual([
      { user_id: person.id, kind: "stalled", reference: "2026-02-12" },
      { user_id: person.id, kind: "stalled", reference: "2026-03-15" },
    ]);
    const emails = await outbox(db);
    expect(emails.map((e) => e.subject)).toEqual(["Fortsätt din utbildning i Coachportalen", "Fortsätt din utbildning i Coachportalen"]);
    expect(emails[1]!.body_text).toContain("Nästa steg är ”Kunskapstest: Den första modulen”.");
  });

  it("reminds about a certificate 60 days before its last valid day, and again 14 days before", async () => {
    const { db, a } = await setup();
    await expiringCoach(db, a.id, "Sextioen Dagar", 61);
    const sixty = await expiringCoach(db, a.id, "Sextio Dagar", 60);
    const fifteen = await expiringCoach(db, a.id, "Femton Dagar", 15);
    const fourteen = await expiringCoach(db, a.id, "Fjorton Dagar", 14);
    await expiringCoach(db, a.id, "Sista Dagen", 0);

    const due = await selectReminders(db, content, NOW);
    expect(summary(due)).toEqual([
      { name: "Femton Dagar", kind: "expiry-60", reference: fifteen.certificate.id },
      { name: "Fjorton Dagar", kind: "expiry-14", reference: fourteen.certificate.id },
      { name: "Sextio Dagar", kind: "expiry-60", reference: sixty.certificate.id },
      { name: "Sista Dagen", kind: "expiry-14", reference: expect.any(String) },
    ]);
    const first = due.find((r) => r.name === "Sextio Dagar")!.message;
    expect(first.subject).toBe("Dags att förnya ditt intyg");
    expect(first.text).toContain("Ditt intyg för Grundspåret gäller till och med 13 maj 2026.");
    expect(first.text).toContain("Repetitionen öppnar 60 dagar innan intyget går ut, och för dig är den öppen sedan 14 mars 2026.");
    expect(first.text).toContain("så gäller intyget till och med 13 maj 2028.");
    expect(first.text).toContain("http://localhost:3000/intyg");
    const last = due.find((r) => r.name === "Fjorton Dagar")!.message;
    expect(last.subject).toBe("Ditt intyg går ut 28 mars 2026");
    expect(last.text).toContain("gäller bara 14 dagar till, till och med 28 mars 2026.");
    expect(due.find((r) => r.name === "Sista Dagen")!.message.text).toContain("gäller bara i dag, 14 mars 2026.");
  });

  it("sends only the 14-day reminder when both are due, records both, and shows the coordinator only the one sent", async () => {
    const { db, a } = await setup();
    const late = await expiringCoach(db, a.id, "Sen Upptackt", 14);
    const early = await expiringCoach(db, a.id, "Tidig Upptackt", 60);

    expect(await sendReminders(db, content, NOW)).toEqual({ stalled: 0, "expiry-60": 1, "expiry-14": 1 });
    expect((await outbox(db)).map((e) => [e.to_address, e.subject])).toEqual([
      [late.email, "Ditt intyg går ut 28 mars 2026"],
      [early.email, "Dags att förnya ditt intyg"],
    ]);
    const recorded = await sentRows(db);
    expect(recorded).toHaveLength(3);
    expect(recorded).toEqual(
      expect.arrayContaining([
        { user_id: late.id, kind: "expiry-14", reference: late.certificate.id },
        { user_id: late.id, kind: "expiry-60", reference: late.certificate.id },
        { user_id: early.id, kind: "expiry-60", reference: early.certificate.id },
      ]),
    );

    // 46 days on, the early one's last reminder is due; the late one has had all it gets.
    const then = later(46 * DAY_MS);
    expect(summary(await selectReminders(db, content, then))).toEqual([{ name: "Tidig Upptackt", kind: "expiry-14", reference: early.certificate.id }]);
    await sendReminders(db, content, then);
    const [newest, ...earlier] = (await listRecentReminders(db, { municipalityId: a.id, limit: 20 })).map((r) => `${r.person.name}: ${r.kind}`);
    expect(newest).toBe("Tidig Upptackt: expiry-14");
    expect(earlier.sort()).toEqual(["Sen Upptackt: expiry-14", "Tidig Upptackt: expiry-60"]);
  });
});

describe("sending each reminder once", () => {
  it("sends nothing new on a second run", async () => {
    const { db, a } = await setup();
    const person = await coach(db, a.id, "Stannat Av");
    await readFirstLesson(db, person.id, ago(40 * DAY_MS));
    await expiringCoach(db, a.id, "Snart Utgangen", 10);

    expect(await sendReminders(db, content, NOW)).toEqual({ stalled: 1, "expiry-60": 0, "expiry-14": 1 });
    expect(await sendReminders(db, content, later(DAY_MS))).toEqual({ stalled: 0, "expiry-60": 0, "expiry-14": 0 });
    expect(await selectReminders(db, content, later(2 * DAY_MS))).toEqual([]);
    expect(await outbox(db)).toHaveLength(2);
  });

  it("sends once when two runs start at the same time", async () => {
    const { db, a } = await setup();
    for (let i = 0; i < 5; i++) {
      const person = await coach(db, a.id, `Stannat ${"ABCDE"[i]}`);
      await readFirstLesson(db, person.id, ago(31 * DAY_MS));
    }
    await expiringCoach(db, a.id, "Snart Utgangen", 30);

    const [first, second] = await Promise.all([sendReminders(db, content, NOW), sendReminders(db, content, NOW)]);
    expect(first.stalled + second.stalled).toBe(5);
    expect(first["expiry-60"] + second["expiry-60"]).toBe(1);
    const emails = await outbox(db);
    expect(emails).toHaveLength(6);
    expect(new Set(emails.map((e) => e.to_address)).size).toBe(6);
    expect(await sentRows(db)).toHaveLength(6);
  });

  it("reminds nobody in a municipality whose coordinator switched reminders off, and audits the switch", async () => {
    const { db, a, b, cookie } = await setup();
    const here = await coach(db, a.id, "Har Stannat");
    await readFirstLesson(db, here.id, ago(30 * DAY_MS));
    await expiringCoach(db, a.id, "Har Intyg", 10);
    const there = await coach(db, b.id, "Annan Kommun");
    await readFirstLesson(db, there.id, ago(30 * DAY_MS));

    const off = await call(settingsPage.action, post("/samordnare/installningar", { intent: "reminders", enabled: "nej" }, cookie));
    expect(off.status).toBe(200);
    expect(off.data.done).toEqual({ intent: "reminders", enabled: false, change: "changed" });
    expect(summary(await selectReminders(db, content, NOW))).toEqual([{ name: "Annan Kommun", kind: "stalled", reference: "2026-02-12" }]);

    const again = await call(settingsPage.action, post("/samordnare/installningar", { intent: "reminders", enabled: "nej" }, cookie));
    expect(again.data.done.change).toBe("unchanged");
    await call(settingsPage.action, post("/samordnare/installningar", { intent: "reminders", enabled: "ja" }, cookie));
    expect((await selectReminders(db, content, NOW)).map((r) => r.name).sort()).toEqual(["Annan Kommun", "Har Intyg", "Har Stannat"]);

    const audit = await db.selectFrom("audit_event").select(["action", "municipality_id"]).where("action", "like", "reminders.%").orderBy("at").orderBy("action").execute();
    expect(audit.map((e) => e.action).sort()).toEqual(["reminders.disabled", "reminders.enabled"]);
    expect(audit.every((e) => e.municipality_id === a.id)).toBe(true);
  });

  it("reminds no one whose account is deactivated", async () => {
    const { db, a } = await setup();
    const gone = await coach(db, a.id, "Avaktiverad Stannat");
    await readFirstLesson(db, gone.id, ago(30 * DAY_MS));
    const goneCertified = await expiringCoach(db, a.id, "Avaktiverad Intyg", 10);
    await db
      .updateTable("user")
      .set({ deactivated_at: ago(DAY_MS).toISOString() })
      .where("id", "in", [gone.id, goneCertified.id])
      .execute();
    expect(await selectReminders(db, content, NOW)).toEqual([]);
  });

  it("rejects a settings form that did not come from the page, changing nothing", async () => {
    const { db, a, cookie } = await setup();
    const result = await call(settingsPage.action, post("/samordnare/installningar", { intent: "reminders", enabled: "kanske" }, cookie));
    expect(result.status).toBe(400);
    expect(result.data.errors.form).toMatch(/kunde inte sparas/);
    const municipality = await db.selectFrom("municipality").select("reminders_enabled").where("id", "=", a.id).executeTakeFirstOrThrow();
    expect(municipality.reminders_enabled).toBe(1);
  });
});

describe("the coordinator's settings page", () => {
  it("shows the settings and the latest reminders of the coordinator's own municipality only", async () => {
    const { db, a, b, cookie } = await setup();
    const here = await coach(db, a.id, "Har Stannat");
    await readFirstLesson(db, here.id, ago(30 * DAY_MS));
    const there = await coach(db, b.id, "Annan Kommun");
    await readFirstLesson(db, there.id, ago(30 * DAY_MS));
    await sendReminders(db, content, NOW);

    const page = await call(settingsPage.loader, get("/samordnare/installningar", cookie));
    expect(page.status).toBe(200);
    expect(page.data.settings).toEqual({ remindersEnabled: true, wantsMonthlySummary: false });
    expect(page.data.recent.map((r: { person: { name: string }; kindLabel: string }) => [r.person.name, r.kindLabel])).toEqual([
      ["Har Stannat", "Fortsätt utbildningen (inget gjort på 30 dagar)"],
    ]);
  });
});

describe("the monthly summary", () => {
  it("goes once a calendar month to each coordinator who asked for it, with the month's changes and the list as XLSX", async () => {
    const { db, a, coordinator, cookie } = await setup();
    const subscribed = await call(settingsPage.action, post("/samordnare/installningar", { intent: "summary", enabled: "ja" }, cookie));
    expect(subscribed.data.done).toEqual({ intent: "summary", enabled: true, change: "changed" });
    await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Vill Inte" });
    const gone = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Avaktiverad Samordnare" });
    await db
      .updateTable("user")
      .set({ wants_monthly_summary: 1, deactivated_at: ago(DAY_MS).toISOString() })
      .where("id", "=", gone.id)
      .execute();

    // February 2026: one new coach certified, one certificate renewed, one that ran out.
    const february = new Date("2026-02-10T09:00:00Z");
    const fresh = await coach(db, a.id, "Ny Coach");
    await db.updateTable("user").set({ created_at: february.toISOString() }).where("id", "=", fresh.id).execute();
    await certify(db, { userId: fresh.id, municipalityId: a.id, track: TRACK, issuedAt: later(10 * DAY_MS, february) });
    const renewer = await coach(db, a.id, "Fornyade Coach");
    await certify(db, { userId: renewer.id, municipalityId: a.id, track: TRACK, expiresAt: new Date("2026-02-20T23:00:00Z") });
    // In the refresher window: the refresher passed renews the certificate through 20 February 2028.
    const renewal = await certify(db, { userId: renewer.id, municipalityId: a.id, track: TRACK, issuedAt: february });
    expect(renewal.expiresAt).toBe("2028-02-20T23:00:00.000Z");
    const lapsed = await coach(db, a.id, "Utgangen Coach");
    await certify(db, { userId: lapsed.id, municipalityId: a.id, track: TRACK, expiresAt: new Date("2026-02-05T23:00:00Z") });

    expect(await sendMonthlySummaries(db, content, NOW)).toBe(1);
    expect(await sendMonthlySummaries(db, content, later(10 * DAY_MS))).toBe(0);

    const [email] = await outbox(db);
    expect(email!.to_address).toBe(coordinator.email);
    expect(email!.subject).toBe("Månadssammanfattning för Högsby kommun: februari 2026");
    expect(email!.body_text).toContain("Här är läget för ANDTS-coacherna i Högsby kommun den 14 mars 2026.");
    expect(email!.body_text).toContain("- Certifierade med giltigt intyg: 2, varav 0 med ett intyg som går ut inom 60 dagar");
    expect(email!.body_text).toContain("- Intyget har gått ut: 1");
    expect(email!.body_text).toContain("Under februari 2026\n- Nya intyg: 2 (varav 1 förnyade med repetitionen)\n- Nya coacher: 1\n- Intyg som gick ut: 1");
    expect(email!.body_text).toContain("http://localhost:3000/samordnare/installningar");

    const [attachment, ...more] = readAttachments(email!.attachments);
    expect(more).toEqual([]);
    expect(attachment!.filename).toBe("coacher-hogsby-2026-03-14.xlsx");
    expect(attachment!.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = await openXlsx(attachment!.content);
    const sheet = workbook.getWorksheet("Coacher")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_HEADERS);
    expect(sheet.rowCount).toBe(4);

    const audit = await db.selectFrom("audit_event").select(["action", "subject", "details"]).where("action", "=", "summary.sent").execute();
    expect(audit).toEqual([{ action: "summary.sent", subject: coordinator.id, details: JSON.stringify({ month: "2026-03", rows: 3 }) }]);

    // April: a new month, a new summary.
    expect(await sendMonthlySummaries(db, content, new Date("2026-03-31T22:30:00Z"))).toBe(1);
    expect((await outbox(db)).map((e) => e.subject)).toEqual([
      "Månadssammanfattning för Högsby kommun: februari 2026",
      "Månadssammanfattning för Högsby kommun: mars 2026",
    ]);
  });

  it("sends one summary when two runs start at the same time", async () => {
    const { db, coordinator } = await setup();
    await db.updateTable("user").set({ wants_monthly_summary: 1 }).where("id", "=", coordinator.id).execute();
    const [first, second] = await Promise.all([sendMonthlySummaries(db, content, NOW), sendMonthlySummaries(db, content, NOW)]);
    expect(first + second).toBe(1);
    expect(await outbox(db)).toHaveLength(1);
  });
});

describe("delivering attachments", () => {
  function recordingTransport() {
    const sent: Array<Parameters<MailTransport["sendMail"]>[0]> = [];
    const transport: MailTransport = {
      async sendMail(message) {
        sent.push(message);
      },
    };
    return { sent, transport };
  }

  it("hands each attachment to the mail transport as it was queued, and none to a message without", async () => {
    const db = testDb();
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await enqueueEmail(db, { to: "a@test.example", subject: "Med bilaga", text: "Text", attachments: [{ filename: "lista.xlsx", contentType: "application/x-test", content: bytes }] }, NOW);
    await enqueueEmail(db, { to: "b@test.example", subject: "Utan bilaga", text: "Text" }, later(1000));
    const { sent, transport } = recordingTransport();
    expect(await sendPendingEmails(db, transport)).toBe(2);
    expect(sent[0]!.attachments).toEqual([{ filename: "lista.xlsx", contentType: "application/x-test", content: Buffer.from(bytes) }]);
    expect(sent[1]!.attachments).toBeUndefined();
  });

  it("delivers the monthly summary's spreadsheet so that it opens", async () => {
    const { db, coordinator } = await setup();
    await db.updateTable("user").set({ wants_monthly_summary: 1 }).where("id", "=", coordinator.id).execute();
    await sendMonthlySummaries(db, content, NOW);
    const { sent, transport } = recordingTransport();
    expect(await sendPendingEmails(db, transport)).toBe(1);
    const attachment = sent[0]!.attachments![0]!;
    expect(attachment.filename).toBe("coacher-hogsby-2026-03-14.xlsx");
    const workbook = await openXlsx(attachment.content);
    expect(workbook.getWorksheet("Coacher")!.rowCount).toBe(1);
  });
});
