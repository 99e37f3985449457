// SPDX-License-Identifier: EUPL-1.2
// The main menu as a user reaches it: a link in a group (or, on a phone, behind the "Meny" button)
// is hidden until its <details> is opened, so every spec finds menu links through here.
import type { Locator, Page } from "@playwright/test";

/** The main menu shown at the page's width (the wide row or the phone menu; the other is hidden). */
export function mainMenu(page: Page): Locator {
  return page.getByRole("navigation", { name: /^Huvudmeny/ });
}

/**
 * The menu link with exactly this text, after opening the groups around it, outermost first.
 * `open` presses a group's summary: a click unless the test goes by keyboard.
 */
export async function menuLink(page: Page, name: string, open: (summary: Locator) => Promise<void> = (s) => s.click()): Promise<Locator> {
  const menu = mainMenu(page);
  const link = menu.getByRole("link", { name, exact: true, includeHidden: true });
  await link.waitFor({ state: "attached" });
  const groups = menu.locator("details").filter({ has: page.getByRole("link", { name, exact: true, includeHidden: true }) });
  for (let i = 0; i < (await groups.count()); i++) {
    const group = groups.nth(i);
    if (!(await group.evaluate((d) => (d as HTMLDetailsElement).open))) await open(group.locator(":scope > summary"));
  }
  return menu.getByRole("link", { name, exact: true });
}

/** Follows a main-menu link with the mouse. */
export async function clickMenuLink(page: Page, name: string): Promise<void> {
  await (await menuLink(page, name)).click();
}
