// SPDX-License-Identifier: EUPL-1.2
// A coach downloads the digital credential (Open Badges) beside the PDF on /intyg, and an
// anonymous visitor checks the file at /verifiera: the signature holds, and the page names the
// issuer, the training and the status. A changed file is refused.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { certifyCoach, createUser } from "./helpers/db";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

test("a coach downloads the credential, and an anonymous visitor verifies it at /verifiera", async ({ page, browser }, testInfo) => {
  test.setTimeout(60_000);
  const coach = await createUser({ role: "coach", name: "Olivia Openbadge" });
  const certificate = await certifyCoach(coach.id);

  await signIn(page, coach.email, coach.password);
  await page.goto("/intyg");
  await expect(page.getByText("Det digitala intyget är en fil som kommunen har signerat.").first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Ladda ned digitalt intyg (Open Badges)" }).first().click()]);
  expect(download.suggestedFilename()).toBe(`intyg-${certificate.code}.json`);
  const file = (await download.path())!;
  const credential = JSON.parse(fs.readFileSync(file, "utf8"));
  expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/verifiera");
  await visitor.getByLabel("Fil med digitalt intyg").setInputFiles(file);
  await visitor.getByRole("button", { name: "Granska filen" }).click();
  await expect(visitor.getByRole("heading", { name: "Det digitala intyget är äkta och giltigt" })).toBeVisible();
  await expect(visitor.getByText("Signaturen stämmer. Status: giltigt")).toBeVisible();
  await expect(visitor.getByText("Olivia Openbadge", { exact: true })).toBeVisible();
  await expect(visitor.getByText("Högsby kommun", { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(visitor);

  // One changed letter in the name, and the signature no longer holds.
  const tampered = testInfo.outputPath("andrat-intyg.json");
  fs.writeFileSync(tampered, fs.readFileSync(file, "utf8").replace("Olivia Openbadge", "Olivia Openbadgf"));
  await visitor.getByLabel("Fil med digitalt intyg").setInputFiles(tampered);
  await visitor.getByRole("button", { name: "Granska filen" }).click();
  await expect(visitor.getByRole("heading", { name: "Intyget kunde inte bekräftas" })).toBeVisible();
  await expect(visitor.getByText(/^Signaturen stämmer inte\./)).toBeVisible();
  await expect(visitor.getByText("Olivia Openbadgf")).toHaveCount(0);

  // Not a credential at all: the form says so.
  const notJson = testInfo.outputPath("inte-ett-intyg.json");
  fs.writeFileSync(notJson, "hej");
  await visitor.getByLabel("Fil med digitalt intyg").setInputFiles(notJson);
  await visitor.getByRole("button", { name: "Granska filen" }).click();
  await expect(visitor.getByRole("alert")).toContainText("Filen är inte ett digitalt intyg");
  await expectNoAccessibilityViolations(visitor);
  await visitorContext.close();
});
