// SPDX-License-Identifier: EUPL-1.2
// The service worker's cache version (docs/decisions/036-offline-lessons.md): a saved lesson must
// never outlive a change to its text or to the code that renders it, and an unchanged build must
// keep what coaches saved.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { offlineVersion } from "../../scripts/vite-service-worker";

const temporary: string[] = [];

function contentCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-version-"));
  temporary.push(dir);
  fs.cpSync(path.resolve("tests/fixtures/content/valid"), dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const BUNDLE = ["assets/entry.client-Ab12.js", "assets/root-Cd34.js", "assets/styles-Ef56.css"];

describe("the offline cache version", () => {
  it("stays the same for the same build of the same content", () => {
    const dir = contentCopy();
    expect(offlineVersion(BUNDLE, dir)).toBe(offlineVersion([...BUNDLE].reverse(), dir));
    expect(offlineVersion(BUNDLE, dir)).toBe(offlineVersion(BUNDLE, contentCopy()));
  });

  it("changes when a lesson's text changes", () => {
    const dir = contentCopy();
    const before = offlineVersion(BUNDLE, dir);
    const lesson = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).find((name) => /\d\d-.+\.md$/.test(name))!;
    fs.appendFileSync(path.join(dir, lesson), "\nEn ny mening.\n");
    expect(offlineVersion(BUNDLE, dir)).not.toBe(before);
  });

  it("changes when the code changes", () => {
    const dir = contentCopy();
    expect(offlineVersion([...BUNDLE.slice(1), "assets/entry.client-Zz99.js"], dir)).not.toBe(offlineVersion(BUNDLE, dir));
  });
});
