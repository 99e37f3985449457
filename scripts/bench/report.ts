// SPDX-License-Identifier: EUPL-1.2
// The benchmark's results: the machine they were measured on, and the Markdown table that
// goes into docs/performance.md between markers, one section per database, so that a run on
// SQLite leaves the PostgreSQL section (and everything written by hand) as it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import SQLite from "better-sqlite3";
import pg from "pg";

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  sqlite: string;
  postgres: string | null;
  date: string;
  commit: string;
  /** Other processes were busy on the machine: load average over one minute at the start. */
  loadAverage: number;
}

export async function describeMachine(postgresUrl: string | null): Promise<Machine> {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? os.cpus()[0]?.model ?? "okänd";
  const memory = new SQLite(":memory:");
  const sqlite = (memory.prepare("select sqlite_version() as v").get() as { v: string }).v;
  memory.close();
  let postgres: string | null = null;
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    postgres = String((await client.query("show server_version")).rows[0].server_version);
    // A server set up like CI's (.ci/run) trades durability for speed: say so beside its figures.
    const fsync = String((await client.query("show fsync")).rows[0].fsync);
    if (fsync === "off") postgres += ", fsync=off";
    await client.end();
  }
  let commit = "okänd";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    if (dirty) commit += " med ändringar som inte är incheckade";
  } catch {
    // not a git checkout
  }
  return {
    cpu,
    cores: os.cpus().length,
    ramGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    sqlite,
    postgres,
    date: new Date().toISOString(),
    commit,
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
  };
}

export interface TargetCheck {
  name: string;
  met: boolean;
}

export interface PageResult {
  key: string;
  label: string;
  url: string;
  state: "mätt" | "saknas" | "fel";
  note?: string;
  mode: "load" | "single";
  requestsPerSecond?: number;
  p50?: number;
  p99?: number;
  /** Too few answers came back for a p99: it is at least the measuring time. */
  p99Lower?: boolean;
  /** Answers that came back within the measuring time. */
  completed?: number;
  /** One request alone, median of three, before the load. */
  soloMs?: number;
  /** For single requests: every run's time to the last byte. */
  singleMs?: number[];
  errors?: number;
  non2xx?: number;
  bytes?: number;
  /** Highest resident memory of any server process while the page was driven. */
  peakMb?: number;
  ratio?: number;
  targets: TargetCheck[];
}

export interface BenchResults {
  database: "sqlite" | "postgres";
  machine: Machine;
  settings: { connections: number; duration: number; workers: number; coaches: number; municipalities: number };
  generation: { reused: boolean; seconds: number; counts: Record<string, number> };
  ceiling: { requestsPerSecond: number; p50: number; p99: number; bytes: number };
  pages: PageResult[];
  processesMb: Record<string, number>;
}

const number = (n: number) => Math.round(n).toLocaleString("sv-SE");
const verdict = (targets: TargetCheck[]) => (targets.length === 0 ? "–" : targets.map((t) => `${t.met ? "✅" : "❌"} ${t.name}`).join("<br>"));

export function markdownTable(results: BenchResults): string {
  const { machine: m, settings: s } = results;
  const title = results.database === "sqlite" ? "SQLite" : "PostgreSQL";
  const lines = [
    `## ${title}`,
    "",
    `Mätt ${m.date.slice(0, 16).replace("T", " ")} UTC på commit ${m.commit}. Maskin: ${m.cpu}, ${m.cores} kärnor, ${m.ramGb} GB RAM, belastning ${m.loadAverage} när mätningen började. ` +
      `Node ${m.node}, SQLite ${m.sqlite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ""}.`,
    "",
    `Databas: ${number(results.generation.counts.user ?? 0)} personer i ${number(s.municipalities)} kommuner, ${number(results.generation.counts.lesson_completion ?? 0)} klarmarkerade lektioner, ` +
      `${number(results.generation.counts.quiz_attempt ?? 0)} kunskapstest och ${number(results.generation.counts.certification ?? 0)} intyg ` +
      `(${results.generation.reused ? "återanvänd från en tidigare körning" : `genererad på ${results.generation.seconds} s`}). ` +
      `Servern: ${s.workers} processer (WEB_CONCURRENCY), ${s.connections} samtidiga anslutningar i ${s.duration} s per sida efter 2 s uppvärmning.` +
      (results.database === "postgres"
        ? " PostgreSQL körs på samma maskin och delar de två kärnorna med servern och autocannon; varje arbetsprocess har en pool på DATABASE_POOL_SIZE (10) anslutningar."
        : ""),
    "",
    `Taket, en bar node:http-server som svarar med lektionssidans ${number(results.ceiling.bytes / 1024)} kB: **${number(results.ceiling.requestsPerSecond)} förfrågningar/s**, p50 ${results.ceiling.p50} ms, p99 ${results.ceiling.p99} ms.`,
    "",
    "| sida | förfrågningar/s | andel av taket | ensam ms | p50 ms | p99 ms | svar | fel / ej 2xx | storlek | högsta minne per process | mål |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const p of results.pages) {
    if (p.state !== "mätt") {
      lines.push(`| ${p.label} | ${p.state}${p.note ? `: ${p.note}` : ""} | | | | | | | | | ${verdict(p.targets)} |`);
      continue;
    }
    const size = p.bytes !== undefined ? `${number(p.bytes / 1024)} kB` : "";
    if (p.mode === "single") {
      const runs = p.singleMs ?? [];
      const sorted = [...runs].sort((a, b) => a - b);
      lines.push(
        `| ${p.label} | en i taget: ${runs.map((ms) => number(ms)).join(", ")} ms | | | ${number(sorted[Math.floor(sorted.length / 2)] ?? 0)} | ${number(sorted.at(-1) ?? 0)} (högsta) | ${runs.length} | ${p.errors ?? 0} / ${p.non2xx ?? 0} | ${size} | ${number(p.peakMb ?? 0)} MB | ${verdict(p.targets)} |`,
      );
      continue;
    }
    lines.push(
      `| ${p.label} | ${number(p.requestsPerSecond ?? 0)} | ${((p.ratio ?? 0) * 100).toFixed(1)} % | ${p.soloMs ?? ""} | ${number(p.p50 ?? 0)} | ${p.p99Lower ? "> " : ""}${number(p.p99 ?? 0)} | ${number(p.completed ?? 0)} | ${p.errors ?? 0} / ${p.non2xx ?? 0} | ${size} | ${number(p.peakMb ?? 0)} MB | ${verdict(p.targets)} |`,
    );
  }
  lines.push(
    "",
    "*ensam*: en förfrågan åt gången, median av tre, före lasten. *svar*: svar som kom inom mättiden; med färre svar än två per anslutning " +
      "var de flesta förfrågningarna inte klara när tiden var ute, och p99 är då minst mättiden (\"> \").",
  );
  lines.push("", `Processernas högsta minne (RSS) under hela körningen: ${Object.entries(results.processesMb).map(([name, mb]) => `${name} ${number(mb)} MB`).join(", ")}.`);
  return lines.join("\n");
}

const SKELETON = `# Prestanda

Mätt med \`npm run bench\` (scripts/bench.ts): en genererad databas i nationell skala, produktionsservern och
autocannon. Metoden och varför talen ska läsas som andelar av taket står i docs/decisions/013-benchmark-and-caching.md.

<!-- bench:sqlite:start -->
## SQLite

Inte mätt än.
<!-- bench:sqlite:end -->

<!-- bench:postgres:start -->
## PostgreSQL

Inte mätt än.
<!-- bench:postgres:end -->

## Profil och orsaker
`;

/** Replaces this database's section of docs/performance.md; the rest of the file stays as written. */
export function writeMarkdown(file: string, results: BenchResults): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : SKELETON;
  const start = `<!-- bench:${results.database}:start -->`;
  const end = `<!-- bench:${results.database}:end -->`;
  const section = `${start}\n${markdownTable(results)}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
