// SPDX-License-Identifier: EUPL-1.2
// Signing in with the municipality's own account (issue #18), in a browser: an admin configures
// the municipality's provider through the admin page, and a coach signs in on the provider's own
// login page (oidc-provider, started here on 127.0.0.1) and lands in Coachportalen as themselves.
import { expect, test } from "@playwright/test";
import { createMunicipality } from "~/modules/municipalities/municipalities.server";
import { createDatabase } from "~db/client.server";
import { E2E_DATABASE, E2E_PORT } from "../../playwright.config";
import { startTestProvider, type TestProvider } from "../helpers/oidc-provider";
import { accessibilityViolations } from "./helpers/a11y";
import { createUser } from "./helpers/db";

let idp: TestProvider;
test.beforeAll(async () => {
  idp = await startTestProvider({ redirectUri: `http://localhost:${E2E_PORT}/logga-in/oidc/svar` });
});
test.afterAll(async () => {
  await idp?.close();
});

test("a coach signs in through the municipality's own login page and lands in Coachportalen as themselves", async ({ page }) => {
  const admin = await createUser({ role: "admin" });
  // A municipality of its own, so that no other test's Högsby or Mönsterås sees this provider.
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await createMunicipality(createDatabase(E2E_DATABASE), { name: `Provby ${suffix}`, county: "Kalmar län", slug: `provby-${suffix}`, actorId: admin.id });
  if (created.status !== "created") throw new Error(`could not create the municipality: ${created.status}`);
  const coach = await createUser({ role: "coach", municipality: created.slug, name: "Olle Oidc" });
  const localPart = coach.email.split("@")[0]!;
  const domain = `provby-${suffix}.se`;
  // The coach's address in the municipality's domain, as their organisation's account has it.
  await createDatabase(E2E_DATABASE).updateTable("user").set({ email: `${localPart}@${domain}` }).where("id", "=", coach.id).execute();
  idp.accounts.set("olle", { email: `${localPart}@${domain}`, email_verified: true, name: "Olle i katalogen" });

  // The admin configures the provider on the municipality's sign-in page.
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(admin.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  await page.goto(`/admin/kommuner/${created.id}/inloggning`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggning med kommunens konto");
  await page.getByLabel("Utfärdarens adress (issuer)").fill(idp.issuer);
  await page.getByLabel("Klient-id").fill(idp.clientId);
  await page.getByLabel("Klienthemlighet").fill(idp.clientSecret);
  await page.getByLabel("Tillåtna e-postdomäner").fill(domain);
  await page.getByRole("button", { name: "Spara inloggningen" }).click();
  await expect(page.getByText("Inloggningen med kommunens konto är sparad.")).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  await expect(page).toHaveURL(/\/logga-in\?utloggad=1/);

  // The sign-in page with the municipality's button passes axe too.
  expect(await accessibilityViolations(page)).toEqual([]);

  // The coach chooses their municipality's sign-in and uses the provider's own login page.
  await page.getByRole("link", { name: `Logga in med Provby ${suffix} kommuns konto` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill("olle");
  await page.locator('input[name="password"]').fill("vad som helst");
  await page.locator('button[type="submit"]').click();

  await expect(page).toHaveURL(/\/utbildning$/);
  await page.goto("/konto");
  await expect(page.getByText(`${localPart}@${domain}`)).toBeVisible();
  await expect(page.getByText(`Provby ${suffix}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`Med Provby ${suffix} kommuns konto`).first()).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);

  // Signing out ends Coachportalen's session only, and says so.
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  // The notice in the page; the same words are also written into the status live region for screen readers.
  await expect(page.getByRole("main").getByText("Du är utloggad från Coachportalen.")).toBeVisible();
});
