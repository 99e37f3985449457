// SPDX-License-Identifier: EUPL-1.2
import { expect, test, type Page } from "@playwright/test";
import { newestEmailTo } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

const DEMO_PASSWORD = "demo-coach-2026";
const HOGSBY_COORDINATOR = "samordnare.hogsby@demo.coachportalen.se";
const MONSTERAS_COORDINATOR = "samordnare.monsteras@demo.coachportalen.se";
const ADMIN = "admin@demo.coachportalen.se";

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

function uniqueAddress(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exempel.se`;
}

test("a coordinator invites a coach, who joins through the emailed link and can sign in again", async ({ page, browser }) => {
  const email = uniqueAddress("ny.coach");
  const name = `Nina Nykomling ${Date.now()}`;
  const password = "fyra ord blir ett lösenord";

  await signIn(page, HOGSBY_COORDINATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Översikt för Högsby kommun" })).toBeVisible();
  await clickMenuLink(page, "Inbjudningar");
  await page.getByLabel("E-postadresser").fill(email);
  await page.getByLabel("Roll", { exact: true }).selectOption("coach");
  await page.getByRole("button", { name: "Skicka inbjudningar" }).click();
  await expect(page.getByRole("status")).toContainText("1 person har bjudits in.");
  const sent = page.getByRole("table", { name: "Skickade inbjudningar, nyast först" });
  await expect(sent.getByRole("row").filter({ hasText: email })).toContainText("Väntar");

  const invitation = await newestEmailTo(email);
  expect(invitation.subject).toBe("Inbjudan till Coachportalen i Högsby kommun");

  const coachContext = await browser.newContext();
  const coach = await coachContext.newPage();
  await coach.goto(invitation.link);
  await expect(coach.getByRole("heading", { level: 1, name: "Välkommen till Coachportalen" })).toBeVisible();
  await expect(coach.getByText(email)).toBeVisible();
  await coach.getByLabel("Ditt namn").fill(name);
  await coach.getByLabel("Lösenord", { exact: true }).fill(password);
  await coach.getByLabel("Upprepa lösenordet").fill(password);
  await coach.getByRole("button", { name: "Skapa mitt konto" }).click();
  await expect(coach).toHaveURL(/\/utbildning(\?|$)/);

  // The coach's start page is built elsewhere; sign out from the start page, which always exists.
  await coach.goto("/");
  await coach.getByRole("button", { name: "Logga ut", exact: true }).click();
  await expect(coach).toHaveURL(/\/logga-in\?utloggad=1$/);
  await signIn(coach, email, password);
  await expect(coach).toHaveURL(/\/utbildning$/);

  // The link worked once; now it explains itself instead of making a second account.
  await coach.goto(invitation.link);
  await expect(coach.getByRole("heading", { level: 1, name: "Inbjudan är redan använd" })).toBeVisible();
  await coachContext.close();

  await clickMenuLink(page, "Alla personer");
  await page.getByLabel("Sök på namn eller e-post").fill(name);
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page.getByText("Visar 1–1 av 1")).toBeVisible();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
});

test("a coordinator of Högsby gets the not-found page for a person in Mönsterås", async ({ browser, page }) => {
  const monsteras = await browser.newContext();
  const other = await monsteras.newPage();
  await signIn(other, MONSTERAS_COORDINATOR);
  await other.goto("/samordnare/coacher");
  await other.getByRole("link", { name: "Maja Coach" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Maja Coach" })).toBeVisible();
  const personUrl = new URL(other.url()).pathname;
  await monsteras.close();

  await signIn(page, HOGSBY_COORDINATOR);
  const response = await page.goto(personUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  await expect(page.getByText("Maja Coach")).toHaveCount(0);
});

test("the admin sees both municipalities and reads an invitation in the outbox", async ({ page }) => {
  const email = uniqueAddress("ny.samordnare");
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Högsby kommun/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Mönsterås kommun/ })).toBeVisible();

  await page.goto("/admin/anvandare");
  await page.getByLabel("E-postadress", { exact: true }).fill(email);
  await page.getByLabel("Bjuds in som").selectOption("coordinator");
  await page.getByLabel("Samordnarens kommun").selectOption({ label: "Mönsterås kommun" });
  await page.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByRole("status")).toContainText(`skickad till ${email}`);

  await clickMenuLink(page, "Utskick");
  await page.getByLabel("Mottagare").fill(email);
  await page.getByRole("button", { name: "Visa", exact: true }).click();
  const message = page.getByRole("listitem").filter({ hasText: email });
  await expect(message.getByRole("heading", { name: "Inbjudan till Coachportalen i Mönsterås kommun" })).toBeVisible();
  await message.getByText("Visa hela meddelandet").click();
  await expect(message.getByText(/\/inbjudan\/[a-z0-9]+/)).toBeVisible();
});
