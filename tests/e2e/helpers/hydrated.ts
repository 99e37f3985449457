// SPDX-License-Identifier: EUPL-1.2
import type { Page } from "@playwright/test";

/**
 * Waits until React has taken over the server's page, so a click is handled by the app and not as
 * a plain page load. A test of what the page's script does (focus, announcements) waits for this:
 * on a busy machine a click can come before the script has run, and the form then posts without it.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))));
}
