// SPDX-License-Identifier: EUPL-1.2
// The spelling check of content:check runs the real hunspell with Debian's Swedish
// dictionary (CI installs both). Each fixture in tests/fixtures/content/spelling is laid
// over the curriculum's valid tree, which has no spelling errors of its own.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { checkSpelling, type SpellingOptions } from "~/content/spelling.server";

const FIXTURES = path.resolve("tests/fixtures/content");
const temporary: string[] = [];
const run = promisify(execFile);

function tree(variant?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stavning-"));
  temporary.push(dir);
  fs.cpSync(path.join(FIXTURES, "curriculum", "valid"), dir, { recursive: true });
  if (variant) fs.cpSync(path.join(FIXTURES, "spelling", variant), dir, { recursive: true });
  return dir;
}

function spell(dir: string, options: Partial<SpellingOptions> = {}) {
  const { prose, errors } = compileContent(dir, { curriculum: true });
  expect(errors).toEqual([]);
  return checkSpelling(prose, { wordList: path.join(dir, "ordlista.txt"), ...options });
}

const format = (result: ReturnType<typeof checkSpelling>) =>
  result.ok ? result.errors.map((e) => `${e.file}:${e.line}: ${e.field}: ${e.message}`) : [result.problem];

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("spelling", () => {
  it("accepts correct Swedish", () => {
    expect(format(spell(tree()))).toEqual([]);
  });

  it("reports a misspelt word with file and line, once per line", () => {
    const result = spell(tree("stavfel"));
    expect(format(result)).toEqual([
      'modules/forsta-modulen/02-mitten.md:6: stavning: okänt ord "ungdommar"',
      'modules/forsta-modulen/02-mitten.md:8: stavning: okänt ord "ungdommar"',
    ]);
    expect(result.ok && result.unknownWords).toEqual(["ungdommar"]);
  });

  it("accepts a word in the word list, also first in a sentence", () => {
    const dir = tree("stavfel");
    fs.writeFileSync(path.join(dir, "ordlista.txt"), "# Ord som hunspell-sv saknar.\nungdommar\n");
    fs.appendFileSync(path.join(dir, "modules/forsta-modulen/02-mitten.md"), "\nUngdommar är ordet.\n");
    expect(format(spell(dir))).toEqual([]);
  });

  it("skips code, web and e-mail addresses, abbreviations, words with digits and the names of sources", () => {
    expect(format(spell(tree("inte-prosa")))).toEqual(['modules/forsta-modulen/03-slutet.md:16: stavning: okänt ord "ungdommar"']);
  });

  it("checks titles, objectives, questions, options and explanations, on the line they are written", () => {
    const dir = tree();
    const quiz = path.join(dir, "modules/forsta-modulen/quiz.yml");
    fs.writeFileSync(
      quiz,
      fs
        .readFileSync(quiz, "utf8")
        .replace("prompt: Påstående nummer 1 är sant.", "prompt: Påstående om ungdommar.")
        .replace("explanation: Det står i lektionen.", "explanation: >-\n      Det står i lektionen\n      om ungdommar."),
    );
    const index = path.join(dir, "modules/repetition/index.md");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("title: Repetitionen", "title: Ungdommar").replace("Du vet vad som är nytt.", "Du vet vad ungdommar gör."));
    expect(format(spell(dir))).toEqual([
      'modules/forsta-modulen/quiz.yml:4: stavning: okänt ord "ungdommar"',
      'modules/forsta-modulen/quiz.yml:8: stavning: okänt ord "ungdommar"',
      'modules/repetition/index.md:2: stavning: okänt ord "Ungdommar"',
      'modules/repetition/index.md:6: stavning: okänt ord "ungdommar"',
    ]);
  });

  it("says clearly that it could not check when hunspell is missing", () => {
    expect(format(spell(tree(), { hunspell: "/finns/inte/hunspell" }))).toEqual([
      "Stavningskontrollen kunde inte köras: programmet hunspell finns inte (/finns/inte/hunspell). Installera Debians paket: sudo apt-get install -y hunspell hunspell-sv (eller sätt CONTENT_SPELLCHECK=off för att hoppa över stavningskontrollen).",
    ]);
  });

  it("says clearly that it could not check when the Swedish dictionary is missing", () => {
    const [problem] = format(spell(tree(), { dictionary: "xx_XX" }));
    expect(problem).toMatch(/^Stavningskontrollen kunde inte köras: hunspell hittar inte den svenska ordlistan xx_XX\. Installera Debians paket/);
  });
});

describe("spelling in content:check", () => {
  const check = (dir: string, env: NodeJS.ProcessEnv = process.env) =>
    run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/content-check.ts", dir], { env }).then(
      (ok) => ({ code: 0, ...ok }),
      (failed: { code: number; stdout: string; stderr: string }) => failed,
    );

  it("lists the unknown words and exits non-zero", async () => {
    const dir = tree("stavfel");
    const result = await check(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${dir}/modules/forsta-modulen/02-mitten.md:6: stavning: okänt ord "ungdommar"\n`);
    expect(result.stderr).toContain(`Okända ord (1): ungdommar.\nRätta stavningen, eller lägg till ett ord som är rätt i ${dir}/ordlista.txt (ett ord per rad).`);
    expect(result.stderr).toContain("2 fel i");
  });

  it("fails, rather than passing unchecked, when hunspell cannot be found", async () => {
    // A PATH with node and nothing else: hunspell is not on it.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), "utan-hunspell-"));
    temporary.push(bin);
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    const result = await check(tree(), { ...process.env, PATH: bin });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Stavningskontrollen kunde inte köras: programmet hunspell finns inte (hunspell).");
  });

  it("can be switched off with CONTENT_SPELLCHECK=off, and says so", async () => {
    const result = await check(tree("stavfel"), { ...process.env, CONTENT_SPELLCHECK: "off" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Stavningskontrollen är avstängd (CONTENT_SPELLCHECK=off).");
  });
});
