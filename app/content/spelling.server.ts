// SPDX-License-Identifier: EUPL-1.2
// Swedish spelling of what readers read, by hunspell with Debian's hunspell-sv dictionary.
// Every distinct word goes to one hunspell process, one a line; `-L` prints back the lines
// it does not accept, so the whole content folder costs one process, not one per word.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { ContentError, ContentProse } from "./types";

export interface SpellingOptions {
  /** The project's word list (content/ordlista.txt); a missing file adds no words. */
  wordList: string;
  /** The hunspell program: by default the one on PATH. */
  hunspell?: string;
  /** The name Debian's hunspell-sv installs the Swedish dictionary under. */
  dictionary?: string;
}

export type SpellingResult =
  | { ok: true; errors: ContentError[]; unknownWords: string[] }
  /** hunspell or its dictionary is missing: the content was not checked, which is not a pass. */
  | { ok: false; problem: string };

const INSTALL =
  "Installera Debians paket: sudo apt-get install -y hunspell hunspell-sv (eller sätt CONTENT_SPELLCHECK=off för att hoppa över stavningskontrollen).";

// Names and addresses are not prose: what they match is blanked out before words are taken.
const NOT_PROSE = [
  /`[^`\n]*`/g, // `code`
  /(?:https?:\/\/|www\.)[^\s<>()[\]]+/giu, // web addresses
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, // e-mail addresses
  /(?<![\p{L}\p{N}.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:se|nu|com|org|net|eu|info)(?![\p{L}\p{N}])\S*/giu, // can.se
];

// Letters joined by hyphens, colons (CAN:s), dots (t.ex.) or apostrophes; a closing dot is
// kept so that hunspell knows abbreviations such as "osv." (and drops a full stop itself).
const WORD = /[\p{L}\p{M}\p{N}]+(?:[-.:'’][\p{L}\p{M}\p{N}]+)*\.?/gu;

const ABBREVIATION = /^\p{Lu}{2,}(?::\p{Ll}+)?$/u;
const DIGIT = /\p{N}/u;

export function readWordList(file: string): Set<string> {
  if (!fs.existsSync(file)) return new Set();
  const lines = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
  return new Set(lines.map((line) => line.replace(/#.*/, "").trim()).filter(Boolean));
}

interface Occurrence {
  file: string;
  line: number;
  /** As the author wrote it, without a closing full stop. */
  word: string;
  /** What hunspell is asked; the word is unknown when it rejects any of them. */
  checks: string[];
}

export function checkSpelling(prose: ContentProse[], options: SpellingOptions): SpellingResult {
  const accepted = readWordList(options.wordList);
  const known = (word: string) =>
    accepted.has(word) || accepted.has(word.charAt(0).toLowerCase() + word.slice(1)) || accepted.has(word.replace(/:\p{Ll}+$/u, ""));

  const occurrences: Occurrence[] = [];
  for (const entry of prose) {
    const text = NOT_PROSE.reduce((rest, pattern) => rest.replace(pattern, (match) => " ".repeat(match.length)), entry.text);
    text.split("\n").forEach((lineText, offset) => {
      for (const [token] of lineText.matchAll(WORD)) {
        const word = token.endsWith(".") && !token.slice(0, -1).includes(".") ? token.slice(0, -1) : token;
        const checks = wordsToAsk(token, word, known);
        if (checks.length) occurrences.push({ file: entry.file, line: entry.line + offset, word, checks });
      }
    });
  }

  const asked = [...new Set(occurrences.flatMap((o) => o.checks))];
  const program = options.hunspell ?? "hunspell";
  const dictionary = options.dictionary ?? "sv_SE";
  const run = spawnSync(program, ["-d", dictionary, "-i", "utf-8", "-L"], {
    input: asked.join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  // A missing dictionary makes hunspell exit at once, which can surface as EPIPE while the words are
  // still being written: what hunspell said decides, before the error of the pipe.
  const stderr = run.stderr ?? "";
  const code = (run.error as NodeJS.ErrnoException | undefined)?.code;
  if (/can't open affix or dictionary/i.test(stderr)) {
    return { ok: false, problem: `Stavningskontrollen kunde inte köras: hunspell hittar inte den svenska ordlistan ${dictionary}. ${INSTALL}` };
  }
  if (run.error) {
    const why = code === "ENOENT" ? `programmet hunspell finns inte (${program})` : `programmet hunspell gick inte att starta (${program}: ${code})`;
    return { ok: false, problem: `Stavningskontrollen kunde inte köras: ${why}. ${INSTALL}` };
  }
  if (run.status !== 0) {
    const why = `hunspell avslutades med fel (${stderr.trim().split("\n")[0] || `status ${run.status}`})`;
    return { ok: false, problem: `Stavningskontrollen kunde inte köras: ${why}. ${INSTALL}` };
  }

  const rejected = new Set(run.stdout.split("\n").map((line) => line.trim()));
  const errors: ContentError[] = [];
  const unknown = new Set<string>();
  const seen = new Set<string>();
  for (const { file, line, word, checks } of occurrences) {
    if (!checks.some((check) => rejected.has(check))) continue;
    unknown.add(word);
    const key = `${file}\0${line}\0${word}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ file, line, field: "stavning", message: `okänt ord "${word}"` });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { ok: true, errors, unknownWords: [...unknown].sort((a, b) => a.localeCompare(b, "sv")) };
}

/**
 * Numbers and abbreviations in capitals (ANDTS, CAN:s) are not checked, nor words in the
 * word list. In a compound with an abbreviation (ANDTS-coachen) only the other parts are.
 */
function wordsToAsk(token: string, word: string, known: (word: string) => boolean): string[] {
  const skipped = (part: string) => DIGIT.test(part) || ABBREVIATION.test(part);
  if (skipped(word) || known(word) || known(token)) return [];
  const parts = word.split("-");
  if (parts.length > 1 && parts.some(skipped)) return parts.filter((part) => part && !skipped(part) && !known(part));
  return [token];
}
