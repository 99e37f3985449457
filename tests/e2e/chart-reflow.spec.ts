// SPDX-License-Identifier: EUPL-1.2
// WCAG 2.1 1.4.10 (reflow) and 1.4.4 (resize text) for the charts: at 320 CSS pixels, at 200 %
// browser zoom on a 640 pixel window, and with the text alone made twice as large, no two
// pieces of a chart's text may overlap, none may stick out of the chart, and the page may not
// scroll sideways. The audit of issue #21 found "Coacher under utbildning" written over "färre än 5".
import { expect, test, type Page } from "@playwright/test";
import { expectChartTextApart } from "./helpers/chart-text";
import { certifyCoach, createUser } from "./helpers/db";

interface Setting {
  name: string;
  viewport: { width: number; height: number };
  /** Browser zoom: CSS pixels are this many device pixels. */
  zoom?: number;
  /** The reader's text size setting, as a multiple of the browser's default. */
  textScale?: number;
}

const SETTINGS: Setting[] = [
  { name: "320 CSS-pixlar", viewport: { width: 320, height: 800 } },
  { name: "200 % zoom i ett 640 pixlar brett fönster", viewport: { width: 320, height: 800 }, zoom: 2 },
  { name: "dubbelt så stor text i ett 640 pixlar brett fönster", viewport: { width: 640, height: 900 }, textScale: 2 },
  { name: "dubbelt så stor text på en dator", viewport: { width: 1280, height: 900 }, textScale: 2 },
  { name: "en dator", viewport: { width: 1280, height: 900 } },
];

/**
 * Opens `url` in each setting, in a browser signed in as `page` is, and measures the charts named `chartName`.
 * Without `charts`, every chart the page draws: a chart with nothing in it is a sentence instead
 * ("Inga … ännu"), so how many are drawn follows the data. Each drawn chart has its table.
 */
async function expectChartsReflow(page: Page, url: string, chartName: RegExp, charts?: number) {
  const storageState = await page.context().storageState();
  for (const setting of SETTINGS) {
    await test.step(setting.name, async () => {
      const context = await page.context().browser()!.newContext({
        viewport: setting.viewport,
        deviceScaleFactor: setting.zoom ?? 1,
        storageState,
        locale: "sv-SE",
        timezoneId: "Europe/Stockholm",
      });
      try {
        const view = await context.newPage();
        await view.goto(url);
        if (setting.textScale) {
          // What a reader's own text size setting does: everything sized in rem and em grows.
          await view.evaluate((scale) => (document.documentElement.style.fontSize = `${scale * 100}%`), setting.textScale);
        }
        const drawn = charts ?? (await view.locator("details.chart-table").count());
        expect(drawn, "no chart is drawn on the page").toBeGreaterThan(0);
        await expect(view.getByRole("img", { name: chartName })).toHaveCount(drawn);
        await expectChartTextApart(view, chartName, setting.name);
        const overflow = await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `the page scrolls sideways at ${setting.name}`).toBeLessThanOrEqual(0);
      } finally {
        await context.close();
      }
    });
  }
}

// Five page loads in as many browser settings each.
test.slow();

for (const kommun of ["monsteras", "hogsby"]) {
  test(`the public follow-up charts for ${kommun} keep their text apart at 320 px and at 200 % text`, async ({ page }) => {
    await expectChartsReflow(page, `/uppfoljning/${kommun}`, /per kvartal/);
  });
}

test("a published report's charts keep their text apart at 320 px and at 200 % text", async ({ page }) => {
  await page.goto("/uppfoljning/monsteras");
  await page.getByRole("link", { name: "Uppföljning 2 2025 (exempel)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning 2 2025 (exempel)" })).toBeVisible();
  await expectChartsReflow(page, page.url(), /per kvartal/);
});

test("the coordinator's charts keep their text apart at 320 px and at 200 % text", async ({ page }) => {
  // A certificate this month draws the months chart beside the funnel.
  await certifyCoach((await createUser({ municipality: "hogsby", name: "Rut Reflow" })).id);
  const coordinator = await createUser({ role: "coordinator", municipality: "hogsby", name: "Sam Reflow" });
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(coordinator.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(coordinator.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  await expectChartsReflow(page, "/samordnare", /Påbörjat, läst och klarat per modul|Utfärdade intyg per månad/, 2);
});
