// SPDX-License-Identifier: EUPL-1.2
// A coach's progress: which lessons they have marked as read and how their knowledge tests
// went, read with one indexed query, and what follows from it — per module, per track,
// the time left and the next step ("Fortsätt").
import { sql, type Kysely } from "kysely";
import type { ContentIndex, Module, Track } from "~/content/content.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";

export interface ProgressRecords {
  /** "<track>/<module>/<lesson>" for every lesson marked as read. */
  lessons: Set<string>;
  /** Per "<track>/<module>": whether any attempt passed, and how many there were. */
  tests: Map<string, { passed: boolean; attempts: number }>;
}

/**
 * Everything about one person's progress, optionally in one track: lesson rows and one
 * summary row per tested module, in a single round trip. Both halves read an index
 * that starts with user_id and track.
 */
export async function loadProgress(db: Kysely<Database>, userId: string, scope: { track?: string; module?: string } = {}): Promise<ProgressRecords> {
  let lessons = db
    .selectFrom("lesson_completion")
    .select((eb) => [
      sql<string>`'lesson'`.as("kind"),
      "track",
      "module",
      eb.ref("lesson").$castTo<string | null>().as("lesson"),
      sql<number>`0`.as("passed"),
      sql<number>`0`.as("attempts"),
    ])
    .where("user_id", "=", userId);
  let tests = db
    .selectFrom("quiz_attempt")
    .select((eb) => [
      sql<string>`'test'`.as("kind"),
      "track",
      "module",
      sql<string | null>`null`.as("lesson"),
      eb.fn.max("passed").as("passed"),
      eb.fn.countAll<number>().as("attempts"),
    ])
    .where("user_id", "=", userId)
    .groupBy(["track", "module"]);
  if (scope.track) {
    lessons = lessons.where("track", "=", scope.track);
    tests = tests.where("track", "=", scope.track);
  }
  if (scope.module) {
    lessons = lessons.where("module", "=", scope.module);
    tests = tests.where("module", "=", scope.module);
  }
  const rows = await lessons.unionAll(tests).execute();
  const records: ProgressRecords = { lessons: new Set(), tests: new Map() };
  for (const row of rows) {
    if (row.kind === "lesson") records.lessons.add(`${row.track}/${row.module}/${row.lesson}`);
    else records.tests.set(`${row.track}/${row.module}`, { passed: toCount(row.passed) === 1, attempts: toCount(row.attempts) });
  }
  return records;
}

/** Marks a lesson as read. Idempotent: a second call, or a double click, records nothing new. */
export async function recordLessonCompletion(
  db: Kysely<Database>,
  input: { userId: string; track: string; module: string; lesson: string; contentHash: string; now?: Date },
): Promise<void> {
  await db
    .insertInto("lesson_completion")
    .values({
      id: newId(),
      user_id: input.userId,
      track: input.track,
      module: input.module,
      lesson: input.lesson,
      content_hash: input.contentHash,
      completed_at: (input.now ?? new Date()).toISOString(),
    })
    .onConflict((oc) => oc.columns(["user_id", "track", "module", "lesson"]).doNothing())
    .execute();
}

export type TestState = "locked" | "open" | "failed" | "passed";

export interface ModuleProgress {
  slug: string;
  title: string;
  lessonsTotal: number;
  lessonsDone: number;
  /** Slugs of the lessons marked as read. */
  doneLessons: Set<string>;
  test: TestState;
  attempts: number;
  complete: boolean;
  minutesLeft: number;
}

export type NextStep =
  | { kind: "lesson"; module: string; lesson: string; title: string; url: string; started: boolean }
  | { kind: "test"; module: string; title: string; url: string; started: true };

export interface TrackProgress {
  modules: ModuleProgress[];
  modulesComplete: number;
  minutesLeft: number;
  next: NextStep | null;
}

const TEST_PATH = "kunskapstest";

export function lessonUrl(track: string, module: string, lesson: string): string {
  return `/utbildning/${track}/${module}/${lesson}`;
}

export function moduleUrl(track: string, module: string): string {
  return `/utbildning/${track}/${module}`;
}

export function testUrl(track: string, module: string): string {
  return `/utbildning/${track}/${module}/${TEST_PATH}`;
}

/** What the lessons' reading times leave of the module's estimate is the test's share. */
export function testMinutes(module: Module): number {
  const reading = module.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return Math.max(1, module.estimatedMinutes - reading);
}

export function moduleProgress(track: Track, module: Module, records: ProgressRecords): ModuleProgress {
  const doneLessons = new Set(module.lessons.filter((l) => records.lessons.has(`${track.slug}/${module.slug}/${l.slug}`)).map((l) => l.slug));
  const test = records.tests.get(`${track.slug}/${module.slug}`);
  const allRead = doneLessons.size === module.lessons.length;
  const state: TestState = test?.passed ? "passed" : !allRead ? "locked" : test ? "failed" : "open";
  const readingLeft = module.lessons.filter((l) => !doneLessons.has(l.slug)).reduce((sum, l) => sum + l.minutes, 0);
  return {
    slug: module.slug,
    title: module.title,
    lessonsTotal: module.lessons.length,
    lessonsDone: doneLessons.size,
    doneLessons,
    test: state,
    attempts: test?.attempts ?? 0,
    complete: allRead && state === "passed",
    minutesLeft: readingLeft + (state === "passed" ? 0 : testMinutes(module)),
  };
}

/** Progress through a track in its order; the next step is the first unread lesson, or the test of the first unfinished module. */
export function trackProgress(content: ContentIndex, track: Track, records: ProgressRecords): TrackProgress {
  const modules = track.modules.flatMap((slug) => {
    const module = content.modules[slug];
    return module ? [{ module, progress: moduleProgress(track, module, records) }] : [];
  });
  let next: NextStep | null = null;
  const started = records.lessons.size > 0 || records.tests.size > 0;
  for (const { module, progress } of modules) {
    if (progress.complete) continue;
    const lesson = module.lessons.find((l) => !progress.doneLessons.has(l.slug));
    next = lesson
      ? { kind: "lesson", module: module.slug, lesson: lesson.slug, title: lesson.title, url: lessonUrl(track.slug, module.slug, lesson.slug), started }
      : { kind: "test", module: module.slug, title: `Kunskapstest: ${module.title}`, url: testUrl(track.slug, module.slug), started: true };
    break;
  }
  return {
    modules: modules.map((m) => m.progress),
    modulesComplete: modules.filter((m) => m.progress.complete).length,
    minutesLeft: modules.reduce((sum, m) => sum + m.progress.minutesLeft, 0),
    next,
  };
}

/** "cirka 5 minuter", "cirka 1 timme 10 minuter" */
export function formatMinutesLeft(minutes: number): string {
  if (minutes < 60) return `cirka ${minutes} ${minutes === 1 ? "minut" : "minuter"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hourText = `${hours} ${hours === 1 ? "timme" : "timmar"}`;
  return rest ? `cirka ${hourText} ${rest} ${rest === 1 ? "minut" : "minuter"}` : `cirka ${hourText}`;
}
