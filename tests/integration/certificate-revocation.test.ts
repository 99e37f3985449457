// SPDX-License-Identifier: EUPL-1.2
// Issue #16, revocation: whoever revokes a certificate (a coordinator on its page, or the removal
// of a credit it depended on), its holder is told why by email. Revoking a renewal leaves the
// certificate it renewed holding only while that one is within its own validity; every page
// that picks a person's current certificate agrees, and the refresher passed for the revoked
// renewal does not renew again.
import { describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { DAY_MS } from "~/lib/time";
import { issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { parseCsv } from "~/modules/certification/credits.server";
import { loader as myCertificates } from "~/routes/intyg._index";
import { loader as exportCsv } from "~/routes/samordnare.export[.csv]";
import { loader as coachList } from "~/routes/samordnare.coacher._index";
import { loader as personPage } from "~/routes/samordnare.coacher.$id";
import { action as revokeAction, loader as certificatePage } from "~/routes/samordnare.intyg.$id";
import { loader as verifyLoader } from "~/routes/verifiera.$kod";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";
import { certify, takeTest } from "../helpers/training";

const TRACK = "andts-coach-grund";
const track = () => getContent().tracks.find((t) => t.slug === TRACK)!;
const REASON = "Repetitionen gjordes av någon annan än coachen.";

async function setup() {
  const db = testDb();
  const municipality = await createMunicipality(db, `k${Math.random().toString(36).slice(2, 8)}`);
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: municipality.id, name: "Sam Ordnare" });
  const coach = await createUser(db, { role: "coach", municipalityId: municipality.id, name: "Rut Renlund" });
  return { db, municipality, coordinator, coach, cookie: await cookieFor(coordinator.id), coachCookie: await cookieFor(coach.id) };
}

const outbox = (to: string) => testDb().selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", to).orderBy("created_at").execute();
const certificateCount = async (userId: string) => (await testDb().selectFrom("certification").select("id").where("user_id", "=", userId).execute()).length;

/** What each place that shows a person's certificate says at this moment. */
async function everyView(s: Awaited<ReturnType<typeof setup>>, codes: { earlier: string }) {
  const mine = (await call(myCertificates, get("/intyg", s.coachCookie))).data;
  const list = (await call(coachList, get("/samordnare/coacher", s.cookie))).data;
  const person = (await call(personPage, get(`/samordnare/coacher/${s.coach.id}`, s.cookie), { id: s.coach.id })).data;
  const verified = (await call(verifyLoader, get(`/verifiera/${codes.earlier}`), { kod: codes.earlier })).data;
  const csv = parseCsv(await ((await exportCsv({ request: get("/samordnare/export.csv", s.cookie), params: {}, context: testContext() })) as Response).text());
  const row = csv.find((r) => r[0] === s.coach.name)!;
  return {
    current: mine.current.map((c: { code: string; status: string }) => [c.code, c.status]),
    history: mine.history.map((c: { code: string; status: string }) => [c.code, c.status]),
    listStatus: list.people.find((p: { userId: string }) => p.userId === s.coach.id).status,
    personStatus: person.record.status,
    verified: verified.certificate.status,
    exported: [row[csv[0]!.indexOf("Intygskod")], row[csv[0]!.indexOf("Intygets status")]],
  };
}

describe("revocation tells the holder", () => {
  it("emails the holder with the reason when a coordinator revokes on the certificate's page", async () => {
    const s = await setup();
    const certificate = await certify(s.db, { userId: s.coach.id, municipalityId: s.municipality.id, track: TRACK, issuedAt: new Date(Date.now() - 30 * DAY_MS) });
    const before = (await outbox(s.coach.email)).length;
    const result = await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON, confirm: "ja" }, s.cookie), { id: certificate.id });
    expect(result.data.done).toBe("revoked");
    const mails = await outbox(s.coach.email);
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.subject).toBe("Ditt intyg från Coachportalen har återkallats");
    expect(mails.at(-1)!.body_text).toContain(REASON);
    expect(mails.at(-1)!.body_text).toContain(track().title);
    expect(mails.at(-1)!.body_text).not.toContain("gäller fortfarande");

    // A second revocation of the same certificate sends nothing more.
    await call(revokeAction, post(`/samordnare/intyg/${certificate.id}`, { reason: REASON, confirm: "ja" }, s.cookie), { id: certificate.id });
    expect(await outbox(s.coach.email)).toHaveLength(before + 1);
  });
});

describe("revoking a renewal", () => {
  it("leaves the earlier certificate current while it is within its own validity, and the used refresher renews nothing again", async () => {
    const s = await setup();
    const now = Date.now();
    // Ends about 30 days from now: its refresher window has been open for about 30 days.
    const earlier = await certify(s.db, { userId: s.coach.id, municipalityId: s.municipality.id, track: TRACK, issuedAt: new Date(now - 700 * DAY_MS) });
    const renewal = await certify(s.db, {
      userId: s.coach.id,
      municipalityId: s.municipality.id,
      track: TRACK,
      issuedAt: new Date(now - 10 * DAY_MS),
      revokedAt: new Date(now - DAY_MS),
      revokedBy: s.coordinator.id,
      reason: REASON,
    });
    expect(new Date(earlier.expiresAt).getTime()).toBeGreaterThan(now);

    const views = await everyView(s, { earlier: earlier.code });
    expect(views).toEqual({
      current: [[earlier.code, "valid"]],
      history: [[renewal.code, "revoked"]],
      listStatus: "expiring",
      personStatus: "expiring",
      verified: "valid",
      exported: [earlier.code, "giltigt"],
    });
    // Visiting /intyg (which issues what is due) renewed nothing from the revoked renewal's refresher.
    expect(await certificateCount(s.coach.id)).toBe(2);
    expect(await issueCertificateIfEligible(s.db, { userId: s.coach.id, track: track(), content: getContent() })).toMatchObject({
      outcome: "existing",
      certificate: { id: earlier.id },
    });
    const mail = (await outbox(s.coach.email)).at(-1)!;
    expect(mail.body_text).toContain(REASON);
    expect(mail.body_text).toContain("Ditt tidigare intyg för");
    expect(mail.body_text).toContain("gäller fortfarande till och med");

    // The refresher passed again after the revocation renews it as usual.
    const refresher = getContent().modules[track().refresher!]!;
    const max = refresher.quiz.perAttempt;
    await takeTest(s.db, { userId: s.coach.id, track: TRACK, module: refresher.slug, at: new Date(now - 60_000), hash: refresher.contentHash, score: max, maxScore: max, passed: true });
    const renewedAgain = await issueCertificateIfEligible(s.db, { userId: s.coach.id, track: track(), content: getContent() });
    expect(renewedAgain).toMatchObject({ outcome: "renewed", certificate: { renewsId: earlier.id } });
  });

  it("leaves the earlier certificate expired once past its own validity, on every page", async () => {
    const s = await setup();
    const now = Date.now();
    // Ended about 20 days ago; renewed in its window, and the renewal revoked after it had ended.
    const earlier = await certify(s.db, { userId: s.coach.id, municipalityId: s.municipality.id, track: TRACK, issuedAt: new Date(now - 750 * DAY_MS) });
    const renewal = await certify(s.db, {
      userId: s.coach.id,
      municipalityId: s.municipality.id,
      track: TRACK,
      issuedAt: new Date(now - 50 * DAY_MS),
      revokedAt: new Date(now - 5 * DAY_MS),
      revokedBy: s.coordinator.id,
      reason: REASON,
    });
    expect(new Date(earlier.expiresAt).getTime()).toBeLessThan(now);

    const views = await everyView(s, { earlier: earlier.code });
    expect(views).toEqual({
      current: [],
      history: [
        [renewal.code, "revoked"],
        [earlier.code, "expired"],
      ],
      // The newest certificate speaks for the person once none holds: the revoked renewal.
      listStatus: "revoked",
      personStatus: "revoked",
      verified: "expired",
      exported: [renewal.code, "återkallat"],
    });
    expect(await certificateCount(s.coach.id)).toBe(2);
    const page = await call(certificatePage, get(`/samordnare/intyg/${earlier.id}`, s.cookie), { id: earlier.id });
    expect(page.data.certificate).toMatchObject({ status: "expired", statusLabel: "utgånget", revoked: null });
    const mail = (await outbox(s.coach.email)).at(-1)!;
    expect(mail.body_text).toContain(REASON);
    expect(mail.body_text).not.toContain("gäller fortfarande");
  });
});
