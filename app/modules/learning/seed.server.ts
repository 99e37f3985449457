// SPDX-License-Identifier: EUPL-1.2
// Demo progress for the seed: lets a demo coach show the training half done, or done.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import type { Database } from "~db/schema";
import { recordLessonCompletion } from "./progress.server";
import { countAttempts, recordAttempt } from "./quiz.server";

/**
 * Marks the first `lessons` lessons of a track as read (in track order) and, with
 * `passTests`, passes the test of every module whose lessons are all read. With `between`,
 * the reading is spread evenly over those days, as a coach reads over weeks; else it all
 * happens at `now`. Running it again changes nothing.
 */
export async function seedDemoProgress(
  db: Kysely<Database>,
  userId: string,
  content: ContentIndex,
  options: { track?: string; lessons: number; passTests?: boolean; now?: Date; between?: [Date, Date] },
): Promise<void> {
  const track = content.tracks.find((t) => (options.track ? t.slug === options.track : t.audience === "coach"));
  if (!track) return;
  let remaining = options.lessons;
  const total = Math.max(1, Math.min(options.lessons, track.modules.reduce((n, slug) => n + (content.modules[slug]?.lessons.length ?? 0), 0)));
  let done = 0;
  const at = (): Date | undefined => {
    if (!options.between) return options.now;
    const [from, to] = options.between;
    return new Date(from.getTime() + ((to.getTime() - from.getTime()) * Math.min(done, total - 1)) / Math.max(1, total - 1));
  };
  for (const slug of track.modules) {
    const module = content.modules[slug];
    if (!module || remaining <= 0) break;
    const lessons = module.lessons.slice(0, remaining);
    remaining -= lessons.length;
    for (const lesson of lessons) {
      await recordLessonCompletion(db, { userId, track: track.slug, module: slug, lesson: lesson.slug, contentHash: module.contentHash, now: at() });
      done++;
    }
    const allRead = lessons.length === module.lessons.length;
    if (options.passTests && allRead && (await countAttempts(db, userId, track.slug, slug)) === 0) {
      // The first questions of the pool stand for one draw: the demo needs a pass, not a particular one.
      const answers = module.quiz.questions.slice(0, module.quiz.perAttempt).map((q) => ({
        question: q.id,
        chosen: q.type === "truefalse" ? [String(q.answer)] : q.options.filter((o) => o.correct).map((o) => o.id),
      }));
      await recordAttempt(db, { userId, track: track.slug, module: slug, contentHash: module.contentHash, quiz: module.quiz, answers, passPercent: track.passPercent, now: at() });
    }
  }
}
