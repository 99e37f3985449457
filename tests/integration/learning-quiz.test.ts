// SPDX-License-Identifier: EUPL-1.2
// The knowledge test: scored on the server, strict about what it accepts, and every
// attempt kept with the module's content hash.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { answerField, isPassing, questionsForAttempt, scoreAnswers } from "~/modules/learning/quiz.server";
import { action, loader } from "~/routes/utbildning.$track.$module.kunskapstest";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});

const URL_PATH = "/utbildning/grund/forsta-modulen/kunskapstest";
const params = { track: "grund", module: "forsta-modulen" };
const quiz = () => getContent().modules["forsta-modulen"]!.quiz;

const RIGHT = {
  [answerField("en-ratt")]: "a",
  [answerField("flera-ratt")]: ["a", "b"],
  [answerField("sant-eller-falskt")]: "true",
  [answerField("falskt-pastaende")]: "false",
};

async function coachWhoHasRead(read = true) {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`);
  const user = await createUser(db, { role: "coach", municipalityId: municipality.id });
  if (read) {
    for (const lesson of ["borja-har", "fortsattning"]) {
      await recordLessonCompletion(db, { userId: user.id, track: "grund", module: "forsta-modulen", lesson, contentHash: "h" });
    }
  }
  return { db, user, cookie: await cookieFor(user.id) };
}

const attempts = (userId: string) =>
  testDb().selectFrom("quiz_attempt").select(["track", "module", "content_hash", "answers", "score", "max_score", "passed"]).where("user_id", "=", userId).execute();

describe("scoring", () => {
  const answers = (chosen: Record<string, string[]>) => Object.entries(chosen).map(([question, c]) => ({ question, chosen: c }));

  it("scores single choice and true/false by the one right answer", () => {
    const result = scoreAnswers(quiz(), answers({ "en-ratt": ["a"], "flera-ratt": ["c"], "sant-eller-falskt": ["false"], "falskt-pastaende": ["false"] }));
    expect(result.results).toEqual([
      { id: "en-ratt", right: true },
      { id: "flera-ratt", right: false },
      { id: "sant-eller-falskt", right: false },
      { id: "falskt-pastaende", right: true },
    ]);
    expect(result).toMatchObject({ score: 2, maxScore: 4 });
  });

  it("counts a multiple-choice question right only when exactly the right options are chosen", () => {
    const score = (chosen: string[]) => scoreAnswers(quiz(), answers({ "flera-ratt": chosen })).results[0]!.right;
    expect(score(["a", "b"])).toBe(true);
    expect(score(["b", "a"])).toBe(true);
    expect(score(["a"])).toBe(false);
    expect(score(["a", "b", "c"])).toBe(false);
    expect(score(["c"])).toBe(false);
  });

  it("passes at the track's pass percent", () => {
    expect(isPassing(3, 4, 75)).toBe(true);
    expect(isPassing(2, 4, 75)).toBe(false);
    expect(isPassing(8, 10, 80)).toBe(true);
    expect(isPassing(7, 10, 80)).toBe(false);
  });
});

describe("the test page", () => {
  it("stays closed until the module's lessons are read, and says what remains", async () => {
    const { db, user, cookie } = await coachWhoHasRead(false);
    await recordLessonCompletion(db, { userId: user.id, track: "grund", module: "forsta-modulen", lesson: "borja-har", contentHash: "h" });
    const page = await call(loader, get(URL_PATH, cookie), params);
    expect(page.data).toMatchObject({ view: "locked", remaining: [{ title: "Fortsättningen", url: "/utbildning/grund/forsta-modulen/fortsattning" }] });
    const submitted = await call(action, post(URL_PATH, RIGHT, cookie), params);
    expect(submitted.status).toBe(403);
    expect(await attempts(user.id)).toEqual([]);
  });

  it("never holds the answers", async () => {
    const { cookie } = await coachWhoHasRead();
    const page = await call(loader, get(URL_PATH, cookie), params);
    expect(page.data.view).toBe("test");
    const sent = JSON.stringify(page.data);
    expect(sent).not.toMatch(/correct|"answer"|explanation/);
    expect(page.data.questions.map((q: { id: string }) => q.id).sort()).toEqual(["en-ratt", "falskt-pastaende", "flera-ratt", "sant-eller-falskt"]);
  });

  it("shows the questions in the same order on every load of one attempt", async () => {
    const { cookie } = await coachWhoHasRead();
    const first = await call(loader, get(URL_PATH, cookie), params);
    const again = await call(loader, get(URL_PATH, cookie), params);
    expect(again.data.questions).toEqual(first.data.questions);
    const seed = { userId: "u", track: "grund", module: "forsta-modulen" };
    expect(questionsForAttempt(quiz(), { ...seed, attempt: 1 })).toEqual(questionsForAttempt(quiz(), { ...seed, attempt: 1 }));
    const orders = new Set(Array.from({ length: 8 }, (_, i) => questionsForAttempt(quiz(), { ...seed, attempt: i + 1 }).map((q) => q.id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe("submitting the test", () => {
  it("stores a passing attempt with the content hash and shows each question with its explanation", async () => {
    const { user, cookie } = await coachWhoHasRead();
    const submitted = await call(action, post(URL_PATH, RIGHT, cookie), params);
    expect(submitted.status).toBe(302);
    const location = submitted.headers.get("Location")!;
    expect(location).toMatch(/^\/utbildning\/grund\/forsta-modulen\/kunskapstest\?resultat=[a-z0-9]+$/);

    const [attempt] = await attempts(user.id);
    expect(attempt).toMatchObject({ track: "grund", module: "forsta-modulen", content_hash: getContent().modules["forsta-modulen"]!.contentHash, score: 4, max_score: 4, passed: 1 });
    expect(JSON.parse(attempt!.answers)).toEqual(
      expect.arrayContaining([
        { question: "en-ratt", chosen: ["a"] },
        { question: "flera-ratt", chosen: ["a", "b"] },
      ]),
    );

    const result = await call(loader, get(location, cookie), params);
    expect(result.data.view).toBe("result");
    expect(result.data.feedback).toMatchObject({ score: 4, maxScore: 4, passed: true });
    const single = result.data.feedback.questions.find((q: { id: string }) => q.id === "en-ratt");
    expect(single).toMatchObject({
      right: true,
      explanation: "Det rätta är rätt.",
      source: "Testkällan",
      options: [
        { id: "a", text: "Det rätta", chosen: true, correct: true },
        { id: "b", text: "Det felaktiga", chosen: false, correct: false },
        { id: "c", text: "Det andra felaktiga", chosen: false, correct: false },
      ],
    });
  });

  it("fails below the pass percent, shows what was wrong, and lets the coach try again", async () => {
    const { user, cookie } = await coachWhoHasRead();
    const wrong = { ...RIGHT, [answerField("flera-ratt")]: ["a"], [answerField("en-ratt")]: "b" };
    const failed = await call(action, post(URL_PATH, wrong, cookie), params);
    const result = await call(loader, get(failed.headers.get("Location")!, cookie), params);
    expect(result.data.feedback).toMatchObject({ score: 2, passed: false });
    expect(result.data.feedback.questions.find((q: { id: string }) => q.id === "flera-ratt")).toMatchObject({ right: false, explanation: "De två första är rätt." });

    const retake = await call(loader, get(URL_PATH, cookie), params);
    expect(retake.data.view).toBe("test");
    await call(action, post(URL_PATH, RIGHT, cookie), params);
    expect((await attempts(user.id)).map((a) => a.passed).sort()).toEqual([0, 1]);
  });

  it("asks again for unanswered questions, keeps what was chosen and stores nothing", async () => {
    const { user, cookie } = await coachWhoHasRead();
    const partial = { [answerField("en-ratt")]: "a", [answerField("flera-ratt")]: ["a"] };
    const result = await call(action, post(URL_PATH, partial, cookie), params);
    expect(result.status).toBe(400);
    expect(result.data).toEqual({
      errors: { "sant-eller-falskt": "Välj ett svar.", "falskt-pastaende": "Välj ett svar." },
      values: { "en-ratt": ["a"], "flera-ratt": ["a"] },
    });
    const empty = await call(action, post(URL_PATH, {}, cookie), params);
    expect(empty.data.errors["flera-ratt"]).toBe("Välj minst ett svar.");
    expect(await attempts(user.id)).toEqual([]);
  });

  it.each([
    ["an unknown question", { ...RIGHT, [answerField("finns-inte")]: "a" }],
    ["a field that is not an answer", { ...RIGHT, poang: "4" }],
    ["two answers to a single-choice question", { ...RIGHT, [answerField("en-ratt")]: ["a", "b"] }],
    ["the same option twice", { ...RIGHT, [answerField("flera-ratt")]: ["a", "a", "b"] }],
    ["two answers to a true/false question", { ...RIGHT, [answerField("sant-eller-falskt")]: ["true", "false"] }],
    ["an option that is not in the question", { ...RIGHT, [answerField("en-ratt")]: "x" }],
    ["a true/false answer that is neither", { ...RIGHT, [answerField("falskt-pastaende")]: "kanske" }],
  ])("answers 400 to a form with %s and stores nothing", async (_case, form) => {
    const { user, cookie } = await coachWhoHasRead();
    const result = await call(action, post(URL_PATH, form, cookie), params);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "Svaren kunde inte läsas. Ladda om sidan och svara på frågorna igen." });
    expect(await attempts(user.id)).toEqual([]);
  });

  it("shows a result only to the person who took the test", async () => {
    const first = await coachWhoHasRead();
    const submitted = await call(action, post(URL_PATH, RIGHT, first.cookie), params);
    const other = await coachWhoHasRead();
    const result = await call(loader, get(submitted.headers.get("Location")!, other.cookie), params);
    expect(result.status).toBe(404);
  });
});
