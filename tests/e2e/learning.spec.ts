// SPDX-License-Identifier: EUPL-1.2
// A coach's way through a module: sign in, continue where they left off, read the lessons,
// fail the knowledge test once (and see the lessons to read again, not the answers), pass and
// read the explanations, and see the progress on /utbildning and the module page. Once with
// the mouse, once with the keyboard only.
import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parse } from "yaml";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { completeTrackExcept, createUser, type E2EUser } from "./helpers/db";
import { menuLink } from "./helpers/menu";

const TRACK = "andts-coach-grund";
const MODULE = "andts-och-uppdraget";
const MODULE_DIR = `content/modules/${MODULE}`;

interface QuizQuestion {
  id: string;
  type: "single" | "multiple" | "truefalse";
  prompt: string;
  options?: Array<{ id: string; text: string; correct?: boolean }>;
  answer?: boolean;
  explanation: string;
}

const questions = (parse(fs.readFileSync(`${MODULE_DIR}/quiz.yml`, "utf8")) as { questions: QuizQuestion[] }).questions;
const lessonTitles = fs
  .readdirSync(MODULE_DIR)
  .filter((name) => /^\d\d-.+\.md$/.test(name))
  .sort()
  .map((name) => /^title: (.+)$/m.exec(fs.readFileSync(`${MODULE_DIR}/${name}`, "utf8"))![1]!);
const moduleTitle = /^title: (.+)$/m.exec(fs.readFileSync(`${MODULE_DIR}/index.md`, "utf8"))![1]!;
// An attempt asks questionsPerAttempt of the pool, or all of it.
const asked = Number(/^questionsPerAttempt: (\d+)$/m.exec(fs.readFileSync(`${MODULE_DIR}/index.md`, "utf8"))?.[1] ?? questions.length);
const trackFrontmatter = /^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(`content/tracks/${TRACK}.md`, "utf8"))![1]!;
const trackModules = (parse(trackFrontmatter) as { modules: string[] }).modules;

/** The labels to choose for a question: all right, or all wrong. */
function choices(question: QuizQuestion, right: boolean): string[] {
  if (question.type === "truefalse") return [question.answer === right ? "Sant" : "Falskt"];
  const options = question.options!.filter((o) => Boolean(o.correct) === right).map((o) => o.text);
  return question.type === "single" ? options.slice(0, 1) : options;
}

async function expectLesson(page: Page, number: number) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lessonTitles[number - 1]!);
  await expect(page.getByText(`Lektion ${number} av ${lessonTitles.length}`)).toBeVisible();
}

/** `follow` opens a link the way the test's user does: with a click, or with Tab and Enter. */
async function expectProgressShown(page: Page, follow: (link: Locator) => Promise<void>) {
  await follow(await menuLink(page, "Min utbildning"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min utbildning");
  await expect(page.getByText(`1 av ${trackModules.length} moduler klara`)).toBeVisible();
  await expect(page.getByText(/^Tid kvar: /)).toBeVisible();
  await expect(page.getByText(`${lessonTitles.length} av ${lessonTitles.length} lektioner lästa · Kunskapstestet är godkänt`)).toBeVisible();
  // "Fortsätt" now leads on to the next module of the track.
  await expect(page.getByRole("link", { name: "Fortsätt" })).toHaveAttribute("href", new RegExp(`^/utbildning/${TRACK}/${trackModules[1]}/`));

  await follow(page.getByRole("link", { name: `1. ${moduleTitle}` }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle);
  await expect(page.getByText(/^✓ Läst$/)).toHaveCount(lessonTitles.length);
  await expect(page.getByText("Du har klarat testet.")).toBeVisible();
}

test.describe("learning with the mouse", () => {
  let coach: E2EUser;
  test.beforeEach(async () => {
    coach = await createUser({ role: "coach", name: "Lina Läsare" });
  });

  async function signIn(page: Page) {
    await page.goto("/logga-in");
    await page.getByLabel("E-postadress").fill(coach.email);
    await page.getByLabel("Lösenord").fill(coach.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    await expect(page).toHaveURL(/\/utbildning$/);
  }

  /** Answers the questions the attempt shows, all right or all wrong, and submits; returns them. */
  async function answerAll(page: Page, right: boolean): Promise<QuizQuestion[]> {
    await expect(page.getByRole("group")).toHaveCount(asked);
    const shown: QuizQuestion[] = [];
    for (const question of questions) {
      const group = page.getByRole("group", { name: question.prompt });
      if ((await group.count()) === 0) continue;
      shown.push(question);
      for (const label of choices(question, right)) await group.getByLabel(label, { exact: true }).check();
    }
    expect(shown).toHaveLength(asked);
    await page.getByRole("button", { name: "Lämna in svaren" }).click();
    return shown;
  }

  test("a coach fails a test and sees no answers, then passes on the next attempt and sees the explanations", async ({ page }) => {
    await completeTrackExcept(coach.id, { track: TRACK, module: MODULE, sessions: false });
    await signIn(page);
    await page.goto(`/utbildning/${TRACK}/${MODULE}/kunskapstest`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kunskapstest: ${moduleTitle}`);

    const failed = await answerAll(page, false);
    await expect(page.getByRole("heading", { name: "Du klarade inte testet den här gången" })).toBeFocused();
    await expect(page.getByText(`Du hade 0 rätt av ${asked}.`)).toBeVisible();
    await expect(page.getByText(/^✗ Fel$/)).toHaveCount(asked);
    for (const question of failed) await expect(page.getByText(question.explanation)).toHaveCount(0);
    await expect(page.getByText("Rätt svar", { exact: true })).toHaveCount(0);
    await expect(page.getByText("Förklaring:")).toHaveCount(0);
    // Instead: the lessons to read again, as links.
    await expect(page.getByText(/^Läs de här lektionerna igen/)).toBeVisible();
    await expect(page.getByRole("link", { name: lessonTitles[0]!, exact: true })).toHaveAttribute("href", new RegExp(`^/utbildning/${TRACK}/${MODULE}/`));
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Gör testet igen" }).click();
    const passed = await answerAll(page, true);
    await expect(page.getByRole("heading", { name: "Du klarade testet" })).toBeFocused();
    await expect(page.getByText(/^✓ Rätt$/)).toHaveCount(asked);
    for (const question of passed) await expect(page.getByText(question.explanation)).toBeVisible();
    await expect(page.getByText("Förklaring:")).toHaveCount(asked);
  });

  test("a coach continues where they left off, reads the lessons, fails once, passes, and sees the progress", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page);
    await expectNoAccessibilityViolations(page);
    await page.getByRole("link", { name: "Börja" }).click();
    await expectLesson(page, 1);
    await page.getByRole("button", { name: "Markera som klar" }).click();
    await expectLesson(page, 2);

    await page.getByRole("button", { name: "Logga ut" }).click();
    // Sign in again only once signed out: going on at once could cut the sign-out request short.
    await expect(page.getByRole("button", { name: "Logga ut" })).toHaveCount(0);
    await signIn(page);
    await expect(page.getByText(`Nästa: ${lessonTitles[1]}`)).toBeVisible();
    await page.getByRole("link", { name: "Fortsätt" }).click();
    await expectLesson(page, 2);
    await expectNoAccessibilityViolations(page);

    for (let n = 2; n <= lessonTitles.length; n++) {
      await expectLesson(page, n);
      await page.getByRole("button", { name: "Markera som klar" }).click();
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kunskapstest: ${moduleTitle}`);
    await expectNoAccessibilityViolations(page);

    await answerAll(page, false);
    await expect(page.getByRole("heading", { name: "Du klarade inte testet den här gången" })).toBeVisible();
    await expect(page.getByText(`Du hade 0 rätt av ${asked}.`)).toBeVisible();
    await expect(page.getByText(/^Läs de här lektionerna igen/)).toBeVisible();
    await expect(page.getByText(/^✗ Fel$/)).toHaveCount(asked);
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Gör testet igen" }).click();
    await answerAll(page, true);
    await expect(page.getByRole("heading", { name: "Du klarade testet" })).toBeVisible();
    await expect(page.getByText(/^✓ Rätt$/)).toHaveCount(asked);

    await expectProgressShown(page, (link) => link.click());
  });

  test("an empty submission names the unanswered questions, and three fails in a row pause the test until a time it names", async ({ page }) => {
    test.setTimeout(90_000);
    await completeTrackExcept(coach.id, { track: TRACK, module: MODULE, sessions: false });
    await signIn(page);
    await page.goto(`/utbildning/${TRACK}/${MODULE}/kunskapstest`);
    await page.getByRole("button", { name: "Lämna in svaren" }).click();
    const numbers = Array.from({ length: asked }, (_, i) => String(i + 1));
    const listed = `${numbers.slice(0, -1).join(", ")} och ${numbers.at(-1)}`;
    await expect(page.getByRole("alert")).toBeFocused();
    await expect(page.getByRole("heading", { name: `Du har inte svarat på fråga ${listed}.` })).toBeVisible();
    await expect(page.getByText(/Det finns \d+ fel i formuläret/)).toHaveCount(0);

    for (let attempt = 1; attempt <= 3; attempt++) {
      if (attempt > 1) await page.getByRole("link", { name: "Gör testet igen" }).click();
      await answerAll(page, false);
      await expect(page.getByRole("heading", { name: "Du klarade inte testet den här gången" })).toBeVisible();
    }
    // An hour after the third fail, on the next whole minute, in Swedish time (the minute may turn while the page loads).
    const clock = (minutes: number) =>
      new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" }).format(Date.now() + minutes * 60_000).replace(":", ".");
    // After 23.00 the time is tomorrow's, and the sentence names the day.
    const opens = new RegExp(`^Du kan göra ett nytt försök (den \\d+ \\p{L}+ \\d{4} )?kl\\. (${clock(60)}|${clock(61)})\\.$`, "u");
    await expect(page.getByText(opens)).toBeVisible();
    await expect(page.getByRole("link", { name: "Gör testet igen" })).toHaveCount(0);

    await page.goto(`/utbildning/${TRACK}/${MODULE}/kunskapstest`);
    await expect(page.getByText("Du har inte klarat testet tre gånger i rad.")).toBeVisible();
    await expect(page.getByText(/Du kan göra ett nytt försök (den \d+ \p{L}+ \d{4} )?kl\. \d\d\.\d\d\./u)).toBeVisible();
    await expect(page.getByRole("button", { name: "Lämna in svaren" })).toHaveCount(0);
    await expectNoAccessibilityViolations(page);
  });

  test("a lesson page works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`/utbildning/${TRACK}/${MODULE}/vad-ar-andts`);
    await expectLesson(page, 1);
    await page.getByRole("button", { name: "Markera som klar" }).click();
    await expectLesson(page, 2);
    await page.goto(`/utbildning/${TRACK}/${MODULE}/vad-ar-andts`);
    await expect(page.getByText("Du har läst den här lektionen.")).toBeVisible();
    await context.close();
  });
});

test.describe("learning with the keyboard only", () => {
  let coach: E2EUser;
  test.beforeEach(async () => {
    coach = await createUser({ role: "coach", name: "Tove Tangent" });
  });

  // A short timeout: without one, evaluate waits for a missing element until the test's own
  // timeout, and the failure names neither the element nor the page it was looked for on.
  const isFocused = (locator: Locator) =>
    locator.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false);

  /** Presses Tab until the element has focus, as a keyboard user would. */
  async function tabTo(page: Page, locator: Locator) {
    await expect(locator, `${locator} is not on ${page.url()}`).toBeAttached();
    for (let i = 0; i < 250; i++) {
      if (await isFocused(locator)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${locator}`);
  }

  async function activate(page: Page, locator: Locator) {
    await tabTo(page, locator);
    await page.keyboard.press("Enter");
  }

  async function signIn(page: Page) {
    await page.goto("/logga-in");
    await tabTo(page, page.getByLabel("E-postadress"));
    await page.keyboard.type(coach.email);
    await tabTo(page, page.getByLabel("Lösenord"));
    await page.keyboard.type(coach.password);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/utbildning$/);
  }

  async function answerAll(page: Page, right: boolean) {
    await expect(page.getByRole("group")).toHaveCount(asked);
    for (const question of questions) {
      const group = page.getByRole("group", { name: question.prompt });
      // A question of the pool this attempt does not ask.
      if ((await group.count()) === 0) continue;
      const wanted = choices(question, right);
      if (question.type === "multiple") {
        for (const label of wanted) {
          await tabTo(page, group.getByLabel(label, { exact: true }));
          await page.keyboard.press("Space");
        }
        continue;
      }
      // Tab enters a radio group once; the arrow keys move within it and Space chooses.
      const radios = group.getByRole("radio");
      for (let i = 0; i < 250 && !(await radios.evaluateAll((els) => els.includes(document.activeElement as HTMLInputElement))); i++) {
        await page.keyboard.press("Tab");
      }
      const target = group.getByLabel(wanted[0]!, { exact: true });
      for (let i = 0; i < 10 && !(await isFocused(target)); i++) await page.keyboard.press("ArrowDown");
      if (!(await target.isChecked())) await page.keyboard.press("Space");
      await expect(target).toBeChecked();
    }
    await activate(page, page.getByRole("button", { name: "Lämna in svaren" }));
  }

  test("the same journey works with Tab, arrows, Space and Enter", async ({ page }) => {
    // Several hundred key presses, each followed by a focus check: slow machines need the room.
    test.setTimeout(240_000);
    await signIn(page);
    await activate(page, page.getByRole("link", { name: "Börja" }));
    await expectLesson(page, 1);
    await activate(page, page.getByRole("button", { name: "Markera som klar" }));
    await expectLesson(page, 2);

    await activate(page, page.getByRole("button", { name: "Logga ut" }));
    // Wait for the sign-out to finish: navigating away at once can abort its POST, and then
    // /logga-in sends the still signed-in coach on to /utbildning (CI failed this way once).
    await expect(page).toHaveURL(/\/logga-in\?utloggad=1$/);
    await signIn(page);
    await activate(page, page.getByRole("link", { name: "Fortsätt" }));
    await expectLesson(page, 2);

    for (let n = 2; n <= lessonTitles.length; n++) {
      await expectLesson(page, n);
      await activate(page, page.getByRole("button", { name: "Markera som klar" }));
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kunskapstest: ${moduleTitle}`);

    await answerAll(page, false);
    const failed = page.getByRole("heading", { name: "Du klarade inte testet den här gången" });
    await expect(failed).toBeFocused();
    await expect(page.getByText(/^Läs de här lektionerna igen/)).toBeVisible();
    await expect(page.getByText("Förklaring:")).toHaveCount(0);

    await activate(page, page.getByRole("link", { name: "Gör testet igen" }));
    await answerAll(page, true);
    await expect(page.getByRole("heading", { name: "Du klarade testet" })).toBeFocused();

    await activate(page, page.getByRole("link", { name: "Tillbaka till modulen" }));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle);
    await expect(page.getByText("Du har klarat testet.")).toBeVisible();
    await expectProgressShown(page, (link) => activate(page, link));
  });
});
