// SPDX-License-Identifier: EUPL-1.2
import { afterEach, describe, expect, it, vi } from "vitest";
import { MINUTE_MS } from "~/lib/time";
import { signInWithPassword } from "~/modules/auth/account.server";
import { EMAIL_LINK_ANSWER_MS } from "~/routes/email-link-request.server";
import { createEmailToken } from "~/modules/auth/email-token.server";
import { validateSessionToken } from "~/modules/auth/session.server";
import { action as resetAction, loader as resetLoader } from "~/routes/aterstall.$token";
import { action as forgotAction } from "~/routes/glomt-losenord";
import { action as accountAction, loader as accountLoader } from "~/routes/konto";
import { loader as exportLoader } from "~/routes/konto_.mina-uppgifter[.json]";
import { action as signInAction } from "~/routes/logga-in";
import { action as requestLinkAction } from "~/routes/logga-in_.lank";
import { action as linkAction, loader as linkLoader } from "~/routes/logga-in_.lank_.$token";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";

const NEW_PASSWORD = "tre gröna äpplen i korgen";

function tokenOf(cookie: string): string {
  return cookie.replace(/^__session=/, "");
}

function cookieFromResponse(headers: Headers): string {
  const match = /__session=([^;]*)/.exec(headers.get("Set-Cookie") ?? "");
  if (!match) throw new Error("no session cookie was set");
  return `__session=${match[1]}`;
}

async function coach(email?: string) {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`);
  return createUser(db, { role: "coach", municipalityId: municipality.id, email, name: "Anna Andersson" });
}

async function passwordHashOf(userId: string) {
  const row = await testDb().selectFrom("user").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  return row.password_hash;
}

async function sessionCount(userId: string) {
  return (await testDb().selectFrom("session").select("id").where("user_id", "=", userId).execute()).length;
}

async function outboxTo(email: string) {
  return testDb().selectFrom("outbox").select(["subject", "body_text"]).where("to_address", "=", email).orderBy("created_at").execute();
}

/** Asks for a link through the page, as a person would, and reads the token from the email. */
async function emailedToken(kind: "reset" | "link", email: string): Promise<string> {
  const result = kind === "reset" ? await call(forgotAction, post("/glomt-losenord", { email })) : await call(requestLinkAction, post("/logga-in/lank", { email }));
  expect(result.status).toBe(200);
  const body = (await outboxTo(email)).at(-1)?.body_text ?? "";
  const match = (kind === "reset" ? /\/aterstall\/([a-z0-9]+)/ : /\/logga-in\/lank\/([a-z0-9]+)/).exec(body);
  if (!match) throw new Error(`no ${kind} link in the email`);
  return match[1]!;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("signing in with a password", () => {
  it("leads each role to its own home, or back to the page the person came from", async () => {
    // Where each role lands once signed in; the second factor's step before it is tests/integration/second-factor.test.ts.
    vi.stubEnv("REQUIRE_MFA", "false");
    const db = testDb();
    const municipality = await createMunicipality(db, "kommun-hem");
    const homes = { coach: "/utbildning", school_staff: "/utbildning", coordinator: "/samordnare", admin: "/admin" } as const;
    for (const [role, home] of Object.entries(homes) as Array<[keyof typeof homes, string]>) {
      const user = await createUser(db, { role, municipalityId: role === "admin" ? null : municipality.id });
      const result = await call(signInAction, post("/logga-in", { email: user.email, password: TEST_PASSWORD, redirectTo: "" }));
      expect(result.status, role).toBe(302);
      expect(result.headers.get("Location"), role).toBe(home);
    }
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: municipality.id });
    const back = await call(signInAction, post("/logga-in", { email: coordinator.email, password: TEST_PASSWORD, redirectTo: "/samordnare/coacher" }));
    expect(back.headers.get("Location")).toBe("/samordnare/coacher");
  });
});

describe("asking for a reset or sign-in link", () => {
  it("answers the same whether or not the address has an account, and emails only real accounts", async () => {
    const user = await coach();
    const known = await call(forgotAction, post("/glomt-losenord", { email: user.email }));
    const unknown = await call(forgotAction, post("/glomt-losenord", { email: "ingen.alls@test.example" }));
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.data.sent).toBe(true);
    expect(unknown.data.sent).toBe(true);
    expect(await outboxTo(user.email)).toHaveLength(1);
    expect(await outboxTo("ingen.alls@test.example")).toHaveLength(0);
  });

  it("takes the same time whether or not the address has an account, so a stopwatch cannot tell either", async () => {
    const timed = async (email: string, ip: string) => {
      const started = performance.now();
      const result = await call(forgotAction, post("/glomt-losenord", { email }), {}, testContext({ clientIp: ip }));
      expect(result.status).toBe(200);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timed((await coach()).email, `10.9.0.${i}`));
      unknown.push(await timed(`ingen.${i}@test.example`, `10.9.1.${i}`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
    // Every answer waits for the same moment, which lies well past the work a known address causes.
    for (const ms of [...known, ...unknown]) expect(ms).toBeGreaterThanOrEqual(EMAIL_LINK_ANSWER_MS - 1);
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(25);
  });

  it("refuses a fourth request for the same address within 15 minutes with 429 and the wait", async () => {
    const user = await coach();
    for (let i = 0; i < 3; i++) expect((await call(requestLinkAction, post("/logga-in/lank", { email: user.email }))).status).toBe(200);
    const fourth = await call(requestLinkAction, post("/logga-in/lank", { email: user.email }));
    expect(fourth.status).toBe(429);
    expect(fourth.data.errors.form).toMatch(/^För många försök\. Vänta \d+ minuter? och försök sedan igen\.$/);
    expect(await outboxTo(user.email)).toHaveLength(3);
  });

  it("asks for a valid email address with 400", async () => {
    const result = await call(forgotAction, post("/glomt-losenord", { email: "inte en adress" }));
    expect(result.status).toBe(400);
    expect(result.data.errors.email).toBe("Skriv e-postadressen i formen namn@exempel.se.");
  });
});

describe("resetting a forgotten password", () => {
  it("works once: sets the password, ends every earlier session and signs the person in", async () => {
    const db = testDb();
    const user = await coach();
    const earlier = [await cookieFor(user.id), await cookieFor(user.id)];
    const token = await emailedToken("reset", user.email);

    const page = await call(resetLoader, get(`/aterstall/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.data).toEqual({ problem: null, email: user.email });

    const result = await call(resetAction, post(`/aterstall/${token}`, { newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD }), { token });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/utbildning?notis=losenord-aterstallt");
    const fresh = cookieFromResponse(result.headers);
    expect((await validateSessionToken(db, tokenOf(fresh)))?.user.id).toBe(user.id);
    for (const cookie of earlier) expect(await validateSessionToken(db, tokenOf(cookie))).toBeNull();
    expect(await sessionCount(user.id)).toBe(1);

    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD, ip: "10.0.0.1" })).status).toBe("ok");
    expect((await signInWithPassword(db, { email: user.email, password: TEST_PASSWORD, ip: "10.0.0.1" })).status).toBe("wrong_credentials");
    expect((await outboxTo(user.email)).map((m) => m.subject)).toContain("Ditt lösenord i Coachportalen har ändrats");

    const again = await call(resetAction, post(`/aterstall/${token}`, { newPassword: "ett helt annat lösenord", newPasswordRepeat: "ett helt annat lösenord" }), { token });
    expect(again.status).toBe(410);
    expect(again.data.problem).toBe("used");
    expect((await call(resetLoader, get(`/aterstall/${token}`), { token })).status).toBe(410);
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD, ip: "10.0.0.1" })).status).toBe("ok");
  });

  it("accepts a link for just under an hour and then answers 410 with a page, not an error", async () => {
    const db = testDb();
    const user = await coach();
    const fresh = await createEmailToken(db, user.id, "password_reset", new Date(Date.now() - 59 * MINUTE_MS));
    const old = await createEmailToken(db, user.id, "password_reset", new Date(Date.now() - 61 * MINUTE_MS));
    expect((await call(resetLoader, get(`/aterstall/${fresh.token}`), { token: fresh.token })).status).toBe(200);

    const expired = await call(resetLoader, get(`/aterstall/${old.token}`), { token: old.token });
    expect(expired.status).toBe(410);
    expect(expired.data.problem).toBe("expired");
    const before = await passwordHashOf(user.id);
    const tried = await call(resetAction, post(`/aterstall/${old.token}`, { newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD }), { token: old.token });
    expect(tried.status).toBe(410);
    expect(await passwordHashOf(user.id)).toBe(before);
  });

  it("answers 404 with a page for a malformed or unknown link, and for a sign-in link used as a reset link", async () => {
    const user = await coach();
    const loginLink = await createEmailToken(testDb(), user.id, "login_link");
    for (const token of ["x", "%3Cscript%3E", "abcdefghijkmnpqrstuvwxyz23456789", loginLink.token]) {
      const result = await call(resetLoader, get(`/aterstall/${token}`), { token });
      expect(result.status).toBe(404);
      expect(result.data.problem).toBe("invalid");
    }
  });

  it("refuses weak or mismatched passwords with 400 and a Swedish message, and writes nothing", async () => {
    const user = await coach("anna.andersson@test.example");
    const session = await cookieFor(user.id);
    const token = await emailedToken("reset", user.email);
    const before = await passwordHashOf(user.id);
    const mailsBefore = (await outboxTo(user.email)).length;

    const cases: Array<[string, string, string, string]> = [
      ["kort", "kort", "newPassword", "Lösenordet måste ha minst 10 tecken."],
      ["sommar2025", "sommar2025", "newPassword", "Lösenordet är för vanligt och lätt att gissa. Välj ett annat."],
      [user.email, user.email, "newPassword", "Lösenordet får inte vara din e-postadress."],
      ["anna.andersson-123", "anna.andersson-123", "newPassword", "Lösenordet innehåller ”anna.andersson”, som är början på din e-postadress."],
      [NEW_PASSWORD, `${NEW_PASSWORD}!`, "newPasswordRepeat", "Lösenorden är inte likadana. Skriv samma lösenord två gånger."],
      ["", "", "newPassword", "Fyll i ett lösenord."],
    ];
    for (const [newPassword, newPasswordRepeat, field, message] of cases) {
      const result = await call(resetAction, post(`/aterstall/${token}`, { newPassword, newPasswordRepeat }), { token });
      expect(result.status).toBe(400);
      expect(result.data.errors[field]).toBe(message);
      expect(JSON.stringify(result.data)).not.toContain(newPassword || "\u0000");
    }

    expect(await passwordHashOf(user.id)).toBe(before);
    expect(await validateSessionToken(testDb(), tokenOf(session))).not.toBeNull();
    expect((await outboxTo(user.email)).length).toBe(mailsBefore);
    expect((await call(resetLoader, get(`/aterstall/${token}`), { token })).status).toBe(200);
  });
});

describe("signing in with an emailed link", () => {
  it("does not sign in when the link is only opened: mail scanners open links too", async () => {
    const db = testDb();
    const user = await coach();
    const token = await emailedToken("link", user.email);
    for (let i = 0; i < 3; i++) {
      const page = await call(linkLoader, get(`/logga-in/lank/${token}`), { token });
      expect(page.status).toBe(200);
      expect(page.data.email).toBe(user.email);
      expect(page.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await sessionCount(user.id)).toBe(0);
    const row = await db.selectFrom("email_token").select("used_at").where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it("signs in once with the button and then answers 410 for the same link", async () => {
    const db = testDb();
    const user = await coach();
    const token = await emailedToken("link", user.email);
    const first = await call(linkAction, post(`/logga-in/lank/${token}`, {}), { token });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe("/utbildning");
    expect((await validateSessionToken(db, tokenOf(cookieFromResponse(first.headers))))?.user.id).toBe(user.id);

    const second = await call(linkAction, post(`/logga-in/lank/${token}`, {}), { token });
    expect(second.status).toBe(410);
    expect(second.data.problem).toBe("used");
    expect(second.headers.get("Set-Cookie")).toBeNull();
    expect((await call(linkLoader, get(`/logga-in/lank/${token}`), { token })).status).toBe(410);
    expect(await sessionCount(user.id)).toBe(1);
  });

  it("sends each role to its own start page", async () => {
    vi.stubEnv("REQUIRE_MFA", "false");
    const db = testDb();
    const admin = await createUser(db, { role: "admin" });
    const { token } = await createEmailToken(db, admin.id, "login_link");
    const result = await call(linkAction, post(`/logga-in/lank/${token}`, {}), { token });
    expect(result.headers.get("Location")).toBe("/admin");
  });

  it("expires after 15 minutes", async () => {
    const db = testDb();
    const user = await coach();
    const fresh = await createEmailToken(db, user.id, "login_link", new Date(Date.now() - 14 * MINUTE_MS));
    const old = await createEmailToken(db, user.id, "login_link", new Date(Date.now() - 16 * MINUTE_MS));
    expect((await call(linkLoader, get(`/logga-in/lank/${fresh.token}`), { token: fresh.token })).status).toBe(200);
    const expired = await call(linkAction, post(`/logga-in/lank/${old.token}`, {}), { token: old.token });
    expect(expired.status).toBe(410);
    expect(expired.data.problem).toBe("expired");
    expect(await sessionCount(user.id)).toBe(0);
  });
});

describe("the account page", () => {
  it("sends a visitor without a session to sign in", async () => {
    const result = await call(accountLoader, get("/konto"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/logga-in?redirectTo=%2Fkonto");
  });

  it("shows the person's details and sessions, this device marked and described", async () => {
    const user = await coach();
    const db = testDb();
    const { createSession } = await import("~/modules/auth/session.server");
    await createSession(db, user.id, {
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    });
    const cookie = await cookieFor(user.id);
    const page = await call(accountLoader, get("/konto", cookie));
    expect(page.status).toBe(200);
    expect(page.data.person).toMatchObject({ name: "Anna Andersson", email: user.email, role: "ANDTS-coach" });
    expect(page.data.sessions).toHaveLength(2);
    expect(page.data.sessions[0]).toMatchObject({ current: true, id: tokenOf(cookie).split(".")[0] });
    expect(page.data.sessions[1]).toMatchObject({ current: false, device: "Safari på iPhone" });
    expect(page.data.sessions[1].createdAt).toMatch(/^\d{1,2} [a-zåäö]+ \d{4} kl\. \d{2}:\d{2}$/);
  });

  it("changes the name, trimmed", async () => {
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const result = await call(accountAction, post("/konto", { intent: "updateName", name: "  Anna Berg  " }, cookie));
    expect(result.status).toBe(200);
    expect(result.data.notice).toBe("Ditt namn är sparat.");
    const row = await testDb().selectFrom("user").select("name").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Anna Berg");
  });

  it("refuses an empty, too long or control-character name with 400 and keeps the old one", async () => {
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const cases: Array<[string, string]> = [
      ["", "Namnet måste ha minst 2 tecken."],
      ["   ", "Namnet måste ha minst 2 tecken."],
      ["A".repeat(101), "Namnet får ha högst 100 tecken."],
      ["Anna\u0007Berg", "Namnet innehåller otillåtna tecken."],
      ["Anna\nBerg", "Namnet innehåller otillåtna tecken."],
    ];
    for (const [name, message] of cases) {
      const result = await call(accountAction, post("/konto", { intent: "updateName", name }, cookie));
      expect(result.status).toBe(400);
      expect(result.data.errors.name).toBe(message);
    }
    const row = await testDb().selectFrom("user").select("name").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.name).toBe("Anna Andersson");
  });

  it("refuses an unknown intent with 400", async () => {
    const user = await coach();
    const result = await call(accountAction, post("/konto", { intent: "deleteEverything" }, await cookieFor(user.id)));
    expect(result.status).toBe(400);
    expect(result.data.errors.form).toBe("Formuläret gick inte att förstå. Ladda om sidan och försök igen.");
  });

  it("refuses a password change with the wrong current password and changes nothing", async () => {
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const other = await cookieFor(user.id);
    const before = await passwordHashOf(user.id);
    const result = await call(
      accountAction,
      post("/konto", { intent: "changePassword", currentPassword: "fel lösenord helt", newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD }, cookie),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.currentPassword).toBe("Det nuvarande lösenordet stämmer inte.");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await passwordHashOf(user.id)).toBe(before);
    for (const c of [cookie, other]) expect(await validateSessionToken(testDb(), tokenOf(c))).not.toBeNull();
    expect(await outboxTo(user.email)).toHaveLength(0);
  });

  it("refuses a weak new password before looking at the current one", async () => {
    const user = await coach();
    const before = await passwordHashOf(user.id);
    const result = await call(
      accountAction,
      post("/konto", { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: "qwertyuiop", newPasswordRepeat: "qwertyuiop" }, await cookieFor(user.id)),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.newPassword).toBe("Lösenordet är för vanligt och lätt att gissa. Välj ett annat.");
    expect(await passwordHashOf(user.id)).toBe(before);
  });

  it("limits guesses of the current password like sign-ins: the sixth wrong try in 15 minutes gets 429", async () => {
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const attempt = (currentPassword: string) =>
      call(accountAction, post("/konto", { intent: "changePassword", currentPassword, newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD }, cookie));
    for (let i = 0; i < 5; i++) expect((await attempt(`gissning nummer ${i}`)).status).toBe(400);
    const refused = await attempt(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.data.errors.form).toMatch(/^För många försök\. Vänta 1[45] minuter och försök sedan igen\.$/);
  });

  it("changes the password: other sessions end, the old cookie is dead and the response signs in anew", async () => {
    const db = testDb();
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const other = await cookieFor(user.id);
    const result = await call(
      accountAction,
      post("/konto", { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD }, cookie),
    );
    // A redirect carries the new cookie also to a browser without JavaScript.
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/konto?notis=losenord-bytt");
    const fresh = cookieFromResponse(result.headers);
    expect(result.headers.get("Set-Cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    expect(await validateSessionToken(db, tokenOf(cookie))).toBeNull();
    expect(await validateSessionToken(db, tokenOf(other))).toBeNull();
    expect((await validateSessionToken(db, tokenOf(fresh)))?.user.id).toBe(user.id);
    expect(await sessionCount(user.id)).toBe(1);
    expect((await call(accountLoader, get("/konto", cookie))).status).toBe(302);
    expect((await call(accountLoader, get("/konto", fresh))).status).toBe(200);
    expect((await signInWithPassword(db, { email: user.email, password: NEW_PASSWORD, ip: "10.0.0.2" })).status).toBe("ok");
  });

  it("ends one of the person's other sessions", async () => {
    const db = testDb();
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const other = await cookieFor(user.id);
    const result = await call(accountAction, post("/konto", { intent: "endSession", sessionId: tokenOf(other).split(".")[0]! }, cookie));
    expect(result.status).toBe(200);
    expect(result.data.notice).toBe("Inloggningen är avslutad.");
    expect(await validateSessionToken(db, tokenOf(other))).toBeNull();
    expect(await validateSessionToken(db, tokenOf(cookie))).not.toBeNull();
  });

  it("answers 404 for someone else's session and leaves it alone", async () => {
    const db = testDb();
    const user = await coach();
    const stranger = await coach();
    const cookie = await cookieFor(user.id);
    const theirs = await cookieFor(stranger.id);
    const result = await call(accountAction, post("/konto", { intent: "endSession", sessionId: tokenOf(theirs).split(".")[0]! }, cookie));
    expect(result.status).toBe(404);
    expect(await validateSessionToken(db, tokenOf(theirs))).not.toBeNull();
    expect(await validateSessionToken(db, tokenOf(cookie))).not.toBeNull();
  });

  it("signs out everywhere: every session ends, this one too, and the person goes to sign in", async () => {
    const db = testDb();
    const user = await coach();
    const cookie = await cookieFor(user.id);
    const other = await cookieFor(user.id);
    const result = await call(accountAction, post("/konto", { intent: "signOutEverywhere" }, cookie));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/logga-in?utloggad=alla");
    expect(result.headers.get("Set-Cookie")).toMatch(/^__session=; .*Max-Age=0/);
    for (const c of [cookie, other]) expect(await validateSessionToken(db, tokenOf(c))).toBeNull();
    const audit = await db.selectFrom("audit_event").select("action").where("actor_id", "=", user.id).execute();
    expect(audit.map((a) => a.action)).toContain("signout.everywhere");
  });
});

describe("downloading one's own data", () => {
  it("sends a visitor without a session to sign in", async () => {
    const result = await call(exportLoader, get("/konto/mina-uppgifter.json"));
    expect(result.status).toBe(302);
  });

  it("is a dated JSON attachment with the person and their sessions, and no password hash or session secret", async () => {
    const user = await coach();
    const cookie = await cookieFor(user.id);
    await call(accountAction, post("/konto", { intent: "updateName", name: "Anna Berg" }, cookie));
    const response = (await exportLoader({ request: get("/konto/mina-uppgifter.json", cookie), params: {}, context: testContext() })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="coachportalen-mina-uppgifter-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");

    const text = await response.text();
    const extract = JSON.parse(text);
    expect(extract.person).toMatchObject({ id: user.id, email: user.email, name: "Anna Berg", role: "coach" });
    expect(extract.sessions).toHaveLength(1);
    expect(extract.events.map((e: { action: string }) => e.action)).toContain("account.updated");
    const [sessionId, secret] = tokenOf(cookie).split(".");
    const hash = await passwordHashOf(user.id);
    expect(text).not.toContain(secret!);
    expect(text).not.toContain(sessionId!);
    expect(text).not.toContain(hash!);
    expect(text).not.toMatch(/password|secret_hash|\$argon2/);
  });
});
