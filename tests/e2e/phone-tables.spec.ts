// SPDX-License-Identifier: EUPL-1.2
// Tables on a 375 px phone (issue #20, finding 5): the coach list, the import preview and the
// audit log show each row as a card, with no sideways scrolling, no column so narrow that an
// address breaks a letter a line, and the import preview's comments whole.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createUser, E2E_PASSWORD, type E2EUser } from "./helpers/db";

test.use({ viewport: { width: 375, height: 800 } });

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

/** What is wrong with a table on this phone, as sentences; none when it reads well. */
async function phoneProblems(page: Page, table: Locator): Promise<string[]> {
  await expect(table).toBeVisible();
  const pageScroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const problems = await table.evaluate((element) => {
    const found: string[] = [];
    const wrap = element.closest(".table-wrap")!;
    if (wrap.scrollWidth > wrap.clientWidth + 1) found.push(`the table's box scrolls sideways: ${wrap.scrollWidth} > ${wrap.clientWidth}`);
    const rows = [...element.querySelectorAll("tbody > tr")];
    if (rows.length === 0) found.push("no rows");
    for (const row of rows) {
      if (getComputedStyle(row).display !== "block") found.push(`a row is shown as ${getComputedStyle(row).display}, not as a card`);
      for (const cell of row.querySelectorAll<HTMLElement>(":scope > th, :scope > td")) {
        const probe = document.createElement("span");
        probe.textContent = "0000";
        probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
        cell.appendChild(probe);
        const fourCharacters = probe.getBoundingClientRect().width;
        probe.remove();
        const width = cell.getBoundingClientRect().width;
        if (width < fourCharacters) found.push(`a cell is ${Math.round(width)} px wide, narrower than four characters: "${cell.innerText.slice(0, 30)}"`);
        if (cell.getBoundingClientRect().right > window.innerWidth + 1) found.push(`a cell runs past the screen: "${cell.innerText.slice(0, 30)}"`);
        if (cell.scrollWidth > cell.clientWidth + 1) found.push(`a cell's text is cut off: "${cell.innerText.slice(0, 30)}"`);
        const label = cell.getAttribute("data-label");
        if (label && !getComputedStyle(cell, "::before").content.includes(label)) found.push(`the cell labelled ${label} does not show its label`);
      }
      for (const address of row.querySelectorAll<HTMLElement>("span, td")) {
        if (!/^\S+@\S+$/.test(address.innerText.trim())) continue;
        const lineHeight = parseFloat(getComputedStyle(address).lineHeight) || 20;
        const lines = Math.round(address.getBoundingClientRect().height / lineHeight);
        // A long address may wrap, but only where the card ends: at least ten characters a line.
        if (address.innerText.trim().length / lines < 10) found.push(`the address ${address.innerText} takes ${lines} lines`);
      }
    }
    return found;
  });
  return pageScroll > 0 ? [`the page scrolls sideways by ${pageScroll} px`, ...problems] : problems;
}

test("the coach list, the import preview and the audit log read as cards on a 375 px phone", async ({ page }) => {
  const coordinator = await createUser({ role: "coordinator", name: "Sam Samordnare" });
  const coaches = [await createUser({ role: "coach", name: "Tove Tidigare" }), await createUser({ role: "coach", name: "Karl-Johan Långnamnsson Wikström" })];
  await signIn(page, coordinator);

  await page.goto("/samordnare/coacher");
  const list = page.getByRole("table", { name: /^Personer i/ });
  expect(await phoneProblems(page, list)).toEqual([]);
  await expect(list.getByRole("row").filter({ hasText: coaches[1]!.email })).toBeVisible();

  await page.goto("/samordnare/tidigare-utbildning");
  const csv = `\uFEFFe-post;namn;datum;moment\n${coaches[0]!.email};Tove Tidigare;2024-10-15;alla\n${coaches[1]!.email};Karl-Johan;31/13/2024;utbildningsdag-1\n`;
  await page.getByLabel("Fil att importera").setInputFiles({ name: "tidigare.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const preview = page.getByRole("table", { name: /^Förhandsgranskning/ });
  await expect(preview).toContainText('datumet "31/13/2024" är inte ett datum');
  expect(await phoneProblems(page, preview)).toEqual([]);

  const admin = await createUser({ role: "admin", name: "Ada Admin" });
  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto("/admin/logg");
  const log = page.getByRole("table", { name: /^Händelser i loggen/ });
  expect(await phoneProblems(page, log)).toEqual([]);
});

test("on a wide screen the same tables stay tables", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const coordinator = await createUser({ role: "coordinator" });
  await createUser({ role: "coach" });
  await signIn(page, coordinator);
  await page.goto("/samordnare/coacher");
  const row = page.getByRole("table", { name: /^Personer i/ }).locator("tbody > tr").first();
  await expect(row).toHaveCSS("display", "table-row");
});
