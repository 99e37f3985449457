// SPDX-License-Identifier: EUPL-1.2
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { expectNoAccessibilityViolations } from "./helpers/a11y";

/** How many public materials in content/ are about tobacco for åk 7–9: the filter must show exactly these. */
const publicTobaccoFor79 = fs
  .readdirSync("content/materials")
  .filter((name) => name.endsWith(".md"))
  .map((name) => parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(`content/materials/${name}`, "utf8"))![1]!) as { topics: string[]; audience: string[]; visibility: string })
  .filter((m) => m.visibility === "public" && m.topics.includes("tobak") && m.audience.includes("7-9")).length;

const LESSON_TITLE = "Lektion om vitt snus för åk 7–9";
const STAFF_TITLE = "När du är orolig för en elev";

/** Signs in on the sign-in page, or on the one the browser was just sent to. */
async function signIn(page: Page, email: string, password: string) {
  if (!new URL(page.url()).pathname.startsWith("/logga-in")) await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

const results = (page: Page) => page.getByRole("region", { name: "Material" }).getByRole("listitem");

test.describe("a teacher without an account", () => {
  test("finds the snus lesson for åk 7–9 by filtering, and shares the filtered list as a link", async ({ page }) => {
    await page.goto("/material");
    await expect(page.getByRole("heading", { level: 1, name: "Material för förebyggande arbete" })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("group", { name: "Ämne" }).getByLabel("Tobak och nikotin").check();
    await expect(page).toHaveURL(/amne=tobak/);
    await page.getByRole("group", { name: "Målgrupp" }).getByLabel("Åk 7–9").check();
    await expect(page).toHaveURL(/malgrupp=7-9/);
    await expect(page.getByRole("main").getByRole("status")).toContainText(`Visar ${publicTobaccoFor79} material`);
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();

    // The same address shows the same list to a colleague.
    const shared = page.url();
    await page.goto("/material");
    await page.goto(shared);
    await expect(page.getByRole("group", { name: "Ämne" }).getByLabel("Tobak och nikotin")).toBeChecked();
    await expect(results(page)).toHaveCount(publicTobaccoFor79);
  });

  test("finds the lesson by searching, opens it and prints it", async ({ page }) => {
    await page.goto("/material");
    await page.getByLabel("Sök i materialet").fill("snus");
    await page.getByRole("button", { name: "Visa material" }).click();
    await expect(page).toHaveURL(/q=snus/);
    await results(page).getByRole("link", { name: LESSON_TITLE }).click();

    await expect(page.getByRole("heading", { level: 1, name: LESSON_TITLE })).toBeVisible();
    await expect(page.getByRole("link", { name: "Arbetsblad till eleverna" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const print = page.getByRole("button", { name: "Skriv ut" });
    await expect(print).toBeVisible();

    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeHidden();
    await expect(print).toBeHidden();
    await expect(page.getByRole("link", { name: "Alla material" })).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: LESSON_TITLE })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Genomförande" })).toBeVisible();
    await expect(page.getByText("Gissa siffran (10 minuter)")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Källor" })).toBeVisible();
  });

  test("searches with Swedish letters and partial words, and is told what to loosen when nothing matches", async ({ page }) => {
    await page.goto("/material?q=forebygga");
    await expect(page.getByRole("main").getByRole("status")).not.toContainText("Visar 0 material");
    await page.goto("/material?q=nikotinprod");
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();

    await page.goto("/material?q=snus&amne=spel");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Visar 0 material");
    await expect(page.getByRole("heading", { name: "Inget material passar alla dina val" })).toBeVisible();
    await page.getByRole("link", { name: /Ta bort filtret ämne: Spel om pengar/ }).click();
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();
    await expect(page.getByRole("link", { name: "Rensa alla filter" })).toBeVisible();
  });

  test("a misspelt word is answered with Menade du in the announced status, and its link searches again", async ({ page }) => {
    await page.goto("/material?q=snys");
    const status = page.getByRole("main").getByRole("status");
    await expect(status).toContainText("Visar 0 material");
    await expect(status).toContainText("Menade du snus?");
    await status.getByRole("link", { name: "snus" }).click();
    await expect(page).toHaveURL(/q=snus/);
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();
    await expect(page.getByRole("main").getByRole("status")).not.toContainText("Menade du");
  });

  test("filters without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/material");
    await page.getByLabel("Tobak och nikotin").check();
    await page.getByLabel("Åk 7–9").check();
    await page.getByRole("button", { name: "Visa material" }).click();
    await expect(page).toHaveURL(/amne=tobak&malgrupp=7-9/);
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();
    await results(page).getByRole("link", { name: LESSON_TITLE }).click();
    await expect(page.getByText("Skriv ut med webbläsarens meny eller Ctrl+P.")).toBeVisible();
    await context.close();
  });

  test("does not see staff materials, and their address asks to sign in", async ({ page }) => {
    await page.goto("/material");
    await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();
    await expect(page.getByRole("link", { name: STAFF_TITLE })).toHaveCount(0);

    await page.goto("/material/oro-for-en-elev");
    await expect(page).toHaveURL(/\/logga-in\?redirectTo=%2Fmaterial%2Foro-for-en-elev/);
  });

  test("an unknown material says so", async ({ page }) => {
    const response = await page.goto("/material/finns-inte");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  });
});

test("the demo school-staff person also sees the staff materials", async ({ page }) => {
  await page.goto("/material/oro-for-en-elev");
  await expect(page).toHaveURL(/\/logga-in/);
  await signIn(page, "skola.hogsby@demo.coachportalen.se", "demo-coach-2026");
  await expect(page.getByRole("heading", { level: 1, name: STAFF_TITLE })).toBeVisible();

  await page.getByRole("link", { name: "Alla material" }).click();
  await expect(results(page).getByRole("link", { name: STAFF_TITLE })).toBeVisible();
  await expect(results(page).getByRole("link", { name: LESSON_TITLE })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.goto("/material/oro-for-en-elev");
  await expect(page.getByRole("listitem").filter({ hasText: "Checklista när du är orolig för en elev" })).toContainText(/\(PDF, \d+ sid(a|or)\)/);
  await page.getByRole("link", { name: "Checklista när du är orolig för en elev" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("oro-for-en-elev-checklista.pdf");
  expect(fs.readFileSync(await file.path()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("a coordinator sees which materials their municipality's staff used", async ({ page, browser }) => {
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signIn(staffPage, "skola.monsteras@demo.coachportalen.se", "demo-coach-2026");
  await staffPage.goto("/material/foraldramote-alkohol");
  await expect(staffPage.getByRole("heading", { level: 1, name: "Föräldramöte om unga och alkohol" })).toBeVisible();
  await staff.close();

  await signIn(page, "samordnare.monsteras@demo.coachportalen.se", "demo-coach-2026");
  await page.goto("/material");
  await page.getByRole("link", { name: "Se hur materialet används i din kommun" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Materialanvändning i Mönsterås kommun" })).toBeVisible();
  const table = page.getByRole("table", { name: /Användning per material/ });
  const row = table.getByRole("row", { name: /Föräldramöte om unga och alkohol/ });
  await expect(row.getByRole("cell").nth(1)).not.toHaveText("0");
  await expectNoAccessibilityViolations(page);
});
