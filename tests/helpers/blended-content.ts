// SPDX-License-Identifier: EUPL-1.2
// The fixture content with course days (träffar) added to its "grund" track, written to a folder of
// its own: the tests of course days, joint days and the coach home each need a blended track.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface CourseDayStep {
  key: string;
  title: string;
  kind: "utbildningsdag" | "booster";
  description: string;
}

export const DAY_1: CourseDayStep = { key: "dag-1", title: "Utbildningsdag 1", kind: "utbildningsdag", description: "Den första dagen." };
export const DAY_2: CourseDayStep = { key: "dag-2", title: "Utbildningsdag 2", kind: "utbildningsdag", description: "Den andra dagen." };
export const BOOSTER: CourseDayStep = { key: "booster-traff", title: "Booster", kind: "booster", description: "En träff två gånger om året." };

/** Copies tests/fixtures/content/valid to `dir` (a new temporary folder named after `prefix` if not given) with these steps. */
export function blendedContent(steps: CourseDayStep[], options: { boosterWithinMonths?: number; prefix?: string; dir?: string } = {}): string {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `${options.prefix ?? "traffar"}-`));
  fs.cpSync(path.resolve("tests/fixtures/content/valid"), dir, { recursive: true });
  const trackFile = path.join(dir, "tracks/grund.md");
  const lines = [
    "sessions:",
    ...steps.map((s) => `  - { key: ${s.key}, title: ${s.title}, kind: ${s.kind}, description: ${s.description} }`),
    ...(options.boosterWithinMonths ? ["boosterExtendsValidity:", `  withinMonths: ${options.boosterWithinMonths}`] : []),
    "passPercent: 75",
  ];
  fs.writeFileSync(trackFile, fs.readFileSync(trackFile, "utf8").replace("passPercent: 75", lines.join("\n")));
  return dir;
}
