// SPDX-License-Identifier: EUPL-1.2
// WCAG 2.1 1.4.10 (reflow) and 1.4.4 (resize text) for the charts: at 320 CSS pixels, at 200 %
// browser zoom on a 640 pixel window, and with the text alone made twice as large, no two
// pieces of a chart's text may overlap, none may stick out of the chart, and the page may not
// scroll sideways. The audit found "Coacher under utbildning" written over "färre än 5".
import { expect, test, type Page } from "@playwright/test";
import { createUser } from "./helpers/db";

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
  {
    name: "200 % zoom i ett 640 pixlar brett fönster",
    viewport: { width: 320, height: 800 },
    zoom: 2,
  },
  {
    name: "dubbelt så stor text i ett 640 pixlar brett fönster",
    viewport: { width: 640, height: 900 },
    textScale: 2,
  },
  {
    name: "dubbelt så stor text på en dator",
    viewport: { width: 1280, height: 900 },
    textScale: 2,
  },
  { name: "en dator", viewport: { width: 1280, height: 900 } },
];

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Every chart on the page (a picture with role img and a name), with the boxes of each piece of
 * visible text in it, and what overlaps or sticks out. A line of text that wraps has a box per line.
 */
async function chartProblems(page: Page, chartName: RegExp) {
  const charts = page.getByRole("img", { name: chartName });
  const count = await charts.count();
  const found: Array<{ name: string; texts: number; problems: string[] }> = [];
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    const name = (await chart.getAttribute("aria-labelledby")) ?? `chart ${i}`;
    const { boxes, frame } = await chart.evaluate((root) => {
      const boxes: Box[] = [];
      const seen = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? "";
        const parent = node.parentElement;
        if (!text || !parent) continue;
        if (parent.closest("title, desc, defs")) continue;
        // SVG text is measured as a whole <text>; HTML text per line box, so wrapped lines are not one big box.
        const svgText = parent.closest("text");
        let rects: DOMRect[];
        if (svgText) {
          if (seen.has(svgText)) continue;
          seen.add(svgText);
          rects = [svgText.getBoundingClientRect()];
        } else {
          const range = document.createRange();
          range.selectNodeContents(node);
          rects = [...range.getClientRects()];
        }
        for (const r of rects) {
          if (r.width === 0 || r.height === 0) continue;
          boxes.push({
            text: (svgText?.textContent ?? text).trim(),
            left: r.left,
            top: r.top,
            right: r.right,
            bottom: r.bottom,
          });
        }
      }
      const f = root.getBoundingClientRect();
      return {
        boxes,
        frame: {
          text: "",
          left: f.left,
          top: f.top,
          right: f.right,
          bottom: f.bottom,
        },
      };
    });
    const problems: string[] = [];
    // Half a pixel: glyph boxes of neighbouring lines may touch.
    const slack = 0.5;
    for (const box of boxes) {
      if (box.left < frame.left - slack || box.right > frame.right + slack || box.top < frame.top - slack || box.bottom > frame.bottom + slack) {
        problems.push(`”${box.text}” sticks out of the chart`);
      }
    }
    for (let a = 0; a < boxes.length; a++) {
      for (let b = a + 1; b < boxes.length; b++) {
        const p = boxes[a]!;
        const q = boxes[b]!;
        const overlaps = Math.min(p.right, q.right) - Math.max(p.left, q.left) > slack && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > slack;
        if (overlaps) problems.push(`”${p.text}” overlaps ”${q.text}”`);
      }
    }
    found.push({ name, texts: boxes.length, problems });
  }
  return found;
}

async function expectChartsReflow(page: Page, url: string, chartName: RegExp, charts: number) {
  for (const setting of SETTINGS) {
    await test.step(setting.name, async () => {
      const context = await page
        .context()
        .browser()!
        .newContext({
          viewport: setting.viewport,
          deviceScaleFactor: setting.zoom ?? 1,
          storageState: await page.context().storageState(),
          locale: "sv-SE",
          timezoneId: "Europe/Stockholm",
        });
      const view = await context.newPage();
      try {
        await view.goto(url);
        if (setting.textScale) {
          // What a reader's own text size setting does: everything sized in rem and em grows.
          await view.evaluate((scale) => (document.documentElement.style.fontSize = `${scale * 100}%`), setting.textScale);
        }
        await expect(view.getByRole("img", { name: chartName })).toHaveCount(charts);
        const found = await chartProblems(view, chartName);
        for (const chart of found) {
          expect(chart.texts, `${chart.name}: the chart has text to check`).toBeGreaterThan(0);
          expect(chart.problems, `${chart.name} at ${setting.name}`).toEqual([]);
        }
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
    await expectChartsReflow(page, `/uppfoljning/${kommun}`, /per kvartal/, 3);
  });
}

test("a published report's charts keep their text apart at 320 px and at 200 % text", async ({ page }) => {
  await page.goto("/uppfoljning/monsteras");
  await page.getByRole("link", { name: "Uppföljning 2 2025 (exempel)" }).click();
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: "Uppföljning 2 2025 (exempel)",
    })
  ).toBeVisible();
  await expectChartsReflow(page, page.url(), /per kvartal/, 3);
});

test("the coordinator's charts keep their text apart at 320 px and at 200 % text", async ({ page }) => {
  const coordinator = await createUser({
    role: "coordinator",
    municipality: "hogsby",
    name: "Rut Reflow",
  });
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(coordinator.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(coordinator.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  const charts = /Påbörjat, läst och klarat per modul|Utfärdade intyg per månad/;
  await page.goto("/samordnare");
  // The demo's coaches have started, so the funnel is drawn; the months chart only after a certificate in the last year.
  await expect(page.getByRole("img", { name: /Påbörjat, läst och klarat per modul/ })).toBeVisible();
  await expectChartsReflow(page, "/samordnare", charts, await page.getByRole("img", { name: charts }).count());
});
