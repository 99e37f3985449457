// SPDX-License-Identifier: EUPL-1.2
// What a coach's progress records mean, per module and per track: pure functions, so the coach's
// pages, the coordinator's progress summary (roster/progress-summary.server.ts) and the rules agree
// without the summary importing the module that writes lessons (which refreshes the summary).
import type { ContentIndex, Module, Track } from "~/content/content.server";

export interface ProgressRecords {
  /** "<track>/<module>/<lesson>" for every lesson marked as read. */
  lessons: Set<string>;
  /** Per "<track>/<module>": whether any attempt passed, and how many there were. */
  tests: Map<string, { passed: boolean; attempts: number }>;
  /**
   * Per "<track>/<module>": the day earlier training completed it (decision 016). A credited
   * module counts as read and passed wherever progress is shown, as certification counts it.
   */
  credited?: Map<string, string>;
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
  const credited = records.credited?.has(`${track.slug}/${module.slug}`) ?? false;
  const doneLessons = new Set(module.lessons.filter((l) => credited || records.lessons.has(`${track.slug}/${module.slug}/${l.slug}`)).map((l) => l.slug));
  const test = records.tests.get(`${track.slug}/${module.slug}`);
  const allRead = doneLessons.size === module.lessons.length;
  const state: TestState = test?.passed || credited ? "passed" : !allRead ? "locked" : test ? "failed" : "open";
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
  const started = records.lessons.size > 0 || records.tests.size > 0 || (records.credited?.size ?? 0) > 0;
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
