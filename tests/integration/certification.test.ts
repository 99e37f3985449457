// SPDX-License-Identifier: EUPL-1.2
// Certificates: issued once when a track is complete, renewed by the refresher in its window,
// revoked by the issuing municipality's coordinator with a reason, and verified publicly
// by code, with lookups of unknown codes throttled.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findTrack, getContent } from "~/content/content.server";
import { formatLocalDate } from "~/lib/dates";
import { DAY_MS } from "~/lib/time";
import type { SessionUser } from "~/modules/access/permissions.server";
import {
  issueCertificateIfEligible,
  refresherAccess,
  revokeCertificate,
  summarizeCertificate,
  trackCertificateState,
  type CertificateRecord,
} from "~/modules/certification/certification.server";
import * as rules from "~/modules/certification/rules";
import { expiryForIssue, expiryForRenewal, lastValidDay, refresherOpensAt } from "~/modules/certification/rules";
import { verifyCertificateCode } from "~/modules/certification/verification.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { recordAttempt } from "~/modules/learning/quiz.server";
import { loader as myCertificatesLoader } from "~/routes/intyg._index";
import { loader as pdfLoader } from "~/routes/intyg.$file";
import { action as revokeAction, loader as revokeLoader } from "~/routes/samordnare.intyg.$id";
import { loader as moduleLoader } from "~/routes/utbildning.$track.$module._index";
import { action as testAction, loader as testLoader } from "~/routes/utbildning.$track.$module.kunskapstest";
import { loader as verifyLoader } from "~/routes/verifiera.$kod";
import { saveMunicipalityLogo, saveMunicipalityProfile } from "~/modules/municipalities/profile.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";
import { answerForm } from "../helpers/training";

// Codes come from the rules module; a test can make the next one collide with a code in use.
vi.mock("~/modules/certification/rules", async (original) => {
  const actual = await original<typeof import("~/modules/certification/rules")>();
  return { ...actual, generateCertificateCode: vi.fn(actual.generateCertificateCode) };
});

// The fixture content with a track whose refresher is a module of its own: "grund" is
// forsta-modulen, and andra-modulen renews its certificate.
let contentDir: string;
beforeAll(() => {
  contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "intyg-innehall-"));
  fs.cpSync(path.resolve("tests/fixtures/content/valid"), contentDir, { recursive: true });
  const trackFile = path.join(contentDir, "tracks/grund.md");
  fs.writeFileSync(trackFile, fs.readFileSync(trackFile, "utf8").replace("  - forsta-modulen\n  - andra-modulen\n", "  - forsta-modulen\n"));
  process.env.CONTENT_DIR = contentDir;
});
afterAll(() => {
  fs.rmSync(contentDir, { recursive: true, force: true });
});

const content = () => getContent();
const grund = () => findTrack(content(), "grund")!;

function asActor(user: { id: string; email: string; name: string; role: SessionUser["role"]; municipalityId: string | null }): SessionUser {
  return { ...user, municipalitySlug: null, municipalityName: null, school: null };
}

async function coach(municipalityId?: string) {
  const db = testDb();
  const municipality = municipalityId ?? (await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`)).id;
  const user = await createUser(db, { role: "coach", municipalityId: municipality, name: "Åsa Öberg" });
  return { db, user, municipalityId: municipality };
}

/** Reads every lesson of a module and passes (or fails) its test, at the given time. */
async function takeModule(userId: string, slug: string, at: Date, options: { read?: boolean; pass?: boolean } = {}) {
  const module = content().modules[slug]!;
  if (options.read ?? true) {
    for (const lesson of module.lessons) {
      await recordLessonCompletion(testDb(), { userId, track: "grund", module: slug, lesson: lesson.slug, contentHash: module.contentHash, now: at });
    }
  }
  if (options.pass === undefined && !(options.read ?? true)) return;
  const right = options.pass ?? true;
  const answers = module.quiz.questions.slice(0, module.quiz.perAttempt).map((q) => ({
    question: q.id,
    chosen: q.type === "truefalse" ? [String(right ? q.answer : !q.answer)] : q.options.filter((o) => o.correct === right).map((o) => o.id).slice(0, q.type === "single" ? 1 : undefined),
  }));
  await recordAttempt(testDb(), { userId, track: "grund", module: slug, contentHash: module.contentHash, quiz: module.quiz, answers, passPercent: 75, now: at });
}

const certificates = (userId: string) =>
  testDb().selectFrom("certification").select(["id", "code", "issued_at", "expires_at", "renews_id", "municipality_id", "revoked_at", "revoked_by", "revoked_reason"]).where("user_id", "=", userId).orderBy("issued_at").execute();
const auditEvents = (action: string) => testDb().selectFrom("audit_event").select(["actor_id", "subject", "municipality_id", "details"]).where("action", "=", action).execute();
const outbox = (to: string) => testDb().selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", to).orderBy("created_at").execute();

const ISSUED_AT = new Date("2025-03-14T09:00:00Z"); // 10:00 in Stockholm

describe("issuing", () => {
  it("issues nothing while a lesson is unread or a test not passed", async () => {
    const { db, user } = await coach();
    await takeModule(user.id, "forsta-modulen", ISSUED_AT, { pass: false });
    expect(await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: ISSUED_AT })).toBeNull();

    const { user: other } = await coach();
    await takeModule(other.id, "forsta-modulen", ISSUED_AT, { read: false, pass: true });
    expect(await issueCertificateIfEligible(db, { userId: other.id, track: grund(), content: content(), now: ISSUED_AT })).toBeNull();
    expect(await testDb().selectFrom("certification").select("id").execute()).toEqual([]);
  });

  it("issues a certificate when every module is done: valid through the same Swedish day 24 months on, from the municipality at issue, audited and emailed", async () => {
    const { db, user, municipalityId } = await coach();
    await takeModule(user.id, "forsta-modulen", ISSUED_AT);
    const result = await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: ISSUED_AT });
    expect(result?.outcome).toBe("issued");
    const [row] = await certificates(user.id);
    expect(row).toMatchObject({ issued_at: ISSUED_AT.toISOString(), expires_at: "2027-03-14T23:00:00.000Z", municipality_id: municipalityId, renews_id: null });
    expect(row!.code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);

    const [event] = await auditEvents("certificate.issued");
    expect(event).toMatchObject({ actor_id: user.id, subject: user.id, municipality_id: municipalityId });
    expect(JSON.parse(event!.details!)).toMatchObject({ certificateId: row!.id, track: "grund", code: row!.code });

    const [email] = await outbox(user.email);
    expect(email!.subject).toBe("Ditt intyg från Coachportalen");
    expect(email!.body_text).toContain("Intyget gäller till och med 14 mars 2027.");
    expect(email!.body_text).toContain("Repetitionen öppnar 13 januari 2027.");
    expect(email!.body_text).toContain("http://localhost:3000/intyg");
  });

  it("issues once: a second call, or two at the same moment, return the same certificate", async () => {
    const { db, user } = await coach();
    await takeModule(user.id, "forsta-modulen", ISSUED_AT);
    const args = { userId: user.id, track: grund(), content: content(), now: ISSUED_AT };
    const [a, b] = await Promise.all([issueCertificateIfEligible(db, args), issueCertificateIfEligible(db, args)]);
    expect(a!.certificate.id).toBe(b!.certificate.id);
    expect([a!.outcome, b!.outcome].sort()).toEqual(["existing", "issued"]);
    const again = await issueCertificateIfEligible(db, { ...args, now: new Date(ISSUED_AT.getTime() + DAY_MS) });
    expect(again).toMatchObject({ outcome: "existing", certificate: { id: a!.certificate.id } });
    expect(await certificates(user.id)).toHaveLength(1);
    expect(await outbox(user.email)).toHaveLength(1);
  });

  it("draws a new code when the first one drawn is already in use", async () => {
    const first = await coach();
    await takeModule(first.user.id, "forsta-modulen", ISSUED_AT);
    const taken = (await issueCertificateIfEligible(first.db, { userId: first.user.id, track: grund(), content: content(), now: ISSUED_AT }))!.certificate.code;

    const second = await coach();
    await takeModule(second.user.id, "forsta-modulen", ISSUED_AT);
    vi.mocked(rules.generateCertificateCode).mockReturnValueOnce(taken).mockReturnValueOnce("K7QM-3XHD-P9TA");
    const result = await issueCertificateIfEligible(second.db, { userId: second.user.id, track: grund(), content: content(), now: ISSUED_AT });
    expect(result!.certificate.code).toBe("K7QM-3XHD-P9TA");
  });

  it("issues the certificate when the last test is passed on its page, and the result page shows it", async () => {
    const { db, user } = await coach();
    const module = content().modules["forsta-modulen"]!;
    for (const lesson of module.lessons) {
      await recordLessonCompletion(testDb(), { userId: user.id, track: "grund", module: "forsta-modulen", lesson: lesson.slug, contentHash: module.contentHash });
    }
    const cookie = await cookieFor(user.id);
    const params = { track: "grund", module: "forsta-modulen" };
    const page = await call(testLoader, get("/utbildning/grund/forsta-modulen/kunskapstest", cookie), params);
    const right = answerForm(module, page.data.questions);
    const submitted = await call(testAction, post("/utbildning/grund/forsta-modulen/kunskapstest", right, cookie), params);
    expect(submitted.status).toBe(302);
    expect(await certificates(user.id)).toHaveLength(1);

    const location = submitted.headers.get("Location")!;
    const result = await call(testLoader, get(location, cookie), params);
    expect(result.data.certificate).toMatchObject({ renewed: false, trackTitle: "Grundspåret" });
    expect(result.data.certificate.validThrough).toBe(formatLocalDate(lastValidDay(expiryForIssue(new Date()))));

    // An earlier passed attempt's result page does not claim to have issued it.
    await db.updateTable("quiz_attempt").set({ submitted_at: new Date(Date.now() - 2 * DAY_MS).toISOString() }).where("user_id", "=", user.id).execute();
    expect((await call(testLoader, get(location, cookie), params)).data.certificate).toBeNull();
  });
});

describe("renewal by the refresher", () => {
  async function certified() {
    const person = await coach();
    await takeModule(person.user.id, "forsta-modulen", ISSUED_AT);
    const issued = (await issueCertificateIfEligible(person.db, { userId: person.user.id, track: grund(), content: content(), now: ISSUED_AT }))!;
    return { ...person, certificate: issued.certificate };
  }
  const opens = refresherOpensAt("2027-03-14T23:00:00.000Z"); // 13 January 2027, 00:00 in Stockholm

  it("is closed until 60 days before the last valid day and open from then on", async () => {
    const { db, user } = await certified();
    const before = await refresherAccess(db, { userId: user.id, track: grund(), now: new Date(opens.getTime() - 1) });
    expect(before).toEqual({ open: false, message: "Repetitionen öppnar 13 januari 2027, 60 dagar innan ditt intyg går ut." });
    expect(await refresherAccess(db, { userId: user.id, track: grund(), now: opens })).toEqual({ open: true });
    const state = await trackCertificateState(db, { userId: user.id, track: grund(), content: content(), now: opens });
    expect(state).toMatchObject({ kind: "refresher", validThrough: "14 mars 2027", renewedThrough: "14 mars 2029", refresher: { url: "/utbildning/grund/andra-modulen" } });
  });

  it("renews from the old expiry date, not from the day of renewal, and keeps the old certificate in the history", async () => {
    const { db, user, certificate } = await certified();
    const during = new Date(opens.getTime() + 10 * DAY_MS);
    await takeModule(user.id, "andra-modulen", during);
    const result = await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: during });
    expect(result?.outcome).toBe("renewed");
    const rows = await certificates(user.id);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ renews_id: certificate.id, expires_at: expiryForRenewal(new Date(certificate.expiresAt)).toISOString() });
    expect(formatLocalDate(lastValidDay(rows[1]!.expires_at))).toBe("14 mars 2029");
    expect(rows[1]!.code).not.toBe(rows[0]!.code);
    expect(await auditEvents("certificate.renewed")).toHaveLength(1);
    expect((await outbox(user.email)).map((m) => m.subject)).toEqual(["Ditt intyg från Coachportalen", "Ditt intyg är förnyat"]);
    // Passing the refresher again changes nothing.
    await takeModule(user.id, "andra-modulen", new Date(during.getTime() + DAY_MS));
    expect((await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: new Date(during.getTime() + DAY_MS) }))?.outcome).toBe("existing");
  });

  it("does not count a refresher test passed before the window opened", async () => {
    const { db, user } = await certified();
    await takeModule(user.id, "andra-modulen", new Date(opens.getTime() - DAY_MS));
    const result = await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: new Date(opens.getTime() + DAY_MS) });
    expect(result?.outcome).toBe("existing");
  });

  it("cannot renew an expired certificate: the knowledge tests are taken again, and a new certificate counts from then", async () => {
    const { db, user } = await certified();
    const afterExpiry = new Date("2027-04-01T10:00:00Z");
    expect(await refresherAccess(db, { userId: user.id, track: grund(), now: afterExpiry })).toMatchObject({ open: false });
    await takeModule(user.id, "andra-modulen", afterExpiry);
    expect(await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: afterExpiry })).toBeNull();
    expect(await trackCertificateState(db, { userId: user.id, track: grund(), content: content(), now: afterExpiry })).toMatchObject({
      kind: "ended",
      reason: "expired",
      endedOn: "14 mars 2027",
      next: { url: "/utbildning/grund/forsta-modulen/kunskapstest" },
    });

    await takeModule(user.id, "forsta-modulen", afterExpiry);
    const result = await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: afterExpiry });
    expect(result?.outcome).toBe("issued");
    expect(result!.certificate.renewsId).toBeNull();
    expect(formatLocalDate(lastValidDay(result!.certificate.expiresAt))).toBe("1 april 2029");
  });

  it("answers 404 with the opening date on the refresher's pages before the window, and shows them inside it", async () => {
    const { db, user } = await coach();
    const now = Date.now();
    const insert = (expiresInDays: number) =>
      db
        .insertInto("certification")
        .values({
          id: `c${expiresInDays}${user.id}`.slice(0, 40),
          user_id: user.id,
          track: "grund",
          municipality_id: null,
          issued_at: new Date(now - DAY_MS).toISOString(),
          expires_at: new Date(now + expiresInDays * DAY_MS).toISOString(),
          code: rules.generateCertificateCode(),
          renews_id: null,
          revoked_at: null,
          revoked_by: null,
          revoked_reason: null,
        })
        .execute();
    const cookie = await cookieFor(user.id);
    const params = { track: "grund", module: "andra-modulen" };
    await insert(200);
    const closed = await call(moduleLoader, get("/utbildning/grund/andra-modulen", cookie), params);
    expect(closed.status).toBe(404);
    expect(closed.data.message).toMatch(/^Repetitionen öppnar \d+ \S+ \d{4}, 60 dagar innan ditt intyg går ut\.$/);

    await db.deleteFrom("certification").where("user_id", "=", user.id).execute();
    await insert(30);
    const open = await call(moduleLoader, get("/utbildning/grund/andra-modulen", cookie), params);
    expect(open.status).toBe(200);
    expect(open.data.module.title).toBeTruthy();
  });
});

describe("revocation", () => {
  async function certifiedIn(municipalityId?: string) {
    const person = await coach(municipalityId);
    await takeModule(person.user.id, "forsta-modulen", ISSUED_AT);
    const issued = (await issueCertificateIfEligible(person.db, { userId: person.user.id, track: grund(), content: content(), now: ISSUED_AT }))!;
    return { ...person, certificate: issued.certificate };
  }
  const REASON = "Intyget utfärdades av misstag efter ett tekniskt fel.";

  it("lets the coordinator of the issuing municipality revoke with a reason, audited with the reason", async () => {
    const { db, user, municipalityId, certificate } = await certifiedIn();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    const cookie = await cookieFor(coordinator.id);
    const page = await call(revokeLoader, get(`/samordnare/intyg/${certificate.id}`, cookie), { id: certificate.id });
    expect(page.data.holder.name).toBe("Åsa Öberg");

    const result = await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON, confirm: "ja" }, cookie), { id: certificate.id });
    expect(result).toMatchObject({ status: 200, data: { done: "revoked" } });
    const [row] = await certificates(user.id);
    expect(row).toMatchObject({ revoked_by: coordinator.id, revoked_reason: REASON });
    expect(row!.revoked_at).not.toBeNull();
    const [event] = await auditEvents("certificate.revoked");
    expect(event).toMatchObject({ actor_id: coordinator.id, subject: user.id, municipality_id: municipalityId });
    expect(JSON.parse(event!.details!)).toMatchObject({ certificateId: certificate.id, reason: REASON });

    const again = await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON, confirm: "ja" }, cookie), { id: certificate.id });
    expect(again.data.done).toBe("already_revoked");
    expect(await auditEvents("certificate.revoked")).toHaveLength(1);
  });

  it("answers 404 to a coordinator of another municipality, and refuses them in the module too", async () => {
    const { db, user, certificate } = await certifiedIn();
    const elsewhere = await createMunicipality(db, "annan-kommun");
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: elsewhere.id });
    const cookie = await cookieFor(coordinator.id);
    expect((await call(revokeLoader, get(`/samordnare/intyg/${certificate.id}`, cookie), { id: certificate.id })).status).toBe(404);
    expect((await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON, confirm: "ja" }, cookie), { id: certificate.id })).status).toBe(404);
    expect(await revokeCertificate(db, { certificateId: certificate.id, actor: asActor(coordinator), reason: REASON })).toEqual({ status: "not_found" });
    expect((await certificates(user.id))[0]!.revoked_at).toBeNull();
    expect(await auditEvents("certificate.revoked")).toEqual([]);
  });

  it("answers 400 and stores nothing when the reason is too short or the box is not ticked", async () => {
    const { db, user, municipalityId, certificate } = await certifiedIn();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    const cookie = await cookieFor(coordinator.id);
    const short = await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: "För kort", confirm: "ja" }, cookie), { id: certificate.id });
    expect(short.status).toBe(400);
    expect(short.data.errors.reason).toBe("Skriv varför intyget återkallas, med minst 10 tecken.");
    expect(short.data.values.reason).toBe("För kort");
    const unconfirmed = await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON }, cookie), { id: certificate.id });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toBeTruthy();
    expect((await certificates(user.id))[0]!.revoked_at).toBeNull();
    expect(await auditEvents("certificate.revoked")).toEqual([]);
  });

  it("lets an admin revoke any certificate through the same function", async () => {
    const { db, user, certificate } = await certifiedIn();
    const admin = await createUser(db, { role: "admin" });
    const result = await revokeCertificate(db, { certificateId: certificate.id, actor: asActor(admin), reason: REASON });
    expect(result.status).toBe("revoked");
    expect((await certificates(user.id))[0]!.revoked_by).toBe(admin.id);
  });

  it("ends the certificate: the coach's page says so and a new one takes the tests again", async () => {
    const { db, user, municipalityId, certificate } = await certifiedIn();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    const revokedAt = new Date("2025-06-01T10:00:00Z");
    await revokeCertificate(db, { certificateId: certificate.id, actor: asActor(coordinator), reason: REASON, now: revokedAt });
    const later = new Date("2025-06-02T10:00:00Z");
    expect(await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: later })).toBeNull();
    expect(await trackCertificateState(db, { userId: user.id, track: grund(), content: content(), now: later })).toMatchObject({
      kind: "ended",
      reason: "revoked",
      endedOn: "1 juni 2025",
    });
  });
});

describe("verification", () => {
  it("shows the name, track, municipality, dates and status, and nothing more about the person", async () => {
    const { db, user } = await coach();
    await takeModule(user.id, "forsta-modulen", ISSUED_AT);
    const { certificate } = (await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: ISSUED_AT }))!;
    const result = await call(verifyLoader, get(`/verifiera/${certificate.code}`), { kod: certificate.code.toLowerCase() });
    expect(result.status).toBe(200);
    // Kept at most 30 seconds by a CDN, so a revocation shows quickly (app/modules/caching/http-cache.server.ts).
    expect(result.headers.get("Cache-Control")).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    const shown = result.data.certificate;
    expect(shown).toMatchObject({ holderName: "Åsa Öberg", trackTitle: "Grundspåret", issuedOn: "14 mars 2025", validThrough: "14 mars 2027", revokedOn: null });
    expect(Object.keys(shown).sort()).toEqual(["code", "holderName", "issuedOn", "municipalityName", "revokedOn", "status", "statusLabel", "trackTitle", "validThrough"]);
    expect(JSON.stringify(result.data)).not.toContain(user.email);
  });

  it("says återkallat with the date, never the reason, once revoked", async () => {
    const { db, user, municipalityId } = await coach();
    await takeModule(user.id, "forsta-modulen", new Date());
    const { certificate } = (await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content() }))!;
    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    await revokeCertificate(db, { certificateId: certificate.id, actor: asActor(coordinator), reason: "Ett skäl som bara samordnare ser." });
    const result = await call(verifyLoader, get(`/verifiera/${certificate.code}`), { kod: certificate.code });
    expect(result.data.certificate).toMatchObject({ status: "revoked", statusLabel: "återkallat" });
    expect(result.data.certificate.revokedOn).toBeTruthy();
    expect(JSON.stringify(result.data)).not.toContain("skäl");
  });

  it("answers 404 to unknown and malformed codes", async () => {
    expect((await call(verifyLoader, get("/verifiera/AAAA-BBBB-CCCC"), { kod: "AAAA-BBBB-CCCC" })).status).toBe(404);
    expect((await call(verifyLoader, get("/verifiera/inte-en-kod"), { kod: "inte-en-kod" })).status).toBe(404);
  });

  it("refuses every lookup from an address after 20 unknown codes in 15 minutes, known codes too", async () => {
    const { db, user } = await coach();
    await takeModule(user.id, "forsta-modulen", ISSUED_AT);
    const { certificate } = (await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: ISSUED_AT }))!;
    const now = new Date();
    const lookup = (code: string, ip = "203.0.113.7", at = now) => verifyCertificateCode(db, { code, ip, content: content(), now: at });
    // Malformed input cannot find anything, so it is not counted.
    for (let i = 0; i < 25; i++) expect((await lookup("inte-en-kod")).status).toBe("not_found");
    for (let i = 0; i < 20; i++) expect((await lookup(`AAAA-BBBB-${"CDEFGHJKMNPQRSTUVWXY"[i]}CCC`)).status).toBe("not_found");
    expect(await lookup(certificate.code)).toEqual({ status: "throttled", retryAfterMinutes: 15 });
    expect((await lookup(certificate.code, "198.51.100.1")).status).toBe("found");
    expect((await lookup(certificate.code, "203.0.113.7", new Date(now.getTime() + 15 * 60_000 + 1))).status).toBe("found");

    const page = await call(verifyLoader, get("/verifiera/AAAA-BBBB-CCCC"), { kod: "AAAA-BBBB-CCCC" });
    expect(page.status).toBe(404);
  });

  it("answers 429 on the page once throttled", async () => {
    for (let i = 0; i < 20; i++) await call(verifyLoader, get("/verifiera/x"), { kod: `AAAA-BBBB-${"CDEFGHJKMNPQRSTUVWXY"[i]}CCC` });
    const page = await call(verifyLoader, get("/verifiera/AAAA-BBBB-CCCC"), { kod: "AAAA-BBBB-CCCC" });
    expect(page.status).toBe(429);
    expect(page.headers.get("Retry-After")).toBe("900");
    expect(page.data.message).toMatch(/^För många försök\. Vänta 15 minuter/);
  });
});

describe("the PDF", () => {
  async function certified() {
    const person = await coach();
    await takeModule(person.user.id, "forsta-modulen", ISSUED_AT);
    const { certificate } = (await issueCertificateIfEligible(person.db, { userId: person.user.id, track: grund(), content: content(), now: ISSUED_AT }))!;
    return { ...person, certificate, cookie: await cookieFor(person.user.id) };
  }

  it("is served to its holder as an attachment that is not cached", async () => {
    const { certificate, cookie } = await certified();
    const file = `${certificate.id}.pdf`;
    const request = get(`/intyg/${file}`, cookie);
    const response = (await pdfLoader({ request, params: { file }, context: testContext() })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="intyg-grund-2025-03-14.pdf"');
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("states the track's modules and is issued in the municipality's name, by its issuer, with its logo", async () => {
    const { db, certificate, cookie, municipalityId } = await certified();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    const actor = { ...asActor(coordinator), municipalityId };
    const profile = new FormData();
    for (const [key, value] of Object.entries({ officialName: "Högsby kommun", issuerName: "Sara Samordnare", issuerTitle: "ANDTS-samordnare" })) profile.set(key, value);
    expect(await saveMunicipalityProfile(db, { actor, municipalityId, form: profile })).toEqual({ ok: true });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10" fill="#1d4f91"/></svg>';
    expect(await saveMunicipalityLogo(db, { actor, municipalityId, file: new File([svg], "logga.svg", { type: "image/svg+xml" }) })).toEqual({ ok: true });

    const file = `${certificate.id}.pdf`;
    const response = (await pdfLoader({ request: get(`/intyg/${file}`, cookie), params: { file }, context: testContext() })) as Response;
    const document = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const { text } = await extractText(document, { mergePages: true });
    expect(text).toContain(content().modules["forsta-modulen"]!.title);
    expect(text).toContain("Utbildningens omfattning");
    expect(text).toContain("Sara Samordnare");
    expect(text).toContain("ANDTS-samordnare, Högsby kommun");
    const tree = JSON.stringify(await (await document.getPage(1)).getStructTree());
    expect(tree).toContain("Högsby kommuns logotyp");
  });

  it("answers 404 to anyone else, to a revoked certificate and to a name that is not <id>.pdf", async () => {
    const { db, municipalityId, certificate, cookie } = await certified();
    const { user: stranger } = await coach();
    const strangerCookie = await cookieFor(stranger.id);
    expect((await call(pdfLoader, get(`/intyg/${certificate.id}.pdf`, strangerCookie), { file: `${certificate.id}.pdf` })).status).toBe(404);
    expect((await call(pdfLoader, get(`/intyg/${certificate.id}`, cookie), { file: certificate.id })).status).toBe(404);
    expect((await call(pdfLoader, get(`/intyg/${certificate.id}.pdf.exe`, cookie), { file: `${certificate.id}.pdf.exe` })).status).toBe(404);

    const coordinator = await createUser(db, { role: "coordinator", municipalityId });
    await revokeCertificate(db, { certificateId: certificate.id, actor: asActor(coordinator), reason: "Intyget utfärdades av misstag." });
    const revoked = await call(pdfLoader, get(`/intyg/${certificate.id}.pdf`, cookie), { file: `${certificate.id}.pdf` });
    expect(revoked.status).toBe(404);
  });
});

describe("the coach's certificate page", () => {
  const record: CertificateRecord = {
    id: "c1",
    userId: "u1",
    track: "grund",
    municipalityId: "m1",
    municipalityName: "Högsby kommun",
    issuedAt: ISSUED_AT.toISOString(),
    expiresAt: "2027-03-14T23:00:00.000Z",
    code: "K7QM-3XHD-P9TA",
    renewsId: null,
    revokedAt: null,
    revokedReason: null,
  };
  const summary = (now: Date, changes: Partial<CertificateRecord> = {}, renewedBy?: CertificateRecord) =>
    summarizeCertificate({ ...record, ...changes }, { track: grund(), renewedBy, now });

  it("explains the cycle in plain Swedish, with the steps in order, each date once and in the tense it has today", () => {
    const shown = summary(new Date("2026-01-01T12:00:00Z"));
    expect(shown.explanation).toBe("När repetitionen öppnar kan du förnya intyget med den, innan det går ut.");
    expect(shown.timeline).toEqual([
      { label: "Utfärdat", date: "14 mars 2025", isoDate: "2025-03-14", past: true },
      { label: "Repetitionen öppnar", date: "13 januari 2027", isoDate: "2027-01-13", past: false },
      { label: "Giltigt till och med", date: "14 mars 2027", isoDate: "2027-03-14", past: false },
    ]);
    expect(shown).toMatchObject({ status: "valid", statusLabel: "giltigt", refresherUrl: null, pdfUrl: "/intyg/c1.pdf" });
    for (const step of shown.timeline) expect(shown.explanation, step.label).not.toContain(step.date);
  });

  it("offers the refresher once it is open, and tells how long a renewal lasts", () => {
    const shown = summary(new Date("2027-01-20T12:00:00Z"));
    expect(shown.explanation).toBe("Gör repetitionen innan intyget går ut, så gäller det till och med 14 mars 2029.");
    expect(shown.timeline.map((step) => `${step.label} ${step.date}`)).toEqual(["Utfärdat 14 mars 2025", "Repetitionen öppen sedan 13 januari 2027", "Giltigt till och med 14 mars 2027"]);
    for (const step of shown.timeline) expect(shown.explanation, step.label).not.toContain(step.date);
    expect(shown.refresherUrl).toBe("/utbildning/grund/andra-modulen");
  });

  it("keeps expired and revoked certificates as history, saying what holds", () => {
    const expired = summary(new Date("2027-03-15T00:00:00+01:00"));
    expect(expired).toMatchObject({ status: "expired", statusLabel: "utgånget", refresherUrl: null });
    expect(expired.explanation).toBe("För att få ett nytt intyg gör du om kunskapstesten i utbildningen.");
    expect(expired.timeline.map((step) => `${step.label} ${step.date}`)).toEqual(["Utfärdat 14 mars 2025", "Gällde till och med 14 mars 2027"]);

    const revoked = summary(new Date("2026-01-01T12:00:00Z"), { revokedAt: "2025-06-01T10:00:00.000Z" });
    expect(revoked).toMatchObject({ status: "revoked", statusLabel: "återkallat", revokedOn: "1 juni 2025", pdfUrl: null });
    expect(revoked.timeline.map((step) => step.label)).toEqual(["Utfärdat", "Återkallat"]);
  });

  it("lists the holder's certificates, the one that holds first and the renewed one in the history", async () => {
    const { db, user } = await coach();
    // Issued about 23 months ago, renewed ten days ago in the refresher window.
    const issuedAt = new Date(Date.now() - 700 * DAY_MS);
    const renewedAt = new Date(Date.now() - 10 * DAY_MS);
    await takeModule(user.id, "forsta-modulen", issuedAt);
    const first = (await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: issuedAt }))!.certificate;
    await takeModule(user.id, "andra-modulen", renewedAt);
    const renewed = await issueCertificateIfEligible(db, { userId: user.id, track: grund(), content: content(), now: renewedAt });
    expect(renewed?.outcome).toBe("renewed");
    const page = await call(myCertificatesLoader, get("/intyg", await cookieFor(user.id)));
    const through = (expiresAt: Date | string) => formatLocalDate(lastValidDay(expiresAt));
    expect(page.data.current.map((c: { validThrough: string }) => c.validThrough)).toEqual([through(renewed!.certificate.expiresAt)]);
    expect(page.data.history.map((c: { validThrough: string; renewedBy: string | null }) => [c.validThrough, c.renewedBy])).toEqual([
      [through(first.expiresAt), renewed!.certificate.id],
    ]);
  });
});
