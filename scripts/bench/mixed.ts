// SPDX-License-Identifier: EUPL-1.2
// The mixed run's writes: coaches of the largest municipality going on with their training,
// through the same form posts a browser sends (mark a lesson read, hand in a knowledge test),
// at a steady rate while coordinators and other coaches read. Nothing here calls the app's
// functions to write: the app must do all of it itself, as in production.
import type { Kysely } from "kysely";
import type { ContentIndex, Module } from "../../app/content/types";
import { answerForm, formBody, questionsShownIn } from "../../tests/helpers/training";
import { mulberry32 } from "./generate";

/** Coaches working at the same time: at 20 writes/s each posts every 2.5 s. */
const ACTIVE_COACHES = 50;

export type WriteJob =
  /** A lesson marked as read: an empty form. */
  | { coachId: string; kind: "lektion"; url: string }
  /** The module's knowledge test, answered right: the questions are the ones its page shows. */
  | { coachId: string; kind: "kunskapstest"; url: string; module: Module };

/**
 * What each coach of the municipality does next: the lessons of their first unfinished module
 * (the main track first, then the other coach tracks) and its test, in a seeded order of coaches.
 */
export async function planWrites(db: Kysely<any>, content: ContentIndex, municipalityId: string): Promise<WriteJob[]> {
  const coaches = (await db
    .selectFrom("user")
    .select("id")
    .where("municipality_id", "=", municipalityId)
    .where("role", "=", "coach")
    .where("deactivated_at", "is", null)
    .orderBy("id")
    .execute()) as Array<{ id: string }>;
  const ofMunicipality = db.selectFrom("user").select("id").where("municipality_id", "=", municipalityId);
  const completions = (await db
    .selectFrom("lesson_completion")
    .select(["user_id", "track", "module", "lesson", "content_hash"])
    .where("user_id", "in", ofMunicipality)
    .execute()) as Array<{ user_id: string; track: string; module: string; lesson: string; content_hash: string }>;
  const passed = (await db
    .selectFrom("quiz_attempt")
    .select(["user_id", "track", "module"])
    .where("user_id", "in", ofMunicipality)
    .where("passed", "=", 1)
    .execute()) as Array<{ user_id: string; track: string; module: string }>;
  const read = new Set(completions.filter((c) => content.modules[c.module]?.contentHash === c.content_hash).map((c) => `${c.user_id}/${c.track}/${c.module}/${c.lesson}`));
  const done = new Set(passed.map((p) => `${p.user_id}/${p.track}/${p.module}`));

  const coachTracks = content.tracks.filter((t) => t.audience === "coach");
  const main = coachTracks.find((t) => t.refresher) ?? coachTracks[0];
  // The benchmark's own one-lesson track is the page under test, not something to finish.
  const tracks = [main, ...coachTracks.filter((t) => t !== main && t.modules.length > 1)].filter((t) => t !== undefined);

  const queues: WriteJob[][] = [];
  for (const { id: coachId } of coaches) {
    const queue: WriteJob[] = [];
    outer: for (const track of tracks) {
      for (const slug of track.modules) {
        const module = content.modules[slug];
        if (!module || done.has(`${coachId}/${track.slug}/${slug}`)) continue;
        for (const lesson of module.lessons) {
          if (!read.has(`${coachId}/${track.slug}/${slug}/${lesson.slug}`)) {
            queue.push({ coachId, kind: "lektion", url: `/utbildning/${track.slug}/${slug}/${lesson.slug}` });
          }
        }
        queue.push({ coachId, kind: "kunskapstest", url: `/utbildning/${track.slug}/${slug}/kunskapstest`, module });
        break outer;
      }
    }
    if (queue.length) queues.push(queue);
  }
  // Seeded: the same database gives the same plan.
  const random = mulberry32(queues.length);
  for (let i = queues.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queues[i], queues[j]] = [queues[j]!, queues[i]!];
  }
  // A few dozen coaches at work at once, each going on with their module every couple of
  // seconds: the test comes after the lessons were answered, and the next coach takes over.
  const jobs: WriteJob[] = [];
  const active = queues.splice(0, ACTIVE_COACHES);
  while (active.length) {
    for (let i = 0; i < active.length; i++) {
      jobs.push(active[i]!.shift()!);
      if (active[i]!.length === 0) active[i] = queues.shift() ?? [];
    }
    for (let i = active.length - 1; i >= 0; i--) if (active[i]!.length === 0) active.splice(i, 1);
  }
  return jobs;
}

const WRITE_TIMEOUT_MS = 30_000;

/**
 * The form a coach who knows the answers sends: the test page opened first, as the browser
 * does (the attempt's questions are drawn and kept then, and an answer to any other question of
 * the pool is refused), and those questions answered right.
 */
async function testAnswers(base: string, job: Extract<WriteJob, { kind: "kunskapstest" }>, cookie: string): Promise<string> {
  const page = await fetch(`${base}${job.url}`, {
    redirect: "manual",
    signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
    headers: { Cookie: cookie, Accept: "text/html" },
  });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`sidan ${page.status}`);
  return formBody(answerForm(job.module, questionsShownIn(job.module, html))).toString();
}

export interface WriteResult {
  attempted: number;
  /** Answered with the redirect the form expects. */
  ok: number;
  failed: number;
  /** Status codes of the failures, with counts. */
  failures: Record<string, number>;
  p50: number;
  p99: number;
  maxMs: number;
  /** Successful writes per second, from the first sent to the last answered. */
  perSecond: number;
}

/**
 * Sends `jobs` at `rate` per second for `seconds`, each when its time comes whether or not
 * other coaches' posts have been answered (an open loop: a slow server does not slow the
 * municipality down), but never before the same coach's previous post was answered.
 */
export async function runWrites(
  base: string,
  jobs: Iterator<WriteJob>,
  cookieFor: (coachId: string) => string,
  options: { rate: number; seconds: number },
): Promise<WriteResult> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  // A person waits for the page before clicking on: a coach's next post goes when it is due, or
  // when their previous one has been answered if that is later.
  const previous = new Map<string, Promise<void>>();
  const started = performance.now();
  const total = Math.round(options.rate * options.seconds);
  const send = async (job: WriteJob) => {
    let t0 = performance.now();
    try {
      const body = job.kind === "kunskapstest" ? await testAnswers(base, job, cookieFor(job.coachId)) : "";
      // The post alone is the write measured; opening the test page is a read like the others.
      t0 = performance.now();
      const response = await fetch(`${base}${job.url}`, {
        method: "POST",
        body,
        redirect: "manual",
        // A write still unanswered after this long is counted as failed, so that a stuck
        // server cannot hold the benchmark up indefinitely.
        signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
        headers: {
          Cookie: cookieFor(job.coachId),
          Origin: base,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "text/html",
        },
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      // Both forms answer a successful post with a redirect to what comes next.
      if (response.status !== 302 && response.status !== 303) failures[`${job.kind} ${response.status}`] = (failures[`${job.kind} ${response.status}`] ?? 0) + 1;
    } catch (error) {
      latencies.push(performance.now() - t0);
      const key = `${job.kind} ${(error as Error).name === "TimeoutError" ? `obesvarad efter ${WRITE_TIMEOUT_MS / 1000} s` : (error as Error).message}`;
      failures[key] = (failures[key] ?? 0) + 1;
    }
  };
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const next = jobs.next();
    if (next.done) break;
    const job = next.value;
    const write = (previous.get(job.coachId) ?? Promise.resolve()).then(() => send(job));
    previous.set(job.coachId, write);
    pending.push(write);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return {
    attempted: latencies.length,
    ok: latencies.length - failed,
    failed,
    failures,
    p50: at(0.5),
    p99: at(0.99),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    perSecond: Math.round(((latencies.length - failed) / seconds) * 10) / 10,
  };
}
