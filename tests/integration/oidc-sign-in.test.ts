// SPDX-License-Identifier: EUPL-1.2
// Signing in with the municipality's own accounts (issue #18), against a real OpenID Connect
// provider started here (tests/helpers/oidc-provider.ts): no mocked HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { genitiveOf } from "~/lib/municipality-name";
import { exportPersonalData } from "~/modules/auth/account.server";
import { createInvitation } from "~/modules/auth/invitation.server";
import { startOidcSignIn } from "~/modules/auth/oidc.server";
import { checkSecretsKeyAtStartup } from "~/modules/auth/secrets.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { setMunicipalityActive } from "~/modules/municipalities/municipalities.server";
import { action as configureAction, loader as configureLoader } from "~/routes/admin.kommuner_.$id.inloggning";
import { loader as accountLoader } from "~/routes/konto";
import { action as signInAction, loader as signInPageLoader } from "~/routes/logga-in";
import { loader as startLoader } from "~/routes/logga-in_.oidc.$id";
import { loader as answerLoader } from "~/routes/logga-in_.oidc.svar";
import { action as signOutAction } from "~/routes/logga-ut";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { closedPort, silentServer, startTestProvider, type TestProvider } from "../helpers/oidc-provider";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";

const REDIRECT_URI = "http://localhost:3000/logga-in/oidc/svar";
const TEST_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString("base64");

let idp: TestProvider;
beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: REDIRECT_URI });
});
afterAll(async () => {
  await idp.close();
});
beforeEach(() => {
  process.env.SECRETS_KEY = TEST_KEY;
  delete process.env.OIDC_TIMEOUT_SECONDS;
});
afterEach(() => {
  delete process.env.SECRETS_KEY;
});

async function municipalityWithProvider(settings: Record<string, string> = {}, issuer = idp.issuer) {
  const db = testDb();
  const municipality = await createMunicipality(db, "hogsby", "Högsby");
  const admin = await createUser(db, { role: "admin" });
  const saved = await call(
    configureAction,
    post(
      `/admin/kommuner/${municipality.id}/inloggning`,
      { intent: "save", issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, emailDomains: "hogsby.se", emailAttribute: "", accountPolicy: "invited", ...settings },
      await cookieFor(admin.id),
    ),
    { id: municipality.id },
  );
  expect(saved.status, JSON.stringify(saved.data)).toBe(200);
  const provider = await db.selectFrom("identity_provider").select("id").where("municipality_id", "=", municipality.id).executeTakeFirstOrThrow();
  return { municipality, admin, providerId: provider.id };
}

/** The whole round: Coachportalen's start route, the provider's login page, the answer at the redirect URI. */
async function signInThroughProvider(providerId: string, login: string, tamper?: (answer: URL) => void) {
  const started = await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId });
  expect(started.status).toBe(302);
  const attemptCookie = /__oidc=([^;]+)/.exec(started.headers.get("Set-Cookie") ?? "")![1]!;
  const answer = await idp.signIn(started.headers.get("Location")!, login);
  tamper?.(answer);
  const result = await call(answerLoader, get(`${answer.pathname}${answer.search}`, `__oidc=${attemptCookie}`));
  return { ...result, answer, attemptCookie };
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

describe("signing in with the municipality's own account", () => {
  it("links a person of the municipality by verified email, records the method on the session, and /konto shows it", async () => {
    const { municipality, providerId } = await municipalityWithProvider();
    const person = await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se", name: "Anna Andersson" });
    idp.accounts.set("anna", { email: "Anna@Hogsby.se", email_verified: true, name: "Anna i Entra" });

    const result = await signInThroughProvider(providerId, "anna");
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/utbildning");
    const session = await validateSessionToken(testDb(), sessionTokenFrom(result.headers)!);
    expect(session?.user).toMatchObject({ id: person.id, municipalityId: municipality.id, signInMethod: "oidc", signInProvider: "Högsby kommun" });
    // The attempt's cookie is cleared, and its row is gone.
    expect(result.headers.get("Set-Cookie")).toContain("__oidc=;");
    expect(await testDb().selectFrom("oidc_sign_in").select("id").execute()).toEqual([]);

    const account = await call(accountLoader, get("/konto", `__session=${sessionTokenFrom(result.headers)}`));
    expect(account.data.person.signedInWith).toBe("Med Högsby kommuns konto");
    expect(account.data.sessions[0].method).toBe("Med Högsby kommuns konto");
    // Their own data (GDPR art. 15) says how each session was signed in too.
    const exported = await exportPersonalData(testDb(), person.id);
    expect(exported.sessions).toEqual([expect.objectContaining({ signedInWith: "Med Högsby kommuns konto" })]);
  });

  it("accepts the person's open invitation and makes an account without a password", async () => {
    const { municipality, admin, providerId } = await municipalityWithProvider();
    await createInvitation(testDb(), { email: "bo@hogsby.se", role: "school_staff", municipalityId: municipality.id, school: "Solskolan", invitedBy: { id: admin.id, name: admin.name } });
    idp.accounts.set("bo", { email: "bo@hogsby.se", email_verified: true, name: "Bo Berg" });

    const result = await signInThroughProvider(providerId, "bo");
    expect(result.status).toBe(302);
    const user = await testDb().selectFrom("user").select(["name", "role", "school", "password_hash", "municipality_id"]).where("email", "=", "bo@hogsby.se").executeTakeFirstOrThrow();
    expect(user).toEqual({ name: "Bo Berg", role: "school_staff", school: "Solskolan", password_hash: null, municipality_id: municipality.id });
    const invitation = await testDb().selectFrom("invitation").select("accepted_at").where("email", "=", "bo@hogsby.se").executeTakeFirstOrThrow();
    expect(invitation.accepted_at).not.toBeNull();
  });

  it("creates a coach on first sign-in when anyone in the domains may come in, and a coordinator when the group claim matches", async () => {
    const { municipality, providerId } = await municipalityWithProvider({ accountPolicy: "domain", coordinatorAttribute: "groups", coordinatorValue: "andts-samordnare" });
    idp.accounts.set("cilla", { email: "cilla@hogsby.se", email_verified: true, name: "Cilla Ek", groups: ["alla-anstallda"] });
    idp.accounts.set("dan", { email: "dan@hogsby.se", email_verified: true, name: "Dan Ek", groups: ["alla-anstallda", "andts-samordnare"] });

    expect((await signInThroughProvider(providerId, "cilla")).headers.get("Location")).toBe("/utbildning");
    expect((await signInThroughProvider(providerId, "dan")).headers.get("Location")).toBe("/samordnare");
    const people = await testDb().selectFrom("user").select(["email", "role", "municipality_id", "password_hash"]).where("email", "in", ["cilla@hogsby.se", "dan@hogsby.se"]).orderBy("email").execute();
    expect(people).toEqual([
      { email: "cilla@hogsby.se", role: "coach", municipality_id: municipality.id, password_hash: null },
      { email: "dan@hogsby.se", role: "coordinator", municipality_id: municipality.id, password_hash: null },
    ]);
  });

  it("offers a button per municipality on /logga-in, in good Swedish, and sends an address in a configured domain to its provider", async () => {
    const { providerId } = await municipalityWithProvider();
    const page = await call(signInPageLoader, get("/logga-in"));
    expect(page.data.providers).toEqual([{ id: providerId, label: "Logga in med Högsby kommuns konto", path: `/logga-in/oidc/${providerId}` }]);
    expect(genitiveOf("Borås")).toBe("Borås");

    const typed = await call(signInAction, post("/logga-in", { email: "Nagon@HOGSBY.se", password: "", redirectTo: "/konto" }));
    expect(typed.status).toBe(302);
    expect(typed.headers.get("Location")).toBe(`/logga-in/oidc/${providerId}?redirectTo=%2Fkonto`);
    // Other domains still ask for a password.
    expect((await call(signInAction, post("/logga-in", { email: "nagon@annan.se", password: "" }))).status).toBe(400);
  });

  it("signing out ends only Coachportalen's session, and says so", async () => {
    const { municipality, providerId } = await municipalityWithProvider();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const token = sessionTokenFrom((await signInThroughProvider(providerId, "anna")).headers);
    const out = await call(signOutAction, post("/logga-ut", {}, `__session=${token}`));
    expect(out.headers.get("Location")).toBe("/logga-in?utloggad=kommun");
    expect(await validateSessionToken(testDb(), token!)).toBeNull();
  });
});

describe("a sign-in through the provider that fails says why, creates nothing, and is audited", () => {
  it("refuses an answer whose state is not this browser's", async () => {
    const { providerId } = await municipalityWithProvider();
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const before = await counts();
    const result = await signInThroughProvider(providerId, "anna", (answer) => answer.searchParams.set("state", "nagon-annans"));
    expect(result.status).toBe(400);
    expect(result.data.message).toContain("startades inte i den här webbläsaren");
    expect(await counts()).toEqual(before);
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "state", provider: "Högsby kommun" })]);
  });

  it("refuses an answer without the browser's cookie, and an answer used twice", async () => {
    const { municipality, providerId } = await municipalityWithProvider();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const first = await signInThroughProvider(providerId, "anna");
    expect(first.status).toBe(302);
    const again = await call(answerLoader, get(`${first.answer.pathname}${first.answer.search}`, `__oidc=${first.attemptCookie}`));
    expect(again.status).toBe(400);
    expect(again.data.message).toContain("har redan använts");
    const noCookie = await call(answerLoader, get(`${first.answer.pathname}${first.answer.search}`));
    expect(noCookie.status).toBe(400);
    expect(noCookie.data.message).toContain("startades inte i den här webbläsaren");
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "state" }), expect.objectContaining({ reason: "state" })]);
  });

  it("refuses a code the provider has already redeemed", async () => {
    const { municipality, providerId } = await municipalityWithProvider();
    await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const first = await signInThroughProvider(providerId, "anna");
    expect(first.status).toBe(302);
    const sessionsAfterFirst = (await counts()).sessions;
    // A new attempt in this browser, answered with the old, spent code.
    const second = await signInThroughProvider(providerId, "anna", (answer) => answer.searchParams.set("code", first.answer.searchParams.get("code")!));
    expect(second.status).toBe(400);
    expect(second.data.message).toContain("koden har redan använts eller gått ut");
    expect((await counts()).sessions).toBe(sessionsAfterFirst);
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "code" })]);
  });

  it("says so when the person cancels at the provider", async () => {
    const { providerId } = await municipalityWithProvider();
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const result = await signInThroughProvider(providerId, "anna", (answer) => {
      answer.searchParams.delete("code");
      answer.searchParams.set("error", "access_denied");
    });
    expect(result.status).toBe(400);
    expect(result.data.message).toBe("Inloggningen avbröts hos Högsby kommuns inloggningstjänst. Börja om från inloggningssidan.");
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "denied" })]);
  });

  it("refuses an answer that comes after the sign-in's ten minutes", async () => {
    const { providerId } = await municipalityWithProvider();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000 - 1_000);
    const started = await startOidcSignIn(testDb(), providerId, { redirectTo: null, ip: "127.0.0.1" }, tenMinutesAgo);
    if (started.status !== "redirect") throw new Error(started.status);
    const state = new URL(started.url).searchParams.get("state")!;
    const result = await call(answerLoader, get(`/logga-in/oidc/svar?code=whatever&state=${state}`, `__oidc=${started.attemptId}`));
    expect(result.status).toBe(400);
    expect(result.data.message).toContain("tog för lång tid");
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "expired" })]);
  });

  it("refuses an email outside the allowed domains", async () => {
    const { providerId } = await municipalityWithProvider({ accountPolicy: "domain" });
    idp.accounts.set("eve", { email: "eve@annan-kommun.se", email_verified: true });
    const before = await counts();
    const result = await signInThroughProvider(providerId, "eve");
    expect(result.status).toBe(403);
    expect(result.data.message).toContain("hör inte till de domäner");
    expect(await counts()).toEqual(before);
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "foreign_domain", subject: "eve@annan-kommun.se" })]);
  });

  it("refuses an email the provider says it has not verified", async () => {
    const { providerId } = await municipalityWithProvider({ accountPolicy: "domain" });
    idp.accounts.set("frida", { email: "frida@hogsby.se", email_verified: false });
    const before = await counts();
    const result = await signInThroughProvider(providerId, "frida");
    expect(result.status).toBe(403);
    expect(result.data.message).toContain("inte bekräftat din e-postadress");
    expect(await counts()).toEqual(before);
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "unverified" })]);
  });

  it("refuses someone without an account or invitation when only invited people may come in", async () => {
    const { providerId } = await municipalityWithProvider();
    idp.accounts.set("gustav", { email: "gustav@hogsby.se", email_verified: true });
    const before = await counts();
    const result = await signInThroughProvider(providerId, "gustav");
    expect(result.status).toBe(403);
    expect(result.data.message).toContain("inget konto i Coachportalen");
    expect(await counts()).toEqual(before);
  });

  it("stops a person deactivated in Coachportalen, and everyone of a deactivated municipality, whatever the provider says", async () => {
    const { municipality, admin, providerId } = await municipalityWithProvider();
    const person = await createUser(testDb(), { role: "coach", municipalityId: municipality.id, email: "anna@hogsby.se" });
    await testDb().updateTable("user").set({ deactivated_at: new Date().toISOString() }).where("id", "=", person.id).execute();
    idp.accounts.set("anna", { email: "anna@hogsby.se", email_verified: true });
    const before = await counts();
    const result = await signInThroughProvider(providerId, "anna");
    expect(result.status).toBe(403);
    expect(result.data.message).toContain("avaktiverat");
    expect(await counts()).toEqual(before);

    await setMunicipalityActive(testDb(), { id: municipality.id, active: false, actorId: admin.id });
    const closed = await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId });
    expect(closed.status).toBe(404);
  });

  it("stops one address that starts sign-in after sign-in, since each start keeps a row for ten minutes", async () => {
    const { providerId } = await municipalityWithProvider();
    for (let i = 0; i < 30; i++) expect((await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId })).status).toBe(302);
    const stopped = await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId });
    expect(stopped.status).toBe(429);
    expect(stopped.data.message).toMatch(/^För många försök. Vänta \d+ minuter/);
    expect((await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId }, testContext({ clientIp: "10.0.0.2" }))).status).toBe(302);
  });

  it("says so when the provider cannot be reached", async () => {
    const { providerId } = await municipalityWithProvider({}, `http://127.0.0.1:${await closedPort()}`);
    const result = await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId });
    expect(result.status).toBe(400);
    expect(result.data.message).toBe("Högsby kommuns inloggningstjänst går inte att nå just nu. Försök igen om en stund, eller logga in med lösenord eller en länk via e-post.");
    expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "unreachable" })]);
  });

  it("gives up on a provider that never answers, after OIDC_TIMEOUT_SECONDS", async () => {
    const silent = await silentServer();
    try {
      process.env.OIDC_TIMEOUT_SECONDS = "1";
      const { providerId } = await municipalityWithProvider({}, silent.url);
      const startedAt = Date.now();
      const result = await call(startLoader, get(`/logga-in/oidc/${providerId}`), { id: providerId });
      expect(Date.now() - startedAt).toBeLessThan(5_000);
      expect(result.status).toBe(400);
      expect(result.data.message).toContain("svarade inte i tid");
      expect(await failuresAudited()).toEqual([expect.objectContaining({ reason: "timeout" })]);
    } finally {
      await silent.close();
    }
  });
});

describe("an admin configures the municipality's provider", () => {
  it("stores the client secret encrypted, and never shows it again", async () => {
    const { municipality, admin } = await municipalityWithProvider();
    const row = await testDb().selectFrom("identity_provider").select("oidc_client_secret_encrypted").executeTakeFirstOrThrow();
    expect(row.oidc_client_secret_encrypted).not.toContain(idp.clientSecret);
    const page = await call(configureLoader, get(`/admin/kommuner/${municipality.id}/inloggning`, await cookieFor(admin.id)), { id: municipality.id });
    expect(JSON.stringify(page.data)).not.toContain(idp.clientSecret);
    expect(page.data.hasSecret).toBe(true);
    expect(page.data.redirectUri).toBe(REDIRECT_URI);
  });

  it("says in Swedish that SECRETS_KEY is missing, and saves nothing", async () => {
    delete process.env.SECRETS_KEY;
    const db = testDb();
    const municipality = await createMunicipality(db, "monsteras", "Mönsterås");
    const admin = await createUser(db, { role: "admin" });
    const result = await call(
      configureAction,
      post(`/admin/kommuner/${municipality.id}/inloggning`, { intent: "save", issuer: "https://login.example.se", clientId: "x", clientSecret: "y", emailDomains: "monsteras.se", accountPolicy: "invited" }, await cookieFor(admin.id)),
      { id: municipality.id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.clientSecret).toContain("Miljövariabeln SECRETS_KEY saknas");
    expect(await db.selectFrom("identity_provider").select("id").execute()).toEqual([]);
  });

  it("refuses an issuer without https, and a domain another municipality's sign-in has", async () => {
    await municipalityWithProvider();
    const db = testDb();
    const other = await createMunicipality(db, "monsteras", "Mönsterås");
    const admin = await createUser(db, { role: "admin" });
    const result = await call(
      configureAction,
      post(`/admin/kommuner/${other.id}/inloggning`, { intent: "save", issuer: "http://login.example.se", clientId: "x", clientSecret: "y", emailDomains: "hogsby.se", accountPolicy: "invited" }, await cookieFor(admin.id)),
      { id: other.id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.issuer).toBe("Utfärdarens adress måste börja med https://.");
    const clash = await call(
      configureAction,
      post(`/admin/kommuner/${other.id}/inloggning`, { intent: "save", issuer: "https://login.example.se", clientId: "x", clientSecret: "y", emailDomains: "monsteras.se, hogsby.se", accountPolicy: "invited" }, await cookieFor(admin.id)),
      { id: other.id },
    );
    expect(clash.data.errors.emailDomains).toBe("Domänen hogsby.se används redan av en annan kommuns inloggning.");
  });

  it("the server refuses a SECRETS_KEY that is set but not 32 random bytes in base64, whether or not a provider is configured", () => {
    expect(() => parseEnv({ SECRETS_KEY: "kort" })).toThrow(/SECRETS_KEY: måste vara 32 byte i base64/);
    expect(() => parseEnv({ SECRETS_KEY: Buffer.alloc(32, 1).toString("base64") })).toThrow(/SECRETS_KEY: är för svag/);
    expect(parseEnv({ SECRETS_KEY: TEST_KEY }).SECRETS_KEY).toBe(TEST_KEY);
    expect(parseEnv({}).SECRETS_KEY).toBeUndefined();
  });

  it("start-up refuses a missing or weak SECRETS_KEY once a provider is configured", async () => {
    await expect(checkSecretsKeyAtStartup(testDb())).resolves.toBeUndefined();
    await municipalityWithProvider();
    delete process.env.SECRETS_KEY;
    await expect(checkSecretsKeyAtStartup(testDb())).rejects.toThrow(/SECRETS_KEY saknas/);
    process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
    await expect(checkSecretsKeyAtStartup(testDb())).rejects.toThrow(/för svag/);
  });
});
