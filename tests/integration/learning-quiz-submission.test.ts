// SPDX-License-Identifier: EUPL-1.2
// Submitting the knowledge test (submitQuizAttempt): the attempt and the certificate it earns
// are stored together or not at all, and the route only turns the outcome into an answer.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findTrack, getContent } from "~/content/content.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { submitQuizAttempt } from "~/modules/learning/knowledge-test.server";
import { answerField, ATTEMPT_FIELD, openAttempt } from "~/modules/learning/quiz.server";
import { action, loader } from "~/routes/utbildning.$track.$module.kunskapstest";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";
import { answerForm } from "../helpers/training";

// Issuance that can be made to fail, to show what a failure leaves behind.
const issuance = vi.hoisted(() => ({ fail: false }));
vi.mock("~/modules/certification/certification.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/modules/certification/certification.server")>();
  return {
    ...original,
    issueCertificateIfEligible: async (...args: Parameters<typeof original.issueCertificateIfEligible>) => {
      if (issuance.fail) throw new Error("utfärdandet misslyckades");
      return original.issueCertificateIfEligible(...args);
    },
  };
});

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});
beforeEach(() => {
  issuance.fail = false;
});

const content = () => getContent();
const grund = () => findTrack(content(), "grund")!;

function form(values: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

/** A coach who has read every lesson of the track and passed the first module's test: the second module's test completes it. */
async function coachOneTestFromCertificate() {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`);
  const user = await createUser(db, { role: "coach", municipalityId: municipality.id });
  for (const [module, lessons] of [
    ["forsta-modulen", ["borja-har", "fortsattning"]],
    ["andra-modulen", ["enda-lektionen"]],
  ] as const) {
    for (const lesson of lessons) await recordLessonCompletion(db, { userId: user.id, track: "grund", module, lesson, contentHash: content().modules[module]!.contentHash });
  }
  const firstModule = content().modules["forsta-modulen"]!;
  const shown = await openAttempt(db, { userId: user.id, track: "grund", module: firstModule });
  const first = await submitQuizAttempt(db, { userId: user.id, track: grund(), module: firstModule, content: content(), form: form(answerForm(firstModule, shown.questions)) });
  expect(first).toMatchObject({ kind: "recorded", passed: true, certificate: null });
  return { db, user };
}

const attempts = (userId: string) => testDb().selectFrom("quiz_attempt").select(["module", "passed"]).where("user_id", "=", userId).execute();
const certificates = (userId: string) => testDb().selectFrom("certification").select(["track"]).where("user_id", "=", userId).execute();

describe("submitting the knowledge test", () => {
  it("records the attempt that completes the track and issues the certificate with it", async () => {
    const { db, user } = await coachOneTestFromCertificate();
    const outcome = await submitQuizAttempt(db, {
      userId: user.id,
      track: grund(),
      module: content().modules["andra-modulen"]!,
      content: content(),
      form: form({ [answerField("enkel")]: "true" }),
    });
    expect(outcome).toMatchObject({ kind: "recorded", passed: true, certificate: { outcome: "issued" } });
    expect(await attempts(user.id)).toHaveLength(2);
    expect(await certificates(user.id)).toEqual([{ track: "grund" }]);
  });

  it("stores no attempt when issuing the certificate fails", async () => {
    const { db, user } = await coachOneTestFromCertificate();
    issuance.fail = true;
    await expect(
      submitQuizAttempt(db, { userId: user.id, track: grund(), module: content().modules["andra-modulen"]!, content: content(), form: form({ [answerField("enkel")]: "true" }) }),
    ).rejects.toThrow("utfärdandet misslyckades");
    expect((await attempts(user.id)).map((a) => a.module)).toEqual(["forsta-modulen"]);
    expect(await certificates(user.id)).toEqual([]);
  });

  it("stores an attempt submitted twice at once only once, and tells the second it was handed in already", async () => {
    const { db, user } = await coachOneTestFromCertificate();
    const module = content().modules["andra-modulen"]!;
    const shown = await openAttempt(db, { userId: user.id, track: "grund", module });
    // As a browser sends it twice: the form names the attempt its page showed.
    const submit = () =>
      submitQuizAttempt(db, { userId: user.id, track: grund(), module, content: content(), form: form({ [ATTEMPT_FIELD]: shown.drawId, [answerField("enkel")]: "false" }) });
    const outcomes = await Promise.all([submit(), submit()]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["closed", "recorded"]);
    expect(outcomes.find((o) => o.kind === "closed")).toMatchObject({ message: "Svaren är redan inlämnade. Ladda om sidan för att se testet igen." });
    expect((await attempts(user.id)).map((a) => a.module).sort()).toEqual(["andra-modulen", "forsta-modulen"]);
  });

  it("answers through the route: the result page shows the certificate the attempt issued", async () => {
    const { user } = await coachOneTestFromCertificate();
    const cookie = await cookieFor(user.id);
    const params = { track: "grund", module: "andra-modulen" };
    const submitted = await call(action, post("/utbildning/grund/andra-modulen/kunskapstest", { [answerField("enkel")]: "true" }, cookie), params);
    expect(submitted.status).toBe(302);
    const location = submitted.headers.get("Location")!;
    const result = await call(loader, get(location, cookie), params);
    expect(result.data).toMatchObject({ view: "result", feedback: { passed: true }, certificate: { renewed: false, trackTitle: "Grundspåret" }, sessionsLeft: [] });
  });
});

describe("the knowledge test's route", () => {
  it("leaves deciding to the module: no scoring, storing or issuing of its own", () => {
    const route = fs.readFileSync(path.resolve("app/routes/utbildning.$track.$module.kunskapstest.tsx"), "utf8");
    for (const name of ["recordAttempt", "issueCertificateIfEligible", "parseAnswers", "sessionStepProgress", "certificateIssuedBy"]) expect(route).not.toContain(name);
    expect(route).toContain("submitQuizAttempt");
  });
});
