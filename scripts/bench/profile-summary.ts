// SPDX-License-Identifier: EUPL-1.2
// Reads a V8 .cpuprofile (node --cpu-prof) and adds up self time by function and by package, so
// that a profile can be summarised in docs/performance.md without opening DevTools.
//   npx tsx scripts/bench/profile-summary.ts data/bench/profiles/<file>.cpuprofile [--top 25]
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Where a frame's code comes from: an npm package, node's own code, V8, the app's bundle. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(V8/inbyggt)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (/\/build\/server\/|\/server\/index\.js/.test(url)) return "appens serverbygge";
  if (/\/server\/app\.js$/.test(url)) return "server/app.js";
  return path.basename(url);
}

/** Self time per sample: from timeDeltas when present, else the profile's span spread over the samples. */
export function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  const samples = profile.samples ?? [];
  if (samples.length && profile.timeDeltas?.length === samples.length) {
    // A sample's time is the gap to the next one.
    for (let i = 0; i < samples.length; i++) {
      const delta = profile.timeDeltas[i + 1] ?? 0;
      times.set(samples[i]!, (times.get(samples[i]!) ?? 0) + Math.max(0, delta));
    }
  } else {
    const total = profile.endTime - profile.startTime;
    const hits = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0) || 1;
    for (const node of profile.nodes) times.set(node.id, ((node.hitCount ?? 0) / hits) * total);
  }
  return times;
}

export function summarizeProfile(profile: CpuProfile, options: { top?: number } = {}): string {
  const top = options.top ?? 25;
  const times = selfTimes(profile);
  const total = [...times.values()].reduce((a, b) => a + b, 0) || 1;
  const byFunction = new Map<string, { ms: number; pkg: string }>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = times.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    const name = `${functionName || "(anonym)"} ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\/server\//, "build/server/").replace(/^file:\/\/.*\/server\//, "server/")}:${lineNumber + 1}` : ""}`.trim();
    const entry = byFunction.get(name) ?? { ms: 0, pkg };
    entry.ms += us / 1000;
    byFunction.set(name, entry);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us / 1000);
  }
  // Idle is the time the process waited for work (the bench drives it only part of the time):
  // shares of the busy time are what compare between profiles.
  const idleMs = byPackage.get("(idle)") ?? 0;
  const busyMs = Math.max(1, total / 1000 - idleMs);
  const share = (ms: number) => `${((ms * 1000 * 100) / total).toFixed(1)} %`;
  const busyShare = (ms: number, pkg: string) => (pkg === "(idle)" ? "" : `${((ms * 100) / busyMs).toFixed(1)} %`);
  const lines = [
    `CPU-profil: ${(total / 1e6).toFixed(1)} s samplad tid, varav ${(busyMs / 1000).toFixed(1)} s i arbete (resten väntade på förfrågningar).`,
    "",
    "| paket | egen tid | andel | andel av arbetet |",
    "| --- | ---: | ---: | ---: |",
  ];
  for (const [pkg, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`| ${pkg} | ${Math.round(ms)} ms | ${share(ms)} | ${busyShare(ms, pkg)} |`);
  lines.push("", "| funktion | paket | egen tid | andel | andel av arbetet |", "| --- | --- | ---: | ---: | ---: |");
  for (const [name, { ms, pkg }] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) {
    lines.push(`| \`${name.replace(/\|/g, "\\|")}\` | ${pkg} | ${Math.round(ms)} ms | ${share(ms)} | ${busyShare(ms, pkg)} |`);
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "25" } } });
  const file = positionals[0];
  if (!file) {
    console.error("Ange en .cpuprofile-fil");
    process.exit(1);
  }
  process.stdout.write(summarizeProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, { top: Number(values.top) }));
}
