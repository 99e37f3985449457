// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { HOUR_MS, MINUTE_MS } from "~/lib/time";
import { requestEmailLink, signInWithPassword } from "~/modules/auth/account.server";
import { consumeEmailToken, createEmailToken, inspectEmailToken } from "~/modules/auth/email-token.server";
import { newPasswordErrors, passwordProblem } from "~/modules/auth/password.server";
import { describeDevice } from "~/modules/auth/session.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { hashSecret } from "~/modules/auth/tokens.server";
import { action as signInAction } from "~/routes/logga-in";
import { createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { call, post } from "../helpers/requests";

const t0 = new Date("2026-03-02T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("emailed single-use links", () => {
  it("stores only the token's hash", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const { token } = await createEmailToken(db, user.id, "password_reset", t0);
    const row = await db.selectFrom("email_token").selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("is used exactly once when two requests consume it at the same moment", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const { token } = await createEmailToken(db, user.id, "login_link", t0);
    const results = await Promise.all([consumeEmailToken(db, token, "login_link", at(1000)), consumeEmailToken(db, token, "login_link", at(1000))]);
    expect(results.filter((r) => r.status === "valid")).toHaveLength(1);
    expect(results.filter((r) => r.status === "used")).toHaveLength(1);
    expect((await consumeEmailToken(db, token, "login_link", at(2000))).status).toBe("used");
  });

  it("lets a password reset link work for one hour and a sign-in link for 15 minutes", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const reset = await createEmailToken(db, user.id, "password_reset", t0);
    const link = await createEmailToken(db, user.id, "login_link", t0);
    expect(reset.expiresAt.getTime()).toBe(t0.getTime() + HOUR_MS);
    expect(link.expiresAt.getTime()).toBe(t0.getTime() + 15 * MINUTE_MS);

    expect((await inspectEmailToken(db, reset.token, "password_reset", at(HOUR_MS - 1))).status).toBe("valid");
    expect((await inspectEmailToken(db, reset.token, "password_reset", at(HOUR_MS))).status).toBe("expired");
    expect((await inspectEmailToken(db, link.token, "login_link", at(15 * MINUTE_MS - 1))).status).toBe("valid");
    expect((await consumeEmailToken(db, link.token, "login_link", at(15 * MINUTE_MS))).status).toBe("expired");
    const row = await db.selectFrom("email_token").select("used_at").where("token_hash", "=", hashSecret(link.token)).executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
  });

  it("does not accept a link for another purpose, a malformed one, or one of a deactivated person", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    const { token } = await createEmailToken(db, user.id, "login_link", t0);
    expect((await inspectEmailToken(db, token, "password_reset", at(1))).status).toBe("invalid");
    expect((await inspectEmailToken(db, "NOT-A-TOKEN", "login_link", at(1))).status).toBe("invalid");
    await db.updateTable("user").set({ deactivated_at: at(1).toISOString() }).where("id", "=", user.id).execute();
    expect((await consumeEmailToken(db, token, "login_link", at(2))).status).toBe("invalid");
  });
});

describe("throttling sign-ins", () => {
  const signIn = (email: string, password: string, now: Date, ip = "192.0.2.1") =>
    signInWithPassword(testDb(), { email, password, ip }, now);

  it("refuses the sixth sign-in after five failures on an account, even with the right password, and says how long to wait", async () => {
    const user = await createUser(testDb(), { role: "coach" });
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "fel lösenord", at(i * MINUTE_MS))).status).toBe("wrong_credentials");
    const sixth = await signIn(user.email, TEST_PASSWORD, at(5 * MINUTE_MS));
    expect(sixth).toEqual({ status: "throttled", verdict: { allowed: false, retryAfterMinutes: 10 } });
    if (sixth.status === "throttled") expect(throttleMessage(sixth.verdict)).toBe("För många försök. Vänta 10 minuter och försök sedan igen.");
    expect(throttleMessage({ retryAfterMinutes: 1 })).toBe("För många försök. Vänta 1 minut och försök sedan igen.");
  });

  it("counts failures in a sliding 15-minute window", async () => {
    const user = await createUser(testDb(), { role: "coach" });
    for (let i = 0; i < 5; i++) await signIn(user.email, "fel lösenord", at(i * MINUTE_MS));
    expect((await signIn(user.email, "fel lösenord", at(15 * MINUTE_MS - 1))).status).toBe("throttled");
    // The first failure has left the window: one more try, then the limit holds again.
    expect((await signIn(user.email, "fel lösenord", at(15 * MINUTE_MS))).status).toBe("wrong_credentials");
    const refused = await signIn(user.email, TEST_PASSWORD, at(15 * MINUTE_MS + 2));
    expect(refused).toEqual({ status: "throttled", verdict: { allowed: false, retryAfterMinutes: 1 } });
    expect((await signIn(user.email, TEST_PASSWORD, at(16 * MINUTE_MS + 1))).status).toBe("ok");
  });

  it("limits one address to 30 failures across different accounts, while other addresses may still sign in", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    for (let i = 0; i < 30; i++) expect((await signIn(`nagon${i}@test.example`, "gissning", at(i * 1000), "198.51.100.7")).status).toBe("wrong_credentials");
    expect((await signIn(user.email, TEST_PASSWORD, at(31_000), "198.51.100.7")).status).toBe("throttled");
    expect((await signIn(user.email, TEST_PASSWORD, at(31_000), "198.51.100.8")).status).toBe("ok");
  });

  it("answers an unknown email exactly as a wrong password", async () => {
    const user = await createUser(testDb(), { role: "coach" });
    expect(await signIn("finns.inte@test.example", "fel lösenord", t0)).toEqual({ status: "wrong_credentials" });
    expect(await signIn(user.email, "fel lösenord", t0)).toEqual({ status: "wrong_credentials" });

    const unknown = await call(signInAction, post("/logga-in", { email: "finns.inte@test.example", password: "fel lösenord" }));
    const wrong = await call(signInAction, post("/logga-in", { email: user.email, password: "fel lösenord" }));
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(unknown.data.errors).toEqual({ form: "Fel e-postadress eller lösenord." });
    expect(wrong.data.errors).toEqual(unknown.data.errors);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await createUser(testDb(), { role: "coach" });
    for (let i = 0; i < 4; i++) await signIn(user.email, "fel lösenord", at(i * 1000));
    expect((await signIn(user.email, TEST_PASSWORD, at(5000))).status).toBe("ok");
    for (let i = 0; i < 5; i++) expect((await signIn(user.email, "fel lösenord", at(6000 + i * 1000))).status).toBe("wrong_credentials");
    expect((await signIn(user.email, TEST_PASSWORD, at(12_000))).status).toBe("throttled");
  });

  it("limits emailed links to three per address in 15 minutes, whether or not the account exists", async () => {
    const db = testDb();
    const user = await createUser(db, { role: "coach" });
    for (const email of [user.email, "okand@test.example"]) {
      for (let i = 0; i < 3; i++) expect((await requestEmailLink(db, { email, ip: "192.0.2.9", purpose: "login_link" }, at(i * 1000))).status).toBe("sent_if_known");
      expect((await requestEmailLink(db, { email, ip: "192.0.2.9", purpose: "password_reset" }, at(4000))).status).toBe("throttled");
    }
    expect(await db.selectFrom("outbox").select("id").execute()).toHaveLength(3);
  });
});

describe("password rules", () => {
  it("asks for at least 10 characters", () => {
    expect(passwordProblem("kort123")).toBe("Lösenordet måste ha minst 10 tecken.");
    expect(passwordProblem("nio tecke")).toBe("Lösenordet måste ha minst 10 tecken.");
    expect(passwordProblem("tio tecken")).toBeNull();
    expect(passwordProblem("x".repeat(150) + "abcdefghijklmnopqrstuvwxyz".repeat(3))).toBe("Lösenordet får ha högst 200 tecken.");
  });

  it("refuses passwords on the common list, whatever the case", () => {
    for (const common of ["1234567890", "qwertyuiop", "Sommar2025", "LÖSENORD123", "coachportalen"]) {
      expect(passwordProblem(common)).toBe("Lösenordet är för vanligt och lätt att gissa. Välj ett annat.");
    }
  });

  it("refuses the person's email address, or a password built on it", () => {
    const email = "karin.lind@kommun.example";
    expect(passwordProblem("Karin.Lind@kommun.example", { email })).toBe("Lösenordet får inte vara din e-postadress.");
    expect(passwordProblem("karin.lind2026!", { email })).toBe("Lösenordet innehåller ”karin.lind”, som är början på din e-postadress.");
    // What was found is quoted as the person typed it, so they can find it in their password.
    expect(passwordProblem("sol-över-Karin.Lind-i-juni", { email })).toBe("Lösenordet innehåller ”Karin.Lind”, som är början på din e-postadress.");
    expect(passwordProblem("blåbär på karins gård", { email })).toBeNull();
  });

  it("refuses passwords of too few different characters", () => {
    expect(passwordProblem("abababababab")).toBe("Lösenordet har för få olika tecken.");
  });

  it("names the field at fault when the repetition differs", () => {
    expect(newPasswordErrors({ newPassword: "tre gröna äpplen", newPasswordRepeat: "tre gröna äpplen" })).toBeNull();
    expect(newPasswordErrors({ newPassword: "tre gröna äpplen", newPasswordRepeat: "tre gröna äppel" })).toEqual({
      newPasswordRepeat: "Lösenorden är inte likadana. Skriv samma lösenord två gånger.",
    });
    expect(newPasswordErrors({ newPassword: "kort", newPasswordRepeat: "annat" })).toEqual({ newPassword: "Lösenordet måste ha minst 10 tecken." });
  });
});

describe("describing a session's device", () => {
  it("names browser and system in Swedish, and falls back for the unknown", () => {
    expect(describeDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox på Windows");
    expect(
      describeDevice("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"),
    ).toBe("Edge på Mac");
    expect(describeDevice("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")).toBe(
      "Chrome på Android",
    );
    expect(
      describeDevice("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
    ).toBe("Safari på iPad");
    expect(describeDevice("curl/8.5.0")).toBe("Okänd enhet");
    expect(describeDevice(null)).toBe("Okänd enhet");
  });
});
