// SPDX-License-Identifier: EUPL-1.2
import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { certifyCoach, createUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

const HOGSBY_COORDINATOR = "samordnare.hogsby@demo.coachportalen.se";
const DEMO_PASSWORD = "demo-coach-2026";

async function signIn(page: Page, email = HOGSBY_COORDINATOR) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

async function certifiedCoach(): Promise<{ name: string; code: string }> {
  const name = `Cecilia Certifierad ${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const coach = await createUser({ name });
  const { code } = await certifyCoach(coach.id);
  return { name, code };
}

test("the Högsby coordinator sees the figures and both charts with their data tables, also on a phone", async ({ page }) => {
  // A chart with nothing in it is a sentence ("Inga intyg har utfärdats …"): one certificate this month makes both charts.
  await certifiedCoach();
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Översikt för Högsby kommun" })).toBeVisible();
  const figures = page.getByRole("region", { name: "ANDTS-coacher i siffror" });
  for (const label of ["Aktiva konton", "Under utbildning", "Certifierade", "Intyget går ut inom 60 dagar", "Intyget har gått ut"]) {
    await expect(figures.getByText(label, { exact: true })).toBeVisible();
  }

  await expect(page.getByRole("img", { name: /Påbörjat, läst och klarat per modul/ })).toBeVisible();
  // Each chart's table is behind "Visa som tabell".
  await page.locator("summary", { hasText: "Visa som tabell: Påbörjat, läst och klarat per modul" }).click();
  const funnel = page.getByRole("table", { name: "Påbörjat, läst och klarat per modul" });
  await expect(funnel.getByRole("columnheader", { name: "Klarat testet" })).toBeVisible();
  await expect(funnel.getByRole("row").nth(1)).toBeVisible();

  await expect(page.getByRole("img", { name: /Utfärdade intyg per månad/ })).toBeVisible();
  await page.locator("summary", { hasText: "Visa som tabell: Utfärdade intyg per månad" }).click();
  const months = page.getByRole("table", { name: "Utfärdade intyg per månad, de senaste 12 månaderna" });
  await expect(months.getByRole("row")).toHaveCount(13);
  await expectNoAccessibilityViolations(page);

  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a certified coach shows as certified in the list filtered by status, and nothing of Mönsterås shows", async ({ page }) => {
  const coach = await certifiedCoach();
  await signIn(page);
  await clickMenuLink(page, "Alla personer");
  await expect(page.getByRole("heading", { level: 1, name: "Personer i Högsby kommun" })).toBeVisible();
  await expect(page.getByText("Maja Coach")).toHaveCount(0);

  await page.getByLabel("Status").selectOption({ label: "Certifierad" });
  await page.getByRole("button", { name: "Sök", exact: true }).click();
  await expect(page).toHaveURL(/status=certified/);
  const row = page.getByRole("row").filter({ hasText: coach.name });
  await expect(row).toContainText("Certifierad");
  await expect(row).toContainText(/Giltigt till och med \d+ \w+ \d{4}/);
  await expect(page.getByRole("link", { name: "Carl Coach" })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
});

test("a certified coach's page shows their lessons, test attempts and certificate", async ({ page }) => {
  const coach = await certifiedCoach();
  await signIn(page);
  await page.goto(`/samordnare/coacher?q=${encodeURIComponent(coach.name)}`);
  await page.getByRole("link", { name: coach.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: coach.name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Utbildning", exact: true })).toBeVisible();
  await expect(page.getByText("Certifierad", { exact: true })).toBeVisible();
  // Finished modules are folded on the person page (issue #20): the coordinator opens one.
  await page.getByRole("main").locator("details:not([open]) > summary").first().click();
  await expect(page.getByRole("table", { name: /^Lektioner i / }).first()).not.toContainText("Inte läst");
  await expect(page.getByRole("table", { name: /^Försök på kunskapstestet i / }).first()).toContainText("Ja");
  const certificate = page.getByRole("link", { name: `Intyg ${coach.code}` });
  await expect(certificate).toHaveAttribute("href", /^\/samordnare\/intyg\/[a-z0-9]+$/);
  await expectNoAccessibilityViolations(page);
});

test("the coordinator downloads the filtered list as Excel and as CSV", async ({ page }) => {
  const coach = await certifiedCoach();
  await signIn(page);
  await page.goto("/samordnare/coacher?status=certified");

  const xlsxLink = page.getByRole("link", { name: "Ladda ner Excel (XLSX)" });
  await expect(xlsxLink).toHaveAttribute("href", "/samordnare/export.xlsx?status=certified");
  const xlsx = await page.request.get((await xlsxLink.getAttribute("href"))!);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(xlsx.headers()["content-disposition"]).toMatch(/^attachment; filename="coacher-hogsby-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), xlsxLink.click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/^coacher-hogsby-\d{4}-\d{2}-\d{2}\.xlsx$/);

  const csvLink = page.getByRole("link", { name: "Ladda ner CSV" });
  const csv = await page.request.get((await csvLink.getAttribute("href"))!);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="coacher-hogsby-\d{4}-\d{2}-\d{2}\.csv"$/);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^coacher-hogsby-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await fs.readFile(await csvDownload.path())).toString("utf8");
  const [firstLine, ...rest] = text.split("\r\n");
  expect(firstLine!.startsWith("\uFEFFNamn;E-postadress;Roll;Skola;Status;")).toBe(true);
  expect(rest.find((line) => line.startsWith(`${coach.name};`))).toContain(`;Certifierad;`);
  expect(text).not.toContain("Maja Coach");
});
