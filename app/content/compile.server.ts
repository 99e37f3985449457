// SPDX-License-Identifier: EUPL-1.2
// Reads the whole content folder, checks it against docs/content-format.md and compiles it
// into one index. `npm run content:check` prints the errors (and adds the curriculum's
// rules and the spelling check); `npm run content:build` writes the index; in development
// the app calls it again when a file changes.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { compileAttachmentText, splitAttachmentSections, type AttachmentSection } from "./attachment-text.server";
import { checkCurriculum } from "./curriculum";
import { compileMarkdown, type LinkTargets } from "./markdown.server";
import { lineOf, normaliseText, parseYaml, splitFrontmatter, textAt, validateYaml, type LocatedYaml } from "./parse";
import { parseSynonyms } from "./synonyms";
import {
  guideSchema,
  lessonSchema,
  materialSchema,
  moduleSchema,
  quizSchema,
  RESERVED_LESSON_SLUGS,
  SLUG_PATTERN,
  trackSchema,
  type GuideFrontmatter,
  type LessonFrontmatter,
  type MaterialFrontmatter,
  type ModuleFrontmatter,
  type QuizFile,
  type TrackFrontmatter,
} from "./schema";
import {
  CONTENT_FORMAT_VERSION,
  type ContentError,
  type ContentImage,
  type ContentIndex,
  type Attachment,
  type ContentProse,
  type Guide,
  type Lesson,
  type Material,
  type Module,
  type Question,
  type Review,
  type Source,
  type Track,
} from "./types";

/** Reading speed used to judge a lesson's `minutes`: unhurried, as for a text one learns from. */
export const WORDS_PER_MINUTE = 180;
export const MAX_IMAGE_BYTES = 1024 * 1024;

const IMAGE_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

const CHECKED_ON_MISSING = "fältet saknas: skriv när texten senast kontrollerades mot källorna (ÅÅÅÅ-MM-DD)";

const LESSON_FILE = /^(\d{2})-(.+)\.md$/;
const ROOT_FILES = new Set(["tracks", "modules", "materials", "guider", "ordlista.txt", "synonymer.txt", "README.md"]);

export interface CompileOptions {
  /** Also check the curriculum's rules (curriculum.ts): how many objectives, lessons and questions. */
  curriculum?: boolean;
}

export interface CompileResult {
  index: ContentIndex;
  errors: ContentError[];
  /** Every text a reader reads, for the spelling check. */
  prose: ContentProse[];
}

interface ParsedFile<T> {
  file: string;
  data: T;
  located: LocatedYaml;
  body: string;
  bodyLine: number;
}

interface LessonSource extends ParsedFile<LessonFrontmatter> {
  slug: string;
  number: number;
}

interface ModuleSource {
  slug: string;
  index: ParsedFile<ModuleFrontmatter> | null;
  lessons: LessonSource[];
  quiz: { file: string; data: QuizFile; located: LocatedYaml } | null;
  hashFiles: Array<{ name: string; text: string }>;
}

/** Checks and compiles the folder. The index is complete only when `errors` is empty. */
export function compileContent(root: string, options: CompileOptions = {}): CompileResult {
  const errors: ContentError[] = [];
  const fail = (file: string, line: number, field: string, message: string) => errors.push({ file, line, field, message });
  const prose: ContentProse[] = [];
  const collectProse = (file: string, located: LocatedYaml, paths: PropertyKey[][]) => {
    for (const field of paths) {
      const text = textAt(located, field);
      if (text) prose.push({ file, ...text });
    }
  };
  const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
  const list = (dir: string) => listDir(path.join(root, dir));

  for (const entry of list("")) {
    if (!ROOT_FILES.has(entry.name)) fail(entry.name, 1, "", "okänd fil eller mapp: innehållet ligger i tracks/, modules/, materials/, guider/, ordlista.txt och synonymer.txt");
  }

  // The materials search's synonyms; a folder without the file has none.
  const synonymFile = "synonymer.txt";
  const synonyms = fs.existsSync(path.join(root, synonymFile)) ? parseSynonyms(read(synonymFile)) : { groups: [], problems: [] };
  for (const problem of synonyms.problems) fail(synonymFile, problem.line, "", problem.message);

  function parseFrontmatterFile<S extends z.ZodType>(file: string, schema: S): ParsedFile<z.output<S>> | null {
    const split = splitFrontmatter(read(file));
    if (!split) {
      fail(file, 1, "", "filen ska börja med en frontmatter: en rad med ---, fälten i YAML och en rad med ---");
      return null;
    }
    const { located, errors: yamlErrors } = parseYaml(file, split.yaml, 1);
    if (yamlErrors.length) {
      errors.push(...yamlErrors);
      return null;
    }
    const result = validateYaml(file, located, schema);
    if (!result.ok) {
      errors.push(...result.errors);
      return null;
    }
    return { file, data: result.data, located, body: split.body, bodyLine: split.bodyLine };
  }

  // Tracks
  const trackSources: Array<ParsedFile<TrackFrontmatter> & { slug: string }> = [];
  for (const entry of list("tracks")) {
    const file = `tracks/${entry.name}`;
    const slug = entry.name.replace(/\.md$/, "");
    if (!entry.isFile() || !entry.name.endsWith(".md")) {
      fail(file, 1, "", "okänd fil: ett spår är en .md-fil i tracks/");
      continue;
    }
    if (!SLUG_PATTERN.test(slug)) fail(file, 1, "", slugMessage("spårets filnamn", slug));
    const parsed = parseFrontmatterFile(file, trackSchema);
    if (!parsed) continue;
    collectProse(file, parsed.located, [
      ["title"],
      ["summary"],
      ...(parsed.data.sessions ?? []).flatMap((_, i) => [
        ["sessions", i, "title"],
        ["sessions", i, "description"],
      ]),
    ]);
    trackSources.push({ ...parsed, slug });
  }

  // Modules
  const moduleSources: ModuleSource[] = [];
  const images = new Map<string, { key: string; image: ContentImage }>();
  // Every lesson file, also one whose frontmatter is broken: links to it are not the problem.
  const lessonFiles: Array<{ file: string; module: string; lesson: string }> = [];
  for (const entry of list("modules")) {
    const dir = `modules/${entry.name}`;
    if (!entry.isDirectory()) {
      fail(dir, 1, "", "okänd fil: varje modul är en mapp i modules/");
      continue;
    }
    if (!SLUG_PATTERN.test(entry.name)) fail(`${dir}/index.md`, 1, "", slugMessage("modulens mappnamn", entry.name));
    const source: ModuleSource = { slug: entry.name, index: null, lessons: [], quiz: null, hashFiles: [] };
    moduleSources.push(source);
    const names = list(dir);
    if (!names.some((n) => n.name === "index.md")) fail(`${dir}/index.md`, 1, "", "filen saknas: varje modul behöver en index.md");
    if (!names.some((n) => n.name === "quiz.yml")) fail(`${dir}/quiz.yml`, 1, "", "filen saknas: varje modul behöver ett kunskapstest (quiz.yml)");
    const lessonNumbers = new Map<number, string>();
    const lessonSlugs = new Map<string, string>();
    for (const item of names) {
      const file = `${dir}/${item.name}`;
      if (item.name === "bilder" && item.isDirectory()) {
        for (const image of list(file)) collectImage(`${file}/${image.name}`, image.isFile(), entry.name, image.name);
        continue;
      }
      if (!item.isFile()) {
        fail(file, 1, "", "okänd mapp: en modul har bara index.md, lektioner, quiz.yml och mappen bilder/");
        continue;
      }
      if (item.name === "index.md") {
        source.hashFiles.push({ name: item.name, text: normaliseText(read(file)) });
        source.index = parseFrontmatterFile(file, moduleSchema);
        if (source.index) collectProse(file, source.index.located, [["title"], ["summary"], ...source.index.data.objectives.map((_, i) => ["objectives", i])]);
        continue;
      }
      if (item.name === "quiz.yml") {
        source.hashFiles.push({ name: item.name, text: normaliseText(read(file)) });
        const { located, errors: yamlErrors } = parseYaml(file, normaliseText(read(file)), 0);
        if (yamlErrors.length) {
          errors.push(...yamlErrors);
          continue;
        }
        const result = validateYaml(file, located, quizSchema);
        if (!result.ok) {
          errors.push(...result.errors);
          continue;
        }
        source.quiz = { file, data: result.data, located };
        collectProse(
          file,
          located,
          result.data.questions.flatMap((q, i) => [
            ["questions", i, "prompt"],
            ...(q.options ?? []).map((_, j) => ["questions", i, "options", j, "text"]),
            ["questions", i, "explanation"],
          ]),
        );
        continue;
      }
      const match = LESSON_FILE.exec(item.name);
      if (!match) {
        fail(file, 1, "", "okänd fil: en lektion heter NN-namn.md (till exempel 01-vad-ar-andts.md)");
        continue;
      }
      source.hashFiles.push({ name: item.name, text: normaliseText(read(file)) });
      lessonFiles.push({ file, module: entry.name, lesson: match[2]! });
      const number = Number(match[1]);
      const slug = match[2]!;
      if (!SLUG_PATTERN.test(slug)) fail(file, 1, "", slugMessage("lektionens filnamn", slug));
      if (RESERVED_LESSON_SLUGS.includes(slug)) fail(file, 1, "", `lektionen kan inte heta ${slug}: namnet används av kunskapstestet`);
      if (lessonNumbers.has(number)) fail(file, 1, "", `numret ${match[1]} används redan av ${lessonNumbers.get(number)}`);
      if (lessonSlugs.has(slug)) fail(file, 1, "", `lektionsnamnet ${slug} används redan av ${lessonSlugs.get(slug)}`);
      lessonNumbers.set(number, item.name);
      lessonSlugs.set(slug, item.name);
      const parsed = parseFrontmatterFile(file, lessonSchema);
      if (!parsed) continue;
      collectProse(file, parsed.located, [["title"]]);
      source.lessons.push({ ...parsed, slug, number });
    }
    if (!names.some((n) => LESSON_FILE.test(n.name))) fail(`${dir}/index.md`, 1, "", "modulen har inga lektioner (filer som 01-namn.md)");
  }

  function collectImage(file: string, isFile: boolean, module: string, name: string) {
    const type = IMAGE_TYPES[path.extname(name).toLowerCase()];
    if (!isFile || !type) {
      fail(file, 1, "", `okänd fil: bilder är ${Object.keys(IMAGE_TYPES).join(", ")}`);
      return;
    }
    const bytes = fs.readFileSync(path.join(root, file));
    if (bytes.length > MAX_IMAGE_BYTES) fail(file, 1, "", "bilden är större än 1 MB: gör den mindre så att den laddar snabbt i en telefon");
    // Images are served from our own origin: an SVG must not be able to run anything there.
    if (type === "image/svg+xml" && /<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(bytes.toString("utf8"))) {
      fail(file, 1, "", "SVG-bilden innehåller skript eller händelseattribut, som inte är tillåtna");
    }
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 12);
    images.set(file, { key: `${module}/${name}`, image: { contentType: type, data: bytes.toString("base64"), hash } });
  }

  // Materials
  const materialSources: Array<ParsedFile<MaterialFrontmatter> & { slug: string; attachments: Attachment[] }> = [];
  for (const entry of list("materials")) {
    const file = `materials/${entry.name}`;
    const slug = entry.name.replace(/\.md$/, "");
    if (!entry.isFile() || !entry.name.endsWith(".md")) {
      fail(file, 1, "", "okänd fil: ett material är en .md-fil i materials/, och dess bilagor skrivs i filen efter ::bilaga{namn}");
      continue;
    }
    if (!SLUG_PATTERN.test(slug)) fail(file, 1, "", slugMessage("materialets filnamn", slug));
    const parsed = parseFrontmatterFile(file, materialSchema);
    if (!parsed) continue;
    collectProse(file, parsed.located, [["title"], ["summary"], ...(parsed.data.attachments ?? []).map((_, i) => ["attachments", i, "title"])]);
    // The page shows the text before the first ::bilaga; each attachment is printed from its own part.
    const { text, sections } = splitAttachmentSections(parsed.body, parsed.bodyLine);
    const attachments = materialAttachments(parsed, sections, fail, (compiled) => {
      errors.push(...compiled.errors);
      prose.push(...compiled.prose);
    });
    materialSources.push({ ...parsed, body: text, slug, attachments });
  }

  // Guides for citizens
  const guideSources: Array<ParsedFile<GuideFrontmatter> & { slug: string }> = [];
  for (const entry of list("guider")) {
    const file = `guider/${entry.name}`;
    const slug = entry.name.replace(/\.md$/, "");
    if (!entry.isFile() || !entry.name.endsWith(".md")) {
      fail(file, 1, "", "okänd fil: en vägledning är en .md-fil i guider/");
      continue;
    }
    if (!SLUG_PATTERN.test(slug)) fail(file, 1, "", slugMessage("vägledningens filnamn", slug));
    const parsed = parseFrontmatterFile(file, guideSchema);
    if (!parsed) continue;
    collectProse(file, parsed.located, [["title"], ["summary"]]);
    guideSources.push({ ...parsed, slug });
  }

  // Cross checks: what tracks name must exist.
  const moduleSlugs = new Set(moduleSources.map((m) => m.slug));
  for (const track of trackSources) {
    track.data.modules.forEach((module, i) => {
      if (!moduleSlugs.has(module)) fail(track.file, lineOf(track.located, ["modules", i]), `modules[${i}]`, `modulen ${module} finns inte (ingen mapp modules/${module}/)`);
    });
    if (track.data.refresher && !moduleSlugs.has(track.data.refresher)) {
      fail(track.file, lineOf(track.located, ["refresher"]), "refresher", `modulen ${track.data.refresher} finns inte (ingen mapp modules/${track.data.refresher}/)`);
    }
  }

  if (options.curriculum) {
    errors.push(
      ...checkCurriculum(
        trackSources.map((t) => ({ slug: t.slug, modules: t.data.modules, refresher: t.data.refresher })),
        moduleSources.map((m) => ({
          slug: m.slug,
          lessons: lessonFiles.filter((l) => l.module === m.slug).length,
          index: m.index && { file: m.index.file, objectives: m.index.data.objectives.length, objectivesLine: lineOf(m.index.located, ["objectives"]) },
          quiz: m.quiz && {
            file: m.quiz.file,
            questions: m.quiz.data.questions.length,
            questionsLine: lineOf(m.quiz.located, ["questions"]),
            recall: m.quiz.data.questions.filter((q) => q.recall).length,
            perAttempt: m.index?.data.questionsPerAttempt ?? null,
            perAttemptLine: m.index ? lineOf(m.index.located, ["questionsPerAttempt"]) : 1,
          },
        })),
      ),
    );
    // A coach is told why an answer is right and where it comes from (issue #17), and the
    // date a text was last checked is what tells an editor what to check again.
    for (const module of moduleSources) {
      module.quiz?.data.questions.forEach((q, i) => {
        if (!q.source) fail(module.quiz!.file, lineOf(module.quiz!.located, ["questions", i]), `questions[${i}].source`, "fältet saknas: varje fråga i ett kunskapstest ska ange källan till förklaringen");
      });
      for (const lesson of module.lessons) {
        if (!lesson.data.sourcesCheckedOn) fail(lesson.file, 1, "sourcesCheckedOn", CHECKED_ON_MISSING);
      }
    }
    for (const material of materialSources) {
      if (!material.data.sourcesCheckedOn) fail(material.file, 1, "sourcesCheckedOn", CHECKED_ON_MISSING);
    }
  }

  // Markdown, now that every link target is known.
  const targets: LinkTargets = { lessons: new Map(), modules: new Map(), materials: new Map(), images: new Map() };
  for (const module of moduleSources) targets.modules.set(`modules/${module.slug}/index.md`, module.slug);
  for (const { file, module, lesson } of lessonFiles) targets.lessons.set(file, { module, lesson });
  for (const material of materialSources) targets.materials.set(material.file, material.slug);
  for (const [file, { key, image }] of images) targets.images.set(file, `/innehall/${key}?v=${image.hash}`);

  const markdown = (source: { file: string; body: string; bodyLine: number }, allowImages: boolean) => {
    const compiled = compileMarkdown({ file: source.file, body: source.body, bodyLine: source.bodyLine, allowImages }, targets);
    errors.push(...compiled.errors);
    prose.push(...compiled.prose);
    return compiled;
  };

  const tracks: Track[] = trackSources.map((t) => ({
    slug: t.slug,
    title: t.data.title,
    summary: t.data.summary,
    html: markdown(t, false).html,
    modules: t.data.modules,
    sessions: (t.data.sessions ?? []).map((s) => ({
      key: s.key,
      title: s.title,
      description: s.description,
      kind: s.kind,
      required: s.required ?? s.kind === "utbildningsdag",
    })),
    validityMonths: t.data.validityMonths,
    passPercent: t.data.passPercent,
    refresher: t.data.refresher ?? null,
    boosterExtendsValidity: t.data.boosterExtendsValidity ?? null,
    audience: t.data.audience,
    retryPauseMinutes: t.data.retryPauseMinutes,
  }));

  const modules: Record<string, Module> = {};
  for (const source of moduleSources) {
    const lessons: Lesson[] = [...source.lessons]
      .sort((a, b) => a.number - b.number)
      .map((lesson) => {
        const compiled = markdown(lesson, true);
        checkReadingTime(lesson, compiled.words, fail);
        return {
          slug: lesson.slug,
          number: lesson.number,
          title: lesson.data.title,
          minutes: lesson.data.minutes,
          sourcesCheckedOn: lesson.data.sourcesCheckedOn ?? null,
          html: compiled.html,
        };
      });
    if (!source.index || !source.quiz) continue;
    const index = source.index;
    const lessonMinutes = lessons.reduce((sum, l) => sum + l.minutes, 0);
    if (index.data.estimatedMinutes < lessonMinutes) {
      fail(index.file, lineOf(index.located, ["estimatedMinutes"]), "estimatedMinutes", `ska vara minst lektionernas sammanlagda tid (${lessonMinutes} minuter)`);
    }
    const quiz = source.quiz;
    const perAttempt = index.data.questionsPerAttempt ?? quiz.data.questions.length;
    if (perAttempt > quiz.data.questions.length) {
      fail(
        index.file,
        lineOf(index.located, ["questionsPerAttempt"]),
        "questionsPerAttempt",
        `ett försök kan inte ställa ${perAttempt} frågor när quiz.yml har ${quiz.data.questions.length}: sänk talet eller lägg till frågor`,
      );
    }
    // Every lesson file counts, also one whose frontmatter is broken: the reference is not the problem.
    const lessonNames = new Set(lessonFiles.filter((l) => l.module === source.slug).map((l) => l.lesson));
    quiz.data.questions.forEach((q, i) => {
      if (q.lesson && !lessonNames.has(q.lesson)) {
        fail(quiz.file, lineOf(quiz.located, ["questions", i, "lesson"]), `questions[${i}].lesson`, `modulen har ingen lektion som heter ${q.lesson}`);
      }
    });
    modules[source.slug] = {
      slug: source.slug,
      title: index.data.title,
      summary: index.data.summary,
      objectives: index.data.objectives,
      estimatedMinutes: index.data.estimatedMinutes,
      review: reviewOf(index.data),
      sources: index.data.sources.map(toSource),
      html: markdown(index, true).html,
      contentHash: moduleContentHash(source.hashFiles),
      lessons,
      quiz: { questions: quiz.data.questions.map(toQuestion), perAttempt: Math.min(perAttempt, quiz.data.questions.length) },
    };
  }

  const materials: Material[] = materialSources.map((m) => ({
    slug: m.slug,
    title: m.data.title,
    summary: m.data.summary,
    topics: m.data.topics,
    audience: m.data.audience,
    kind: m.data.kind,
    minutes: m.data.minutes,
    visibility: m.data.visibility,
    attachments: m.attachments,
    review: reviewOf(m.data),
    sources: m.data.sources.map(toSource),
    sourcesCheckedOn: m.data.sourcesCheckedOn ?? null,
    html: markdown(m, false).html,
  }));

  const guides: Guide[] = guideSources.map((g) => ({
    slug: g.slug,
    title: g.data.title,
    summary: g.data.summary,
    review: reviewOf(g.data),
    sources: g.data.sources.map(toSource),
    sourcesCheckedOn: g.data.sourcesCheckedOn,
    html: markdown(g, false).html,
  }));

  const imageIndex: Record<string, ContentImage> = {};
  for (const { key, image } of images.values()) imageIndex[key] = image;

  return {
    index: {
      formatVersion: CONTENT_FORMAT_VERSION,
      tracks: tracks.sort((a, b) => a.slug.localeCompare(b.slug)),
      modules,
      materials: materials.sort((a, b) => a.slug.localeCompare(b.slug)),
      guides: guides.sort((a, b) => a.slug.localeCompare(b.slug)),
      images: imageIndex,
      synonyms: synonyms.groups,
    },
    errors: sortedUnique(errors),
    prose,
  };
}

/** The attachments the frontmatter declares, each compiled from the `::bilaga{section}` it names. */
function materialAttachments(
  parsed: ParsedFile<MaterialFrontmatter>,
  sections: AttachmentSection[],
  fail: (file: string, line: number, field: string, message: string) => void,
  collect: (compiled: ReturnType<typeof compileAttachmentText>) => void,
): Attachment[] {
  const declared = parsed.data.attachments ?? [];
  const seen = new Set<string>();
  for (const section of sections) {
    if (seen.has(section.name)) fail(parsed.file, section.line, "bilaga", `::bilaga{${section.name}} finns redan längre upp i filen`);
    else if (!declared.some((a) => a.section === section.name))
      fail(parsed.file, section.line, "bilaga", `ingen bilaga i attachments har section: ${section.name} (lägg till den där, eller ta bort texten)`);
    seen.add(section.name);
  }
  const taken = new Set<string>();
  return declared.flatMap((attachment, i) => {
    const line = lineOf(parsed.located, ["attachments", i, "section"]);
    if (taken.has(attachment.section)) {
      fail(parsed.file, line, `attachments[${i}].section`, `bilagan ${attachment.section} står redan i listan`);
      return [];
    }
    taken.add(attachment.section);
    const section = sections.find((s) => s.name === attachment.section);
    if (!section) {
      fail(parsed.file, line, `attachments[${i}].section`, `texten saknar ::bilaga{${attachment.section}}: skriv bilagans text efter materialets, under en egen rad ::bilaga{${attachment.section}}`);
      return [];
    }
    const compiled = compileAttachmentText(parsed.file, section);
    collect(compiled);
    return [{ title: attachment.title, section: attachment.section, fileName: `${attachment.section}.pdf`, blocks: compiled.blocks, pdf: null }];
  });
}

// One tag pair (<b>…</b>) is two HTML nodes on one line; the author needs to hear it once.
function sortedUnique(errors: ContentError[]): ContentError[] {
  const seen = new Set<string>();
  return errors
    .filter((e) => {
      const key = `${e.file}\0${e.line}\0${e.field}\0${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

/**
 * SHA-256 over a module's index, lessons and quiz in file-name order. Line endings are
 * normalised first, so a checkout on Windows gives the same hash as one on Linux.
 */
export function moduleContentHash(files: Array<{ name: string; text: string }>): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    hash.update(`${file.name}\n${normaliseText(file.text)}\n\0`);
  }
  return hash.digest("hex");
}

// Generous on purpose: it catches a forgotten update (a 2-minute label on a long text), not style.
function checkReadingTime(lesson: LessonSource, words: number, fail: (file: string, line: number, field: string, message: string) => void) {
  const estimate = words / WORDS_PER_MINUTE;
  const minutes = lesson.data.minutes;
  if (minutes < estimate / 2 || minutes > estimate * 2 + 2) {
    fail(
      lesson.file,
      lineOf(lesson.located, ["minutes"]),
      "minutes",
      `texten har ${words} ord, cirka ${Math.max(1, Math.round(estimate))} minuters läsning (${WORDS_PER_MINUTE} ord per minut), men minutes är ${minutes}`,
    );
  }
}

function toQuestion(q: QuizFile["questions"][number]): Question {
  const base = { id: q.id, prompt: q.prompt, explanation: q.explanation, source: q.source ?? null, lesson: q.lesson ?? null };
  if (q.type === "truefalse") return { ...base, type: "truefalse", answer: q.answer ?? false };
  return { ...base, type: q.type, options: (q.options ?? []).map((o) => ({ id: o.id, text: o.text, correct: o.correct })) };
}

function toSource(source: ModuleFrontmatter["sources"][number]): Source {
  return { title: source.title, publisher: source.publisher, year: source.year ?? null, url: source.url ?? null };
}

function reviewOf(data: { review: "utkast" | "granskad"; reviewedBy?: string; reviewedAt?: string }): Review {
  return { status: data.review, reviewedBy: data.reviewedBy ?? null, reviewedAt: data.reviewedAt ?? null };
}

function slugMessage(what: string, slug: string): string {
  return `${what} "${slug}" får bara innehålla små bokstäver a–z, siffror och bindestreck`;
}

/** Entries sorted by name; hidden files (.DS_Store, .gitkeep) are not content. */
function listDir(dir: string): fs.Dirent[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

