// SPDX-License-Identifier: EUPL-1.2
// Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): nothing here clicks. A coach finishes a
// lesson and passes a knowledge test; a coordinator filters the list of people and downloads it.
// Every element that Tab reaches on the way must show where the focus is.
import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import type { Kysely } from "kysely";
import { createDatabase } from "~db/client.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { E2E_DATABASE } from "../../playwright.config";
import { createUser, e2eContent, type E2EUser } from "./helpers/db";
import { shownQuestions } from "./helpers/knowledge-test";
import { menuLink } from "./helpers/menu";

const TRACK = "andts-coach-grund";
const MODULE = "andts-och-uppdraget";
const MODULE_DIR = `content/modules/${MODULE}`;

const lessons = fs
  .readdirSync(MODULE_DIR)
  .filter((name) => /^\d\d-.+\.md$/.test(name))
  .sort()
  .map((name) => ({ slug: name.replace(/^\d\d-/, "").replace(/\.md$/, ""), title: /^title: (.+)$/m.exec(fs.readFileSync(`${MODULE_DIR}/${name}`, "utf8"))![1]! }));

let db: Kysely<Database> | undefined;
const e2eDb = () => (db ??= createDatabase(E2E_DATABASE));

/** The lessons of the module read, all but the last, as if the coach had read them earlier. */
async function readAllButLastLesson(userId: string) {
  const contentHash = e2eContent().modules[MODULE]!.contentHash;
  const at = new Date().toISOString();
  for (const lesson of lessons.slice(0, -1)) {
    await e2eDb()
      .insertInto("lesson_completion")
      .values({ id: newId(), user_id: userId, track: TRACK, module: MODULE, lesson: lesson.slug, content_hash: contentHash, completed_at: at })
      .execute();
  }
}

/** Whether the focused element shows a focus indicator: an outline or a box shadow. */
function focusState(page: Page, target: Locator | null) {
  return (target ?? page.locator("body")).evaluate((targetEl, wanted) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { focused: false, onPage: false, visible: true, what: "body" };
    // A heading or main given focus by the page itself (tabindex -1) is where reading resumes, not a control.
    if (el.tabIndex < 0 && el !== targetEl) return { focused: false, onPage: false, visible: true, what: el.tagName };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const what = `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute("aria-label") ?? "").trim().slice(0, 40)}"`;
    return { focused: wanted && el === targetEl, onPage: true, visible: outline || style.boxShadow !== "none", what };
  }, target !== null);
}

/** Presses Tab until `target` has focus; every stop on the way must show its focus. */
async function tabTo(page: Page, target: Locator, key: "Tab" | "Shift+Tab" = "Tab") {
  await target.waitFor();
  for (let i = 0; i < 200; i++) {
    const state = await focusState(page, target);
    if (state.onPage) expect(state.visible, `visible focus on ${state.what} (${page.url()})`).toBe(true);
    if (state.focused) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target} on ${page.url()}`);
}

/**
 * The live region that announces a client-side navigation's new page, as it is before the
 * navigation (already in the page, since an inserted region is not announced), and a way to read
 * the same element after it.
 */
async function routeAnnouncer(page: Page): Promise<() => Promise<string | null>> {
  const region = page.locator('[aria-live="polite"]:not([role])');
  await expect(region).toHaveCount(1);
  const handle = (await region.elementHandle())!;
  return () => handle.evaluate((el) => (el.isConnected ? (el.textContent ?? "") : null));
}

async function activate(page: Page, target: Locator, key: "Enter" | "Space" = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await tabTo(page, page.getByLabel("E-postadress"));
  await page.keyboard.type(user.email);
  await tabTo(page, page.getByLabel("Lösenord", { exact: true }));
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/logga-in/);
}

test("the skip link is the first thing Tab reaches, shows its focus and moves focus to the main content", async ({ page }) => {
  await page.goto("/material");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  expect((await focusState(page, skip)).visible).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next Tab continues inside the main content, past the header and the menu.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.getElementById("main")?.contains(document.activeElement))).toBe(true);
  await expect(skip).not.toBeInViewport();
});

test("a coach finishes a lesson and passes the knowledge test with the keyboard only", async ({ page }) => {
  test.setTimeout(60_000);
  const coach = await createUser({ role: "coach", name: "Tage Tangentbord" });
  await readAllButLastLesson(coach.id);
  await signIn(page, coach);
  await expect(page.getByRole("heading", { level: 1, name: "Min utbildning" })).toBeVisible();

  // "Fortsätt" leads to the one lesson left.
  await activate(page, page.getByRole("link", { name: "Fortsätt" }));
  const last = lessons.at(-1)!;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(last.title);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  const announced = await routeAnnouncer(page);
  await activate(page, page.getByRole("button", { name: "Markera som klar" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Kunskapstest: /);
  // The button is gone with the lesson: reading and Tab go on from the test's heading, whose page is announced.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect.poll(announced).toBe(await page.title());

  for (const { question, right } of await shownQuestions(page, MODULE)) {
    if (question.type === "multiple") {
      for (const option of right) await activate(page, option, "Space");
      continue;
    }
    // Tab enters a radio group once; the arrow keys move within it and Space chooses.
    await tabTo(page, page.getByRole("group", { name: question.prompt }).getByRole("radio").first());
    const target = right[0]!;
    for (let i = 0; i < 10 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowDown");
    if (!(await target.isChecked())) await page.keyboard.press("Space");
    await expect(target).toBeChecked();
  }
  await activate(page, page.getByRole("button", { name: "Lämna in svaren" }));
  await expect(page.getByRole("heading", { level: 2, name: "Du klarade testet" })).toBeFocused();

  await activate(page, page.getByRole("link", { name: "Tillbaka till modulen" }));
  await expect(page.getByText("Du har klarat testet.")).toBeVisible();
});

test("a coordinator filters the list of people and downloads it with the keyboard only", async ({ page }) => {
  test.setTimeout(60_000);
  const coordinator = await createUser({ role: "coordinator", name: "Tora Tabb" });
  await createUser({ role: "coach", name: "Kalle Kortkommando" });
  await signIn(page, coordinator);
  await expect(page.getByRole("heading", { level: 1, name: /^Översikt för / })).toBeVisible();

  const announced = await routeAnnouncer(page);
  await activate(page, await menuLink(page, "Alla personer", (summary) => activate(page, summary)));
  await expect(page.getByRole("heading", { level: 1, name: /^Personer i / })).toBeFocused();
  await expect.poll(announced).toBe(await page.title());
  await tabTo(page, page.getByLabel("Sök på namn eller e-post"));
  await page.keyboard.type("Kortkommando");
  // A closed list box changes its choice with the arrow keys.
  const role = page.getByLabel("Roll", { exact: true });
  await tabTo(page, role);
  while ((await role.inputValue()) !== "coach") await page.keyboard.press("ArrowDown");
  await activate(page, page.getByRole("button", { name: "Sök", exact: true }));
  await expect(page).toHaveURL(/[?&]q=Kortkommando/);
  await expect(page).toHaveURL(/[?&]role=coach/);
  await expect(page.getByRole("region", { name: /^Personer i / }).getByRole("row")).toHaveCount(2);

  // Shift+Tab works too: back from the table to the download links.
  await tabTo(page, page.getByRole("region", { name: /^Personer i / }));
  const csv = page.getByRole("link", { name: "Ladda ner CSV" });
  await tabTo(page, csv, "Shift+Tab");
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text).toContain("Kalle Kortkommando");
});
