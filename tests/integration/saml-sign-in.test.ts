// SPDX-License-Identifier: EUPL-1.2
// Signing in by SAML 2.0 (Skolfederation, issue #18): an IdP key and certificate made by the test
// (tests/helpers/saml-idp.ts), assertions signed with xml-crypto, posted to Coachportalen's own
// assertion consumer service. Nothing of node-saml is mocked; every hostile variant is refused.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "~/modules/auth/invitation.server";
import { SAML_ACS_PATH, startSamlSignIn } from "~/modules/auth/saml.server";
import { checkSecretsKeyAtStartup } from "~/modules/auth/secrets.server";
import { secondFactorRequired } from "~/modules/auth/second-factor.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { setMunicipalityActive } from "~/modules/municipalities/municipalities.server";
import { action as configureAction, loader as configureLoader } from "~/routes/admin.kommuner_.$id.inloggning_.saml";
import { loader as accountLoader } from "~/routes/konto";
import { action as signInAction, loader as signInPageLoader } from "~/routes/logga-in";
import { loader as oidcStartLoader } from "~/routes/logga-in_.oidc.$id";
import { loader as metadataLoader } from "~/routes/logga-in_.saml.metadata";
import { loader as startLoader } from "~/routes/logga-in_.saml.$id";
import { action as acsAction, loader as acsLoader } from "~/routes/logga-in_.saml.svar";
import { action as signOutAction } from "~/routes/logga-ut";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { sessionCookieOf, startTestServer } from "../helpers/app-server";
import { matrixContentDir } from "../helpers/route-access";
import { call, cookieFor, get, post } from "../helpers/requests";
import {
  assertionXml,
  DISPLAY_NAME,
  encode,
  ENTITLEMENT,
  IDP_SSO_URL,
  idpMetadata,
  MAIL,
  makeIdpKeys,
  responseXml,
  signAssertion,
  signResponse,
  type AssertionOptions,
  type TestIdpKeys,
} from "../helpers/saml-idp";

const SP_ENTITY_ID = "http://localhost:3000/logga-in/saml/metadata";
const ACS_URL = "http://localhost:3000/logga-in/saml/svar";

let keys: TestIdpKeys;
let otherKeys: TestIdpKeys;
beforeAll(() => {
  keys = makeIdpKeys();
  otherKeys = makeIdpKeys("someone-else");
});

async function municipalityWithIdp(settings: Record<string, string> = {}) {
  const db = testDb();
  const municipality = await createMunicipality(db, "hogsby", "Högsby");
  const admin = await createUser(db, { role: "admin" });
  const saved = await call(
    configureAction,
    post(`/admin/kommuner/${municipality.id}/inloggning/saml`, { intent: "save", metadataXml: idpMetadata(keys), emailDomains: "hogsby.se", emailAttribute: "", accountPolicy: "invited", ...settings }, await cookieFor(admin.id)),
    { id: municipality.id },
  );
  expect(saved.status, JSON.stringify(saved.data)).toBe(200);
  const provider = await db.selectFrom("identity_provider").select("id").where("municipality_id", "=", municipality.id).where("kind", "=", "saml").executeTakeFirstOrThrow();
  return { municipality, admin, providerId: provider.id };
}

/** Coachportalen's start route: the AuthnRequest's redirect to the IdP, and its RelayState (the request's ID). */
async function start(providerId: string) {
  const started = await call(startLoader, get(`/logga-in/saml/${providerId}`), { id: providerId });
  expect(started.status).toBe(302);
  const location = new URL(started.headers.get("Location")!);
  expect(`${location.origin}${location.pathname}`).toBe(IDP_SSO_URL);
  expect(location.searchParams.get("SAMLRequest")).toBeTruthy();
  return location.searchParams.get("RelayState")!;
}

function assertionFor(requestId: string, attributes: Record<string, string | string[]>, overrides: Partial<AssertionOptions> = {}): string {
  return assertionXml({ inResponseTo: requestId, audience: SP_ENTITY_ID, recipient: ACS_URL, attributes, ...overrides });
}

function signedResponse(requestId: string, attributes: Record<string, string | string[]>, overrides: Partial<AssertionOptions> = {}, signer = keys): string {
  return responseXml({ inResponseTo: requestId, destination: ACS_URL, body: signAssertion(assertionFor(requestId, attributes, overrides), signer) });
}

function postAnswer(xml: string, relayState: string) {
  return call(acsAction, post(SAML_ACS_PATH, { SAMLResponse: encode(xml), RelayState: relayState }));
}

function sessionTokenFrom(headers: Headers): string | null {
  return /__session=([^;]+)/.exec(headers.get("Set-Cookie") ?? "")?.[1] ?? null;
}

async function counts() {
  const db = testDb();
  const [users, sessions] = await Promise.all([
    db.selectFrom("user").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("session").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.n), sessions: Number(sessions.n) };
}

async function failuresAudited() {
  const rows = await testDb().selectFrom("audit_event").select(["details", "subject"]).where("action", "=", "signin.sso_failure").execute();
  return rows.map((row) => ({ ...JSON.parse(row.details ?? "{}"), subject: row.subject }));
}

describe("signing in by SAML (Skolfederation)", () => {
  it("links a person of the municipality by the mail attribute, records SAML on the session, asks no second factor, and /konto says so", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    const person = await createUser(testDb(), { role: "coordinator", municipalityId: municipality.id, email: "anna@hogsby.se" });
    const requestId = await start(providerId);

    const result = await postAnswer(signedResponse(requestId, { [MAIL]: "Anna@Hogsby.se", [DISPLAY_NAME]: "Anna Andersson" }), requestId);
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    expect(result.headers.get("Location")).toBe("/samordnare");
    const token = sessionTokenFrom(result.headers)!;
    const session = await validateSessionToken(testDb(), token);
    expect(session?.user).toMatchObject({ id: person.id, signInMethod: "saml", signInProvider: "Högsby kommun" });
    // A coordinator signing in with a password must give a code; by the municipality's IdP, not.
    expect(secondFactorRequired({ role: "coordinator", enrolled: false, municipalityRequiresAll: true }, "saml", true)).toBe(false);
    const session2 = await testDb().selectFrom("session").select("second_factor_pending").where("user_id", "=", person.id).executeTakeFirstOrThrow();
    expect(session2.second_factor_pending).toBeNull();

    const account = await call(accountLoader, get("/konto", `__session=${token}`));
    expect(account.data.person.signedInWith).toBe("Med Högsby kommuns konto (SAML)");

    // Only Coachportalen's session ends (no single logout at the IdP), and the page says so.
    const out = await call(signOutAction, post("/logga-ut", {}, `__session=${token}`));
    expect(out.headers.get("Location")).toBe("/logga-in?utloggad=kommun");
    expect(await validateSessionToken(testDb(), token)).toBeNull();
  });

  it("accepts the person's open invitation, and creates a coach or (by attribute) a coordinator when the policy allows", async () => {
    const { municipality, admin, providerId } = await municipalityWithIdp({ accountPolicy: "domain", coordinatorAttribute: ENTITLEMENT, coordinatorValue: "urn:mace:hogsby.se:andts-samordnare" });
    await createInvitation(testDb(), { email: "bo@hogsby.se", role: "school_staff", municipalityId: municipality.id, school: "Solskolan", invitedBy: { id: admin.id, name: admin.name } });

    let requestId = await start(providerId);
    expect((await postAnswer(signedResponse(requestId, { [MAIL]: "bo@hogsby.se", [DISPLAY_NAME]: "Bo Berg" }), requestId)).status).toBe(302);
    requestId = await start(providerId);
    expect((await postAnswer(signedResponse(requestId, { [MAIL]: "cia@hogsby.se" }), requestId)).status).toBe(302);
    requestId = await start(providerId);
    const entitled = signedResponse(requestId, { [MAIL]: ["dan@hogsby.se", "dan.d@hogsby.se"], [ENTITLEMENT]: ["urn:mace:hogsby.se:larare", "urn:mace:hogsby.se:andts-samordnare"] });
    expect((await postAnswer(entitled, requestId)).status).toBe(302);

    const users = await testDb().selectFrom("user").select(["email", "name", "role", "school", "password_hash", "municipality_id"]).where("email", "like", "%@hogsby.se").orderBy("email").execute();
    expect(users).toEqual([
      { email: "bo@hogsby.se", name: "Bo Berg", role: "school_staff", school: "Solskolan", password_hash: null, municipality_id: municipality.id },
      { email: "cia@hogsby.se", name: "cia", role: "coach", school: null, password_hash: null, municipality_id: municipality.id },
      { email: "dan@hogsby.se", name: "dan", role: "coordinator", school: null, password_hash: null, municipality_id: municipality.id },
    ]);
    const created = await testDb().selectFrom("audit_event").select("details").where("action", "=", "user.created").execute();
    expect(created.map((row) => JSON.parse(row.details ?? "{}").via)).toEqual(["saml", "saml"]);
  });

  it("offers the SAML button on /logga-in, and sends an address in its domains there", async () => {
    const { providerId } = await municipalityWithIdp();
    const page = await call(signInPageLoader, get("/logga-in"));
    expect(page.data.providers).toEqual([{ id: providerId, label: "Logga in med Högsby kommuns konto via Skolfederation", path: `/logga-in/saml/${providerId}` }]);
    const typed = await call(signInAction, post("/logga-in", { email: "anna@hogsby.se", password: "" }));
    expect([typed.status, typed.headers.get("Location")]).toEqual([302, `/logga-in/saml/${providerId}`]);
  });

  it("serves the service provider's metadata, generated by node-saml, at its entity id", async () => {
    const response = (await metadataLoader()) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/samlmetadata+xml; charset=utf-8");
    const xml = await response.text();
    expect(xml).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(xml).toContain(`Location="${ACS_URL}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
  });

  it("keeps server/app.js's one Origin exception on the assertion consumer service's path", () => {
    expect(readFileSync("server/app.js", "utf8")).toContain(`const SAML_ACS_PATH = "${SAML_ACS_PATH}";`);
  });

  it("refuses the same answer posted twice, and the same assertion in an answer to another request", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    const requestId = await start(providerId);
    const answer = signedResponse(requestId, { [MAIL]: "anna@hogsby.se" }, { assertionId: "_same-assertion" });
    expect((await postAnswer(answer, requestId)).status).toBe(302);
    const before = await counts();
    const again = await postAnswer(answer, requestId);
    expect(again.status).toBe(400);
    expect(again.data.message).toContain("har redan använts");

    // An IdP that (wrongly, or under an attacker's control of the request) reissues an assertion id.
    const second = await start(providerId);
    const reissued = await postAnswer(signedResponse(second, { [MAIL]: "anna@hogsby.se" }, { assertionId: "_same-assertion" }), second);
    expect(reissued.status).toBe(400);
    // Another answer, with an assertion of its own, to a request already answered.
    const third = await start(providerId);
    expect((await postAnswer(signedResponse(third, { [MAIL]: "anna@hogsby.se" }), third)).status).toBe(302);
    const before2 = await counts();
    expect((await postAnswer(signedResponse(third, { [MAIL]: "anna@hogsby.se" }), third)).status).toBe(400);
    expect((await counts()).sessions - before.sessions).toBe(before2.sessions - before.sessions);
    expect((await failuresAudited()).map((f) => f.reason)).toEqual(["replay", "replay", "replay"]);
  });

  it("refuses an expired assertion, a wrong audience, an unknown InResponseTo and an unknown RelayState", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    const before = await counts();
    let requestId = await start(providerId);
    const expired = await postAnswer(signedResponse(requestId, { [MAIL]: "anna@hogsby.se" }, { validForMinutes: -5 }), requestId);
    expect([expired.status, expired.data.message]).toEqual([400, "Inloggningen tog för lång tid och har gått ut. Börja om från inloggningssidan."]);

    requestId = await start(providerId);
    const audience = await postAnswer(signedResponse(requestId, { [MAIL]: "anna@hogsby.se" }, { audience: "https://annan-tjanst.example/sp" }), requestId);
    expect([audience.status, audience.data.message]).toEqual([400, "Svaret från Högsby kommuns inloggningstjänst gick inte att godta. Börja om från inloggningssidan."]);

    requestId = await start(providerId);
    const unknown = await postAnswer(responseXml({ inResponseTo: "_not-ours", destination: ACS_URL, body: signAssertion(assertionFor("_not-ours", { [MAIL]: "anna@hogsby.se" }), keys) }), requestId);
    expect(unknown.status).toBe(400);
    const noRequest = await postAnswer(signedResponse("_not-ours", { [MAIL]: "anna@hogsby.se" }), "_not-ours");
    expect(noRequest.status).toBe(400);

    expect(await counts()).toEqual(before);
    const reasons = await failuresAudited();
    expect(reasons.map((f) => f.reason)).toEqual(["expired", "invalid_response", "state", "state"]);
    expect(reasons[1].detail).toContain("audience");
  });

  it("refuses an answer without a signature, with a signature that does not verify, or signed by another key", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anno@hogsby.se" });
    const before = await counts();

    let requestId = await start(providerId);
    const unsigned = await postAnswer(responseXml({ inResponseTo: requestId, destination: ACS_URL, body: assertionFor(requestId, { [MAIL]: "anna@hogsby.se" }) }), requestId);
    expect(unsigned.status).toBe(400);

    requestId = await start(providerId);
    // One changed byte in the signed assertion: anna becomes anno.
    const tampered = signedResponse(requestId, { [MAIL]: "anna@hogsby.se" }).replace("anna@hogsby.se", "anno@hogsby.se");
    expect(tampered).toContain("anno@hogsby.se");
    expect((await postAnswer(tampered, requestId)).status).toBe(400);

    requestId = await start(providerId);
    expect((await postAnswer(signedResponse(requestId, { [MAIL]: "anna@hogsby.se" }, {}, otherKeys), requestId)).status).toBe(400);

    // A signed response around an unsigned assertion: signed assertions are required.
    requestId = await start(providerId);
    const responseOnly = signResponse(responseXml({ inResponseTo: requestId, destination: ACS_URL, body: assertionFor(requestId, { [MAIL]: "anna@hogsby.se" }) }), keys);
    expect((await postAnswer(responseOnly, requestId)).status).toBe(400);

    expect(await counts()).toEqual(before);
    const failures = await failuresAudited();
    expect(failures.map((f) => f.reason)).toEqual(["invalid_response", "invalid_response", "invalid_response", "invalid_response"]);
    expect(failures.every((f) => /signature/i.test(f.detail))).toBe(true);
  });

  it("refuses signature wrapping: a signed assertion for one person moved beside or inside an unsigned one for another", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    await createUser(testDb(), { role: "admin", municipalityId: municipality.id, email: "mallory@hogsby.se" });
    const before = await counts();

    // The signed assertion hidden in an Extensions element, an unsigned one for Mallory where the SP reads.
    let requestId = await start(providerId);
    let signed = signAssertion(assertionFor(requestId, { [MAIL]: "anna@hogsby.se" }), keys);
    let evil = assertionFor(requestId, { [MAIL]: "mallory@hogsby.se" });
    const hidden = await postAnswer(responseXml({ inResponseTo: requestId, destination: ACS_URL, body: `<samlp:Extensions>${signed}</samlp:Extensions>${evil}` }), requestId);
    expect(hidden.status).toBe(400);

    // Mallory's unsigned assertion with the same ID, carrying the signed one inside it.
    requestId = await start(providerId);
    signed = signAssertion(assertionFor(requestId, { [MAIL]: "anna@hogsby.se" }, { assertionId: "_wrapped" }), keys);
    evil = assertionFor(requestId, { [MAIL]: "mallory@hogsby.se" }, { assertionId: "_wrapped" }).replace("</saml:Assertion>", `<saml:Advice>${signed}</saml:Advice></saml:Assertion>`);
    const inside = await postAnswer(responseXml({ inResponseTo: requestId, destination: ACS_URL, body: evil }), requestId);
    expect(inside.status).toBe(400);

    // Both side by side.
    requestId = await start(providerId);
    signed = signAssertion(assertionFor(requestId, { [MAIL]: "anna@hogsby.se" }), keys);
    evil = assertionFor(requestId, { [MAIL]: "mallory@hogsby.se" });
    expect((await postAnswer(responseXml({ inResponseTo: requestId, destination: ACS_URL, body: `${evil}${signed}` }), requestId)).status).toBe(400);

    expect(await counts()).toEqual(before);
    const failures = await failuresAudited();
    expect(failures.map((f) => f.reason)).toEqual(["invalid_response", "invalid_response", "invalid_response"]);
    expect(failures.map((f) => f.detail)).toEqual(["Invalid signature", "Invalid signature", "Invalid signature: multiple assertions"]);
  });

  it("refuses a missing mail attribute, an address outside the domains, someone not invited, and a deactivated person", async () => {
    const { municipality, admin, providerId } = await municipalityWithIdp();
    const person = await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    await testDb().updateTable("user").set({ deactivated_at: new Date().toISOString() }).where("id", "=", person.id).execute();
    const before = await counts();
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ [DISPLAY_NAME]: "Anna" }, 403, "skickade ingen e-postadress"],
      [{ [MAIL]: "anna@example.com" }, 403, "hör inte till de domäner"],
      [{ [MAIL]: "ny@hogsby.se" }, 403, "inget konto i Coachportalen"],
      [{ [MAIL]: "anna@hogsby.se" }, 403, "avaktiverat"],
    ];
    for (const [attributes, status, message] of cases) {
      const requestId = await start(providerId);
      const result = await postAnswer(signedResponse(requestId, attributes), requestId);
      expect([result.status, result.data.message]).toEqual([status, expect.stringContaining(message)]);
    }
    expect(await counts()).toEqual(before);
    expect((await failuresAudited()).map((f) => f.reason)).toEqual(["no_email", "foreign_domain", "not_invited", "deactivated"]);

    await setMunicipalityActive(testDb(), { id: municipality.id, active: false, actorId: admin.id });
    expect((await call(startLoader, get(`/logga-in/saml/${providerId}`), { id: providerId })).status).toBe(404);
  });

  it("answers a GET to the assertion consumer service with a page, not an error", async () => {
    const result = await call(acsLoader, get(SAML_ACS_PATH));
    expect(result.status).toBe(405);
  });
});

describe("configuring a municipality's SAML identity provider", () => {
  it("reads the entity id, sign-on address and certificate from pasted metadata, and shows the SP's addresses", async () => {
    const { municipality, admin } = await municipalityWithIdp();
    const row = await testDb().selectFrom("identity_provider").selectAll().where("kind", "=", "saml").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ saml_entity_id: "https://idp.skola.hogsby.se/idp/shibboleth", saml_sso_url: IDP_SSO_URL, email_attribute: MAIL, saml_metadata_url: null });
    expect(JSON.parse(row.saml_certificates!)).toHaveLength(1);
    const page = await call(configureLoader, get(`/admin/kommuner/${municipality.id}/inloggning/saml`, await cookieFor(admin.id)), { id: municipality.id });
    expect(page.data).toMatchObject({ configured: true, spEntityId: SP_ENTITY_ID, acsUrl: ACS_URL });
  });

  it("fetches metadata from its address, and refuses metadata that is not an IdP's, with Swedish messages", async () => {
    let served = idpMetadata(keys);
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === "/metadata" ? 200 : 404, { "Content-Type": "application/samlmetadata+xml" }).end(req.url === "/metadata" ? served : "");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const municipality = await createMunicipality(testDb(), "hogsby", "Högsby");
      const admin = await createUser(testDb(), { role: "admin" });
      const cookie = await cookieFor(admin.id);
      const save = (fields: Record<string, string>) =>
        call(configureAction, post(`/admin/kommuner/${municipality.id}/inloggning/saml`, { intent: "save", emailDomains: "hogsby.se", accountPolicy: "invited", ...fields }, cookie), { id: municipality.id });

      expect((await save({ metadataXml: "<inte xml" })).data.errors.metadataXml).toBe("Metadatan är inte giltig XML.");
      expect((await save({ metadataXml: idpMetadata(keys).replace("IDPSSODescriptor", "SPSSODescriptor").replace("IDPSSODescriptor", "SPSSODescriptor") })).data.errors.metadataXml).toContain("ingen identitetsleverantör");
      expect((await save({ metadataUrl: `${base}/saknas` })).data.errors.metadataUrl).toBe("Metadatan gick inte att hämta (svar 404).");
      expect((await save({ metadataUrl: `${base}/metadata`, metadataXml: idpMetadata(keys) })).data.errors.metadataUrl).toContain("antingen");
      expect((await save({})).status).toBe(400);
      expect(await testDb().selectFrom("identity_provider").select("id").execute()).toEqual([]);

      const saved = await save({ metadataUrl: `${base}/metadata` });
      expect(saved.status).toBe(200);
      const row = await testDb().selectFrom("identity_provider").selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ kind: "saml", saml_metadata_url: `${base}/metadata`, saml_entity_id: "https://idp.skola.hogsby.se/idp/shibboleth" });

      // The IdP rolls its key over: the metadata is read again once it is a day old, not before.
      served = idpMetadata(otherKeys);
      const certificates = async () => JSON.parse((await testDb().selectFrom("identity_provider").select("saml_certificates").executeTakeFirstOrThrow()).saml_certificates!);
      const before = await certificates();
      const hourLater = await startSamlSignIn(testDb(), row.id, { redirectTo: null, ip: "127.0.0.1" }, new Date(Date.now() + 60 * 60 * 1000));
      expect(hourLater.status).toBe("redirect");
      expect(await certificates()).toEqual(before);
      await startSamlSignIn(testDb(), row.id, { redirectTo: null, ip: "127.0.0.1" }, new Date(Date.now() + 25 * 60 * 60 * 1000));
      expect(await certificates()).not.toEqual(before);
      expect(await certificates()).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it("removes the SAML provider on the admin's word, audited, and says so when there is none", async () => {
    const { municipality, admin } = await municipalityWithIdp();
    const remove = async () => call(configureAction, post(`/admin/kommuner/${municipality.id}/inloggning/saml`, { intent: "remove" }, await cookieFor(admin.id)), { id: municipality.id });
    expect((await remove()).data.saved).toBe("Inloggningen via SAML är borttagen.");
    expect(await testDb().selectFrom("identity_provider").select("id").execute()).toEqual([]);
    const again = await remove();
    expect([again.status, again.data.errors.form]).toEqual([400, "Kommunen har ingen inloggning via SAML att ta bort."]);
    const audited = await testDb().selectFrom("audit_event").select("details").where("action", "=", "identity_provider.removed").execute();
    expect(audited.map((row) => JSON.parse(row.details ?? "{}"))).toEqual([{ kind: "saml" }]);
  });

  it("is for admins only", async () => {
    const municipality = await createMunicipality(testDb(), "hogsby", "Högsby");
    const coordinator = await createUser(testDb(), { role: "coordinator", municipalityId: municipality.id });
    const result = await call(configureAction, post(`/admin/kommuner/${municipality.id}/inloggning/saml`, { intent: "save", metadataXml: idpMetadata(keys), emailDomains: "hogsby.se", accountPolicy: "invited" }, await cookieFor(coordinator.id)), { id: municipality.id });
    expect(result.status).toBe(403);
    expect(await testDb().selectFrom("identity_provider").select("id").execute()).toEqual([]);
  });
});

describe("the assertion consumer service through the real server", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    process.env.CONTENT_DIR = matrixContentDir();
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const fromIdp = (pathname: string, form: Record<string, string>) =>
    fetch(`${server.url}${pathname}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://idp.skola.hogsby.se", "Sec-Fetch-Site": "cross-site" },
      redirect: "manual",
    });

  it("takes the IdP's cross-site POST at that one path, and signs the person in", async () => {
    const { municipality, providerId } = await municipalityWithIdp();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    const requestId = await start(providerId);
    const response = await fromIdp(SAML_ACS_PATH, { SAMLResponse: encode(signedResponse(requestId, { [MAIL]: "anna@hogsby.se" })), RelayState: requestId });
    expect(response.status, await response.clone().text()).toBe(302);
    expect(sessionCookieOf(response)).toBeDefined();

    // Anywhere else, a cross-site POST is still stopped before the app sees it.
    for (const pathname of [`${SAML_ACS_PATH}/`, `${SAML_ACS_PATH}.data`, "/logga-in"]) {
      const other = await fromIdp(pathname, { SAMLResponse: "x", RelayState: requestId });
      expect(other.status, pathname).toBe(403);
    }
  });
});

describe("SAML beside OpenID Connect", () => {
  it("needs no SECRETS_KEY, and a SAML provider's id is no OpenID Connect sign-in", async () => {
    const { providerId } = await municipalityWithIdp();
    const saved = process.env.SECRETS_KEY;
    delete process.env.SECRETS_KEY;
    try {
      await expect(checkSecretsKeyAtStartup(testDb())).resolves.toBeUndefined();
    } finally {
      if (saved !== undefined) process.env.SECRETS_KEY = saved;
    }
    expect((await call(oidcStartLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId })).status).toBe(404);
  });
});
