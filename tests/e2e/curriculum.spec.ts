// SPDX-License-Identifier: EUPL-1.2
// The whole basic course through the real pages: every lesson of every module marked as read and
// every knowledge test passed (the questions each attempt shows, answered right from the content
// by their ids, the fast path), ending with the certificate. If a module or lesson in content/
// cannot be completed, or a question an attempt asks cannot be answered right, this fails.
// The course days in person are recorded first (sessions.spec.ts takes them through the pages),
// so the last knowledge test is the last requirement.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { attendRequiredSessions, createUser } from "./helpers/db";
import { answerShownRight } from "./helpers/knowledge-test";

const TRACK = "andts-coach-grund";

function frontmatter(file: string): Record<string, unknown> {
  return parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, "utf8"))![1]!) as Record<string, unknown>;
}

const modules = (frontmatter(`content/tracks/${TRACK}.md`).modules as string[]).map((slug) => {
  const dir = `content/modules/${slug}`;
  const lessons = fs
    .readdirSync(dir)
    .filter((name) => /^\d\d-.+\.md$/.test(name))
    .sort()
    .map((name) => ({ slug: name.replace(/^\d\d-/, "").replace(/\.md$/, ""), title: String(frontmatter(`${dir}/${name}`).title) }));
  return { slug, title: String(frontmatter(`${dir}/index.md`).title), lessons };
});

async function answerAllRight(page: Page, moduleSlug: string) {
  await answerShownRight(page, moduleSlug);
  await page.getByRole("button", { name: "Lämna in svaren" }).click();
}

test("a coach completes the whole basic course through the real pages and receives the certificate", async ({ page }) => {
  test.setTimeout(300_000);
  const coach = await createUser({ role: "coach", name: "Kim Kursdeltagare" });
  await attendRequiredSessions(coach.id, { track: TRACK });
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(coach.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(coach.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL("/utbildning");

  for (const [index, module] of modules.entries()) {
    await page.goto(`/utbildning/${TRACK}/${module.slug}/${module.lessons[0]!.slug}`);
    for (const lesson of module.lessons) {
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);
      await page.getByRole("button", { name: "Markera som klar" }).click();
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kunskapstest: ${module.title}`);
    await answerAllRight(page, module.slug);
    await expect(page.getByRole("heading", { name: "Du klarade testet" })).toBeVisible();
    if (index === modules.length - 1) await expect(page.getByRole("heading", { name: "Du har fått ditt intyg" })).toBeVisible();
  }

  await page.goto("/utbildning");
  await expect(page.getByText(`${modules.length} av ${modules.length} moduler klara`)).toBeVisible();
  await page.goto("/intyg");
  await expect(page.getByText("Status: giltigt")).toBeVisible();
});
