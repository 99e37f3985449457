// SPDX-License-Identifier: EUPL-1.2
// The benchmark's content folder: the real content, plus
//  - a module whose single lesson is ~1,500 words of real lesson text (the page under test), and
//  - a second coach track of copies of the main track's modules, so that a coach's history is
//    as long as in a deployment that has run for some years (issue #8 asks for about 2 million
//    completions from 40,000 coaches: more than the one shipped track holds).
import fs from "node:fs";
import path from "node:path";

export const BENCH_TRACK = "bench";
export const BENCH_MODULE = "bench-lasning";
export const BENCH_LESSON_TITLE = "En lång lektion";
const BENCH_LESSON_SLUG = "lang-lektion";
const DEEPENING_TRACK = "bench-fordjupning";

export interface BenchContent {
  lessonUrl: string;
  words: number;
}

export function prepareContent(target: string, source = "content"): BenchContent {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
  const first = path.join(source, "modules", "andts-och-uppdraget");
  const bodies = fs
    .readdirSync(first)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort()
    .map((f) =>
      fs
        .readFileSync(path.join(first, f), "utf8")
        .replace(/^---[\s\S]*?---\n/, "")
        // Links to other lessons would point out of the bench module: keep their text only.
        .replace(/\]\((?!https:)[^)]*\)/g, "]"),
    );
  let text = "";
  for (const body of bodies) {
    if (text.split(/\s+/).length >= 1500) break;
    text += `\n${body}\n`;
  }
  const words = text.split(/\s+/).filter(Boolean).length;
  const dir = path.join(target, "modules", BENCH_MODULE);
  fs.mkdirSync(dir, { recursive: true });
  const index = fs.readFileSync(path.join(first, "index.md"), "utf8");
  const minutes = Math.ceil(words / 180);
  fs.writeFileSync(
    path.join(dir, "index.md"),
    index.replace(/^title: .*$/m, "title: Läsprov för prestandamätning").replace(/^estimatedMinutes: .*$/m, `estimatedMinutes: ${minutes + 10}`),
  );
  fs.writeFileSync(path.join(dir, `01-${BENCH_LESSON_SLUG}.md`), `---\ntitle: ${BENCH_LESSON_TITLE}\nminutes: ${minutes}\n---\n${text}`);
  // Every question names the lesson to read again (issue #17); here there is one lesson.
  fs.writeFileSync(path.join(dir, "quiz.yml"), fs.readFileSync(path.join(first, "quiz.yml"), "utf8").replace(/^(\s*lesson:\s*).*$/gm, `$1${BENCH_LESSON_SLUG}`));
  fs.writeFileSync(
    path.join(target, "tracks", `${BENCH_TRACK}.md`),
    `---\ntitle: Prestandamätning\nsummary: Ett spår som bara finns i mätningen.\nmodules:\n  - ${BENCH_MODULE}\n---\nMätspår.\n`,
  );

  // The deepening track: the main coach track's modules under new names.
  const mainTrack = fs.readFileSync(path.join(source, "tracks", "andts-coach-grund.md"), "utf8");
  const modules = [...(/^modules:\n((?:\s+- .*\n)+)/m.exec(mainTrack)?.[1] ?? "").matchAll(/- (\S+)/g)].map((m) => m[1]!);
  for (const module of modules) fs.cpSync(path.join(source, "modules", module), path.join(target, "modules", `fordjupning-${module}`), { recursive: true });
  fs.writeFileSync(
    path.join(target, "tracks", `${DEEPENING_TRACK}.md`),
    `---\ntitle: Fördjupning för ANDTS-coacher\nsummary: Ett andra spår för coacher, bara i mätningen.\nmodules:\n${modules.map((m) => `  - fordjupning-${m}`).join("\n")}\n---\nFördjupning.\n`,
  );
  return { lessonUrl: `/utbildning/${BENCH_TRACK}/${BENCH_MODULE}/${BENCH_LESSON_SLUG}`, words };
}
