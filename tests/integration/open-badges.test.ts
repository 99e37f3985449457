// SPDX-License-Identifier: EUPL-1.2
// The digital credential beside each certificate (issue #16): an Open Badges 3.0 credential the
// coach downloads from /intyg, signed by the deployment's key in the municipality's name, that an
// independent verifier accepts, that fails when one byte is changed, that reads revoked once the
// certificate is revoked, and that /verifiera checks when it is uploaded.
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { findTrack, getContent } from "~/content/content.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { revokeCertificate } from "~/modules/certification/certification.server";
import { documentLoader } from "~/modules/certification/open-badges/documents.server";
import { rotateSigningKey, signingKey } from "~/modules/certification/open-badges/keys.server";
import { signingLibraries } from "~/modules/certification/open-badges/libraries.server";
import { saveMunicipalityLogo, saveMunicipalityProfile } from "~/modules/municipalities/profile.server";
import { loader as certificateFileLoader } from "~/routes/intyg.$file";
import { loader as myCertificatesLoader } from "~/routes/intyg._index";
import { action as verifyAction } from "~/routes/verifiera._index";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { fetchPublic, verifyIndependently } from "../helpers/independent-verifier";
import { call, cookieFor, get, testContext } from "../helpers/requests";
import { certify } from "../helpers/training";

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});

// The app's signature check, watched: a test can see whether an upload reached it.
vi.mock("~/modules/certification/open-badges/libraries.server", async (original) => {
  const actual = await original<typeof import("~/modules/certification/open-badges/libraries.server")>();
  let watched: ReturnType<typeof actual.signingLibraries> | undefined;
  const signingLibraries = () =>
    (watched ??= actual.signingLibraries().then((libraries) => ({ ...libraries, vc: { ...libraries.vc, verifyCredential: vi.fn(libraries.vc.verifyCredential) } })));
  return { signingLibraries };
});

type Credential = Record<string, any>;

async function certifiedCoach(options: { issuedAt?: Date } = {}) {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`, "Högsby");
  const coach = await createUser(db, { role: "coach", municipalityId: municipality.id, name: "Åsa Öberg", email: `asa.oberg.${Math.random().toString(36).slice(2, 8)}@example.se` });
  const certificate = await certify(db, {
    userId: coach.id,
    municipalityId: municipality.id,
    track: "grund",
    issuedAt: options.issuedAt ?? new Date(Date.now() - 86_400_000),
  });
  return { db, municipality, coach, certificate, cookie: await cookieFor(coach.id) };
}

async function download(certificateId: string, cookie: string): Promise<Response> {
  const file = `${certificateId}.json`;
  try {
    return (await certificateFileLoader({ request: get(`/intyg/${file}`, cookie), params: { file }, context: testContext() })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const init = (thrown as { init?: ResponseInit }).init;
    return new Response(null, { status: init?.status ?? 500 });
  }
}

async function downloadCredential(certificateId: string, cookie: string): Promise<Credential> {
  const response = await download(certificateId, cookie);
  expect(response.status).toBe(200);
  return response.json();
}

function upload(body: string | Uint8Array<ArrayBuffer>, name = "intyg.json") {
  const form = new FormData();
  form.set("intyg", new File([body], name, { type: "application/json" }));
  return call(verifyAction, new Request("http://localhost:3000/verifiera", { method: "POST", body: form, headers: { Origin: "http://localhost:3000" } }));
}

async function revoke(db: ReturnType<typeof testDb>, municipalityId: string, certificateId: string) {
  const coordinator = await createUser(db, { role: "coordinator", municipalityId });
  const actor: SessionUser = { ...coordinator, municipalityId, municipalitySlug: null, municipalityName: null, school: null };
  expect((await revokeCertificate(db, { certificateId, actor, reason: "Utfärdat till fel person" })).status).toBe("revoked");
}

describe("the Open Badges credential a coach downloads", () => {
  it("is an OpenBadgeCredential issued by the municipality, for the track, with the certificate's dates, that an independent verifier accepts", async () => {
    const { db, municipality, certificate, cookie } = await certifiedCoach();
    const response = await download(certificate.id, cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="intyg-${certificate.code}.json"`);
    const credential: Credential = await response.json();

    expect(credential["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.issuer).toMatchObject({ id: `http://localhost:3000/openbadges/utfardare/${municipality.id}`, type: ["Profile"], name: "Högsby kommun" });
    expect(credential.validFrom).toBe(certificate.issuedAt);
    expect(credential.validUntil).toBe(certificate.expiresAt);
    const track = findTrack(getContent(), "grund")!;
    expect(credential.credentialSubject.achievement).toMatchObject({ type: ["Achievement"], name: track.title, description: track.summary });
    for (const slug of track.modules) expect(credential.credentialSubject.achievement.criteria.narrative).toContain(getContent().modules[slug]!.title);
    expect(credential.credentialSubject.name).toBe("Åsa Öberg");
    // The email address is in the file only as a salted hash.
    expect(JSON.stringify(credential)).not.toContain("asa.oberg");
    expect(credential.credentialSubject.identifier).toContainEqual(expect.objectContaining({ identityType: "emailAddress", hashed: true }));
    expect(credential.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });

    expect(await verifyIndependently(credential)).toEqual({ verified: true, revoked: false });
    // The same file again keeps its place in the status list.
    const again = await downloadCredential(certificate.id, cookie);
    expect(again.credentialStatus).toEqual(credential.credentialStatus);
    expect(await db.selectFrom("credential_key").select("id").execute()).toHaveLength(1);
  });

  it("fails verification when one byte of it is changed", async () => {
    const { certificate, cookie } = await certifiedCoach();
    const text = JSON.stringify(await downloadCredential(certificate.id, cookie));
    const tampered = JSON.parse(text.replace("Åsa Öberg", "Åsa Öbers"));
    expect(tampered.credentialSubject.name).toBe("Åsa Öbers");
    expect((await verifyIndependently(tampered)).verified).toBe(false);
    const later = JSON.parse(text.replace(/"validUntil":"(\d{4})/, (_, year) => `"validUntil":"${Number(year) + 1}`));
    expect((await verifyIndependently(later)).verified).toBe(false);
  });

  it("reads revoked through the status list once its certificate is revoked", async () => {
    const { db, municipality, certificate, cookie } = await certifiedCoach();
    const other = await certifiedCoach();
    const credential = await downloadCredential(certificate.id, cookie);
    await revoke(db, municipality.id, certificate.id);
    expect(await verifyIndependently(credential)).toEqual({ verified: true, revoked: true });
    // Only that certificate: another municipality's coach's credential still holds.
    expect(await verifyIndependently(await downloadCredential(other.certificate.id, other.cookie))).toEqual({ verified: true, revoked: false });
    // A revoked certificate is no longer handed out.
    expect((await download(certificate.id, cookie)).status).toBe(404);
  });

  it("carries the municipality's website and logo in its issuer when the profile has them", async () => {
    const { db, municipality, coach, certificate, cookie } = await certifiedCoach();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: municipality.id });
    const actor: SessionUser = { ...coordinator, municipalityId: municipality.id, municipalitySlug: null, municipalityName: null, school: null };
    const profile = new FormData();
    for (const [key, value] of Object.entries({ officialName: "Högsby kommun", website: "https://www.hogsby.se" })) profile.set(key, value);
    expect(await saveMunicipalityProfile(db, { actor, municipalityId: municipality.id, form: profile })).toEqual({ ok: true });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10" fill="#1d4f91"/></svg>';
    expect(await saveMunicipalityLogo(db, { actor, municipalityId: municipality.id, file: new File([svg], "logga.svg", { type: "image/svg+xml" }) })).toEqual({ ok: true });
    const credential = await downloadCredential(certificate.id, cookie);
    expect(credential.issuer.url).toBe("https://www.hogsby.se");
    expect(credential.issuer.image).toEqual({ id: expect.stringMatching(new RegExp(`^http://localhost:3000/om/${municipality.slug}/logotyp\\?v=`)), type: "Image" });
    expect(coach.id).toBeTruthy();
    expect((await verifyIndependently(credential)).verified).toBe(true);
  });

  it("is offered on /intyg beside the PDF, and only to its holder", async () => {
    const { db, municipality, certificate, cookie } = await certifiedCoach();
    const page = await call(myCertificatesLoader, get("/intyg", cookie));
    expect(page.data.current.map((c: { id: string; pdfUrl: string | null }) => c.id)).toEqual([certificate.id]);
    const stranger = await createUser(db, { role: "coach", municipalityId: municipality.id });
    expect((await download(certificate.id, await cookieFor(stranger.id))).status).toBe(404);
  });
});

describe("the public issuer, key and status list", () => {
  it("are served as JSON-LD at stable addresses, without signing in", async () => {
    const { municipality, certificate, cookie } = await certifiedCoach();
    const credential = await downloadCredential(certificate.id, cookie);
    const issuer = await fetchPublic(credential.issuer.id);
    expect(issuer.status).toBe(200);
    expect(issuer.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    expect(issuer.headers.get("Cache-Control")).toMatch(/^public/);
    const key = await fetchPublic(credential.proof.verificationMethod);
    expect(await key.json()).toMatchObject({ type: "Multikey", controller: credential.issuer.id, publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
    const list = await fetchPublic(credential.credentialStatus.statusListCredential);
    expect(list.headers.get("Cache-Control")).toBe("public, max-age=0, s-maxage=30, must-revalidate");
    expect(await list.json()).toMatchObject({ type: ["VerifiableCredential", "BitstringStatusListCredential"], issuer: credential.issuer.id });
    expect((await fetchPublic(`http://localhost:3000/openbadges/utfardare/${municipality.id}/status/2`)).status).toBe(404);
    expect((await fetchPublic("http://localhost:3000/openbadges/utfardare/finnsinte")).status).toBe(404);
  });

  it("signs with one key made on first use, even when two instances need it at once", async () => {
    const db = testDb();
    const [a, b] = await Promise.all([signingKey(db), signingKey(db)]);
    expect(a.publicKeyMultibase).toBe(b.publicKeyMultibase);
    expect(await db.selectFrom("credential_key").select("id").execute()).toHaveLength(1);
  });

  it("gives each certificate its own place in the status list, once, when downloads come at the same time", async () => {
    const first = await certifiedCoach();
    const coach = await createUser(first.db, { role: "coach", municipalityId: first.municipality.id });
    const second = await certify(first.db, { userId: coach.id, municipalityId: first.municipality.id, track: "grund", issuedAt: new Date(Date.now() - 86_400_000) });
    const secondCookie = await cookieFor(coach.id);
    const [a, b, a2, b2] = await Promise.all([
      downloadCredential(first.certificate.id, first.cookie),
      downloadCredential(second.id, secondCookie),
      downloadCredential(first.certificate.id, first.cookie),
      downloadCredential(second.id, secondCookie),
    ]);
    expect(a.credentialStatus).toEqual(a2.credentialStatus);
    expect(b.credentialStatus).toEqual(b2.credentialStatus);
    expect(new Set([a.credentialStatus.statusListIndex, b.credentialStatus.statusListIndex]).size).toBe(2);
  });

  it("keeps a rotated-out key published, so what it signed still verifies while new credentials use the new key", async () => {
    const { db, municipality, certificate, cookie } = await certifiedCoach();
    const before = await downloadCredential(certificate.id, cookie);
    expect(await rotateSigningKey(db)).toEqual({ retired: ["1"], created: "2" });
    const after = await downloadCredential(certificate.id, cookie);
    expect(before.proof.verificationMethod).toMatch(/\/nyckel\/1$/);
    expect(after.proof.verificationMethod).toMatch(/\/nyckel\/2$/);
    expect((await verifyIndependently(before)).verified).toBe(true);
    expect((await verifyIndependently(after)).verified).toBe(true);
    const issuer = await (await fetchPublic(`http://localhost:3000/openbadges/utfardare/${municipality.id}`)).json();
    expect(issuer["https://w3id.org/security#assertionMethod"]).toHaveLength(2);
  });

  it("refuses an unknown JSON-LD context instead of fetching it", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const load = documentLoader(testDb());
    await expect(load("https://example.org/contexts/v1")).rejects.toThrow(/Refused/);
    await expect(load("http://localhost:3000/om/hogsby")).rejects.toThrow(/Refused/);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe("/verifiera with an uploaded credential", () => {
  it("says the signature holds, who issued it, what it certifies, its dates and that it is valid", async () => {
    const { certificate, cookie } = await certifiedCoach();
    const result = await upload(JSON.stringify(await downloadCredential(certificate.id, cookie)));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      kind: "verified",
      credential: { holderName: "Åsa Öberg", issuerName: "Högsby kommun", achievementName: "Grundspåret", status: "valid", statusLabel: "giltigt" },
    });
    expect(result.data.credential.validFrom).toMatch(/20\d\d$/);
    expect(result.data.credential.validThrough).toMatch(/20\d\d$/);
  });

  it("says the signature does not hold for a changed file", async () => {
    const { certificate, cookie } = await certifiedCoach();
    const text = JSON.stringify(await downloadCredential(certificate.id, cookie));
    const result = await upload(text.replace("Åsa Öberg", "Åsa Öbers"));
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ kind: "not_verified", message: expect.stringMatching(/^Signaturen stämmer inte/) });
  });

  it("refuses a file padded far beyond any credential it issues before checking its signature", async () => {
    const { certificate, cookie } = await certifiedCoach();
    const credential = await downloadCredential(certificate.id, cookie);
    credential.credentialSubject.identifier = Array.from({ length: 1500 }, (_, i) => ({ type: "IdentityObject", identityType: "name", hashed: false, identityHash: `n${i}` }));
    const verify = vi.mocked((await signingLibraries()).vc.verifyCredential);
    verify.mockClear();
    const result = await upload(JSON.stringify(credential));
    expect(result.data).toMatchObject({ kind: "not_verified", message: expect.stringMatching(/^Signaturen stämmer inte/) });
    expect(verify).not.toHaveBeenCalled();
    // The check is there: the same file without the padding is verified.
    delete credential.credentialSubject.identifier;
    await upload(JSON.stringify(credential));
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("says a revoked certificate's credential is revoked, and an old one expired", async () => {
    const { db, municipality, certificate, cookie } = await certifiedCoach();
    const credential = await downloadCredential(certificate.id, cookie);
    await revoke(db, municipality.id, certificate.id);
    expect((await upload(JSON.stringify(credential))).data).toMatchObject({ kind: "verified", credential: { status: "revoked", statusLabel: "återkallat" } });

    const old = await certifiedCoach({ issuedAt: new Date(Date.now() - 3 * 365 * 86_400_000) });
    const expired = await downloadCredential(old.certificate.id, old.cookie);
    expect((await upload(JSON.stringify(expired))).data).toMatchObject({ kind: "verified", credential: { status: "expired", statusLabel: "utgånget" } });
  });

  it("answers a file that is not JSON, not a credential or too large with a Swedish message and a 4xx", async () => {
    const notJson = await upload("det här är inte json");
    expect(notJson.status).toBe(400);
    expect(notJson.data.errors.intyg).toMatch(/^Filen är inte ett digitalt intyg/);
    expect((await upload(JSON.stringify({ hej: "då" }))).status).toBe(400);
    const tooLarge = await upload(new Uint8Array(200 * 1024 + 1).fill(32));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.data.errors.intyg).toMatch(/för stor/);
    const empty = new FormData();
    const none = await call(verifyAction, new Request("http://localhost:3000/verifiera", { method: "POST", body: empty, headers: { Origin: "http://localhost:3000" } }));
    expect(none.status).toBe(400);
  });
});
