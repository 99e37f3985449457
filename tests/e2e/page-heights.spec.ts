// SPDX-License-Identifier: EUPL-1.2
// Issue #20, finding 3: the dashboard and the public follow-up page, measured at 1280 and 375 px,
// with the chart tables closed (as a visitor finds them) and with every one opened (as the pages
// were when each chart was followed by its full table). The closed page is the shorter one.
import { expect, test, type Page } from "@playwright/test";

const HOGSBY_COORDINATOR = "samordnare.hogsby@demo.coachportalen.se";
const DEMO_PASSWORD = "demo-coach-2026";

async function heights(page: Page, path: string): Promise<{ closed: number; open: number; tables: number }> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const closed = await page.evaluate(() => document.documentElement.scrollHeight);
  const tables = await page.locator("details.chart-table").count();
  const open = await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
    return document.documentElement.scrollHeight;
  });
  return { closed, open, tables };
}

for (const width of [1280, 375]) {
  test(`the dashboard and the public follow-up page keep their tables closed at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const publicPage = await heights(page, "/uppfoljning/hogsby");
    await page.goto("/logga-in");
    await page.getByLabel("E-postadress").fill(HOGSBY_COORDINATOR);
    await page.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).not.toHaveURL(/\/logga-in/);
    const dashboard = await heights(page, "/samordnare");
    console.log(`page heights at ${width} px: /samordnare ${JSON.stringify(dashboard)}, /uppfoljning/hogsby ${JSON.stringify(publicPage)}`);
    // On paper there is no button to open a table: printed, the tables are open and their buttons gone.
    expect(dashboard.tables + publicPage.tables, "no chart table to print").toBeGreaterThan(0);
    if (dashboard.tables === 0) await page.goto("/uppfoljning/hogsby");
    else await page.reload();
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("details.chart-table table").first()).toBeVisible();
    await expect(page.locator("details.chart-table summary").first()).toBeHidden();
    await page.emulateMedia({ media: "screen" });
    for (const measured of [dashboard, publicPage]) {
      if (measured.tables > 0) expect(measured.closed).toBeLessThan(measured.open);
    }
  });
}
