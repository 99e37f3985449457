// SPDX-License-Identifier: EUPL-1.2
// A coach's way through a track: who may take what, marking lessons as read (once, however
// often it is clicked), and the progress and next step that follow.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { keptHtml } from "~/components/KeptHtml";
import { getContent } from "~/content/content.server";
import { loadProgress, recordLessonCompletion, trackProgress } from "~/modules/learning/progress.server";
import { seedDemoProgress } from "~/modules/learning/seed.server";
import { action as lessonAction, loader as lessonLoader } from "~/routes/utbildning.$track.$module.$lesson";
import { loader as moduleLoader } from "~/routes/utbildning.$track.$module._index";
import { loader as myTrainingLoader } from "~/routes/utbildning._index";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
});

async function signedInCoach(role: "coach" | "school_staff" = "coach") {
  const db = testDb();
  const municipality = await createMunicipality(db, `kommun-${Math.random().toString(36).slice(2, 8)}`);
  const user = await createUser(db, { role, municipalityId: municipality.id });
  return { db, user, cookie: await cookieFor(user.id) };
}

const lessonParams = (lesson: string, module = "forsta-modulen", track = "grund") => ({ track, module, lesson });

async function completions(userId: string) {
  return testDb().selectFrom("lesson_completion").select(["track", "module", "lesson", "content_hash"]).where("user_id", "=", userId).orderBy("lesson").execute();
}

describe("who takes which training", () => {
  it("answers 403 to coordinators and admins", async () => {
    const db = testDb();
    const municipality = await createMunicipality(db, "hogsby");
    for (const role of ["coordinator", "admin"] as const) {
      const user = await createUser(db, { role, municipalityId: role === "admin" ? null : municipality.id });
      const result = await call(myTrainingLoader, get("/utbildning", await cookieFor(user.id)));
      expect(result.status, role).toBe(403);
    }
  });

  it("sends a visitor who is not signed in to sign in", async () => {
    const result = await call(myTrainingLoader, get("/utbildning"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/logga-in?redirectTo=%2Futbildning");
  });

  it("shows coaches the coach tracks and school staff theirs", async () => {
    const coach = await signedInCoach("coach");
    const staff = await signedInCoach("school_staff");
    expect((await call(myTrainingLoader, get("/utbildning", coach.cookie))).data.tracks.map((t: { slug: string }) => t.slug)).toEqual(["grund"]);
    expect((await call(myTrainingLoader, get("/utbildning", staff.cookie))).data.tracks.map((t: { slug: string }) => t.slug)).toEqual(["skolpersonal"]);
  });

  it("answers 404 for an unknown track, module or lesson, a module outside the track, and another role's track", async () => {
    const { cookie } = await signedInCoach();
    const cases: Array<[Parameters<typeof lessonParams>, string]> = [
      [["borja-har", "forsta-modulen", "finns-inte"], "okänt spår"],
      [["borja-har", "finns-inte"], "okänd modul"],
      [["finns-inte"], "okänd lektion"],
      [["enda-lektionen", "andra-modulen", "skolpersonal"], "ett annat spårs målgrupp"],
    ];
    for (const [args, why] of cases) {
      const params = lessonParams(...args);
      const result = await call(lessonLoader, get(`/utbildning/${params.track}/${params.module}/${params.lesson}`, cookie), params);
      expect(result.status, why).toBe(404);
    }
    const staff = await signedInCoach("school_staff");
    const outside = await call(moduleLoader, get("/utbildning/skolpersonal/forsta-modulen", staff.cookie), { track: "skolpersonal", module: "forsta-modulen" });
    expect(outside.status).toBe(404);
  });
});

describe("marking a lesson as read", () => {
  it("records the lesson with the module's content hash and goes on to the next lesson", async () => {
    const { user, cookie } = await signedInCoach();
    const result = await call(lessonAction, post("/utbildning/grund/forsta-modulen/borja-har", {}, cookie), lessonParams("borja-har"));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/utbildning/grund/forsta-modulen/fortsattning");
    expect(await completions(user.id)).toEqual([
      { track: "grund", module: "forsta-modulen", lesson: "borja-har", content_hash: getContent().modules["forsta-modulen"]!.contentHash },
    ]);
  });

  it("changes nothing the second time", async () => {
    const { user, cookie } = await signedInCoach();
    for (let i = 0; i < 2; i++) await call(lessonAction, post("/utbildning/grund/forsta-modulen/borja-har", {}, cookie), lessonParams("borja-har"));
    expect(await completions(user.id)).toHaveLength(1);
  });

  it("records once when several requests arrive at the same time (a double click)", async () => {
    const { db, user, cookie } = await signedInCoach();
    const requests = Array.from({ length: 5 }, () => call(lessonAction, post("/utbildning/grund/forsta-modulen/borja-har", {}, cookie), lessonParams("borja-har")));
    const results = await Promise.all(requests);
    expect(results.map((r) => r.status)).toEqual([302, 302, 302, 302, 302]);
    const direct = Array.from({ length: 5 }, () =>
      recordLessonCompletion(db, { userId: user.id, track: "grund", module: "forsta-modulen", lesson: "fortsattning", contentHash: "h" }),
    );
    await Promise.all(direct);
    expect((await completions(user.id)).map((c) => c.lesson)).toEqual(["borja-har", "fortsattning"]);
  });

  it("after the last lesson goes to the test when all are read, otherwise to the module page", async () => {
    const { cookie } = await signedInCoach();
    const last = await call(lessonAction, post("/utbildning/grund/forsta-modulen/fortsattning", {}, cookie), lessonParams("fortsattning"));
    expect(last.headers.get("Location")).toBe("/utbildning/grund/forsta-modulen");
    await call(lessonAction, post("/utbildning/grund/forsta-modulen/borja-har", {}, cookie), lessonParams("borja-har"));
    const again = await call(lessonAction, post("/utbildning/grund/forsta-modulen/fortsattning", {}, cookie), lessonParams("fortsattning"));
    expect(again.headers.get("Location")).toBe("/utbildning/grund/forsta-modulen/kunskapstest");
  });

  it("keeps the same lesson in two tracks apart", async () => {
    const { user } = await signedInCoach();
    const db = testDb();
    await recordLessonCompletion(db, { userId: user.id, track: "grund", module: "andra-modulen", lesson: "enda-lektionen", contentHash: "h" });
    await recordLessonCompletion(db, { userId: user.id, track: "skolpersonal", module: "andra-modulen", lesson: "enda-lektionen", contentHash: "h" });
    expect(await completions(user.id)).toHaveLength(2);
  });
});

describe("the lesson page", () => {
  it("shows where the lesson sits in the module, its neighbours and whether it is read", async () => {
    const { cookie } = await signedInCoach();
    await call(lessonAction, post("/utbildning/grund/forsta-modulen/borja-har", {}, cookie), lessonParams("borja-har"));
    const first = await call(lessonLoader, get("/utbildning/grund/forsta-modulen/borja-har", cookie), lessonParams("borja-har"));
    expect(first.data).toMatchObject({ position: 1, total: 2, done: true, previous: null, next: { title: "Fortsättningen", url: "/utbildning/grund/forsta-modulen/fortsattning" } });
    const second = await call(lessonLoader, get("/utbildning/grund/forsta-modulen/fortsattning", cookie), lessonParams("fortsattning"));
    expect(second.data).toMatchObject({ position: 2, done: false, next: { title: "Kunskapstestet", url: "/utbildning/grund/forsta-modulen/kunskapstest" } });
  });

  it("sends the lesson text in the data of a client-side navigation, with links into the track", async () => {
    const { cookie } = await signedInCoach();
    const result = await call(lessonLoader, get("/utbildning/grund/forsta-modulen/fortsattning", cookie), lessonParams("fortsattning"));
    expect(result.data.body.html).toContain('href="/utbildning/grund/andra-modulen/enda-lektionen"');
  });

  it("leaves the text out of the data of a page load, where the HTML carries it", async () => {
    const { cookie } = await signedInCoach();
    const request = new Request("http://localhost:3000/utbildning/grund/forsta-modulen/fortsattning", {
      headers: { Cookie: cookie, Accept: "text/html,application/xhtml+xml", "Sec-Fetch-Dest": "document" },
    });
    const result = await call(lessonLoader, request, lessonParams("fortsattning"));
    expect(result.data.body.html).toBeUndefined();
    expect(keptHtml(result.data.body.key)).toContain("<table>");
  });
});

describe("progress", () => {
  const track = () => getContent().tracks.find((t) => t.slug === "grund")!;
  const progressOf = async (userId: string) => trackProgress(getContent(), track(), await loadProgress(testDb(), userId, { track: "grund" }));

  it("starts at the first lesson with the whole track's time left", async () => {
    const { user } = await signedInCoach();
    const progress = await progressOf(user.id);
    expect(progress.next).toMatchObject({ kind: "lesson", lesson: "borja-har", started: false });
    // Lessons 1 + 2 + 1 minutes, tests (5 − 3) + (3 − 1) minutes.
    expect(progress.minutesLeft).toBe(8);
    expect(progress.modulesComplete).toBe(0);
  });

  it("continues at the first unread lesson, then the test, then the next module", async () => {
    const { db, user } = await signedInCoach();
    const content = getContent();
    await seedDemoProgress(db, user.id, content, { lessons: 1 });
    expect((await progressOf(user.id)).next).toMatchObject({ kind: "lesson", lesson: "fortsattning", started: true });

    await seedDemoProgress(db, user.id, content, { lessons: 2 });
    const atTest = await progressOf(user.id);
    expect(atTest.next).toMatchObject({ kind: "test", module: "forsta-modulen", url: "/utbildning/grund/forsta-modulen/kunskapstest" });
    expect(atTest.modules[0]).toMatchObject({ lessonsDone: 2, test: "open", complete: false, minutesLeft: 2 });

    await seedDemoProgress(db, user.id, content, { lessons: 2, passTests: true });
    const next = await progressOf(user.id);
    expect(next.modules[0]).toMatchObject({ test: "passed", complete: true, minutesLeft: 0 });
    expect(next.next).toMatchObject({ kind: "lesson", module: "andra-modulen", lesson: "enda-lektionen" });

    await seedDemoProgress(db, user.id, content, { lessons: 3, passTests: true });
    const done = await progressOf(user.id);
    expect(done).toMatchObject({ next: null, modulesComplete: 2, minutesLeft: 0 });
  });

  it("shows per module on /utbildning and the module page", async () => {
    const { db, user, cookie } = await signedInCoach();
    await seedDemoProgress(db, user.id, getContent(), { lessons: 2, passTests: true });
    const mine = await call(myTrainingLoader, get("/utbildning", cookie));
    expect(mine.data.tracks[0]).toMatchObject({
      modulesComplete: 1,
      modulesTotal: 2,
      next: { url: "/utbildning/grund/andra-modulen/enda-lektionen", started: true },
      modules: [
        { slug: "forsta-modulen", lessonsDone: 2, lessonsTotal: 2, test: "passed", complete: true },
        { slug: "andra-modulen", lessonsDone: 0, lessonsTotal: 1, test: "locked", complete: false },
      ],
    });
    const page = await call(moduleLoader, get("/utbildning/grund/forsta-modulen", cookie), { track: "grund", module: "forsta-modulen" });
    expect(page.data.lessons.map((l: { done: boolean }) => l.done)).toEqual([true, true]);
    expect(page.data.test).toMatchObject({ state: "passed", questions: 4, needed: 3 });
  });

  it("seeding demo progress twice changes nothing", async () => {
    const { db, user } = await signedInCoach();
    await seedDemoProgress(db, user.id, getContent(), { lessons: 3, passTests: true });
    await seedDemoProgress(db, user.id, getContent(), { lessons: 3, passTests: true });
    expect(await completions(user.id)).toHaveLength(3);
    expect(await db.selectFrom("quiz_attempt").select("id").where("user_id", "=", user.id).execute()).toHaveLength(2);
  });
});
