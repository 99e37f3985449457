// SPDX-License-Identifier: EUPL-1.2
// The knowledge test: scored on the server, strict about what it accepts, each attempt asking
// its own draw from the module's pool, no right answers given away after a fail, a pause after
// three failed attempts in a row, and every attempt kept with the module's content hash.
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getContent } from "~/content/content.server";
import { pauseNotice, retryMessage } from "~/modules/learning/knowledge-test.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { answerField, drawQuestions, isPassing, openAttempt, recordAttempt, scoreAnswers, unansweredMessage, type RandomSource } from "~/modules/learning/quiz.server";
import { action, loader } from "~/routes/utbildning.$track.$module.kunskapstest";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { answerForm } from "../helpers/training";

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});
afterEach(() => {
  vi.useRealTimers();
});

const URL_PATH = "/utbildning/grund/forsta-modulen/kunskapstest";
const params = { track: "grund", module: "forsta-modulen" };
const module = () => getContent().modules["forsta-modulen"]!;
const quiz = () => module().quiz;
const POOL = ["en-ratt", "flera-ratt", "sant-eller-falskt", "falskt-pastaende", "femte-fragan", "sjatte-fragan"];

/** A seeded source (mulberry32): the same seed draws the same questions. */
function seeded(seed: number): RandomSource {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function coachWhoHasRead(read = true) {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${crypto.randomUUID().slice(0, 8)}`);
  const user = await createUser(db, { role: "coach", municipalityId: municipality.id });
  if (read) {
    for (const lesson of ["borja-har", "fortsattning"]) {
      await recordLessonCompletion(db, { userId: user.id, track: "grund", module: "forsta-modulen", lesson, contentHash: "h" });
    }
  }
  return { db, user, cookie: await cookieFor(user.id) };
}

/** The coach's attempt opened with a fixed seed, then shown by the page as a coach sees it. */
async function openedPage(coach: Awaited<ReturnType<typeof coachWhoHasRead>>, seed = 1) {
  await openAttempt(coach.db, { userId: coach.user.id, track: "grund", module: module(), random: seeded(seed) });
  const page = await call(loader, get(URL_PATH, coach.cookie), params);
  expect(page.data.view).toBe("test");
  return page.data.questions as Array<{ id: string; field: string; type: string; options: Array<{ id: string }> }>;
}

const attempts = (userId: string) =>
  testDb()
    .selectFrom("quiz_attempt")
    .select(["track", "module", "content_hash", "answers", "score", "max_score", "passed"])
    .where("user_id", "=", userId)
    .orderBy("submitted_at")
    .execute();

/** A failed attempt stored at `at`, answering the pool's first four questions, two of them wrong. */
async function failAt(userId: string, at: Date) {
  const answers = quiz()
    .questions.slice(0, 4)
    .map((q, i) => ({ question: q.id, chosen: answerForm(module(), [q], i >= 2)[answerField(q.id)]! }));
  const result = await recordAttempt(testDb(), { userId, track: "grund", module: "forsta-modulen", contentHash: module().contentHash, quiz: quiz(), answers, passPercent: 75, now: at });
  expect(result.passed).toBe(false);
}

describe("scoring", () => {
  const answers = (chosen: Record<string, string[]>) => Object.entries(chosen).map(([question, c]) => ({ question, chosen: c }));

  it("scores single choice and true/false by the one right answer, out of the questions asked", () => {
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

describe("drawing an attempt's questions from the pool", () => {
  it("asks the number the module sets, each question once, from the module's pool", () => {
    expect(quiz()).toMatchObject({ perAttempt: 4 });
    expect(quiz().questions.map((q) => q.id)).toEqual(POOL);
    for (let seed = 1; seed <= 50; seed++) {
      const ids = drawQuestions(quiz(), [], seeded(seed)).map((q) => q.id);
      expect(ids).toHaveLength(4);
      expect(new Set(ids).size).toBe(4);
      for (const id of ids) expect(POOL).toContain(id);
    }
  });

  it("draws the same with the same seed, and differently with others", () => {
    expect(drawQuestions(quiz(), [], seeded(7))).toEqual(drawQuestions(quiz(), [], seeded(7)));
    const draws = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawQuestions(quiz(), [], seeded(i + 1)))));
    expect(draws.size).toBeGreaterThan(1);
  });

  it("asks first what the previous attempt did not, where the pool allows", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const previous = drawQuestions(quiz(), [], seeded(seed)).map((q) => q.id);
      const next = drawQuestions(quiz(), previous, seeded(seed + 100)).map((q) => q.id);
      for (const id of POOL.filter((q) => !previous.includes(q))) expect(next).toContain(id);
      expect(new Set(next).size).toBe(4);
    }
  });

  it("keeps each question's options, shuffled, and Sant/Falskt in their order", () => {
    for (const drawn of drawQuestions(quiz(), [], seeded(3))) {
      const question = quiz().questions.find((q) => q.id === drawn.id)!;
      if (question.type === "truefalse") expect(drawn.options).toEqual(["true", "false"]);
      else expect([...drawn.options].sort()).toEqual(question.options.map((o) => o.id).sort());
    }
  });

  it("opens a retake with the questions the last attempt left out", async () => {
    const coach = await coachWhoHasRead();
    const first = await openedPage(coach, 11);
    const submitted = await call(action, post(URL_PATH, answerForm(module(), first), coach.cookie), params);
    expect(submitted.status).toBe(302);
    const retake = await call(loader, get(URL_PATH, coach.cookie), params);
    const asked = retake.data.questions.map((q: { id: string }) => q.id);
    for (const id of POOL.filter((q) => !first.some((f) => f.id === q))) expect(asked).toContain(id);
  });
});

describe("the test page", () => {
  it("stays closed until the module's lessons are read, and says what remains", async () => {
    const { db, user, cookie } = await coachWhoHasRead(false);
    await recordLessonCompletion(db, { userId: user.id, track: "grund", module: "forsta-modulen", lesson: "borja-har", contentHash: "h" });
    const page = await call(loader, get(URL_PATH, cookie), params);
    expect(page.data).toMatchObject({ view: "locked", remaining: [{ title: "Fortsättningen", url: "/utbildning/grund/forsta-modulen/fortsattning" }] });
    const submitted = await call(action, post(URL_PATH, answerForm(module(), quiz().questions.slice(0, 4)), cookie), params);
    expect(submitted.status).toBe(403);
    expect(await attempts(user.id)).toEqual([]);
  });

  it("never holds the answers, and asks four questions of the pool of six", async () => {
    const { cookie } = await coachWhoHasRead();
    const page = await call(loader, get(URL_PATH, cookie), params);
    expect(page.data).toMatchObject({ view: "test", total: 4, needed: 3 });
    const sent = JSON.stringify(page.data);
    expect(sent).not.toMatch(/correct|"answer"|explanation/);
    const ids = page.data.questions.map((q: { id: string }) => q.id);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(POOL).toContain(id);
  });

  it("shows the same questions in the same order on every load of one attempt", async () => {
    const { cookie } = await coachWhoHasRead();
    const first = await call(loader, get(URL_PATH, cookie), params);
    const again = await call(loader, get(URL_PATH, cookie), params);
    expect(again.data.questions).toEqual(first.data.questions);
  });
});

describe("submitting the test", () => {
  it("stores a passing attempt with the questions shown, in their order, and explains every question", async () => {
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    // One wrong of four still passes at 75 percent: its right answer and explanation are shown too.
    const submitted = await call(action, post(URL_PATH, answerForm(module(), shown, (i) => i !== 0), coach.cookie), params);
    expect(submitted.status).toBe(302);
    const location = submitted.headers.get("Location")!;
    expect(location).toMatch(/^\/utbildning\/grund\/forsta-modulen\/kunskapstest\?resultat=[a-z0-9]+$/);

    const [attempt] = await attempts(coach.user.id);
    expect(attempt).toMatchObject({ track: "grund", module: "forsta-modulen", content_hash: module().contentHash, score: 3, max_score: 4, passed: 1 });
    expect(JSON.parse(attempt!.answers).map((a: { question: string }) => a.question)).toEqual(shown.map((q) => q.id));

    const result = await call(loader, get(location, coach.cookie), params);
    expect(result.data.view).toBe("result");
    expect(result.data.feedback).toMatchObject({ score: 3, maxScore: 4, passed: true, lessonsToRead: [] });
    for (const question of result.data.feedback.questions) {
      expect(question.explanation).toBe(quiz().questions.find((q) => q.id === question.id)!.explanation);
      expect(question.options.some((o: { correct: boolean }) => o.correct)).toBe(true);
    }
    expect(result.data.feedback.questions[0]).toMatchObject({ right: false });
  });

  it("after a fail sends the score and the lessons to read, but no right answer or explanation of a question answered wrong", async () => {
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    const wrongIds = shown.slice(0, 2).map((q) => q.id);
    const failed = await call(action, post(URL_PATH, answerForm(module(), shown, (i) => i >= 2), coach.cookie), params);
    expect(failed.status).toBe(302);
    expect(failed.data).toBeFalsy();
    const result = await call(loader, get(failed.headers.get("Location")!, coach.cookie), params);
    expect(result.data.feedback).toMatchObject({ score: 2, maxScore: 4, passed: false });

    const sent = JSON.stringify(result.data);
    for (const id of wrongIds) {
      const question = quiz().questions.find((q) => q.id === id)!;
      expect(sent).not.toContain(question.explanation);
      expect(result.data.feedback.questions.find((q: { id: string }) => q.id === id)).toEqual({
        id,
        type: question.type,
        prompt: question.prompt,
        right: false,
        options: null,
        explanation: null,
        source: null,
      });
    }
    for (const right of result.data.feedback.questions.filter((q: { right: boolean }) => q.right)) {
      expect(right.explanation).toBe(quiz().questions.find((q) => q.id === right.id)!.explanation);
    }
    // Each question answered wrong names its lesson; one without names every lesson of the module.
    const lessons = new Set(wrongIds.flatMap((id) => quiz().questions.find((q) => q.id === id)!.lesson ?? ["borja-har", "fortsattning"]));
    expect(result.data.feedback.lessonsToRead.map((l: { url: string }) => l.url)).toEqual(
      ["borja-har", "fortsattning"].filter((l) => lessons.has(l)).map((l) => `/utbildning/grund/forsta-modulen/${l}`),
    );

    const retake = await call(loader, get(URL_PATH, coach.cookie), params);
    expect(retake.data.view).toBe("test");
    await call(action, post(URL_PATH, answerForm(module(), retake.data.questions), coach.cookie), params);
    expect((await attempts(coach.user.id)).map((a) => a.passed)).toEqual([0, 1]);
  });

  it("names the lesson of each question answered wrong, and every lesson for a question without one", async () => {
    const { user, cookie } = await coachWhoHasRead();
    const lessonsAfter = async (wrong: string[]) => {
      const asked = ["en-ratt", "falskt-pastaende", "sant-eller-falskt", "femte-fragan"];
      const answers = asked.map((id) => ({ question: id, chosen: answerForm(module(), [{ id }], !wrong.includes(id))[answerField(id)]! }));
      const attempt = await recordAttempt(testDb(), { userId: user.id, track: "grund", module: "forsta-modulen", contentHash: module().contentHash, quiz: quiz(), answers, passPercent: 75 });
      const result = await call(loader, get(`${URL_PATH}?resultat=${attempt.id}`, cookie), params);
      return result.data.feedback.lessonsToRead;
    };
    expect(await lessonsAfter(["en-ratt", "falskt-pastaende"])).toEqual([{ title: "Börja här", url: "/utbildning/grund/forsta-modulen/borja-har" }]);
    expect(await lessonsAfter(["en-ratt", "sant-eller-falskt"])).toEqual([
      { title: "Börja här", url: "/utbildning/grund/forsta-modulen/borja-har" },
      { title: "Fortsättningen", url: "/utbildning/grund/forsta-modulen/fortsattning" },
    ]);
  });

  it("says calmly which questions are unanswered, in order, keeps what was chosen and stores nothing", async () => {
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    const all = answerForm(module(), shown);
    const partial = { [shown[0]!.field]: all[shown[0]!.field]!, [shown[2]!.field]: all[shown[2]!.field]! };
    const result = await call(action, post(URL_PATH, partial, coach.cookie), params);
    expect(result.status).toBe(400);
    expect(result.data.title).toBe("Du har inte svarat på fråga 2 och 4.");
    expect(Object.keys(result.data.errors)).toEqual([shown[1]!.id, shown[3]!.id]);
    expect(result.data.values).toEqual({ [shown[0]!.id]: all[shown[0]!.field], [shown[2]!.id]: all[shown[2]!.field] });

    const empty = await call(action, post(URL_PATH, {}, coach.cookie), params);
    expect(empty.data.title).toBe("Du har inte svarat på fråga 1, 2, 3 och 4.");
    expect(Object.keys(empty.data.errors)).toEqual(shown.map((q) => q.id));
    for (const q of shown) expect(empty.data.errors[q.id]).toBe(q.type === "multiple" ? "Välj minst ett svar." : "Välj ett svar.");

    const { [shown[2]!.field]: _left, ...oneMissing } = all;
    expect((await call(action, post(URL_PATH, oneMissing, coach.cookie), params)).data.title).toBe("Du har inte svarat på fråga 3.");
    expect(await attempts(coach.user.id)).toEqual([]);
  });

  it("lists unanswered questions the Swedish way", () => {
    expect(unansweredMessage([3])).toBe("Du har inte svarat på fråga 3.");
    expect(unansweredMessage([2, 5, 7])).toBe("Du har inte svarat på fråga 2, 5 och 7.");
  });

  it("answers 400 to an answer to a question of the pool this attempt did not ask, and stores nothing", async () => {
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    const notAsked = POOL.find((id) => !shown.some((q) => q.id === id))!;
    const form = { ...answerForm(module(), shown), ...answerForm(module(), [{ id: notAsked }]) };
    const result = await call(action, post(URL_PATH, form, coach.cookie), params);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "Svaren kunde inte läsas. Ladda om sidan och svara på frågorna igen." });
    expect(await attempts(coach.user.id)).toEqual([]);
  });

  it.each<[string, (shown: Array<{ id: string; field: string; type: string; options: Array<{ id: string }> }>) => Record<string, string | string[]>]>([
    ["an unknown question", () => ({ [answerField("finns-inte")]: "a" })],
    ["a field that is not an answer", () => ({ poang: "4" })],
    ["two answers to a one-answer question", (shown) => {
      const question = shown.find((q) => q.type !== "multiple")!;
      return { [question.field]: question.options.slice(0, 2).map((o) => o.id) };
    }],
    ["the same option twice", (shown) => ({ [shown[0]!.field]: [shown[0]!.options[0]!.id, shown[0]!.options[0]!.id] })],
    ["an option that is not in the question", (shown) => ({ [shown[0]!.field]: "x" })],
    ["a true/false answer that is neither", (shown) => ({ [shown.find((q) => q.type === "truefalse")!.field]: "kanske" })],
  ])("answers 400 to a form with %s and stores nothing", async (_case, change) => {
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    const result = await call(action, post(URL_PATH, { ...answerForm(module(), shown), ...change(shown) }, coach.cookie), params);
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ form: "Svaren kunde inte läsas. Ladda om sidan och svara på frågorna igen." });
    expect(await attempts(coach.user.id)).toEqual([]);
  });

  it("shows a result only to the person who took the test", async () => {
    const first = await coachWhoHasRead();
    const shown = await openedPage(first);
    const submitted = await call(action, post(URL_PATH, answerForm(module(), shown), first.cookie), params);
    const other = await coachWhoHasRead();
    const result = await call(loader, get(submitted.headers.get("Location")!, other.cookie), params);
    expect(result.status).toBe(404);
  });
});

describe("the pause after three failed attempts in a row", () => {
  // 14.00 in Stockholm (UTC+1 in December).
  const NOW = new Date("2026-12-07T13:00:00Z");
  const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

  it("closes the test until an hour after the third fail, says when it opens, and refuses a submission on the server", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const coach = await coachWhoHasRead();
    const shown = await openedPage(coach);
    for (const minutes of [30, 20]) await failAt(coach.user.id, minutesBefore(minutes));
    expect((await call(loader, get(URL_PATH, coach.cookie), params)).data.view).toBe("test");

    await failAt(coach.user.id, minutesBefore(10));
    const page = await call(loader, get(URL_PATH, coach.cookie), params);
    expect(page.data).toMatchObject({ view: "paused", message: "Du kan göra ett nytt försök kl. 14.50." });
    expect(page.data.questions).toBeUndefined();

    const refused = await call(action, post(URL_PATH, answerForm(module(), shown), coach.cookie), params);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe(String(50 * 60));
    expect(refused.data.title).toBe("Du kan göra ett nytt försök kl. 14.50.");
    expect(await attempts(coach.user.id)).toHaveLength(3);

    // The third fail's own result page says it too, instead of offering a retake now.
    const [last] = await testDb().selectFrom("quiz_attempt").select("id").where("user_id", "=", coach.user.id).orderBy("submitted_at", "desc").limit(1).execute();
    const result = await call(loader, get(`${URL_PATH}?resultat=${last!.id}`, coach.cookie), params);
    expect(result.data.retryLater).toBe("Du kan göra ett nytt försök kl. 14.50.");

    vi.setSystemTime(new Date(NOW.getTime() + 51 * 60_000));
    expect((await call(loader, get(URL_PATH, coach.cookie), params)).data.view).toBe("test");
    const accepted = await call(action, post(URL_PATH, answerForm(module(), shown), coach.cookie), params);
    expect(accepted.status).toBe(302);
  });

  it("counts fails in a row since the last pass: every third brings the pause again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const coach = await coachWhoHasRead();
    const view = async () => (await call(loader, get(URL_PATH, coach.cookie), params)).data.view;
    for (const minutes of [600, 590, 580]) await failAt(coach.user.id, minutesBefore(minutes));
    // The pause after those three is over; the fourth and fifth fail do not bring another.
    for (const minutes of [50, 40]) await failAt(coach.user.id, minutesBefore(minutes));
    expect(await view()).toBe("test");
    await failAt(coach.user.id, minutesBefore(30));
    expect(await view()).toBe("paused");

    const answers = quiz()
      .questions.slice(0, 4)
      .map((q) => ({ question: q.id, chosen: answerForm(module(), [q])[answerField(q.id)]! }));
    await recordAttempt(testDb(), { userId: coach.user.id, track: "grund", module: "forsta-modulen", contentHash: module().contentHash, quiz: quiz(), answers, passPercent: 75, now: minutesBefore(20) });
    for (const minutes of [15, 10]) await failAt(coach.user.id, minutesBefore(minutes));
    expect(await view()).toBe("test");
  });

  it("is told beforehand on the test page, in the track's own length", async () => {
    const { cookie } = await coachWhoHasRead();
    expect((await call(loader, get(URL_PATH, cookie), params)).data.pause).toBe(
      "Om du inte klarar testet tre gånger i rad får du vänta en timme innan du kan försöka igen.",
    );
    expect(pauseNotice(30)).toBe("Om du inte klarar testet tre gånger i rad får du vänta 30 minuter innan du kan försöka igen.");
    expect(pauseNotice(120)).toBe("Om du inte klarar testet tre gånger i rad får du vänta 2 timmar innan du kan försöka igen.");
    expect(pauseNotice(0)).toBeNull();
  });

  it("opens on the whole minute it names, not seconds later", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const coach = await coachWhoHasRead();
    for (const seconds of [1_200, 1_100, 1_010]) await failAt(coach.user.id, new Date(NOW.getTime() - seconds * 1000));
    // The third fail at 13.43.10 (12.43.10 UTC): open from 14.44.
    expect((await call(loader, get(URL_PATH, coach.cookie), params)).data.message).toBe("Du kan göra ett nytt försök kl. 14.44.");
    vi.setSystemTime(new Date("2026-12-07T13:44:00Z"));
    expect((await call(loader, get(URL_PATH, coach.cookie), params)).data.view).toBe("test");
  });

  it("says the day too when the next attempt opens on another day", () => {
    expect(retryMessage(new Date("2026-12-07T23:30:00Z"), NOW)).toBe("Du kan göra ett nytt försök den 8 december 2026 kl. 00.30.");
  });
});
