// SPDX-License-Identifier: EUPL-1.2
// Texts whose sources are due for a new check (issue #17): over twelve months since
// sourcesCheckedOn. content:check warns and the coordinator's review page lists them, by one rule.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { sourcesDue } from "~/content/sources-due";
import { addDays, addMonths, isoLocalDate, stockholmDate } from "~/lib/dates";
import { loader as reviewPage } from "~/routes/samordnare.granskning";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const today = stockholmDate(new Date());
// One day inside the twelve months, and one day outside them.
const recent = isoLocalDate(addDays(addMonths(today, -12), 1));
const old = isoLocalDate(addDays(addMonths(today, -12), -1));

let dir: string;

/** The valid fixture content with every lesson and material dated `recent`, except the files given `old`. */
function datedContent(oldFiles: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kallor-"));
  fs.cpSync(path.resolve("tests/fixtures/content/valid"), root, { recursive: true });
  const files = [
    ...fs.readdirSync(path.join(root, "modules")).flatMap((m) => fs.readdirSync(path.join(root, "modules", m)).filter((f) => /^\d\d-.*\.md$/.test(f)).map((f) => `modules/${m}/${f}`)),
    ...fs.readdirSync(path.join(root, "materials")).filter((f) => f.endsWith(".md")).map((f) => `materials/${f}`),
  ];
  for (const file of files) {
    const full = path.join(root, file);
    const date = oldFiles.includes(file) ? old : recent;
    fs.writeFileSync(full, fs.readFileSync(full, "utf8").replace(/^minutes: (.*)$/m, `minutes: $1\nsourcesCheckedOn: ${date}`));
  }
  return root;
}

const OLD_LESSON = "modules/forsta-modulen/01-borja-har.md";

beforeAll(() => {
  dir = datedContent([OLD_LESSON]);
  process.env.CONTENT_DIR = dir;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("sources due for a new check", () => {
  it("lists a text checked more than twelve months ago, and not one checked within them", () => {
    const { index, errors } = compileContent(dir);
    expect(errors).toEqual([]);
    const due = sourcesDue(index, today);
    expect(due.map((d) => [d.kind, d.file, d.checkedOn])).toEqual([["lesson", OLD_LESSON, old]]);
    // A day later the recent ones are still inside; on the day a year has passed the old date was already out.
    expect(sourcesDue(index, addDays(today, -1)).map((d) => d.file)).toEqual([]);
  });

  it("makes content:check warn, and still pass", async () => {
    // content:check holds content to the curriculum too, so it runs on the curriculum's fixture.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "kallor-kursplan-"));
    fs.cpSync(path.resolve("tests/fixtures/content/curriculum/valid"), root, { recursive: true });
    const lesson = "modules/forsta-modulen/02-mitten.md";
    const file = path.join(root, lesson);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^sourcesCheckedOn: .*$/m, `sourcesCheckedOn: ${old}`));
    const run = promisify(execFile);
    const result = await run("npx", ["tsx", "scripts/content-check.ts", root], { env: { ...process.env, CONTENT_SPELLCHECK: "off" } }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    fs.rmSync(root, { recursive: true, force: true });
    expect("code" in result ? result.code : 0).toBe(0);
    expect(result.stdout).toContain("är i ordning");
    expect(result.stderr).toContain(`Varning: ${root}/${lesson}: sourcesCheckedOn: källorna kontrollerades senast ${old}, för mer än 12 månader sedan`);
    expect(result.stderr).not.toContain("01-borjan.md");
  });

  it("is listed on the coordinator's review page", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby", "Högsby");
    const sara = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
    const page = await call(reviewPage, get("/samordnare/granskning", await cookieFor(sara.id)));
    expect(page.status).toBe(200);
    expect(page.data.sourcesDue).toEqual([expect.objectContaining({ kind: "lesson", file: OLD_LESSON, checkedOn: old })]);
  });
});
