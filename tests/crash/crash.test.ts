// SPDX-License-Identifier: EUPL-1.2
// The crash test: the production server on a SQLite file, a steady load of coaches marking
// lessons as read and submitting knowledge tests through real HTTP form posts with a session
// cookie (each test page opened first, as a browser does, and the questions it shows answered),
// and the server process killed with SIGKILL at random moments and started again.
// Afterwards every request the server answered with success (the action's redirect) is in the
// database, and the database passes PRAGMA integrity_check: an acknowledged write survives the
// process dying at any moment. That is what WAL with synchronous=NORMAL promises (db/client.server.ts);
// it does not promise survival of a power cut (docs/decisions/014-data-safety.md), which no test here can make.
// Needs the production build in BUILD_DIR (default build/): `npm test` runs this after `npm run build`
// (vitest.crash.config.ts). By hand: npm run build && npx vitest run --config vitest.crash.config.ts
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentIndex } from "~/content/types";
import { createSession } from "~/modules/auth/session.server";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import { answerForm, formBody, questionsShownIn } from "../helpers/training";

const BUILD_DIR = path.resolve(process.env.BUILD_DIR || "build");
const COACHES = 8;
const KILLS = 4;

interface Coach {
  id: string;
  cookie: string;
}

let dir: string;
let databaseFile: string;
let server: ChildProcess | undefined;
let serverLog = "";
let baseUrl = "";
let port = 0;
let life = 0;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(): Promise<void> {
  serverLog = "";
  const child = spawn(process.execPath, ["server/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      BUILD_DIR,
      DATABASE_URL: databaseFile,
      APP_URL: baseUrl,
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (chunk) => (serverLog += chunk));
  server = child;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server stopped at start:\n${serverLog}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer /healthz:\n${serverLog}`);
    await sleep(50);
  }
  life += 1;
}

async function killServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
    throw new Error(`No production build in ${BUILD_DIR}: run \`npm run build\` (with the same BUILD_DIR) first.`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coachportalen-crash-"));
  databaseFile = path.join(dir, "crash.db");
  port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
}, 30_000);

afterAll(async () => {
  await killServer();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

/** The coaches, each signed in (a session made as sign-in makes it), in a migrated SQLite file. */
async function seed(): Promise<Coach[]> {
  const db = createDatabase(databaseFile);
  try {
    await migrateToLatest(db);
    const now = new Date().toISOString();
    await db.insertInto("municipality").values({ id: "kommun", slug: "kraschby", name: "Kraschby kommun", county: "Kalmar län", created_at: now }).execute();
    const coaches: Coach[] = [];
    for (let i = 0; i < COACHES; i++) {
      const id = `coach-${i}`;
      await db
        .insertInto("user")
        .values({ id, email: `${id}@exempel.se`, name: `Coach ${i}`, role: "coach", municipality_id: "kommun", school: null, password_hash: null, created_at: now, deactivated_at: null })
        .execute();
      const { token } = await createSession(db, id, { userAgent: "crash-test" });
      coaches.push({ id, cookie: `__session=${token}` });
    }
    return coaches;
  } finally {
    await db.destroy();
  }
}

describe("the production server killed with SIGKILL under load", () => {
  it("keeps every acknowledged lesson and test, and the database stays whole", async () => {
    const coaches = await seed();
    const content = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, "content", "index.json"), "utf8")) as ContentIndex;
    const track = content.tracks.find((t) => t.audience === "coach")!;
    const modules = track.modules.map((slug) => content.modules[slug]!).filter((m) => m.lessons.length > 0 && m.quiz.questions.length > 0);

    const lessonsAcknowledged: Array<{ userId: string; module: string; lesson: string; life: number; at: string }> = [];
    const attemptsAcknowledged: Array<{ userId: string; module: string; id: string; life: number }> = [];
    const unexpected: string[] = [];
    let refused = 0;
    let stop = false;

    /** A GET without `form`, a form post with it; the answer read whole. */
    async function request(coach: Coach, pathname: string, form?: URLSearchParams): Promise<{ status: number; location: string | null; body: string } | null> {
      try {
        const response = await fetch(`${baseUrl}${pathname}`, {
          method: form ? "POST" : "GET",
          redirect: "manual",
          body: form,
          headers: form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, Cookie: coach.cookie } : { Cookie: coach.cookie },
        });
        return { status: response.status, location: response.headers.get("location"), body: await response.text() };
      } catch {
        // Killed mid-request or not up yet: not acknowledged, so nothing is promised.
        refused += 1;
        await sleep(20);
        return null;
      }
    }

    async function learner(coach: Coach, offset: number): Promise<void> {
      for (let round = 0; !stop; round++) {
        const module = modules[(offset + round) % modules.length]!;
        for (let i = 0; i < module.lessons.length && !stop; ) {
          const lesson = module.lessons[i]!;
          const at = life;
          const response = await request(coach, `/utbildning/${track.slug}/${module.slug}/${lesson.slug}`, new URLSearchParams());
          if (!response) continue;
          if (response.status === 302 || response.status === 303) {
            lessonsAcknowledged.push({ userId: coach.id, module: module.slug, lesson: lesson.slug, life: at, at: new Date().toISOString() });
            i++;
          } else {
            unexpected.push(`lesson ${response.status}`);
            i++;
          }
        }
        const testPath = `/utbildning/${track.slug}/${module.slug}/kunskapstest`;
        for (let submitted = 0; submitted < 2 && !stop; ) {
          // The page first, as a browser opens it: the attempt's questions are drawn then, and
          // only those may be answered. After a cut-off post it is opened again, since the
          // attempt may have been stored and a new one drawn.
          const page = await request(coach, testPath);
          if (!page) continue;
          if (page.status !== 200) {
            unexpected.push(`test page ${page.status}`);
            submitted++;
            continue;
          }
          // Answered right, as a coach who read the lessons: three fails in a row would pause the test.
          const answers = formBody(answerForm(module, questionsShownIn(module, page.body)));
          const at = life;
          const response = await request(coach, testPath, answers);
          if (!response) continue;
          const id = new URL(response.location ?? "/", baseUrl).searchParams.get("resultat");
          if ((response.status === 302 || response.status === 303) && id) attemptsAcknowledged.push({ userId: coach.id, module: module.slug, id, life: at });
          else unexpected.push(`test ${response.status}`);
          submitted++;
        }
      }
    }

    await startServer();
    const load = coaches.map((coach, i) => learner(coach, i));
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(1_200 + Math.random() * 2_000);
      await killServer();
      await sleep(Math.random() * 300);
      await startServer();
    }
    await sleep(1_000);
    // The last one dies too: what it acknowledged must be on disk without a clean shutdown.
    await killServer();
    stop = true;
    await Promise.all(load);

    // Load ran in every life of the server, and requests really were cut off.
    for (let l = 1; l <= KILLS + 1; l++) expect(lessonsAcknowledged.some((a) => a.life === l) || attemptsAcknowledged.some((a) => a.life === l)).toBe(true);
    expect(refused).toBeGreaterThan(0);
    expect(attemptsAcknowledged.length).toBeGreaterThan(0);

    const db = new SQLite(databaseFile);
    try {
      expect(db.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
      const lessons = new Map(
        (db.prepare("select user_id, module, lesson, completed_at from lesson_completion").all() as Array<{ user_id: string; module: string; lesson: string; completed_at: string }>).map(
          (r) => [`${r.user_id}/${r.module}/${r.lesson}`, r.completed_at],
        ),
      );
      // A lesson is read again in a later round (a no-op): the row must be the one the first
      // acknowledgement promised, not one written later that hides a loss.
      const lostLessons = lessonsAcknowledged.filter((a) => {
        const completedAt = lessons.get(`${a.userId}/${a.module}/${a.lesson}`);
        return completedAt === undefined || completedAt > a.at;
      });
      expect(lostLessons).toEqual([]);
      const attempts = new Map(
        (db.prepare("select id, user_id, module from quiz_attempt").all() as Array<{ id: string; user_id: string; module: string }>).map((r) => [r.id, r]),
      );
      const lostAttempts = attemptsAcknowledged.filter((a) => attempts.get(a.id)?.user_id !== a.userId || attempts.get(a.id)?.module !== a.module);
      expect(lostAttempts).toEqual([]);
    } finally {
      db.close();
    }
    // Every answer was an acknowledgement or a cut connection: no error, no refusal.
    expect(unexpected, serverLog).toEqual([]);
  }, 90_000);
});
