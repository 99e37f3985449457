// SPDX-License-Identifier: EUPL-1.2
// Earlier training: a coordinator imports a file; a file with one bad row is refused with the
// row named and nothing saved, the corrected file imports, and the coach's page shows the credits.
import { expect, test, type Page } from "@playwright/test";
import { accessibilityViolations } from "./helpers/a11y";
import { createUser, E2E_PASSWORD, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

function csv(lines: string[]): Buffer {
  return Buffer.from(`\uFEFFe-post;namn;datum;moment\n${lines.join("\n")}\n`, "utf8");
}

async function upload(page: Page, buffer: Buffer) {
  await page.getByLabel("Fil att importera").setInputFiles({ name: "tidigare.csv", mimeType: "text/csv", buffer });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Förhandsgranskning" })).toBeVisible();
}

test("a coordinator imports earlier training: a bad row is named and refused, the corrected file imports", async ({ page }) => {
  const coach = await createUser({ role: "coach", name: "Tove Tidigare" });
  const other = await createUser({ role: "coach", name: "Olle Ordning" });
  const coordinator = await createUser({ role: "coordinator", name: "Sam Samordnare" });
  await signIn(page, coordinator);
  await clickMenuLink(page, "Tidigare utbildning");
  await expect(page.getByRole("heading", { level: 1, name: "Tidigare utbildning" })).toBeVisible();

  await upload(page, csv([`${coach.email};Tove Tidigare;2024-10-15;alla`, `${other.email};Olle Ordning;31/13/2024;utbildningsdag-1`]));
  const table = page.getByRole("table", { name: /^Förhandsgranskning/ });
  await expect(table).toContainText('Rad 3: datumet "31/13/2024" är inte ett datum (ÅÅÅÅ-MM-DD).');
  await expect(table.getByRole("row").filter({ hasText: coach.email })).toContainText("Ny");
  await expect(page.getByText("Ingenting kan importeras förrän filen är rättad.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Importera", exact: true })).toHaveCount(0);
  expect(await accessibilityViolations(page)).toEqual([]);

  await upload(page, csv([`${coach.email};Tove Tidigare;2024-10-15;alla`, `${other.email};Olle Ordning;2024-10-15;utbildningsdag-1`]));
  await expect(page.getByRole("table", { name: /^Förhandsgranskning/ })).toContainText("0 med fel");
  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Importen är klar");
  await expect(page.getByRole("status")).toContainText("för 2 personer");

  await page.goto(`/samordnare/coacher/${coach.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Tove Tidigare" })).toBeVisible();
  const prior = page.getByRole("region", { name: "Tidigare utbildning", exact: true });
  await expect(prior).toContainText("Registrerad av samordnare (Sam Samordnare)");
  await expect(prior).toContainText("2024-10-15");
  // Credited modules count as done on the person page as they would if taken online (issue #16).
  await expect(page.getByText(/\b(\d+) av \1 moduler/)).toBeVisible();

  // A mistaken credit is removed with a reason; without one the page says what is missing.
  const row = prior.getByRole("row").filter({ hasText: "Utbildningsdag 1" });
  await row.getByText("Ta bort", { exact: true }).click();
  await row.getByRole("button", { name: "Ta bort registreringen" }).click();
  await expect(page.getByText("Skriv varför registreringen tas bort", { exact: false })).toBeVisible();
  const again = page.getByRole("region", { name: "Tidigare utbildning", exact: true }).getByRole("row").filter({ hasText: "Utbildningsdag 1" });
  await again.getByLabel(/Varför tas .* bort\?/).fill("Hon gick aldrig den första dagen");
  await again.getByRole("button", { name: "Ta bort registreringen" }).click();
  await expect(page.getByRole("status")).toContainText("är borttagen ur den tidigare utbildningen");
  await expect(page.getByRole("region", { name: "Tidigare utbildning", exact: true }).getByRole("row").filter({ hasText: "Utbildningsdag 1" })).toHaveCount(0);
  expect(await accessibilityViolations(page)).toEqual([]);
});
