// SPDX-License-Identifier: EUPL-1.2
// Earlier training for people without an account (issue #16): a coordinator imports a file with
// someone invited who has not registered and someone with no account at all. The preview says
// what happens to each, the new person is invited by email, and on accepting the invitation is
// certified at once, dated by the training.
import { expect, test, type Page } from "@playwright/test";
import { formatDate, formatIsoDate } from "~/lib/dates";
import { accessibilityViolations } from "./helpers/a11y";
import { createUser, E2E_PASSWORD, newestEmailTo, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

function uniqueAddress(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exempel.se`;
}

test("a coordinator imports a file with an invited person and a new person; the new person accepts the invitation and is certified with the training date", async ({ page, browser }) => {
  const coordinator = await createUser({ role: "coordinator", name: "Sam Samordnare" });
  const invited = uniqueAddress("inbjuden");
  const newcomer = uniqueAddress("ny");
  // Three months ago: a certificate from then is still valid, and its date is not today's.
  const trainedOn = formatIsoDate(new Date(Date.now() - 90 * 24 * 3_600_000));

  await signIn(page, coordinator);
  await clickMenuLink(page, "Inbjudningar");
  await page.getByLabel("E-postadresser").fill(invited);
  await page.getByRole("button", { name: "Skicka inbjudningar" }).click();
  await expect(page.getByRole("status")).toContainText("1 person har bjudits in.");

  await clickMenuLink(page, "Tidigare utbildning");
  const file = Buffer.from(`\uFEFFe-post;namn;datum;moment\n${invited};Ines Inbjuden;${trainedOn};utbildningsdag-1\n${newcomer};Nora Nykomling;${trainedOn};alla\n`, "utf8");
  await page.getByLabel("Fil att importera").setInputFiles({ name: "tidigare.csv", mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const table = page.getByRole("table", { name: /^Förhandsgranskning/ });
  await expect(table).toContainText("1 person utan konto får en inbjudan");
  await expect(table.getByRole("row").filter({ hasText: invited })).toContainText("inbjuden, inte registrerad");
  await expect(table.getByRole("row").filter({ hasText: newcomer })).toContainText("ny – får en inbjudan");
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Importen är klar");
  await expect(page.getByRole("status")).toContainText("väntar på 2 personer som inte har skapat sitt konto än");

  // The coach list shows what waits on the invitation.
  await clickMenuLink(page, "Alla personer");
  await page.getByLabel("Sök på namn eller e-post").fill(newcomer);
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: newcomer })).toContainText(/Väntande tidigare utbildning: \d+ moment/);

  // The new person follows the emailed link; the name from the file is offered.
  const invitation = await newestEmailTo(newcomer);
  const context = await browser.newContext();
  const coach = await context.newPage();
  await coach.goto(invitation.link);
  await expect(coach.getByRole("heading", { level: 1, name: "Välkommen till Coachportalen" })).toBeVisible();
  await expect(coach.getByText("Din samordnare har registrerat utbildning som du redan har gått.")).toBeVisible();
  await expect(coach.getByLabel("Ditt namn")).toHaveValue("Nora Nykomling");
  await coach.getByLabel("Lösenord", { exact: true }).fill("fyra ord blir ett lösenord");
  await coach.getByLabel("Upprepa lösenordet").fill("fyra ord blir ett lösenord");
  await coach.getByRole("button", { name: "Skapa mitt konto" }).click();
  await expect(coach).toHaveURL(/\/utbildning(\?|$)/);

  // Certified at once, from the day of the training (decision 026).
  await coach.goto("/intyg");
  await expect(coach.getByRole("heading", { level: 1 })).toHaveText("Mina intyg");
  const certificate = coach.getByRole("article").first();
  await expect(certificate.getByText("Status: giltigt")).toBeVisible();
  await expect(certificate.getByRole("list", { name: /^Tidslinje/ }).getByRole("listitem").first()).toHaveText(`Utfärdat ${formatDate(new Date(`${trainedOn}T12:00:00Z`))}`);
  await context.close();

  // The invited person's credits still wait; the new person is now a coach with credits, not an invitation.
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: newcomer })).not.toContainText("Väntande tidigare utbildning");
});
