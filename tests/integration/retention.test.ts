// SPDX-License-Identifier: EUPL-1.2
// Storage limitation: `npm run retention` (applyRetention) and the admin's "Ta bort
// personuppgifter" anonymise a person. Their name, address, password, sessions, links,
// invitations and emails are gone from every table; what they did still counts, so the
// coordinator's figures and the public follow-up are exactly what they were; it is audited;
// and nobody is anonymised before the retention period is over.
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { exportPersonalData } from "~/modules/auth/account.server";
import { createSession } from "~/modules/auth/session.server";
import { verifyCertificateCode } from "~/modules/certification/verification.server";
import { countFollowupFigures } from "~/modules/followup/public-figures.server";
import { allMunicipalityFigures, rosterFigures, rosterRows } from "~/modules/roster/roster.server";
import {
  ANONYMISED_NAME,
  anonymisePerson,
  applyRetention,
  DEFAULT_RETENTION_MONTHS,
  findRetentionCandidates,
  monthsBefore,
  retentionMonths,
} from "~/modules/people/retention.server";
import * as adminUsers from "~/routes/admin.anvandare";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { certify, completeTrack } from "../helpers/training";

const NOW = new Date("2026-03-14T10:00:00Z");
const TRACK = "grund";
const monthsAgo = (months: number) => monthsBefore(NOW, months);

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

/** A coach with a full history and every kind of personal trace the portal keeps. */
async function coachWithHistory(
  db: Kysely<Database>,
  input: { municipalityId: string; name: string; email: string; trainedAt: Date; deactivatedAt: Date | null },
) {
  const coach = await createUser(db, { role: "coach", municipalityId: input.municipalityId, name: input.name, email: input.email, school: "Kvarnskolan" });
  await db.updateTable("user").set({ created_at: input.trainedAt.toISOString() }).where("id", "=", coach.id).execute();
  await completeTrack(db, content, { userId: coach.id, track: TRACK, at: input.trainedAt });
  const certificate = await certify(db, { userId: coach.id, municipalityId: input.municipalityId, track: TRACK, issuedAt: input.trainedAt });
  await createSession(db, coach.id, { now: input.trainedAt, userAgent: "Firefox" });
  const at = input.trainedAt.toISOString();
  const far = new Date(input.trainedAt.getTime() + 3_600_000).toISOString();
  await db.insertInto("email_token").values({ id: newId(), token_hash: newId(), purpose: "password_reset", user_id: coach.id, created_at: at, expires_at: far, used_at: null }).execute();
  await db
    .insertInto("invitation")
    .values({ id: newId(), token_hash: newId(), email: input.email, role: "coach", municipality_id: input.municipalityId, school: null, invited_by: null, created_at: at, expires_at: far, accepted_at: at, withdrawn_at: null })
    .execute();
  await db.insertInto("outbox").values({ id: newId(), to_address: input.email, subject: "Välkommen", body_text: `Hej ${input.name}!`, created_at: at, claimed_at: null, sent_at: at, error: null, attachments: null }).execute();
  await db.insertInto("login_attempt").values({ id: newId(), key: `signin:account:${input.email}`, at }).execute();
  await db.insertInto("audit_event").values({ id: newId(), at, actor_id: null, action: "signin.failure", subject: input.email, municipality_id: input.municipalityId, details: null }).execute();
  await db.insertInto("reminder_sent").values({ id: newId(), user_id: coach.id, kind: "stalled", reference: TRACK, sent_at: at }).execute();
  if (input.deactivatedAt) await db.updateTable("user").set({ deactivated_at: input.deactivatedAt.toISOString() }).where("id", "=", coach.id).execute();
  return { ...coach, certificate };
}

async function figures(db: Kysely<Database>, municipalityId: string) {
  return {
    roster: await rosterFigures(db, { municipalityId, content, now: NOW }),
    all: await allMunicipalityFigures(db, content, NOW),
    followup: await countFollowupFigures(db, { municipalityId, periodStart: null, content, now: NOW }),
    rows: (await rosterRows(db, { municipalityId, content, filters: { q: "", sort: "name", dir: "asc" }, now: NOW })).map((r) => ({ ...r, id: undefined, name: undefined, email: undefined, school: undefined })),
  };
}

/** Every value in the database, as one text, to look for what must be gone. */
async function everything(db: Kysely<Database>): Promise<string> {
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const { name } of tables) parts.push(JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db)).rows));
  return parts.join("\n");
}

async function rowCounts(db: Kysely<Database>, tables: Array<keyof Database>) {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return counts;
}

const KEPT: Array<keyof Database> = ["user", "lesson_completion", "quiz_attempt", "certification", "session_attendance", "session_booking"];

describe("the retention period", () => {
  it("is RETENTION_MONTHS, 24 when unset, and refuses nonsense", () => {
    expect(retentionMonths(undefined)).toBe(DEFAULT_RETENTION_MONTHS);
    expect(retentionMonths("")).toBe(24);
    expect(retentionMonths("36")).toBe(36);
    expect(() => retentionMonths("två år")).toThrow(/RETENTION_MONTHS/);
    expect(() => retentionMonths("0")).toThrow(/RETENTION_MONTHS/);
    expect(monthsBefore(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
  });
});

describe("npm run retention", () => {
  it("anonymises only those past the period; figures and the public follow-up stay the same; audited; personal data gone", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "hogsby", "Högsby kommun");
    await createUser(db, { role: "coordinator", municipalityId: kommun.id, name: "Sara Samordnare" });
    // Trained five years ago, certificate ended three years ago, deactivated 30 months ago: due.
    const old = await coachWithHistory(db, {
      municipalityId: kommun.id,
      name: "Olle Gammalsson",
      email: "olle.gammalsson@exempel.se",
      trainedAt: monthsAgo(60),
      deactivatedAt: monthsAgo(30),
    });
    // Deactivated 23 months ago: one month to go.
    const recent = await coachWithHistory(db, {
      municipalityId: kommun.id,
      name: "Rut Nyligen",
      email: "rut.nyligen@exempel.se",
      trainedAt: monthsAgo(60),
      deactivatedAt: monthsAgo(23),
    });
    // Not seen for 22 months, and the certificate is valid for two more: /verifiera must still name her.
    const valid = await coachWithHistory(db, {
      municipalityId: kommun.id,
      name: "Vera Giltig",
      email: "vera.giltig@exempel.se",
      trainedAt: monthsAgo(22),
      deactivatedAt: null,
    });

    // A longer period spares the old one too.
    expect(await findRetentionCandidates(db, { months: 36, now: NOW })).toEqual([]);
    const due = await findRetentionCandidates(db, { months: 24, now: NOW });
    expect(due.map((c) => c.id)).toEqual([old.id]);

    const before = await figures(db, kommun.id);
    const countsBefore = await rowCounts(db, KEPT);
    expect(await verifyCertificateCode(db, { code: old.certificate.code, ip: "192.0.2.1", content, now: NOW })).toMatchObject({ status: "found" });

    expect(await applyRetention(db, { months: 24, now: NOW })).toEqual({ anonymised: 1, candidates: 1 });

    // The same figures, to the last month and module, and the same facts row for row.
    expect(await figures(db, kommun.id)).toEqual(before);
    expect(await rowCounts(db, KEPT)).toEqual(countsBefore);

    // Nothing that names or reaches Olle is left anywhere.
    const all = await everything(db);
    for (const trace of ["Olle", "Gammalsson", "olle.gammalsson"]) expect(all).not.toContain(trace);
    const row = await db.selectFrom("user").selectAll().where("id", "=", old.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: ANONYMISED_NAME, password_hash: null, school: null, deactivated_at: monthsAgo(30).toISOString(), anonymised_at: NOW.toISOString() });
    expect(row.email).toMatch(/@anonymiserad\.invalid$/);
    for (const table of ["session", "email_token", "reminder_sent"] as const) {
      expect(await db.selectFrom(table).select("id").where("user_id", "=", old.id).execute()).toEqual([]);
    }
    // The others keep everything.
    expect(all).toContain("rut.nyligen@exempel.se");
    expect(all).toContain("Vera Giltig");
    expect(await db.selectFrom("session").select("id").where("user_id", "in", [recent.id, valid.id]).execute()).toHaveLength(2);

    // The certificate no longer ties a code to a person.
    expect(await verifyCertificateCode(db, { code: old.certificate.code, ip: "192.0.2.1", content, now: NOW })).toEqual({ status: "not_found" });
    expect(await verifyCertificateCode(db, { code: valid.certificate.code, ip: "192.0.2.1", content, now: NOW })).toMatchObject({
      status: "found",
      certificate: { holderName: "Vera Giltig" },
    });

    const audit = await db.selectFrom("audit_event").selectAll().where("action", "=", "person.anonymised").execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, subject: old.id, municipality_id: kommun.id });
    // Two emails: the welcome and the one the certificate's issue sent.
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ reason: "retention", retentionMonths: 24, wasDeactivated: true, removed: { sessions: 1, invitations: 1, emails: 2 } });
    // The failed sign-in that named Olle by address is still in the log, by his id.
    expect(await db.selectFrom("audit_event").select("id").where("action", "=", "signin.failure").where("subject", "=", old.id).execute()).toHaveLength(1);

    // A second run finds nothing; a month later Rut is due.
    expect(await applyRetention(db, { months: 24, now: NOW })).toEqual({ anonymised: 0, candidates: 0 });
    expect((await findRetentionCandidates(db, { months: 24, now: monthsBefore(NOW, -1) })).map((c) => c.id)).toEqual([recent.id]);
  });

  it("deactivates and anonymises an account nobody has used for the period", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "monsteras", "Mönsterås kommun");
    const idle = await createUser(db, { role: "school_staff", municipalityId: kommun.id, name: "Ida Inaktiv", school: "Ekskolan" });
    await db.updateTable("user").set({ created_at: monthsAgo(25).toISOString() }).where("id", "=", idle.id).execute();
    await createSession(db, idle.id, { now: monthsAgo(25) });
    const active = await createUser(db, { role: "coach", municipalityId: kommun.id, name: "Aktiv Coach" });
    await db.updateTable("user").set({ created_at: monthsAgo(25).toISOString() }).where("id", "=", active.id).execute();
    // A sign-in last month, recorded in the audit log, keeps the account.
    await db.insertInto("audit_event").values({ id: newId(), at: monthsAgo(1).toISOString(), actor_id: active.id, action: "signin.success", subject: active.id, municipality_id: kommun.id, details: null }).execute();

    expect(await applyRetention(db, { months: 24, now: NOW })).toEqual({ anonymised: 1, candidates: 1 });
    const row = await db.selectFrom("user").selectAll().where("id", "=", idle.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: ANONYMISED_NAME, deactivated_at: NOW.toISOString(), anonymised_at: NOW.toISOString(), school: null });
    expect((await db.selectFrom("user").select("anonymised_at").where("id", "=", active.id).executeTakeFirstOrThrow()).anonymised_at).toBeNull();
  });
});

describe("an admin removes a person's personal data from /admin/anvandare", () => {
  it("asks for confirmation, then anonymises; the figures stay; audited with the admin; no way back", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "kalmar", "Kalmar kommun");
    const admin = await createUser(db, { role: "admin", name: "Ada Admin" });
    const cookie = await cookieFor(admin.id);
    const coach = await coachWithHistory(db, {
      municipalityId: kommun.id,
      name: "Bengt Begäran",
      email: "bengt.begaran@exempel.se",
      trainedAt: monthsAgo(6),
      deactivatedAt: monthsAgo(1),
    });

    const page = await call(adminUsers.loader, get(`/admin/anvandare?anonymisera=${coach.id}`, cookie));
    expect(page.status).toBe(200);
    expect(page.data.confirmAnonymise).toEqual({ id: coach.id, name: "Bengt Begäran", email: "bengt.begaran@exempel.se" });

    const unconfirmed = await call(adminUsers.action, post("/admin/anvandare", { intent: "anonymise", personId: coach.id }, cookie));
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toContain("Kryssa i");
    expect((await db.selectFrom("user").select("name").where("id", "=", coach.id).executeTakeFirstOrThrow()).name).toBe("Bengt Begäran");

    const before = await figures(db, kommun.id);
    const done = await call(adminUsers.action, post("/admin/anvandare", { intent: "anonymise", personId: coach.id, confirm: "ja" }, cookie));
    expect(done.status).toBe(200);
    expect(done.data.notice).toContain("Personuppgifterna för Bengt Begäran är borttagna");
    expect(await figures(db, kommun.id)).toEqual(before);
    expect(await everything(db)).not.toContain("bengt.begaran");

    const audit = await db.selectFrom("audit_event").selectAll().where("action", "=", "person.anonymised").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.id, subject: coach.id });
    expect(JSON.parse(audit.details!)).toMatchObject({ reason: "admin" });

    // No reactivating a nameless account, and no second removal.
    const reactivate = await call(adminUsers.action, post("/admin/anvandare", { intent: "reactivate", personId: coach.id }, cookie));
    expect(reactivate.status).toBe(400);
    const listed = await call(adminUsers.loader, get(`/admin/anvandare?anonymisera=${coach.id}`, cookie));
    expect(listed.data.confirmAnonymise).toBeNull();
    expect(listed.data.people.find((p: { id: string }) => p.id === coach.id)).toMatchObject({ name: ANONYMISED_NAME, canDeactivate: false });
  });

  it("is for admins alone, and never on their own account", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "borgholm", "Borgholms kommun");
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: kommun.id });
    const coach = await createUser(db, { role: "coach", municipalityId: kommun.id });
    const admin = await createUser(db, { role: "admin" });
    const asCoordinator = await call(adminUsers.action, post("/admin/anvandare", { intent: "anonymise", personId: coach.id, confirm: "ja" }, await cookieFor(coordinator.id)));
    expect(asCoordinator.status).toBe(403);
    const self = await call(adminUsers.action, post("/admin/anvandare", { intent: "anonymise", personId: admin.id, confirm: "ja" }, await cookieFor(admin.id)));
    expect(self.status).toBe(403);
    expect(await db.selectFrom("user").select("id").where("anonymised_at", "is not", null).execute()).toEqual([]);
  });
});

describe("the register extract (/konto/mina-uppgifter.json)", () => {
  it("holds everything about the person, and no secret", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "nybro", "Nybro kommun");
    const coach = await coachWithHistory(db, { municipalityId: kommun.id, name: "Eva Extrakt", email: "eva.extrakt@exempel.se", trainedAt: monthsAgo(2), deactivatedAt: null });
    const extract = await exportPersonalData(db, coach.id, NOW);
    expect(extract.person).toMatchObject({ name: "Eva Extrakt", email: "eva.extrakt@exempel.se", school: "Kvarnskolan", municipality: "Nybro kommun" });
    expect(extract.sessions).toHaveLength(1);
    expect(extract.lessons.length).toBeGreaterThan(0);
    expect(extract.tests.length).toBeGreaterThan(0);
    expect(extract.certificates).toHaveLength(1);
    expect(extract.invitations).toHaveLength(1);
    expect(extract.emailLinks).toEqual([expect.objectContaining({ purpose: "password_reset" })]);
    expect(extract.reminders).toHaveLength(1);
    // The welcome and the one the certificate's issue sent.
    expect(extract.emails).toHaveLength(2);
    expect(extract.events.some((e) => e.action === "signin.failure")).toBe(true);
    expect(extract.courseDays.attendance.length).toBe(content.tracks.find((t) => t.slug === TRACK)!.sessions.filter((s) => s.required).length);
    const text = JSON.stringify(extract);
    for (const secret of ["secret_hash", "token_hash", "password_hash", "$argon2"]) expect(text).not.toContain(secret);
  });

  it("of an anonymised person names nobody", async () => {
    const db = testDb();
    const kommun = await createMunicipality(db, "emmaboda", "Emmaboda kommun");
    const coach = await coachWithHistory(db, { municipalityId: kommun.id, name: "Nils Namn", email: "nils.namn@exempel.se", trainedAt: monthsAgo(2), deactivatedAt: null });
    await anonymisePerson(db, { personId: coach.id, actorId: null, reason: "retention" }, NOW);
    const text = JSON.stringify(await exportPersonalData(db, coach.id, NOW));
    expect(text).not.toContain("nils.namn");
    expect(text).not.toContain("Nils Namn");
  });
});
