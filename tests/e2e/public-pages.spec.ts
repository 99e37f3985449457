// SPDX-License-Identifier: EUPL-1.2
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { createUser } from "./helpers/db";

const PUBLIC_PAGES = [
  { path: "/", h1: "Coachportalen", title: "Utbildning för ANDTS-coacher – Coachportalen" },
  { path: "/tillganglighet", h1: "Tillgänglighetsredogörelse", title: "Tillgänglighetsredogörelse – Coachportalen" },
  { path: "/personuppgifter", h1: "Så behandlar vi personuppgifter", title: "Så behandlar vi personuppgifter – Coachportalen" },
];

async function expectSectionHeadings(page: Page, names: Array<string | RegExp>) {
  for (const name of names) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
}

test("the footer on the landing page links to the accessibility statement and the privacy notice", async ({ page }) => {
  await page.goto("/");
  const footer = page.getByRole("contentinfo");
  await footer.getByRole("link", { name: "Tillgänglighetsredogörelse" }).click();
  await expect(page).toHaveURL("/tillganglighet");
  await expect(page.getByRole("heading", { level: 1, name: "Tillgänglighetsredogörelse" })).toBeVisible();

  await page.goto("/");
  await footer.getByRole("link", { name: "Så behandlar vi personuppgifter" }).click();
  await expect(page).toHaveURL("/personuppgifter");
  await expect(page.getByRole("heading", { level: 1, name: "Så behandlar vi personuppgifter" })).toBeVisible();
});

for (const { path, h1, title } of PUBLIC_PAGES) {
  test(`${path} has one h1, a Swedish title and no accessibility violations`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(title);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h1);
    await expectNoAccessibilityViolations(page);
  });

  test(`${path} fits a 360 px wide screen without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
}

test("the accessibility statement has every part the law asks for", async ({ page }) => {
  await page.goto("/tillganglighet");
  await expectSectionHeadings(page, [
    "Vem ansvarar för tjänsten?",
    "Hur tillgänglig är Coachportalen?",
    "Kända brister",
    "Så har vi bedömt tjänsten",
    "Rapportera ett problem",
    "Om du inte är nöjd",
    "Lagen och kraven",
    "Om den här redogörelsen",
  ]);
  const main = page.getByRole("main");
  await expect(main).toContainText("Högsby kommun ansvarar");
  await expect(main).toContainText("Mönsterås kommun ansvarar");
  await expect(main).toContainText("delvis förenlig");
  await expect(main).toContainText("axe-core");
  await expect(main).toContainText("lag (2018:1937) om tillgänglighet till digital offentlig service");
  await expect(main).toContainText("EN 301 549");
  await expect(main).toContainText("WCAG 2.1 på nivå AA");
  await expect(main).toContainText("Redogörelsen skrevs den 25 november 2026");
  await expect(main).toContainText("uppdaterades senast den 25 november 2026");
  await expect(main.getByRole("link", { name: /anmäl bristande tillgänglighet hos Digg/ })).toHaveAttribute(
    "href",
    "https://www.digg.se/tdosanmalan",
  );
});

test("the privacy notice names who is responsible, the legal basis, retention, rights and the one cookie", async ({ page }) => {
  await page.goto("/personuppgifter");
  await expectSectionHeadings(page, [
    "Vem ansvarar för dina uppgifter?",
    "Vilka uppgifter sparas?",
    "Varför får kommunen behandla uppgifterna?",
    "Vem kan se uppgifterna?",
    "Uppföljningen för invånarna",
    "Hur länge sparas uppgifterna?",
    "Dina rättigheter",
    "Om du vill klaga",
    "Kakor (cookies)",
  ]);
  const main = page.getByRole("main");
  await expect(main).toContainText("artikel 6.1 e");
  await expect(main).toContainText("arkivlagen (1990:782)");
  await expect(main).toContainText("30 dagar");
  await expect(main).toContainText("90 dagar");
  await expect(main).toContainText("färre än 5");
  await expect(main).toContainText("__session");
  await expect(main.getByRole("link", { name: "Mitt konto" })).toHaveAttribute("href", "/konto");
  await expect(main.getByRole("link", { name: "imy.se" })).toHaveAttribute("href", "https://www.imy.se");
});

test("an anonymous visitor on the landing page is offered to sign in, school material and each municipality's follow-up", async ({
  page,
}) => {
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Logga in" })).toHaveAttribute("href", "/logga-in");
  await expect(main.getByRole("link", { name: "Material för skolan" })).toHaveAttribute("href", "/material");
  await expect(main.getByRole("link", { name: "Uppföljning för Högsby kommun" })).toHaveAttribute("href", "/uppfoljning/hogsby");
  await expect(main.getByRole("link", { name: "Uppföljning för Mönsterås kommun" })).toHaveAttribute("href", "/uppfoljning/monsteras");
  await expect(main).toContainText("Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025");
  await expect(main).toContainText("18 december 2023");
  await expect(main.getByRole("link", { name: /verifiera/i })).toHaveCount(0);
});

test("a signed-in coach sees a link to their own start page instead of signing in", async ({ page }) => {
  const coach = await createUser({ role: "coach" });
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(coach.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(coach.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL("/utbildning");

  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Gå till din startsida" })).toHaveAttribute("href", "/utbildning");
  await expect(page.getByRole("link", { name: "Logga in" })).toHaveCount(0);
});

test("the public pages work with the keyboard alone: skip link first, footer links reachable", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Hoppa till innehållet" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();

  const statementLink = page.getByRole("contentinfo").getByRole("link", { name: "Tillgänglighetsredogörelse" });
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press("Tab");
    if (await statementLink.evaluate((link) => link === document.activeElement)) break;
  }
  await expect(statementLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/tillganglighet");
});
