// SPDX-License-Identifier: EUPL-1.2
// The knowledge test: each attempt draws its questions from the module's pool and keeps them
// (with their order) from the moment the test is first shown, answers are read strictly against
// exactly those questions, scoring is on the server (the page never holds the answers), and
// every attempt is stored with the module's content hash.
import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import type { Module, Question, Quiz } from "~/content/content.server";
import { inTransaction, refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { lessonUrl } from "./track-progress";

/** A question as the page shows it: no `correct`, no `answer`. */
export interface PublicQuestion {
  id: string;
  /** The form field that carries the answer. */
  field: string;
  type: Question["type"];
  prompt: string;
  options: Array<{ id: string; text: string }>;
}

/** A number in [0, 1), as Math.random gives: tests pass a seeded one. */
export type RandomSource = () => number;

const cryptoRandom: RandomSource = () => randomInt(0, 2 ** 32) / 2 ** 32;

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

function shuffled<T>(items: T[], random: RandomSource): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The questions of one attempt in the order shown, each with its options' order: what is stored. */
export type Draw = Array<{ id: string; options: string[] }>;

/**
 * Draws an attempt's questions: `quiz.perAttempt` distinct questions of the pool, first from
 * those the previous attempt did not ask (so a retake asks others where the pool allows), then
 * from the rest; shuffled, as are each question's options (Sant/Falskt keep their order).
 */
export function drawQuestions(quiz: Quiz, previouslyAsked: string[], random: RandomSource): Draw {
  const asked = new Set(previouslyAsked);
  const fresh = shuffled(quiz.questions.filter((q) => !asked.has(q.id)), random);
  const again = shuffled(quiz.questions.filter((q) => asked.has(q.id)), random);
  const chosen = shuffled([...fresh, ...again].slice(0, quiz.perAttempt), random);
  return chosen.map((question) => ({
    id: question.id,
    options: question.type === "truefalse" ? TRUE_FALSE_OPTIONS.map((o) => o.id) : shuffled(optionsOf(question), random).map((o) => o.id),
  }));
}

/** The drawn questions as the page shows them; null when the quiz no longer has one of them. */
function showDraw(quiz: Quiz, draw: Draw): PublicQuestion[] | null {
  const shown: PublicQuestion[] = [];
  for (const drawn of draw) {
    const question = quiz.questions.find((q) => q.id === drawn.id);
    if (!question) return null;
    const options = optionsOf(question);
    const ordered = drawn.options.map((id) => options.find((o) => o.id === id));
    if (ordered.length !== options.length || ordered.some((o) => o === undefined)) return null;
    shown.push({ id: question.id, field: answerField(question.id), type: question.type, prompt: question.prompt, options: ordered as PublicQuestion["options"] });
  }
  return shown;
}

/** The questions the person's latest attempt asked. */
async function lastAskedQuestions(db: Kysely<Database>, userId: string, track: string, module: string): Promise<string[]> {
  const last = await db
    .selectFrom("quiz_attempt")
    .select("answers")
    .where("user_id", "=", userId)
    .where("track", "=", track)
    .where("module", "=", module)
    .orderBy("submitted_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const answers: unknown = last ? JSON.parse(last.answers) : [];
  // The benchmark's generated attempts store no answers ("{}"): they asked nothing in particular.
  return Array.isArray(answers) ? (answers as Answers).map((a) => a.question) : [];
}

export interface OpenAttempt {
  drawId: string;
  questions: PublicQuestion[];
}

/**
 * The person's open attempt on the module: the questions drawn when it was first shown, or,
 * when none is open (or it was drawn from another version of the module), a new draw, stored.
 * Two requests at once end with the same stored draw.
 */
export async function openAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: Module; random?: RandomSource; now?: Date },
): Promise<OpenAttempt> {
  const { userId, track, module } = input;
  const stored = () =>
    db
      .selectFrom("quiz_draw")
      .select(["id", "content_hash", "questions"])
      .where("user_id", "=", userId)
      .where("track", "=", track)
      .where("module", "=", module.slug)
      .executeTakeFirst();
  const existing = await stored();
  if (existing) {
    const questions = existing.content_hash === module.contentHash ? showDraw(module.quiz, JSON.parse(existing.questions) as Draw) : null;
    if (questions) return { drawId: existing.id, questions };
    await db.deleteFrom("quiz_draw").where("id", "=", existing.id).execute();
  }
  const draw = drawQuestions(module.quiz, await lastAskedQuestions(db, userId, track, module.slug), input.random ?? cryptoRandom);
  await db
    .insertInto("quiz_draw")
    .values({
      id: newId(),
      user_id: userId,
      track,
      module: module.slug,
      content_hash: module.contentHash,
      questions: JSON.stringify(draw),
      opened_at: (input.now ?? new Date()).toISOString(),
    })
    .onConflict((oc) => oc.columns(["user_id", "track", "module"]).doNothing())
    .execute();
  const kept = await stored();
  const questions = kept && showDraw(module.quiz, JSON.parse(kept.questions) as Draw);
  if (!kept || !questions) throw new Error(`Kunskapstestet i ${module.slug} kunde inte öppnas`);
  return { drawId: kept.id, questions };
}

/**
 * The form field that names the attempt a page shows. A browser's form always carries it, so a
 * form sent twice (a double click, two tabs) answers one attempt once, on every database: without
 * it, the second submission would find the first had closed the attempt and open a new one.
 */
export const ATTEMPT_FIELD = "forsok";

/** The open attempt `drawId` of the person on the module, still of this version of it; null when it was submitted or replaced. */
export async function findOpenAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: Module; drawId: string },
): Promise<OpenAttempt | null> {
  const row = await db
    .selectFrom("quiz_draw")
    .select(["id", "content_hash", "questions"])
    .where("id", "=", input.drawId)
    .where("user_id", "=", input.userId)
    .where("track", "=", input.track)
    .where("module", "=", input.module.slug)
    .executeTakeFirst();
  if (!row || row.content_hash !== input.module.contentHash) return null;
  const questions = showDraw(input.module.quiz, JSON.parse(row.questions) as Draw);
  return questions ? { drawId: row.id, questions } : null;
}

/** Closes an open attempt as it is submitted; false when it was closed already (submitted twice at once). */
export async function closeAttempt(db: Kysely<Database>, drawId: string): Promise<boolean> {
  const result = await db.deleteFrom("quiz_draw").where("id", "=", drawId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export const answerField = (questionId: string) => `svar-${questionId}`;

/** Chosen option ids per question, in the order the questions were shown. */
export type Answers = Array<{ question: string; chosen: string[] }>;

export type ParsedAnswers =
  | { ok: true; answers: Answers }
  /** Questions left unanswered: the person fixes it, keeping what they chose. `missing` are their numbers on the page. */
  | { ok: false; tampered: false; errors: Record<string, string>; values: Record<string, string[]>; missing: number[] }
  /** The form was not one we sent. */
  | { ok: false; tampered: true; message: string };

const TAMPERED = "Svaren kunde inte läsas. Ladda om sidan och svara på frågorna igen.";

/**
 * Reads a submitted test against the questions shown. Only the fields we sent are accepted: a
 * question not shown in this attempt, an option that is not in its question, a repeated answer
 * or a second answer to a one-answer question means the form was altered, and nothing is scored.
 */
export function parseAnswers(shown: PublicQuestion[], form: FormData): ParsedAnswers {
  const byField = new Map(shown.map((q) => [q.field, q]));
  const chosen = new Map<string, string[]>();
  for (const [field, value] of form.entries()) {
    if (field === ATTEMPT_FIELD) continue;
    const question = byField.get(field);
    if (!question || typeof value !== "string") return { ok: false, tampered: true, message: TAMPERED };
    const list = chosen.get(question.id) ?? [];
    if (list.includes(value) || (question.type !== "multiple" && list.length > 0)) return { ok: false, tampered: true, message: TAMPERED };
    if (!question.options.some((o) => o.id === value)) return { ok: false, tampered: true, message: TAMPERED };
    chosen.set(question.id, [...list, value]);
  }
  const errors: Record<string, string> = {};
  const missing: number[] = [];
  shown.forEach((question, i) => {
    if (chosen.has(question.id)) return;
    errors[question.id] = question.type === "multiple" ? "Välj minst ett svar." : "Välj ett svar.";
    missing.push(i + 1);
  });
  if (missing.length) return { ok: false, tampered: false, errors, values: Object.fromEntries(chosen), missing };
  return { ok: true, answers: shown.map((q) => ({ question: q.id, chosen: chosen.get(q.id) ?? [] })) };
}

const listFormat = new Intl.ListFormat("sv", { style: "long", type: "conjunction" });

/** "Du har inte svarat på fråga 2, 5 och 7." for the numbers of the questions left unanswered. */
export function unansweredMessage(numbers: number[]): string {
  return `Du har inte svarat på fråga ${listFormat.format(numbers.map(String))}.`;
}

export interface QuestionResult {
  id: string;
  right: boolean;
}

/** A multiple-choice question is right only when exactly the correct options are chosen; the score is out of the questions asked. */
export function scoreAnswers(quiz: Quiz, answers: Answers): { score: number; maxScore: number; results: QuestionResult[] } {
  const results = answers.map(({ question: id, chosen }) => {
    const question = quiz.questions.find((q) => q.id === id);
    const correct = question ? correctOptionIds(question) : [];
    const right = question !== undefined && chosen.length === correct.length && correct.every((c) => chosen.includes(c));
    return { id, right };
  });
  return { score: results.filter((r) => r.right).length, maxScore: answers.length, results };
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

/** Failed attempts in a row that bring a pause before the next one. */
export const FAILS_BEFORE_PAUSE = 3;

/**
 * When the person's next attempt opens, or null when it is open now. After every third failed
 * attempt in a row (counted since the last pass) the next waits `pauseMinutes` from the last one:
 * time to read again rather than guess again.
 */
export async function nextAttemptOpensAt(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; pauseMinutes: number; now?: Date },
): Promise<Date | null> {
  if (input.pauseMinutes <= 0) return null;
  const attempts = db
    .selectFrom("quiz_attempt")
    .where("user_id", "=", input.userId)
    .where("track", "=", input.track)
    .where("module", "=", input.module);
  const lastPass = await attempts.select((eb) => eb.fn.max("submitted_at").as("at")).where("passed", "=", 1).executeTakeFirst();
  const fails = await attempts
    .select((eb) => [eb.fn.countAll().as("count"), eb.fn.max("submitted_at").as("last")])
    .where("passed", "=", 0)
    .where("submitted_at", ">", lastPass?.at ?? "")
    .executeTakeFirst();
  const count = toCount(fails?.count);
  if (count === 0 || count % FAILS_BEFORE_PAUSE !== 0 || !fails?.last) return null;
  // On a whole minute: the page names the minute, and the test must be open from it.
  const opensAt = new Date(Math.ceil((new Date(fails.last).getTime() + input.pauseMinutes * 60_000) / 60_000) * 60_000);
  return opensAt.getTime() > (input.now ?? new Date()).getTime() ? opensAt : null;
}

/**
 * Stores a submitted attempt, scored against the quiz. The answers are the questions one draw
 * asked, in the order shown: anything else is a bug, not something a person can send.
 */
export async function recordAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; contentHash: string; quiz: Quiz; answers: Answers; passPercent: number; now?: Date },
): Promise<{ id: string; score: number; maxScore: number; passed: boolean }> {
  const ids = input.answers.map((a) => a.question);
  if (ids.length !== input.quiz.perAttempt || new Set(ids).size !== ids.length || ids.some((id) => !input.quiz.questions.some((q) => q.id === id))) {
    throw new Error(`Ett försök på ${input.module} svarar på ${input.quiz.perAttempt} olika frågor ur testet, inte ${JSON.stringify(ids)}`);
  }
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

export interface FeedbackQuestion {
  id: string;
  type: Question["type"];
  prompt: string;
  right: boolean;
  /**
   * The options with the person's choice and the right ones, and the explanation: null for a
   * question answered wrong in a failed attempt, whose right answer is not sent to the browser.
   */
  options: Array<{ id: string; text: string; chosen: boolean; correct: boolean }> | null;
  explanation: string | null;
  source: string | null;
}

export interface AttemptFeedback {
  score: number;
  maxScore: number;
  passed: boolean;
  submittedAt: string;
  questions: FeedbackQuestion[];
  /** After a failed attempt: the lessons that teach the questions answered wrong, in the module's order. */
  lessonsToRead: Array<{ title: string; url: string }>;
}

/**
 * One person's attempt with right and wrong per question, or null when it is not theirs.
 * After a pass every question is explained; after a fail only those answered right, and the
 * lessons to read again are named instead, so a retake is not passed by copying. Questions
 * removed from the module since are left out.
 */
export async function attemptFeedback(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: Module; attemptId: string },
): Promise<AttemptFeedback | null> {
  const { module } = input;
  const attempt = await db
    .selectFrom("quiz_attempt")
    .select(["answers", "score", "max_score", "passed", "submitted_at"])
    .where("id", "=", input.attemptId)
    .where("user_id", "=", input.userId)
    .where("track", "=", input.track)
    .where("module", "=", module.slug)
    .executeTakeFirst();
  if (!attempt) return null;
  const passed = toCount(attempt.passed) === 1;
  const answers = JSON.parse(attempt.answers) as Answers;
  const { results } = scoreAnswers(module.quiz, answers);
  const toRead = new Set<string>();
  const questions = answers.flatMap(({ question: id, chosen }, i): FeedbackQuestion[] => {
    const question = module.quiz.questions.find((q) => q.id === id);
    if (!question) return [];
    const right = results[i]!.right;
    const shown = passed || right;
    if (!shown) for (const lesson of question.lesson ? [question.lesson] : module.lessons.map((l) => l.slug)) toRead.add(lesson);
    const correct = correctOptionIds(question);
    return [
      {
        id,
        type: question.type,
        prompt: question.prompt,
        right,
        options: shown ? optionsOf(question).map((o) => ({ ...o, chosen: chosen.includes(o.id), correct: correct.includes(o.id) })) : null,
        explanation: shown ? question.explanation : null,
        source: shown ? question.source : null,
      },
    ];
  });
  const lessonsToRead = module.lessons.filter((l) => toRead.has(l.slug)).map((l) => ({ title: l.title, url: lessonUrl(input.track, module.slug, l.slug) }));
  return { score: attempt.score, maxScore: attempt.max_score, passed, submittedAt: attempt.submitted_at, questions, lessonsToRead };
}
