// SPDX-License-Identifier: EUPL-1.2
// A knowledge test taken in the browser by a coach who knows the answers. An attempt asks only
// part of the module's pool (questionsPerAttempt), drawn when the page is first shown, and an
// answer to any other question is refused: so the questions are the ones whose answer fields
// the page shows, and their right answers are looked up in the content by question id.
import { expect, type Locator, type Page } from "@playwright/test";
import type { Question } from "~/content/types";
import { answerField } from "~/modules/learning/quiz.server";
import { answerForm, questionsShownIn } from "../../helpers/training";
import { e2eContent } from "./db";

export interface ShownQuestion {
  question: Question;
  /** The inputs that answer it right. */
  right: Locator[];
}

/** The questions the open test page of `moduleSlug` asks, in the order shown, with the inputs that answer them right. */
export async function shownQuestions(page: Page, moduleSlug: string): Promise<ShownQuestion[]> {
  const module = e2eContent().modules[moduleSlug];
  if (!module) throw new Error(`Modulen ${moduleSlug} finns inte i innehållet`);
  const main = page.getByRole("main");
  await expect(main.getByRole("group")).toHaveCount(module.quiz.perAttempt);
  const shown = questionsShownIn(module, await main.innerHTML());
  expect(shown).toHaveLength(module.quiz.perAttempt);
  return shown.map(({ id }) => {
    const field = answerField(id);
    return {
      question: module.quiz.questions.find((q) => q.id === id)!,
      right: answerForm(module, [{ id }])[field]!.map((option) => main.locator(`input[name="${field}"][value="${option}"]`)),
    };
  });
}

/** Chooses the right answer to every question the open test page shows (not yet submitted); returns them. */
export async function answerShownRight(page: Page, moduleSlug: string): Promise<Question[]> {
  const shown = await shownQuestions(page, moduleSlug);
  for (const { right } of shown) for (const input of right) await input.check();
  return shown.map(({ question }) => question);
}
