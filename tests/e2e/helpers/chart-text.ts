// SPDX-License-Identifier: EUPL-1.2
// Chart legibility as the audit of issue #21 measured it: the boxes of every piece of text a
// chart draws, and which of them overlap or stick out of the chart (WCAG 1.4.10, 1.4.4). Works
// on SVG <text> and on HTML text, so it says the same about the old charts and the new ones.
import { expect, type Page } from "@playwright/test";

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface ChartText {
  /** The ids the chart is labelled by: which chart it is. */
  chart: string;
  /** How many boxes of text were measured, so a chart with no text cannot pass unseen. */
  texts: number;
  problems: string[];
}

/** Every chart (role img) named by `name`, each with what overlaps or sticks out. A wrapped line has a box per line. */
export async function chartTextProblems(page: Page, name: RegExp = /./): Promise<ChartText[]> {
  const charts = page.getByRole("img", { name });
  const found: ChartText[] = [];
  for (let i = 0; i < (await charts.count()); i++) {
    const chart = charts.nth(i);
    const id = (await chart.getAttribute("aria-labelledby")) ?? `chart ${i}`;
    const { boxes, frame } = await chart.evaluate((root) => {
      const boxes: Box[] = [];
      const seen = new Set<Element>();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? "";
        const parent = node.parentElement;
        if (!text || !parent || parent.closest("title, desc, defs")) continue;
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
          boxes.push({ text: (svgText?.textContent ?? text).trim(), left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        }
      }
      const f = root.getBoundingClientRect();
      return { boxes, frame: { text: "", left: f.left, top: f.top, right: f.right, bottom: f.bottom } };
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
    found.push({ chart: id, texts: boxes.length, problems });
  }
  return found;
}

/** Fails on any chart on the page whose text overlaps or sticks out, naming the chart and the texts. */
export async function expectChartTextApart(page: Page, name: RegExp = /./, where = page.url()) {
  for (const chart of await chartTextProblems(page, name)) {
    expect(chart.texts, `${chart.chart}: the chart has text to measure`).toBeGreaterThan(0);
    expect(chart.problems, `${chart.chart} at ${where}`).toEqual([]);
  }
}
