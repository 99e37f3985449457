// SPDX-License-Identifier: EUPL-1.2
// The second factor in the browser (issue #18): a coordinator made by `npm run user:create
// --totp-secret` signs in with password and a code computed here, as their app would; a coach
// enrols of their own accord from /konto through the QR page, reading the key from the page.
// The e2e server runs with REQUIRE_MFA=false (playwright.config.ts), and enrolled people are
// asked for their code all the same.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { totpCodeFor } from "~/modules/auth/second-factor.server";
import { E2E_DATABASE } from "../../playwright.config";
import { createUser } from "./helpers/db";

const run = promisify(execFile);

async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
}

test("a coordinator created with --totp-secret signs in with password and the code from the app", async ({ page }) => {
  test.setTimeout(60_000);
  const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  const email = `e2e-totp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.example`;
  const password = "en lång fras för samordnaren";
  await run("npx", ["tsx", "scripts/user-create.ts", "--email", email, "--name", "Tova Totp", "--role", "coordinator", "--municipality", "hogsby", "--totp-secret", secret], {
    env: { ...process.env, DATABASE_URL: E2E_DATABASE, NEW_USER_PASSWORD: password },
  });

  await signInWithPassword(page, email, password);
  await expect(page).toHaveURL(/\/logga-in\/kod$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tvåstegsverifiering" })).toBeVisible();
  // Half-signed: the coordinator's pages are not open yet.
  await page.goto("/samordnare");
  await expect(page).toHaveURL(/\/logga-in\?redirectTo=%2Fsamordnare$/);
  await page.goto("/logga-in/kod");

  const field = page.getByLabel("Kod", { exact: true });
  await expect(field).toHaveAttribute("autocomplete", "one-time-code");
  await expect(field).toHaveAttribute("inputmode", "numeric");
  await field.fill("000000");
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Koden stämmer inte");

  await page.getByLabel("Kod", { exact: true }).fill(totpCodeFor(secret));
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).toHaveURL(/\/samordnare$/);
  await expect(page.getByRole("heading", { level: 1, name: "Översikt för Högsby kommun" })).toBeVisible();
});

test("a coach turns on the second factor from the account page, saves the recovery codes, signs in with one and makes new ones", async ({ page }) => {
  test.setTimeout(60_000);
  const coach = await createUser({ role: "coach", name: "Frida Frivillig" });
  await signInWithPassword(page, coach.email, coach.password);
  await expect(page).toHaveURL(/\/utbildning$/);

  await page.goto("/konto");
  await page.getByRole("link", { name: "Slå på tvåstegsverifiering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Slå på tvåstegsverifiering" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR-kod/ }).locator("svg")).toBeVisible();
  const secret = (await page.locator("#totp-secret").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Kod från appen").fill(totpCodeFor(secret));
  await page.getByRole("button", { name: "Slå på tvåstegsverifiering" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spara dina reservkoder" })).toBeVisible();
  const codes = await page.getByRole("list", { name: "Reservkoder" }).getByRole("listitem").allInnerTexts();
  expect(codes).toHaveLength(10);
  await page.getByRole("link", { name: "Jag har sparat koderna" }).click();
  await expect(page).toHaveURL(/\/utbildning$/);

  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  // Signing out first empties what was kept for reading offline: wait until it is done.
  await expect(page).toHaveURL(/\/logga-in\?utloggad=1/, { timeout: 20_000 });
  await signInWithPassword(page, coach.email, coach.password);
  await expect(page).toHaveURL(/\/logga-in\/kod$/);
  await page.getByRole("link", { name: /Använd en reservkod/ }).click();
  await page.getByLabel("Reservkod").fill(codes[0]!);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).toHaveURL(/\/utbildning$/);

  // Nine codes left: the coach makes ten new ones with the code the app shows. The code of the
  // next 30-second step is accepted too, and is not yet spent by the enrolment above.
  await page.goto("/konto/tvastegsverifiering");
  await expect(page.getByText("Du har 9 oanvända reservkoder.")).toBeVisible();
  await page.getByLabel("Kod från appen").fill(totpCodeFor(secret, new Date(Date.now() + 30_000)));
  await page.getByRole("button", { name: "Skapa nya reservkoder" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Spara dina nya reservkoder" })).toBeVisible();
  await expect(page.getByText("De gamla reservkoderna fungerar inte längre.")).toBeVisible();
  const renewed = await page.getByRole("list", { name: "Reservkoder" }).getByRole("listitem").allInnerTexts();
  expect(renewed).toHaveLength(10);
  expect(renewed).not.toContain(codes[1]);
});
