// SPDX-License-Identifier: EUPL-1.2
// Issue #20, finding 3 and 4: the dashboard was 4,500 px long, the public follow-up page 5,500 px
// (7,400 px on a phone) and a person's page 4,900 px, on a demo with two coaches. Measured here on
// today's fuller demo (28 coaches a municipality, filled charts), as seeded: this spec runs before
// the others publish into the demo (playwright.config.ts, project "demo-as-seeded").
// The ceilings are the reported lengths: a page that grows back past them fails.
// Measured on 2026-12-07 with Debian's Chromium: /uppfoljning/hogsby 4,474 px at 1280 and 6,687 at
// 375 (6,315 and 9,606 before this change), /samordnare 3,380 and 5,001 (3,623 and 5,001), and a
// certified coach's page 2,301 and 3,465.
import { expect, test, type Page } from "@playwright/test";

const HOGSBY_COORDINATOR = "samordnare.hogsby@demo.coachportalen.se";
const DEMO_PASSWORD = "demo-coach-2026";

// The issue gave the dashboard's and the person page's lengths at 1280 px only; on a phone they may
// be longer, but not longer than the public page was reported there.
const CEILING = {
  followup: { 1280: 5_500, 375: 7_400 },
  dashboard: { 1280: 4_500, 375: 7_400 },
  person: { 1280: 4_900, 375: 7_400 },
} as const;

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

for (const width of [1280, 375] as const) {
  test(`the dashboard, the public follow-up page and a person's page stay within their lengths at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    const publicPage = await heights(page, "/uppfoljning/hogsby");
    await page.goto("/logga-in");
    await page.getByLabel("E-postadress").fill(HOGSBY_COORDINATOR);
    await page.getByLabel("Lösenord", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).not.toHaveURL(/\/logga-in/);
    const dashboard = await heights(page, "/samordnare");
    // The person with the most of a record: the first certified coach in the list.
    await page.goto("/samordnare/coacher?status=certified");
    const people = await page.getByRole("main").locator('a[href^="/samordnare/coacher/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const first = people.find((href) => /^\/samordnare\/coacher\/[a-z0-9]{20,}$/.test(href));
    expect(first, "a certified coach in the demo").toBeDefined();
    await page.goto(first!);
    await expect(page.getByRole("heading", { level: 2, name: "Översikt" })).toBeVisible();
    const person = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`page heights at ${width} px: /samordnare ${JSON.stringify(dashboard)}, /uppfoljning/hogsby ${JSON.stringify(publicPage)}, a person ${person}`);
    expect.soft(publicPage.closed, "the public follow-up page").toBeLessThanOrEqual(CEILING.followup[width]);
    expect.soft(dashboard.closed, "the dashboard").toBeLessThanOrEqual(CEILING.dashboard[width]);
    expect.soft(person, "a person's page").toBeLessThanOrEqual(CEILING.person[width]);

    // On paper there is no button to open a table: printed, the tables are open and their buttons gone.
    expect(dashboard.tables + publicPage.tables, "no chart table to print").toBeGreaterThan(0);
    await page.goto("/uppfoljning/hogsby");
    await page.emulateMedia({ media: "print" });
    await expect(page.locator("details.chart-table table").first()).toBeVisible();
    await expect(page.locator("details.chart-table summary").first()).toBeHidden();
    await page.emulateMedia({ media: "screen" });
    for (const measured of [dashboard, publicPage]) {
      if (measured.tables > 0) expect(measured.closed).toBeLessThan(measured.open);
    }
  });
}
