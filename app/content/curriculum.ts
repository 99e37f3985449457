// SPDX-License-Identifier: EUPL-1.2
// The curriculum's own rules, on top of the file format: how big a module in a track is.
// The issue sets them for the basic course; they hold for every track (coach and
// school_staff alike), and a track's refresher is a shorter module with rules of its own.
// `content:check` applies them; content used only in tests is not a curriculum.
import type { ContentError } from "./types";

interface Range {
  min: number;
  max: number;
}

export const CURRICULUM = {
  module: { objectives: { min: 3, max: 5 }, lessons: { min: 3, max: 6 }, questions: { min: 8, max: 12 } },
  refresher: { objectives: { min: 2, max: 5 }, lessons: { min: 2, max: 3 }, questions: { min: 6, max: Infinity } },
} satisfies Record<string, Record<"objectives" | "lessons" | "questions", Range>>;

export interface CurriculumTrack {
  slug: string;
  modules: string[];
  refresher?: string;
}

/** What the rules count in one module, and where an author fixes each count. */
export interface CurriculumModule {
  slug: string;
  /** Lesson files, also those whose frontmatter is broken. */
  lessons: number;
  /** Null when index.md is missing or broken: the format check has said so already. */
  index: { file: string; objectives: number; objectivesLine: number } | null;
  /** `questions` is the pool; `perAttempt` what an attempt asks when the module says (in index.md). */
  quiz: { file: string; questions: number; questionsLine: number; recall: number; perAttempt: number | null; perAttemptLine: number } | null;
}

export function checkCurriculum(tracks: CurriculumTrack[], modules: CurriculumModule[]): ContentError[] {
  const errors: ContentError[] = [];
  const bySlug = new Map(modules.map((m) => [m.slug, m]));
  for (const track of tracks) {
    const roles = new Map<string, keyof typeof CURRICULUM>(track.modules.map((slug) => [slug, "module"]));
    if (track.refresher) roles.set(track.refresher, "refresher");
    for (const [slug, role] of roles) {
      const module = bySlug.get(slug);
      if (!module) continue;
      const rules = CURRICULUM[role];
      const who = role === "refresher" ? `en repetitionsmodul (refresher i spåret ${track.slug})` : "en modul i ett spår";
      const test = role === "refresher" ? `kunskapstestet i ${who}` : "ett kunskapstest i ett spår";
      const outside = (range: Range, count: number) => count < range.min || count > range.max;
      if (module.index && outside(rules.objectives, module.index.objectives)) {
        errors.push({
          file: module.index.file,
          line: module.index.objectivesLine,
          field: "objectives",
          message: `${who} ska ha ${span(rules.objectives)} lärandemål, men den här har ${module.index.objectives}`,
        });
      }
      // No lessons at all is already an error of the format.
      if (module.index && module.lessons > 0 && outside(rules.lessons, module.lessons)) {
        errors.push({
          file: module.index.file,
          line: 1,
          field: "lektioner",
          message: `${who} ska ha ${span(rules.lessons)} lektioner, men den här har ${module.lessons}`,
        });
      }
      // The rule is on what a coach is asked: a pool may hold more (issue #16), and the rule then
      // reads the module's questionsPerAttempt.
      const sizeBefore = errors.length;
      if (module.quiz && module.quiz.perAttempt === null && outside(rules.questions, module.quiz.questions)) {
        errors.push({
          file: module.quiz.file,
          line: module.quiz.questionsLine,
          field: "questions",
          message: `${test} ska ha ${span(rules.questions)} frågor, men det här har ${module.quiz.questions}`,
        });
      }
      if (module.quiz && module.quiz.perAttempt !== null && module.index && outside(rules.questions, module.quiz.perAttempt)) {
        errors.push({
          file: module.index.file,
          line: module.quiz.perAttemptLine,
          field: "questionsPerAttempt",
          message: `${test} ska ställa ${span(rules.questions)} frågor per försök, men det här ställer ${module.quiz.perAttempt}`,
        });
      }
      // One error per cause: a test of the wrong size is first made the right size.
      if (module.quiz && errors.length === sizeBefore) {
        // A draw from a pool only varies when the pool is clearly larger than what is asked, so
        // that a second attempt is not the first one again (issue #17).
        const asked = module.quiz.perAttempt ?? module.quiz.questions;
        const pool = minimumPool(asked);
        if (module.quiz.questions < pool) {
          errors.push({
            file: module.quiz.file,
            line: module.quiz.questionsLine,
            field: "questions",
            message: `${test} ska ha minst ${pool} frågor att dra från (1,5 gånger de ${asked} som ett försök ställer, se questionsPerAttempt i index.md), men det här har ${module.quiz.questions}`,
          });
        }
        // A coach should be tested on what to do, not on dates and numbers.
        const allowed = maxRecall(module.quiz.questions);
        if (module.quiz.recall > allowed) {
          errors.push({
            file: module.quiz.file,
            line: module.quiz.questionsLine,
            field: "questions",
            message: `högst en fjärdedel av frågorna får vara rena faktafrågor (recall: true), alltså ${allowed} av ${module.quiz.questions}, men det här har ${module.quiz.recall}`,
          });
        }
      }
    }
  }
  return errors;
}

/** The smallest pool an attempt of `asked` questions may be drawn from. */
export function minimumPool(asked: number): number {
  return Math.ceil(asked * 1.5);
}

/** How many of a pool may be pure recall (dates, SFS numbers, percentages). */
export function maxRecall(pool: number): number {
  return Math.floor(pool / 4);
}

function span(range: Range): string {
  return range.max === Infinity ? `minst ${range.min}` : `${range.min}–${range.max}`;
}
