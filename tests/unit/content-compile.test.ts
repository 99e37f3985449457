// SPDX-License-Identifier: EUPL-1.2
// Compiling content: sanitized HTML, links rewritten to the app's URLs, and the index the
// app reads — compiled again in development when a file changes, read once in production.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { compiledIndexPath, getContent, resolveLessonLinks } from "~/content/content.server";
import { compileMarkdown, type LinkTargets } from "~/content/markdown.server";
import { loader as imageLoader } from "~/routes/innehall.$module.$file";
import { call, get } from "../helpers/requests";

const VALID = path.resolve("tests/fixtures/content/valid");
const noTargets: LinkTargets = { lessons: new Map(), modules: new Map(), materials: new Map(), images: new Map() };
const temporary: string[] = [];
const savedEnv = { ...process.env };

function copyOfValid(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "innehall-"));
  temporary.push(dir);
  fs.cpSync(VALID, dir, { recursive: true });
  return dir;
}

beforeEach(() => {
  globalThis.__coachportalenContent = undefined;
});

afterEach(() => {
  process.env = { ...savedEnv };
  globalThis.__coachportalenContent = undefined;
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("compiled index", () => {
  it("holds tracks with defaults, modules with ordered lessons and quizzes with answers, and materials", () => {
    const { index, errors } = compileContent(VALID);
    expect(errors).toEqual([]);
    expect(index.tracks.map((t) => [t.slug, t.passPercent, t.validityMonths, t.audience, t.refresher])).toEqual([
      ["grund", 75, 24, "coach", "andra-modulen"],
      ["skolpersonal", 80, 24, "school_staff", null],
    ]);
    const module = index.modules["forsta-modulen"]!;
    expect(module.lessons.map((l) => [l.number, l.slug, l.minutes])).toEqual([
      [1, "borja-har", 1],
      [2, "fortsattning", 2],
    ]);
    expect(module.review).toEqual({ status: "granskad", reviewedBy: "Sara Samordnare", reviewedAt: "2026-01-15" });
    expect(module.quiz.questions[0]).toMatchObject({ id: "en-ratt", type: "single", source: "Testkällan" });
    expect(module.quiz.questions[2]).toMatchObject({ id: "sant-eller-falskt", type: "truefalse", answer: true });
    // A pool of six of which an attempt asks four; each question names its lesson where the author did.
    expect(module.quiz).toMatchObject({ perAttempt: 4 });
    expect(module.quiz.questions.map((q) => [q.id, q.lesson])).toEqual([
      ["en-ratt", "borja-har"],
      ["flera-ratt", "fortsattning"],
      ["sant-eller-falskt", null],
      ["falskt-pastaende", "borja-har"],
      ["femte-fragan", "fortsattning"],
      ["sjatte-fragan", null],
    ]);
    expect(index.modules["andra-modulen"]!.quiz).toMatchObject({ perAttempt: 1 });
    expect(index.tracks.map((t) => [t.slug, t.retryPauseMinutes])).toEqual([
      ["grund", 60],
      ["skolpersonal", 30],
    ]);
    expect(index.materials[0]).toMatchObject({ slug: "samtal-om-snus", attachments: [{ title: "Arbetsblad", section: "arbetsblad", fileName: "arbetsblad.pdf", pdf: null }] });
    expect(Object.keys(index.images)).toEqual(["forsta-modulen/karta.svg"]);
  });

  it("names two tables with the same column headings apart, so a landmark list can tell them apart", () => {
    const table = "| Var | Åldersgräns |\n| --- | --- |\n| Butik | 20 år |\n";
    const { html, errors } = compileMarkdown({ file: "modules/m/01-l.md", body: `${table}\nText.\n\n${table}`, bodyLine: 1, allowImages: false }, {
      lessons: new Map(),
      modules: new Map(),
      materials: new Map(),
      images: new Map(),
    });
    expect(errors).toEqual([]);
    expect([...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1])).toEqual(["Tabell: Var, Åldersgräns", "Tabell: Var, Åldersgräns (2)"]);
  });

  it("rewrites lesson links to a track-independent form and images to their URL", () => {
    const { index } = compileContent(VALID);
    const [first, second] = index.modules["forsta-modulen"]!.lessons;
    expect(first!.html).toContain('<a href="/utbildning/~/forsta-modulen/fortsattning">fortsättningen</a>');
    expect(first!.html).toContain(`<img src="/innehall/forsta-modulen/karta.svg?v=${index.images["forsta-modulen/karta.svg"]!.hash}" alt="En karta över kommunen" loading="lazy">`);
    expect(second!.html).toContain('<div class="table-wrap" tabindex="0" role="region" aria-label="Tabell: mått, åk 9"><table>');
    expect(second!.html).toContain('<th scope="col">mått</th>');
  });

  it("resolves lesson links within the track being read, or the first track holding the module", () => {
    const { index } = compileContent(VALID);
    const html = index.modules["forsta-modulen"]!.lessons[1]!.html;
    expect(resolveLessonLinks(index, html, "grund")).toContain('href="/utbildning/grund/andra-modulen/enda-lektionen"');
    // forsta-modulen is not in skolpersonal: its links lead into the track that has it.
    const intro = index.modules["forsta-modulen"]!.lessons[0]!.html;
    expect(resolveLessonLinks(index, intro, "skolpersonal")).toContain('href="/utbildning/grund/forsta-modulen/fortsattning"');
  });
});

describe("Markdown", () => {
  const compile = (body: string) => compileMarkdown({ file: "modules/m/01-a.md", body, bodyLine: 5, allowImages: true }, noTargets);

  it("drops raw HTML and script links, and reports them", () => {
    const result = compile('Hej <script>alert(1)</script> [klicka](javascript:alert(1)) <img src=x onerror="alert(1)">');
    expect(result.html).not.toMatch(/script|onerror|javascript/i);
    expect(new Set(result.errors.map((e) => `${e.line} ${e.field}`))).toEqual(new Set(["5 html", "5 länk"]));
  });

  it("keeps GitHub tables and footnotes, with Swedish labels and prefixed ids", () => {
    const result = compile("Text[^1].\n\n[^1]: En fotnot.");
    expect(result.errors).toEqual([]);
    expect(result.html).toContain("Fotnoter");
    expect(result.html).toContain('id="user-content-fn-1"');
    expect(result.html).not.toContain("Footnotes");
  });

  it("counts the words a reader reads", () => {
    expect(compile("## Rubrik\n\nEtt två tre, `fyra` – fem.").words).toBe(6);
  });
});

describe("getContent", () => {
  it("in development compiles again when a file changes, and not otherwise", () => {
    const dir = copyOfValid();
    process.env.NODE_ENV = "development";
    process.env.CONTENT_DIR = dir;
    const first = getContent();
    expect(getContent()).toBe(first);

    const lesson = path.join(dir, "modules/andra-modulen/01-enda-lektionen.md");
    fs.writeFileSync(lesson, fs.readFileSync(lesson, "utf8").replace("bara den här lektionen", "bara den ändrade lektionen"));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(lesson, later, later);
    const second = getContent();
    expect(second).not.toBe(first);
    expect(second.modules["andra-modulen"]!.lessons[0]!.html).toContain("bara den ändrade lektionen");
  });

  it("in development refuses content with errors and names them", () => {
    const dir = copyOfValid();
    fs.writeFileSync(path.join(dir, "modules/andra-modulen/quiz.yml"), "questions: []\n");
    process.env.NODE_ENV = "development";
    process.env.CONTENT_DIR = dir;
    expect(() => getContent()).toThrow(/quiz\.yml:1: questions: ska ha minst en rad \(frågor\)/);
  });

  it("in production reads the index built by content:build, once", () => {
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "bygge-"));
    temporary.push(buildDir);
    process.env.NODE_ENV = "production";
    process.env.BUILD_DIR = buildDir;
    process.env.CONTENT_DIR = path.join(buildDir, "finns-inte");
    const { index } = compileContent(VALID);
    fs.mkdirSync(path.dirname(compiledIndexPath()), { recursive: true });
    fs.writeFileSync(compiledIndexPath(), JSON.stringify(index));

    expect(getContent().tracks.map((t) => t.slug)).toEqual(["grund", "skolpersonal"]);
    fs.rmSync(compiledIndexPath());
    expect(getContent().modules["forsta-modulen"]!.contentHash).toBe(index.modules["forsta-modulen"]!.contentHash);
  });
});

describe("content images", () => {
  it("are served with their type, a long cache when versioned, and a locked-down policy", async () => {
    process.env.CONTENT_DIR = VALID;
    const hash = getContent().images["forsta-modulen/karta.svg"]!.hash;
    const response = (await imageLoader({ request: get(`/innehall/forsta-modulen/karta.svg?v=${hash}`), params: { module: "forsta-modulen", file: "karta.svg" }, context: {} as never })) as Response;
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
    expect(response.headers.get("Cache-Control")).toContain("immutable");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(await response.text()).toContain("<svg");

    const missing = await call(imageLoader as never, get("/innehall/forsta-modulen/finns-inte.svg"), { module: "forsta-modulen", file: "finns-inte.svg" });
    expect(missing.status).toBe(404);
  });
});

describe("the real content in content/", () => {
  it("passes content:check", () => {
    expect(compileContent(path.resolve("content"), { curriculum: true }).errors).toEqual([]);
  });
});
