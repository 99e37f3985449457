// SPDX-License-Identifier: EUPL-1.2
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";

const PASSWORD = "demo-coach-2026";

async function signIn(page: Page, email: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).last().click();
}

const homes = [
  { role: "coach", email: "coach.monsteras@demo.coachportalen.se", home: "/utbildning" },
  { role: "school staff", email: "skola.hogsby@demo.coachportalen.se", home: "/utbildning" },
  { role: "coordinator", email: "samordnare.monsteras@demo.coachportalen.se", home: "/samordnare" },
  { role: "admin", email: "admin@demo.coachportalen.se", home: "/admin" },
];

for (const { role, email, home } of homes) {
  test(`a demo ${role} signs in and lands on their home page`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(home);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Logga ut" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });
}

test("a coach who opens a coordinator or admin page is refused", async ({ page }) => {
  await signIn(page, "coach2.monsteras@demo.coachportalen.se");
  await expect(page).toHaveURL("/utbildning");
  for (const path of ["/samordnare", "/samordnare/coacher", "/samordnare/inbjudningar", "/admin", "/admin/utskick"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Du har inte behörighet" })).toBeVisible();
  }
});

test("an anonymous visitor to a signed-in page is sent to sign in and comes back after", async ({ page }) => {
  await page.goto("/samordnare/coacher");
  await expect(page).toHaveURL(/\/logga-in\?redirectTo=%2Fsamordnare%2Fcoacher/);
  await page.getByLabel("E-postadress").fill("samordnare.hogsby@demo.coachportalen.se");
  await page.getByLabel("Lösenord").fill(PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).last().click();
  await expect(page).toHaveURL("/samordnare/coacher");
});

test("every response carries the security headers, and a post from another origin is refused", async ({ page, request }) => {
  const response = await page.goto("/logga-in");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  const foreign = await request.post("/logga-in", {
    form: { email: "coach.hogsby@demo.coachportalen.se", password: PASSWORD },
    headers: { Origin: "https://angripare.example" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()["set-cookie"]).toBeUndefined();
});

test("the health check answers 200 with the database reachable", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("signing in sets a new httpOnly, SameSite=Lax session cookie", async ({ page, context }) => {
  await page.goto("/logga-in");
  await context.addCookies([{ name: "__session", value: "planted.token", url: page.url() }]);
  await signIn(page, "coach.hogsby@demo.coachportalen.se");
  await expect(page).toHaveURL("/utbildning");
  const cookie = (await context.cookies()).find((c) => c.name === "__session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.value).not.toBe("planted.token");
  expect(cookie?.value).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
});

test("the sign-in page and the error page meet WCAG 2.1 AA", async ({ page }) => {
  await page.goto("/logga-in");
  await page.getByRole("button", { name: "Logga in" }).last().click();
  await expect(page.getByRole("alert")).toContainText("Fyll i en e-postadress");
  await expectNoAccessibilityViolations(page);
  const response = await page.goto("/finns-inte");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});
