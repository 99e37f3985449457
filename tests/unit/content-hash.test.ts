// SPDX-License-Identifier: EUPL-1.2
// The content hash tells a coordinator who trained on an older version of a module, so it
// must change when the module does and only then.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compileContent, moduleContentHash } from "~/content/compile.server";

const VALID = path.resolve("tests/fixtures/content/valid");
const temporary: string[] = [];

function copyOfValid(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "innehall-"));
  temporary.push(dir);
  fs.cpSync(VALID, dir, { recursive: true });
  return dir;
}

const hashOf = (dir: string, module = "forsta-modulen") => compileContent(dir).index.modules[module]!.contentHash;

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("module content hash", () => {
  it("is the same for the same content, wherever the folder is", () => {
    const hash = hashOf(VALID);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(copyOfValid())).toBe(hash);
    expect(hashOf(VALID)).toBe(hash);
  });

  it("does not change when line endings are CRLF instead of LF", () => {
    const dir = copyOfValid();
    const moduleDir = path.join(dir, "modules/forsta-modulen");
    for (const name of ["index.md", "01-borja-har.md", "02-fortsattning.md", "quiz.yml"]) {
      const file = path.join(moduleDir, name);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    }
    expect(compileContent(dir).errors).toEqual([]);
    expect(hashOf(dir)).toBe(hashOf(VALID));
  });

  it("changes when a lesson, the quiz or the module page changes, and only for that module", () => {
    for (const [file, from, to] of [
      ["02-fortsattning.md", "med en tabell", "med en ny tabell"],
      ["quiz.yml", "Det rätta är rätt.", "Det rätta är fortfarande rätt."],
      ["index.md", "Du kan läsa en lektion.", "Du kan läsa två lektioner."],
    ] as const) {
      const dir = copyOfValid();
      const target = path.join(dir, "modules/forsta-modulen", file);
      fs.writeFileSync(target, fs.readFileSync(target, "utf8").replace(from, to));
      expect(hashOf(dir), file).not.toBe(hashOf(VALID));
      expect(hashOf(dir, "andra-modulen"), file).toBe(hashOf(VALID, "andra-modulen"));
    }
  });

  it("changes when a lesson is added or renamed", () => {
    const added = copyOfValid();
    fs.writeFileSync(path.join(added, "modules/forsta-modulen/03-mer.md"), "---\ntitle: Mer\nminutes: 1\n---\nMer text.\n");
    expect(hashOf(added)).not.toBe(hashOf(VALID));

    const renamed = copyOfValid();
    const moduleDir = path.join(renamed, "modules/forsta-modulen");
    fs.renameSync(path.join(moduleDir, "02-fortsattning.md"), path.join(moduleDir, "02-sedan.md"));
    expect(hashOf(renamed)).not.toBe(hashOf(VALID));
  });

  it("hashes files in file-name order whatever order they are given in", () => {
    const files = [
      { name: "quiz.yml", text: "questions: []\n" },
      { name: "01-a.md", text: "A\r\n" },
      { name: "index.md", text: "I\n" },
    ];
    expect(moduleContentHash(files)).toBe(moduleContentHash([...files].reverse()));
    expect(moduleContentHash(files)).toBe(moduleContentHash(files.map((f) => ({ ...f, text: f.text.replace(/\r\n/g, "\n") }))));
  });
});
