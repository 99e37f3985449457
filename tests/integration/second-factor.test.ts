// SPDX-License-Identifier: EUPL-1.2
// The second factor (issue #18): who is asked, enrolment, the code step, replayed and reused
// codes, the throttle, an admin's reset and a municipality's extension to every role, through
// the app's own pages and functions. REQUIRE_MFA is on, as by default, unless a test turns it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { createEmailToken } from "~/modules/auth/email-token.server";
import { createInvitation } from "~/modules/auth/invitation.server";
import {
  confirmEnrolment,
  enrolWithSecret,
  recoveryCodesLeft,
  secondFactorRequired,
  secondFactorStep,
  startEnrolment,
  totpCodeFor,
  TOTP_PERIOD_SECONDS,
  verifySecondFactor,
} from "~/modules/auth/second-factor.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { action as resetAction } from "~/routes/aterstall.$token";
import { action as acceptAction } from "~/routes/inbjudan.$token";
import { action as adminUsersAction, loader as adminUsersLoader } from "~/routes/admin.anvandare";
import { action as municipalityAction, loader as municipalityLoader } from "~/routes/admin.kommuner.$id";
import { loader as accountLoader } from "~/routes/konto";
import { action as enrolAction, loader as enrolLoader } from "~/routes/konto_.tvastegsverifiering";
import { action as signInAction } from "~/routes/logga-in";
import { action as codeAction, loader as codeLoader } from "~/routes/logga-in_.kod";
import { action as linkAction } from "~/routes/logga-in_.lank_.$token";
import { action as signOutAction } from "~/routes/logga-ut";
import { loader as coordinatorHomeLoader } from "~/routes/samordnare._index";
import { createDatabase } from "~db/client.server";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

afterEach(() => {
  delete process.env.REQUIRE_MFA;
});

function cookieOf(headers: Headers): string {
  const match = /__session=([^;]*)/.exec(headers.get("Set-Cookie") ?? "");
  if (!match) throw new Error("no session cookie was set");
  return `__session=${match[1]}`;
}

async function signIn(email: string, redirectTo = "") {
  const result = await call(signInAction, post("/logga-in", { email, password: TEST_PASSWORD, redirectTo }));
  expect(result.status).toBe(302);
  return { location: result.headers.get("Location"), cookie: cookieOf(result.headers) };
}

async function sessionOf(cookie: string) {
  return validateSessionToken(testDb(), cookie.replace(/^__session=/, ""));
}

async function coordinatorIn(slug = "kommun-a") {
  const db = testDb();
  const municipality = await createMunicipality(db, `${slug}-${Math.random().toString(36).slice(2, 7)}`);
  return { municipality, coordinator: await createUser(db, { role: "coordinator", municipalityId: municipality.id }) };
}

/** A step boundary is avoided, so that "the code now" means one step for the whole test. */
function midStep(): Date {
  const now = Date.now();
  const into = now % (TOTP_PERIOD_SECONDS * 1000);
  return new Date(into > 25_000 ? now + (TOTP_PERIOD_SECONDS * 1000 - into) + 1000 : now);
}

async function auditActions(subject: string) {
  return (await testDb().selectFrom("audit_event").select("action").where("subject", "=", subject).orderBy("at").execute()).map((row) => row.action);
}

describe("who is asked for a second factor", () => {
  it("coordinators and admins who sign in with a password, and anyone enrolled; never a municipality's own provider", () => {
    const coordinator = { role: "coordinator" as const, enrolled: false, municipalityRequiresAll: false };
    const coach = { role: "coach" as const, enrolled: false, municipalityRequiresAll: false };
    expect(secondFactorRequired(coordinator, "password", true)).toBe(true);
    expect(secondFactorRequired({ ...coordinator, role: "admin" }, "link", true)).toBe(true);
    expect(secondFactorRequired(coach, "password", true)).toBe(false);
    expect(secondFactorRequired({ ...coach, municipalityRequiresAll: true }, "password", true)).toBe(true);
    expect(secondFactorRequired(coordinator, "password", false)).toBe(false);
    expect(secondFactorRequired({ ...coach, enrolled: true }, "password", false)).toBe(true);
    expect(secondFactorRequired({ ...coordinator, enrolled: true }, "oidc", true)).toBe(false);
  });

  it("REQUIRE_MFA accepts true or false only, and is on when unset", () => {
    expect(parseEnv({}).REQUIRE_MFA).toBe(true);
    expect(parseEnv({ REQUIRE_MFA: "false" }).REQUIRE_MFA).toBe(false);
    expect(() => parseEnv({ REQUIRE_MFA: "nej" })).toThrow(/REQUIRE_MFA/);
  });

  it("with REQUIRE_MFA on a coordinator is sent to enrol and a coach goes home; with it off both go home", async () => {
    const { municipality, coordinator } = await coordinatorIn();
    const coach = await createUser(testDb(), { role: "coach", municipalityId: municipality.id });
    expect((await signIn(coordinator.email)).location).toBe("/konto/tvastegsverifiering");
    expect((await signIn(coach.email)).location).toBe("/utbildning");

    process.env.REQUIRE_MFA = "false";
    const off = await signIn(coordinator.email);
    expect(off.location).toBe("/samordnare");
    expect((await sessionOf(off.cookie))?.secondFactorPending).toBeNull();
  });

  it("asks an enrolled person for the code even with REQUIRE_MFA off", async () => {
    process.env.REQUIRE_MFA = "false";
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { location, cookie } = await signIn(coordinator.email, "/samordnare/coacher");
    expect(location).toBe(`/logga-in/kod?redirectTo=${encodeURIComponent("/samordnare/coacher")}`);
    expect((await sessionOf(cookie))?.secondFactorPending).toBe("verify");
  });

  it("asks after an emailed sign-in link too: the link proves the address, not the second factor", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { token } = await createEmailToken(testDb(), coordinator.id, "login_link");
    const result = await call(linkAction, post(`/logga-in/lank/${token}`, {}), { token });
    expect(result.headers.get("Location")).toBe("/logga-in/kod");
    expect((await sessionOf(cookieOf(result.headers)))?.secondFactorPending).toBe("verify");
  });

  it("asks after a password reset link, which signs in too", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { token } = await createEmailToken(testDb(), coordinator.id, "password_reset");
    const password = "tre gröna äpplen i korgen";
    const result = await call(resetAction, post(`/aterstall/${token}`, { newPassword: password, newPasswordRepeat: password }), { token });
    expect(result.headers.get("Location")).toBe("/logga-in/kod");
    expect((await sessionOf(cookieOf(result.headers)))?.secondFactorPending).toBe("verify");
  });

  it("sends a coordinator who has just accepted an invitation to enrol first", async () => {
    const { municipality } = await coordinatorIn();
    const invitation = await createInvitation(testDb(), { email: "ny.samordnare@test.example", role: "coordinator", municipalityId: municipality.id, invitedBy: null });
    const password = "tre gröna äpplen i korgen";
    const result = await call(acceptAction, post(`/inbjudan/${invitation.token}`, { name: "Nora Ny", password, passwordRepeat: password }), { token: invitation.token });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/konto/tvastegsverifiering");
    expect((await sessionOf(cookieOf(result.headers)))?.secondFactorPending).toBe("enrol");
  });

  it("extends to every role of a municipality when an admin says so, and only there", async () => {
    const db = testDb();
    const admin = await createUser(db, { role: "admin" });
    const adminCookie = await cookieFor(admin.id);
    const { municipality } = await coordinatorIn();
    const other = await createMunicipality(db, "annan-kommun");
    const coach = await createUser(db, { role: "coach", municipalityId: municipality.id });
    const coachElsewhere = await createUser(db, { role: "coach", municipalityId: other.id });

    const saved = await call(municipalityAction, post(`/admin/kommuner/${municipality.id}`, { intent: "second-factor", mfaAllRoles: "ja" }, adminCookie), { id: municipality.id });
    expect(saved.status).toBe(200);
    expect((await call(municipalityLoader, get(`/admin/kommuner/${municipality.id}`, adminCookie), { id: municipality.id })).data.mfaAllRoles).toBe(true);
    expect((await signIn(coach.email)).location).toBe("/konto/tvastegsverifiering");
    expect((await signIn(coachElsewhere.email)).location).toBe("/utbildning");
    expect(await auditActions(municipality.id)).toContain("mfa.required_all");

    await call(municipalityAction, post(`/admin/kommuner/${municipality.id}`, { intent: "second-factor" }, adminCookie), { id: municipality.id });
    expect((await signIn(coach.email)).location).toBe("/utbildning");
    const coordinatorCookie = await cookieFor((await createUser(db, { role: "coordinator", municipalityId: municipality.id })).id);
    const refused = await call(municipalityAction, post(`/admin/kommuner/${municipality.id}`, { intent: "second-factor", mfaAllRoles: "ja" }, coordinatorCookie), { id: municipality.id });
    expect(refused.status).toBe(403);
  });
});

describe("a half-signed session", () => {
  it("opens no page but the code step, the enrolment and sign-out, and sign-out ends it", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { cookie } = await signIn(coordinator.email);
    const home = await call(coordinatorHomeLoader, get("/samordnare", cookie));
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
    expect((await call(accountLoader, get("/konto", cookie))).headers.get("Location")).toMatch(/^\/logga-in/);
    // Enrolment is for a session sent there to enrol; this one was sent to give its code.
    expect((await call(enrolLoader, get("/konto/tvastegsverifiering", cookie))).headers.get("Location")).toMatch(/^\/logga-in/);
    expect((await call(codeLoader, get("/logga-in/kod", cookie))).status).toBe(200);

    await call(signOutAction, post("/logga-ut", {}, cookie));
    expect(await sessionOf(cookie)).toBeNull();
    expect((await call(codeLoader, get("/logga-in/kod", cookie))).headers.get("Location")).toBe("/logga-in");
  });

  it("sends anyone without one away from the code step", async () => {
    const { coordinator } = await coordinatorIn();
    expect((await call(codeLoader, get("/logga-in/kod"))).headers.get("Location")).toBe("/logga-in");
    const full = await cookieFor(coordinator.id);
    expect((await call(codeAction, post("/logga-in/kod", { code: "123456" }, full))).headers.get("Location")).toBe("/logga-in");
  });
});

describe("enrolling", () => {
  it("shows a QR code and the secret, takes a code, then shows ten recovery codes once and signs the person in", async () => {
    const { coordinator } = await coordinatorIn();
    const { location, cookie } = await signIn(coordinator.email);
    expect(location).toBe("/konto/tvastegsverifiering");

    const page = await call(enrolLoader, get(location!, cookie));
    expect(page.status).toBe(200);
    expect(page.data.qrSvg).toMatch(/^<svg[^>]*>/);
    expect(page.data.qrSvg).not.toMatch(/<script|style=/);
    const secret = (page.data.secret as string).replace(/ /g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // Reloading shows the same secret the app has already scanned.
    expect((await call(enrolLoader, get(location!, cookie))).data.secret).toBe(page.data.secret);

    const now = midStep();
    const wrong = await call(enrolAction, post(location!, { code: totpCodeFor(secret, new Date(now.getTime() - 5 * 60_000)) }, cookie));
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.code).toMatch(/stämmer inte/);
    expect((await call(enrolAction, post(location!, { code: "12 34" }, cookie))).status).toBe(400);
    expect((await sessionOf(cookie))?.secondFactorPending).toBe("enrol");

    const done = await call(enrolAction, post(location!, { code: totpCodeFor(secret) }, cookie));
    expect(done.status).toBe(200);
    expect(done.data.recoveryCodes).toHaveLength(10);
    expect(new Set(done.data.recoveryCodes).size).toBe(10);
    expect((await sessionOf(cookie))?.secondFactorPending).toBeNull();
    expect((await call(coordinatorHomeLoader, get("/samordnare", cookie))).status).toBe(200);
    // Only hashes are kept: the codes cannot be shown again.
    const stored = await testDb().selectFrom("recovery_code").select("code_hash").where("user_id", "=", coordinator.id).execute();
    expect(stored).toHaveLength(10);
    for (const code of done.data.recoveryCodes as string[]) expect(stored.map((row) => row.code_hash)).not.toContain(code);
    expect((await call(enrolLoader, get(location!, cookie))).data).toMatchObject({ enrolled: true, codesLeft: 10, secret: null });
    expect(await auditActions(coordinator.id)).toEqual(expect.arrayContaining(["mfa.failure", "mfa.enrolled"]));

    // The next sign-in asks for the code.
    expect((await signIn(coordinator.email)).location).toBe("/logga-in/kod");
  });

  it("is open to anyone signed in, of their own accord, from the account page", async () => {
    const coach = await createUser(testDb(), { role: "coach", municipalityId: (await createMunicipality(testDb(), "frivillig")).id });
    const cookie = await cookieFor(coach.id);
    expect((await call(accountLoader, get("/konto", cookie))).data.secondFactor).toBe(false);
    const page = await call(enrolLoader, get("/konto/tvastegsverifiering", cookie));
    const done = await call(enrolAction, post("/konto/tvastegsverifiering", { code: totpCodeFor(page.data.secret.replace(/ /g, "")) }, cookie));
    expect(done.data.recoveryCodes).toHaveLength(10);
    expect((await call(accountLoader, get("/konto", cookie))).data.secondFactor).toBe(true);
    expect((await signIn(coach.email)).location).toBe("/logga-in/kod");
  });
});

describe("the code step", () => {
  it("signs in with the code from the app and goes on to the page asked for", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { location, cookie } = await signIn(coordinator.email, "/samordnare/coacher");
    const result = await call(codeAction, post(location!, { code: totpCodeFor(SECRET), redirectTo: "/samordnare/coacher" }, cookie));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/samordnare/coacher");
    expect((await sessionOf(cookie))?.secondFactorPending).toBeNull();
    expect((await call(coordinatorHomeLoader, get("/samordnare", cookie))).status).toBe(200);
  });

  it("accepts the code of the step before and after (a clock a little off), not older ones", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const person = { id: coordinator.id, municipalityId: coordinator.municipalityId };
    const now = midStep();
    const step = TOTP_PERIOD_SECONDS * 1000;
    expect((await verifySecondFactor(testDb(), person, { code: totpCodeFor(SECRET, new Date(now.getTime() - step)), ip: "10.0.0.1" }, now)).status).toBe("ok");
    expect((await verifySecondFactor(testDb(), person, { code: totpCodeFor(SECRET, new Date(now.getTime() + step)), ip: "10.0.0.1" }, now)).status).toBe("ok");
    const later = new Date(now.getTime() + 10 * step);
    expect((await verifySecondFactor(testDb(), person, { code: totpCodeFor(SECRET, new Date(later.getTime() - 2 * step)), ip: "10.0.0.1" }, later)).status).toBe("wrong_code");
  });

  it("refuses a wrong code with 400 and a Swedish message, audited, and the session stays half-signed", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { cookie } = await signIn(coordinator.email);
    const wrongCode = totpCodeFor(SECRET, new Date(Date.now() - 10 * 60_000));
    const result = await call(codeAction, post("/logga-in/kod", { code: wrongCode }, cookie));
    expect(result.status).toBe(400);
    expect(result.data.errors.code).toMatch(/Koden stämmer inte/);
    expect((await call(codeAction, post("/logga-in/kod", { code: "" }, cookie))).status).toBe(400);
    expect((await sessionOf(cookie))?.secondFactorPending).toBe("verify");
    expect(await auditActions(coordinator.id)).toContain("mfa.failure");
  });

  it("refuses a code already used in its time step", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const now = midStep();
    const code = totpCodeFor(SECRET, now);
    const person = { id: coordinator.id, municipalityId: coordinator.municipalityId };
    expect((await verifySecondFactor(testDb(), person, { code, ip: "10.0.0.2" }, now)).status).toBe("ok");
    expect((await verifySecondFactor(testDb(), person, { code, ip: "10.0.0.2" }, new Date(now.getTime() + 2000))).status).toBe("wrong_code");

    // The same through the page: a second sign-in in the same step with the same code.
    const { cookie } = await signIn(coordinator.email);
    const replay = await call(codeAction, post("/logga-in/kod", { code: totpCodeFor(SECRET) }, cookie));
    expect(replay.status).toBe(400);
  });

  it("accepts each recovery code once, audited", async () => {
    const { coordinator } = await coordinatorIn();
    const person = { id: coordinator.id, municipalityId: coordinator.municipalityId };
    const enrolment = await startEnrolment(testDb(), coordinator);
    if (enrolment.status !== "started") throw new Error("enrolment did not start");
    const confirmed = await confirmEnrolment(testDb(), person, { code: totpCodeFor(enrolment.secret), ip: "10.0.0.3" });
    if (confirmed.status !== "ok") throw new Error("enrolment was not confirmed");
    const [first] = confirmed.recoveryCodes;

    const one = await signIn(coordinator.email);
    const used = await call(codeAction, post("/logga-in/kod", { code: first! }, one.cookie));
    expect(used.status).toBe(302);
    expect(used.headers.get("Location")).toBe("/samordnare");

    const two = await signIn(coordinator.email);
    const reused = await call(codeAction, post("/logga-in/kod", { code: first! }, two.cookie));
    expect(reused.status).toBe(400);
    expect((await sessionOf(two.cookie))?.secondFactorPending).toBe("verify");
    // Typed without the dash and in capitals, another code still works.
    const typed = confirmed.recoveryCodes[1]!.replace("-", "").toUpperCase();
    expect((await call(codeAction, post("/logga-in/kod", { code: typed }, two.cookie))).status).toBe(302);
    expect(await auditActions(coordinator.id)).toContain("mfa.recovery_used");
  });

  it("gives ten new recovery codes for a current code from the app, and the old ones stop working", async () => {
    const { coordinator } = await coordinatorIn();
    const person = { id: coordinator.id, municipalityId: coordinator.municipalityId };
    const enrolment = await startEnrolment(testDb(), coordinator);
    if (enrolment.status !== "started") throw new Error("enrolment did not start");
    // Enrolled two steps ago, so that the code now is a step not yet used.
    const earlier = new Date(Date.now() - 2 * TOTP_PERIOD_SECONDS * 1000);
    const confirmed = await confirmEnrolment(testDb(), person, { code: totpCodeFor(enrolment.secret, earlier), ip: "10.0.0.4" }, earlier);
    if (confirmed.status !== "ok") throw new Error("enrolment was not confirmed");
    const cookie = await cookieFor(coordinator.id);
    const renew = (code: string) => call(enrolAction, post("/konto/tvastegsverifiering", { intent: "nya-reservkoder", code }, cookie));

    // A wrong code changes nothing.
    const wrong = await renew(totpCodeFor(enrolment.secret, new Date(Date.now() - 10 * 60_000)));
    expect(wrong.status).toBe(400);
    expect((wrong.data as { errors: Record<string, string> }).errors.code).toMatch(/^Koden stämmer inte/);
    expect((await recoveryCodesLeft(testDb(), coordinator.id))).toBe(10);

    const code = totpCodeFor(enrolment.secret);
    const renewed = await renew(code);
    expect(renewed.status).toBe(200);
    const { recoveryCodes, renewed: isRenewal } = renewed.data as { recoveryCodes: string[]; renewed: boolean };
    expect(isRenewal).toBe(true);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set([...recoveryCodes, ...confirmed.recoveryCodes]).size).toBe(20);
    // The same code again is a spent step.
    expect((await renew(code)).status).toBe(400);

    const later = new Date(Date.now() + 1000);
    expect((await verifySecondFactor(testDb(), person, { code: confirmed.recoveryCodes[0]!, ip: "10.0.0.4" }, later)).status).toBe("wrong_code");
    expect(await verifySecondFactor(testDb(), person, { code: recoveryCodes[0]!, ip: "10.0.0.4" }, later)).toMatchObject({ status: "ok", used: "recovery", recoveryCodesLeft: 9 });
    expect(await auditActions(coordinator.id)).toEqual(expect.arrayContaining(["mfa.recovery_renewed", "mfa.failure"]));

    // Someone without a second factor has no codes to renew.
    const coach = await createUser(testDb(), { role: "coach", municipalityId: coordinator.municipalityId! });
    const none = await call(enrolAction, post("/konto/tvastegsverifiering", { intent: "nya-reservkoder", code: "123456" }, await cookieFor(coach.id)));
    expect(none.status).toBe(409);
  });

  it("is throttled like passwords: after five wrong codes even the right one waits", async () => {
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(testDb(), coordinator.id, SECRET);
    const { cookie } = await signIn(coordinator.email);
    const wrongCode = totpCodeFor(SECRET, new Date(Date.now() - 10 * 60_000));
    for (let i = 0; i < 5; i++) expect((await call(codeAction, post("/logga-in/kod", { code: wrongCode }, cookie))).status).toBe(400);
    const throttled = await call(codeAction, post("/logga-in/kod", { code: totpCodeFor(SECRET) }, cookie));
    expect(throttled.status).toBe(429);
    expect(throttled.data.errors.code).toMatch(/För många försök/);
    expect((await sessionOf(cookie))?.secondFactorPending).toBe("verify");
  });
});

describe("an admin's reset", () => {
  it("removes the person's authenticator and recovery codes, ends their sessions, is audited, and the next sign-in enrols again", async () => {
    const db = testDb();
    const { coordinator } = await coordinatorIn();
    await enrolWithSecret(db, coordinator.id, SECRET);
    const theirs = await cookieFor(coordinator.id);
    const admin = await createUser(db, { role: "admin" });
    const adminCookie = await cookieFor(admin.id);

    const list = await call(adminUsersLoader, get("/admin/anvandare", adminCookie));
    const row = (list.data.people as Array<{ id: string; canResetSecondFactor: boolean }>).find((p) => p.id === coordinator.id);
    expect(row?.canResetSecondFactor).toBe(true);
    expect((list.data.people as Array<{ id: string; canResetSecondFactor: boolean }>).find((p) => p.id === admin.id)?.canResetSecondFactor).toBe(false);

    const result = await call(adminUsersAction, post("/admin/anvandare", { intent: "resetSecondFactor", personId: coordinator.id }, adminCookie));
    expect(result.status).toBe(200);
    expect(result.data.notice).toMatch(/återställd/);
    expect(await db.selectFrom("user_totp").select("user_id").where("user_id", "=", coordinator.id).execute()).toEqual([]);
    expect(await sessionOf(theirs)).toBeNull();
    expect(await auditActions(coordinator.id)).toContain("mfa.reset");
    expect(await secondFactorStep(db, coordinator.id, "password")).toBe("enrol");
    expect((await signIn(coordinator.email)).location).toBe("/konto/tvastegsverifiering");
  });

  it("is an admin's alone, and never on their own account", async () => {
    const db = testDb();
    const { municipality, coordinator } = await coordinatorIn();
    const coach = await createUser(db, { role: "coach", municipalityId: municipality.id });
    await enrolWithSecret(db, coach.id, SECRET);
    const byCoordinator = await call(adminUsersAction, post("/admin/anvandare", { intent: "resetSecondFactor", personId: coach.id }, await cookieFor(coordinator.id)));
    expect(byCoordinator.status).toBe(403);
    const admin = await createUser(db, { role: "admin" });
    await enrolWithSecret(db, admin.id, SECRET);
    const own = await call(adminUsersAction, post("/admin/anvandare", { intent: "resetSecondFactor", personId: admin.id }, await cookieFor(admin.id)));
    expect(own.status).toBe(403);
    const unknown = await call(adminUsersAction, post("/admin/anvandare", { intent: "resetSecondFactor", personId: "finns-inte" }, await cookieFor(admin.id)));
    expect(unknown.status).toBe(404);
    expect(await db.selectFrom("user_totp").select("user_id").execute()).toHaveLength(2);
  });
});

describe("removing a person's personal data", () => {
  it("removes their authenticator and recovery codes, as it removes the password", async () => {
    const db = testDb();
    const { coordinator } = await coordinatorIn();
    const enrolment = await startEnrolment(db, coordinator);
    if (enrolment.status !== "started") throw new Error("enrolment did not start");
    await confirmEnrolment(db, { id: coordinator.id, municipalityId: coordinator.municipalityId }, { code: totpCodeFor(enrolment.secret), ip: "10.0.0.5" });
    const admin = await createUser(db, { role: "admin" });
    const result = await call(adminUsersAction, post("/admin/anvandare", { intent: "anonymise", personId: coordinator.id, confirm: "ja" }, await cookieFor(admin.id)));
    expect(result.status).toBe(200);
    expect(await db.selectFrom("user_totp").select("user_id").where("user_id", "=", coordinator.id).execute()).toEqual([]);
    expect(await db.selectFrom("recovery_code").select("id").where("user_id", "=", coordinator.id).execute()).toEqual([]);
  });
});

describe("npm run user:create --totp-secret", () => {
  const run = promisify(execFile);
  const script = (dir: string, args: string[]) =>
    run("npx", ["tsx", "scripts/user-create.ts", ...args], {
      env: { ...process.env, DATABASE_URL: path.join(dir, "anvandare.db"), NEW_USER_PASSWORD: "en lång fras för skriptet", NODE_ENV: "production" },
    });

  it("creates a person already enrolled, who signs in with a code computed from the same secret", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "user-create-"));
    try {
      const { stdout } = await script(dir, ["--email", "kalle.admin@test.example", "--name", "Skript Samordnare", "--role", "admin", "--totp-secret", "jbsw y3dp ehpk 3pxp"]);
      expect(stdout).toMatch(/med tvåstegsverifiering/);
      const refused = await script(dir, ["--email", "fel@test.example", "--name", "Fel Nyckel", "--role", "admin", "--totp-secret", "inte-base32!"]).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/--totp-secret: Nyckeln måste vara base32/) });

      const db = createDatabase(path.join(dir, "anvandare.db"));
      try {
        const user = await db.selectFrom("user").select("id").where("email", "=", "kalle.admin@test.example").executeTakeFirstOrThrow();
        expect(await db.selectFrom("user").select("id").where("email", "=", "fel@test.example").executeTakeFirst()).toBeUndefined();
        expect(await secondFactorStep(db, user.id, "password")).toBe("verify");
        const result = await verifySecondFactor(db, { id: user.id, municipalityId: null }, { code: totpCodeFor("JBSWY3DPEHPK3PXP"), ip: "10.0.0.4" });
        expect(result.status).toBe("ok");
      } finally {
        await db.destroy();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
