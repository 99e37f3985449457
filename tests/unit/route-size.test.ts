// SPDX-License-Identifier: EUPL-1.2
// Routes stay thin: loader, action and the page's JSX. A route file past 250 lines has grown into
// a whole screen or holds decisions; its sections move to app/components and its rules to a
// named module function (issue #19).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROUTES = path.resolve("app/routes");
const MAX_LINES = 250;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? routeFiles(full) : /\.(ts|tsx|js|jsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Lines as an editor numbers them: a final newline does not start another line. */
function lineCount(text: string): number {
  if (text === "") return 0;
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

describe("route files", () => {
  it(`are each at most ${MAX_LINES} lines`, () => {
    const files = routeFiles(ROUTES);
    expect(files.length).toBeGreaterThan(0);
    const offenders = files
      .map((file) => ({ file: path.relative(process.cwd(), file), lines: lineCount(fs.readFileSync(file, "utf8")) }))
      .filter((f) => f.lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(offenders, `route files over ${MAX_LINES} lines:\n${offenders.join("\n")}`).toEqual([]);
  });

  it("are counted as an editor numbers their lines", () => {
    expect(lineCount("")).toBe(0);
    expect(lineCount("a")).toBe(1);
    expect(lineCount("a\n")).toBe(1);
    expect(lineCount("a\nb\n")).toBe(2);
    expect(lineCount("a\n\n")).toBe(2);
  });
});
