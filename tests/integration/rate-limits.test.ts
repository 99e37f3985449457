// SPDX-License-Identifier: EUPL-1.2
// Rate limits as a client meets them, through the real server (server/app.js) with the client's
// address in X-Forwarded-For: sign-in, the password reset and sign-in link requests, invitation
// links and certificate verification. For each: the attempt after the limit gets 429 and a
// Swedish message, the count is kept per the designed key (account, address or IP), and the
// window ends. The limits are stated here as the product decided them, not read from
// THROTTLE_RULES in app/modules/auth/throttle.server.ts: a changed limit must change this test too.
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionCookieOf, startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { createMatrixFixtures, matrixContentDir } from "../helpers/route-access";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = matrixContentDir();
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  vi.useRealTimers();
});

const IP_A = "203.0.113.10";
const IP_B = "198.51.100.20";
const TOO_MANY = /För många försök\. Vänta (1 minut|\d+ minuter) och försök sedan igen\./;
const WINDOW_MS = 15 * 60_000;
// Attempts allowed in the 15-minute window; the next one is refused.
const SIGN_IN_PER_ACCOUNT = 5;
const SIGN_IN_PER_IP = 30;
const EMAIL_LINK_PER_ADDRESS = 3;
const EMAIL_LINK_PER_IP = 20;
const UNKNOWN_INVITATION_PER_IP = 20;
const UNKNOWN_CERTIFICATE_CODE_PER_IP = 20;

/** Freezes the clock (the server's too: it runs in this process), so the window can be stepped past. */
function freezeClock(): { pass(ms: number): void } {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-02T09:00:00Z") });
  return { pass: (ms) => vi.setSystemTime(Date.now() + ms) };
}

function from(ip: string, pathname: string, form?: Record<string, string>) {
  return fetch(`${server.url}${pathname}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers: { "X-Forwarded-For": ip, ...(form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url } : {}) },
    redirect: "manual",
  });
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(429);
  expect(await response.text()).toMatch(TOO_MANY);
}

async function person(email: string) {
  const municipality = await createMunicipality(testDb(), `kommun-${email.split("@")[0]}`);
  return createUser(testDb(), { role: "coach", municipalityId: municipality.id, email });
}

describe("signing in", () => {
  const signIn = (ip: string, email: string, password: string) => from(ip, "/logga-in", { email, password, redirectTo: "" });

  it(`refuses an account after ${SIGN_IN_PER_ACCOUNT} wrong passwords, from any address, until 15 minutes have passed`, async () => {
    const clock = freezeClock();
    const anna = await person("anna@kommun.example");
    const bo = await person("bo@kommun.example");
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT; i++) expect((await signIn(IP_A, anna.email, `fel-${i}`)).status).toBe(400);
    // The right password from another address: the account is what is counted.
    const refused = await signIn(IP_B, anna.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("För många försök. Vänta 15 minuter och försök sedan igen.");
    await expectRefused(await signIn(IP_A, "ANNA@kommun.example ", TEST_PASSWORD));
    expect(await testDb().selectFrom("session").selectAll().execute()).toEqual([]);
    // Another account from the same address is not held up.
    expect((await signIn(IP_A, bo.email, TEST_PASSWORD)).status).toBe(302);

    clock.pass(WINDOW_MS - 60_000);
    const lastMinute = await signIn(IP_A, anna.email, TEST_PASSWORD);
    expect(lastMinute.status).toBe(429);
    expect(await lastMinute.text()).toContain("Vänta 1 minut och försök sedan igen.");
    clock.pass(60_000 + 1);
    const after = await signIn(IP_A, anna.email, TEST_PASSWORD);
    expect(after.status).toBe(302);
    expect(sessionCookieOf(after)).toBeDefined();
  });

  it(`refuses an address after ${SIGN_IN_PER_IP} failures across accounts; other addresses still sign in`, async () => {
    const clock = freezeClock();
    const anna = await person("anna@kommun.example");
    for (let i = 0; i < SIGN_IN_PER_IP; i++) expect((await signIn(IP_A, `okand-${i}@kommun.example`, "fel")).status).toBe(400);
    await expectRefused(await signIn(IP_A, anna.email, TEST_PASSWORD));
    expect((await signIn(IP_B, anna.email, TEST_PASSWORD)).status).toBe(302);
    clock.pass(WINDOW_MS + 1);
    expect((await signIn(IP_A, anna.email, TEST_PASSWORD)).status).toBe(302);
  }, 30_000);
});

describe("asking for a password reset or a sign-in link", () => {
  const ask = (ip: string, pathname: "/glomt-losenord" | "/logga-in/lank", email: string) => from(ip, pathname, { email });

  it(`sends ${EMAIL_LINK_PER_ADDRESS} links to an address in 15 minutes, whichever page and address asks`, async () => {
    const clock = freezeClock();
    const anna = await person("anna@kommun.example");
    const ips = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"];
    expect((await ask(ips[0]!, "/glomt-losenord", anna.email)).status).toBe(200);
    expect((await ask(ips[1]!, "/logga-in/lank", anna.email)).status).toBe(200);
    expect((await ask(ips[2]!, "/glomt-losenord", anna.email)).status).toBe(200);
    await expectRefused(await ask(ips[3]!, "/glomt-losenord", anna.email));
    await expectRefused(await ask(ips[3]!, "/logga-in/lank", anna.email));
    expect(await testDb().selectFrom("outbox").select("to_address").execute()).toHaveLength(3);
    // An address without an account is limited alike, so the limit tells nothing about who has one.
    for (let i = 0; i < EMAIL_LINK_PER_ADDRESS; i++) expect((await ask(IP_B, "/glomt-losenord", "ingen@kommun.example")).status).toBe(200);
    await expectRefused(await ask(IP_B, "/glomt-losenord", "ingen@kommun.example"));

    clock.pass(WINDOW_MS + 1);
    expect((await ask(ips[3]!, "/logga-in/lank", anna.email)).status).toBe(200);
  });

  it(`refuses an address after ${EMAIL_LINK_PER_IP} requests for any addresses`, async () => {
    const clock = freezeClock();
    for (let i = 0; i < EMAIL_LINK_PER_IP; i++) expect((await ask(IP_A, "/glomt-losenord", `person-${i}@kommun.example`)).status).toBe(200);
    await expectRefused(await ask(IP_A, "/logga-in/lank", "ny@kommun.example"));
    expect((await ask(IP_B, "/logga-in/lank", "ny@kommun.example")).status).toBe(200);
    clock.pass(WINDOW_MS + 1);
    expect((await ask(IP_A, "/logga-in/lank", "ny@kommun.example")).status).toBe(200);
  });
});

describe("invitation links", () => {
  const unknownToken = (i: number) => `${"x".repeat(28)}${String(i).padStart(4, "0")}`;

  it(`refuses every invitation link from an address after ${UNKNOWN_INVITATION_PER_IP} unknown ones, valid links and accepting too`, async () => {
    const clock = freezeClock();
    const { invitationA } = await createMatrixFixtures();
    for (let i = 0; i < UNKNOWN_INVITATION_PER_IP; i++) expect((await from(IP_A, `/inbjudan/${unknownToken(i)}`)).status).toBe(404);
    const refused = await from(IP_A, `/inbjudan/${invitationA.token}`);
    await expectRefused(refused);
    expect(refused.headers.get("Retry-After")).toBe("900");
    const accept = { name: "Ines Inbjuden", password: "blå-kanot-över-sjön-9", passwordRepeat: "blå-kanot-över-sjön-9" };
    await expectRefused(await from(IP_A, `/inbjudan/${invitationA.token}`, accept));
    expect(await testDb().selectFrom("user").select("id").where("email", "=", "inbjuden@kommun-a.example").execute()).toEqual([]);

    // Another address opens the real link.
    expect((await from(IP_B, `/inbjudan/${invitationA.token}`)).status).toBe(200);
    clock.pass(WINDOW_MS + 1);
    expect((await from(IP_A, `/inbjudan/${invitationA.token}`)).status).toBe(200);
    const accepted = await from(IP_A, `/inbjudan/${invitationA.token}`, accept);
    expect(accepted.status).toBe(302);
  });

  it("does not count opening or accepting a real invitation", async () => {
    freezeClock();
    const { invitationA } = await createMatrixFixtures();
    for (let i = 0; i < UNKNOWN_INVITATION_PER_IP + 5; i++) expect((await from(IP_A, `/inbjudan/${invitationA.token}`)).status).toBe(200);
  });
});

describe("verifying a certificate", () => {
  const unknownCode = (i: number) => `AAAA-BBBB-${"CDEFGHJKMNPQRSTUVWXYZ"[i]}CCC`;

  it(`refuses every lookup from an address after ${UNKNOWN_CERTIFICATE_CODE_PER_IP} unknown codes, until 15 minutes have passed`, async () => {
    const clock = freezeClock();
    const { certificateA } = await createMatrixFixtures();
    for (let i = 0; i < UNKNOWN_CERTIFICATE_CODE_PER_IP; i++) expect((await from(IP_A, `/verifiera/${unknownCode(i)}`)).status).toBe(404);
    await expectRefused(await from(IP_A, `/verifiera/${certificateA.code}`));
    expect((await from(IP_B, `/verifiera/${certificateA.code}`)).status).toBe(200);
    clock.pass(WINDOW_MS + 1);
    expect((await from(IP_A, `/verifiera/${certificateA.code}`)).status).toBe(200);
  });
});
