// SPDX-License-Identifier: EUPL-1.2
// The main menu (issue #20): the coordinator's in groups, one row at 1280 px; one "Meny" button on a
// phone, which opens with and without JavaScript; school staff find their own course.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { mainMenu, menuLink } from "./helpers/menu";

const PASSWORD = "demo-coach-2026";
const COORDINATOR = "samordnare.monsteras@demo.coachportalen.se";
const SCHOOL_STAFF = "skola.hogsby@demo.coachportalen.se";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };

const COORDINATOR_LINKS = [
  "Översikt",
  "Alla personer",
  "Inbjudningar",
  "Tidigare utbildning",
  "Träffar",
  "Uppföljning för invånarna",
  "Medborgarlöfte",
  "Materialanvändning",
  "Granskning",
  "Lokal text i utbildningen",
  "Material",
  "Kommunens profil",
  "Kontaktkort",
  "Påminnelser",
];

async function signIn(page: Page, email: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).last().click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

/** The tops of the menu's top-level entries, rounded: one distinct value is one row. */
async function rowsOf(menu: Locator): Promise<number> {
  const tops = await menu.locator(":scope > ul > li").evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(0);
  return new Set(tops).size;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/**
 * Tab (or Shift+Tab) until `target` has focus. After a page change focus is on the new page's h1,
 * below the menu, so a menu item is reached going back, as a keyboard user would.
 */
async function tabTo(page: Page, target: Locator) {
  const before = await target.evaluate((el) => {
    const active = document.activeElement;
    return !!active && active !== document.body && !!(el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  for (let i = 0; i < 80; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(before ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test.describe("at 1280 px", () => {
  test.use({ viewport: DESKTOP });

  test("the coordinator's menu is one row of groups, marks the current page and its group, and closes on Escape", async ({ page }) => {
    await signIn(page, COORDINATOR);
    const menu = mainMenu(page);
    await expect(menu).toHaveAccessibleName("Huvudmeny");
    expect(await rowsOf(menu)).toBe(1);
    await expect(menu.locator(":scope > ul > li")).toHaveCount(6);

    await (await menuLink(page, "Alla personer")).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Personer i / })).toBeVisible();
    const people = menu.locator("summary", { hasText: "Personer" });
    await expect(people).toHaveAttribute("aria-current", "true");
    await expect(menu.locator("summary", { hasText: "Uppföljning" })).not.toHaveAttribute("aria-current");
    // The followed link's group closed with the new page.
    await expect(menu.getByRole("link", { name: "Alla personer", exact: true })).toBeHidden();

    await people.click();
    await expect(menu.getByRole("link", { name: "Alla personer", exact: true })).toHaveAttribute("aria-current", "page");
    // Opening another group closes the first; Escape closes it and gives focus back to its button.
    const settings = menu.locator("summary", { hasText: "Inställningar" });
    await settings.click();
    await expect(menu.getByRole("link", { name: "Kontaktkort" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Alla personer", exact: true })).toBeHidden();
    await menu.getByRole("link", { name: "Kontaktkort" }).focus();
    await page.keyboard.press("Escape");
    await expect(menu.getByRole("link", { name: "Kontaktkort" })).toBeHidden();
    expect(await isFocused(settings)).toBe(true);
    await expectNoAccessibilityViolations(page);
  });

  test("every page of the coordinator's menu is reached by keyboard alone", async ({ page }) => {
    // Fourteen pages, each reached with the keyboard from where focus is: slow machines need the room.
    test.setTimeout(150_000);
    await signIn(page, COORDINATOR);
    for (const name of COORDINATOR_LINKS) {
      const link = await menuLink(page, name, async (summary) => {
        await tabTo(page, summary);
        await page.keyboard.press("Enter");
      });
      await tabTo(page, link);
      const href = await link.getAttribute("href");
      await page.keyboard.press("Enter");
      await expect(page, name).toHaveURL(new RegExp(`${href}$`));
    }
  });

  test("school staff land on their course and have it in the menu", async ({ page }) => {
    await signIn(page, SCHOOL_STAFF);
    await expect(page).toHaveURL("/utbildning");
    const menu = mainMenu(page);
    await expect(menu.getByRole("link")).toHaveText(["Min utbildning", "Mina intyg", "Material", "Lokalt hos oss"]);
    await page.goto("/material");
    await menu.getByRole("link", { name: "Min utbildning" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Min utbildning" })).toBeVisible();
    await expect(page.getByText("ANDTS i skolan").first()).toBeVisible();
  });

  test("the admin's menu fits on one row", async ({ page }) => {
    await signIn(page, "admin@demo.coachportalen.se");
    expect(await rowsOf(mainMenu(page))).toBe(1);
  });
});

test.describe("on a 375 px phone", () => {
  test.use({ viewport: PHONE });

  test("the menu is one button that opens every link, by keyboard too", async ({ page }) => {
    await signIn(page, COORDINATOR);
    const menu = mainMenu(page);
    await expect(menu).toHaveAccessibleName("Huvudmeny för mobil");
    const button = menu.locator("summary");
    await expect(button).toHaveCount(1);
    await expect(button).toHaveText("Meny");
    expect((await button.boundingBox())!.height).toBeLessThan(60);
    await expect(menu.getByRole("link")).toHaveCount(0);

    await tabTo(page, button);
    await page.keyboard.press("Enter");
    await expect(menu.getByRole("link")).toHaveText(COORDINATOR_LINKS);
    for (const name of COORDINATOR_LINKS) await tabTo(page, menu.getByRole("link", { name, exact: true }));
    await expectNoAccessibilityViolations(page);

    await menu.getByRole("link", { name: "Kontaktkort" }).click();
    await expect(page).toHaveURL("/samordnare/kontakter");
    await expect(menu.getByRole("link")).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the phone menu and the groups still open, and their links lead on", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signIn(page, COORDINATOR);
    const phone = mainMenu(page);
    await expect(phone).toHaveAccessibleName("Huvudmeny för mobil");
    await phone.locator("summary", { hasText: "Meny" }).click();
    await phone.getByRole("link", { name: "Tidigare utbildning" }).click();
    await expect(page).toHaveURL("/samordnare/tidigare-utbildning");

    await page.setViewportSize(DESKTOP);
    await (await menuLink(page, "Medborgarlöfte")).click();
    await expect(page).toHaveURL(/\/samordnare\/loften/);
  });
});
