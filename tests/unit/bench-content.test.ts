// SPDX-License-Identifier: EUPL-1.2
// The benchmark builds its own content folder from the real one (scripts/bench/content.ts). When
// issue #17 made every question name its lesson, the bench module's copied questions still named
// the first module's lessons, and `npm run bench` stopped at its content build. This keeps the
// two in step: what the bench writes must compile without errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { formatContentError } from "~/content/content.server";
import { BENCH_MODULE, BENCH_TRACK, prepareContent } from "../../scripts/bench/content";

let folder: string | undefined;
afterEach(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

it("the benchmark's content folder compiles, with its long lesson and its second track", () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "bench-content-"));
  const { lessonUrl, words } = prepareContent(folder);
  const { index, errors } = compileContent(folder);
  expect(errors.map((error) => formatContentError(folder!, error))).toEqual([]);
  expect(words).toBeGreaterThanOrEqual(1500);
  expect(lessonUrl).toBe(`/utbildning/${BENCH_TRACK}/${BENCH_MODULE}/lang-lektion`);
  expect(Object.keys(index.modules)).toContain(BENCH_MODULE);
});
