// SPDX-License-Identifier: EUPL-1.2
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.1 A and AA, as the Swedish law (DOS-lagen) requires. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Each axe-core violation on the page as one readable line: rule, help text and the elements. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export async function expectNoAccessibilityViolations(page: Page) {
  expect(await accessibilityViolations(page), `axe-core violations on ${page.url()}`).toEqual([]);
}
