// SPDX-License-Identifier: EUPL-1.2
// The knowledge test: questions in a stable, shuffled order per attempt, answers read
// strictly from the form, scoring on the server (the page never holds the answers), and
// every attempt stored with the module's content hash.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Question, Quiz } from "~/content/content.server";
import { inTransaction, refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";

/** A question as the page shows it: no `correct`, no `answer`. */
export interface PublicQuestion {
  id: string;
  /** The form field that carries the answer. */
  field: string;
  type: Question["type"];
  prompt: string;
  options: Array<{ id: string; text: string }>;
}

const TRUE_FALSE_OPTIONS = [
  { id: "true", text: "Sant" },
  { id: "false", text: "Falskt" },
];

function optionsOf(question: Question): Array<{ id: string; text: string }> {
  return question.type === "truefalse" ? TRUE_FALSE_OPTIONS : question.options.map((o) => ({ id: o.id, text: o.text }));
}

/** The option ids that make a question right. */
function correctOptionIds(question: Question): string[] {
  return question.type === "truefalse" ? [String(question.answer)] : question.options.filter((o) => o.correct).map((o) => o.id);
}

/** A small deterministic generator (mulberry32), seeded from a string. */
function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The questions of one attempt. The order is shuffled (so a retake is not answered by
 * position) but stable for the attempt: reloading the page shows the same order.
 * Sant/Falskt keep their order.
 */
export function questionsForAttempt(quiz: Quiz, seed: { userId: string; track: string; module: string; attempt: number }): PublicQuestion[] {
  const random = seededRandom(`${seed.userId}/${seed.track}/${seed.module}/${seed.attempt}`);
  return shuffled(quiz.questions, random).map((question) => ({
    id: question.id,
    field: answerField(question.id),
    type: question.type,
    prompt: question.prompt,
    options: question.type === "truefalse" ? TRUE_FALSE_OPTIONS : shuffled(optionsOf(question), random),
  }));
}

export const answerField = (questionId: string) => `svar-${questionId}`;

/** Chosen option ids per question, in the order the questions were shown. */
export type Answers = Array<{ question: string; chosen: string[] }>;

export type ParsedAnswers =
  | { ok: true; answers: Answers }
  /** Questions left unanswered: the person fixes it, keeping what they chose. */
  | { ok: false; tampered: false; errors: Record<string, string>; values: Record<string, string[]> }
  /** The form was not one we sent. */
  | { ok: false; tampered: true; message: string };

const TAMPERED = "Svaren kunde inte läsas. Ladda om sidan och svara på frågorna igen.";

/**
 * Reads a submitted test. Only the fields we sent are accepted: an unknown question, an
 * option that is not in its question, a repeated answer or a second answer to a
 * one-answer question means the form was altered, and nothing is scored.
 */
export function parseAnswers(quiz: Quiz, order: PublicQuestion[], form: FormData): ParsedAnswers {
  const byField = new Map(quiz.questions.map((q) => [answerField(q.id), q]));
  const chosen = new Map<string, string[]>();
  for (const [field, value] of form.entries()) {
    const question = byField.get(field);
    if (!question || typeof value !== "string") return { ok: false, tampered: true, message: TAMPERED };
    const list = chosen.get(question.id) ?? [];
    if (list.includes(value) || (question.type !== "multiple" && list.length > 0)) return { ok: false, tampered: true, message: TAMPERED };
    if (!optionsOf(question).some((o) => o.id === value)) return { ok: false, tampered: true, message: TAMPERED };
    chosen.set(question.id, [...list, value]);
  }
  const errors: Record<string, string> = {};
  for (const question of quiz.questions) {
    if (!chosen.has(question.id)) errors[question.id] = question.type === "multiple" ? "Välj minst ett svar." : "Välj ett svar.";
  }
  if (Object.keys(errors).length) return { ok: false, tampered: false, errors, values: Object.fromEntries(chosen) };
  return { ok: true, answers: order.map((q) => ({ question: q.id, chosen: chosen.get(q.id) ?? [] })) };
}

export interface QuestionResult {
  id: string;
  right: boolean;
}

/** A multiple-choice question is right only when exactly the correct options are chosen. */
export function scoreAnswers(quiz: Quiz, answers: Answers): { score: number; maxScore: number; results: QuestionResult[] } {
  const results = answers.map(({ question: id, chosen }) => {
    const question = quiz.questions.find((q) => q.id === id);
    const correct = question ? correctOptionIds(question) : [];
    const right = question !== undefined && chosen.length === correct.length && correct.every((c) => chosen.includes(c));
    return { id, right };
  });
  return { score: results.filter((r) => r.right).length, maxScore: quiz.questions.length, results };
}

export function isPassing(score: number, maxScore: number, passPercent: number): boolean {
  return maxScore > 0 && score * 100 >= passPercent * maxScore;
}

/** The fewest right answers that pass. */
export function scoreNeeded(maxScore: number, passPercent: number): number {
  return Math.ceil((passPercent * maxScore) / 100);
}

export async function countAttempts(db: Kysely<Database>, userId: string, track: string, module: string): Promise<number> {
  const row = await db
    .selectFrom("quiz_attempt")
    .select((eb) => eb.fn.countAll().as("count"))
    .where("user_id", "=", userId)
    .where("track", "=", track)
    .where("module", "=", module)
    .executeTakeFirst();
  return toCount(row?.count);
}

export async function recordAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; contentHash: string; quiz: Quiz; answers: Answers; passPercent: number; now?: Date },
): Promise<{ id: string; score: number; maxScore: number; passed: boolean }> {
  const { score, maxScore } = scoreAnswers(input.quiz, input.answers);
  const passed = isPassing(score, maxScore, input.passPercent);
  const id = newId();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("quiz_attempt")
      .values({
        id,
        user_id: input.userId,
        track: input.track,
        module: input.module,
        content_hash: input.contentHash,
        answers: JSON.stringify(input.answers),
        score,
        max_score: maxScore,
        passed: passed ? 1 : 0,
        submitted_at: (input.now ?? new Date()).toISOString(),
      })
      .execute();
    // The coordinator's summary of the coach changes with the attempt, in the same transaction.
    await refreshProgressSummary(trx, input.userId);
  });
  return { id, score, maxScore, passed };
}

export interface AttemptFeedback {
  score: number;
  maxScore: number;
  passed: boolean;
  submittedAt: string;
  questions: Array<{
    id: string;
    type: Question["type"];
    prompt: string;
    right: boolean;
    options: Array<{ id: string; text: string; chosen: boolean; correct: boolean }>;
    explanation: string;
    source: string | null;
  }>;
}

/**
 * One person's attempt with right and wrong per question and the explanations, or null
 * when it is not theirs. Questions removed from the module since are left out.
 */
export async function attemptFeedback(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; attemptId: string; quiz: Quiz },
): Promise<AttemptFeedback | null> {
  const attempt = await db
    .selectFrom("quiz_attempt")
    .select(["answers", "score", "max_score", "passed", "submitted_at"])
    .where("id", "=", input.attemptId)
    .where("user_id", "=", input.userId)
    .where("track", "=", input.track)
    .where("module", "=", input.module)
    .executeTakeFirst();
  if (!attempt) return null;
  const answers = JSON.parse(attempt.answers) as Answers;
  const { results } = scoreAnswers(input.quiz, answers);
  const questions = answers.flatMap(({ question: id, chosen }, i) => {
    const question = input.quiz.questions.find((q) => q.id === id);
    if (!question) return [];
    const correct = correctOptionIds(question);
    return [
      {
        id,
        type: question.type,
        prompt: question.prompt,
        right: results[i]!.right,
        options: optionsOf(question).map((o) => ({ ...o, chosen: chosen.includes(o.id), correct: correct.includes(o.id) })),
        explanation: question.explanation,
        source: question.source,
      },
    ];
  });
  return { score: attempt.score, maxScore: attempt.max_score, passed: toCount(attempt.passed) === 1, submittedAt: attempt.submitted_at, questions };
}
