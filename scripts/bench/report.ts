// SPDX-License-Identifier: EUPL-1.2
// The benchmark's results: the machine they were measured on, and the Markdown table that
// goes into docs/performance.md between markers, one section per database, so that a run on
// SQLite leaves the PostgreSQL section (and everything written by hand) as it was.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import SQLite from "better-sqlite3";
import pg from "pg";
import type { EventLoopDelay } from "./event-loop";
import type { WriteResult } from "./mixed";

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

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Too few answers came back for a p99: it is at least the measuring time. */
  p99Lower: boolean;
  /** Answers that came back within the measuring time. */
  completed: number;
  errors: number;
  non2xx: number;
}

/** One measurement of one page, in one round beside that round's ceiling. */
export interface PageRun {
  ceilingRps: number;
  load?: LoadFigures;
  /** Share of the same round's ceiling. */
  ratio?: number;
  /** One request alone, median of three, before the load. */
  soloMs?: number;
  /** For a page timed one request at a time: each request's time to the last byte. */
  singleMs?: number[];
  errors: number;
  non2xx: number;
  /** Highest resident memory of any server process during the measurement. */
  peakMb: number;
  /** The worst worker's event-loop delay during the measurement; null if no worker reported. */
  eventLoop: EventLoopDelay | null;
}

export interface MixedRun {
  ceilingRps: number;
  lektion: LoadFigures;
  oversikt: LoadFigures;
  coacher: LoadFigures;
  writes: WriteResult;
  peakMb: number;
  eventLoop: EventLoopDelay | null;
}

type Measured = Pick<PageRun, "peakMb" | "eventLoop" | "load" | "ratio" | "singleMs"> & { mixed?: MixedRun };

/** A target, checked on each run: null when the run could not tell. */
export interface Target {
  name: string;
  check: (run: Measured) => boolean | null;
}

export interface TargetCheck {
  name: string;
  /** Met in every run; null when some run could not tell. */
  met: boolean | null;
  runsMet: number;
  runs: number;
}

export interface PageResult {
  key: string;
  label: string;
  url: string;
  state: "mätt" | "saknas" | "fel";
  note?: string;
  mode: "load" | "single";
  bytes?: number;
  runs: PageRun[];
  targets: TargetCheck[];
}

export interface MixedResult {
  label: string;
  /** Writes per second asked for, and for how long each run lasted. */
  rate: number;
  seconds: number;
  connections: { lektion: number; oversikt: number; coacher: number };
  runs: MixedRun[];
  targets: TargetCheck[];
}

export interface BenchResults {
  database: "sqlite" | "postgres";
  machine: Machine;
  settings: { connections: number; duration: number; mixedDuration: number; runs: number; writeRate: number; workers: number; coaches: number; municipalities: number };
  generation: { reused: boolean; seconds: number; counts: Record<string, number> };
  ceiling: { bytes: number; requestsPerSecond: number; runs: Array<{ requestsPerSecond: number; p50: number; p99: number }> };
  pages: PageResult[];
  mixed: MixedResult | null;
  processesMb: Record<string, number>;
  seconds: number;
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A target is met only if every run meets it. */
export function checkTargets(targets: Target[], runs: Measured[]): TargetCheck[] {
  return targets.map((target) => {
    const outcomes = runs.map((run) => target.check(run));
    const runsMet = outcomes.filter((o) => o === true).length;
    const met = outcomes.length === 0 || outcomes.some((o) => o === null) ? null : runsMet === outcomes.length;
    return { name: target.name, met, runsMet, runs: outcomes.length };
  });
}

const number = (n: number) => Math.round(n).toLocaleString("sv-SE");
const percent = (share: number) => `${(share * 100).toFixed(1).replace(".", ",")} %`;
const verdictOf = (t: TargetCheck) =>
  t.met === null ? `– ${t.name} (kunde inte mätas)` : `${t.met ? "✅" : "❌"} ${t.name}${t.met || t.runs <= 1 ? "" : ` (${t.runsMet} av ${t.runs})`}`;
const verdict = (targets: TargetCheck[]) => (targets.length === 0 ? "–" : targets.map(verdictOf).join("<br>"));
/** The median, then every run's figure in the order they ran. */
const withRuns = (values: number[], lower: boolean[] = []) => {
  const shown = values.map((v, i) => `${lower[i] ? "> " : ""}${number(v)}`);
  const median = medianOf(values);
  // A median taken from runs whose figure is only a lower bound is one too.
  const bound = values.some((v, i) => lower[i] && v <= median) ? "> " : "";
  return values.length > 1 ? `${bound}${number(median)} (${shown.join(", ")})` : (shown[0] ?? "");
};
const delayOf = (runs: Array<{ eventLoop: EventLoopDelay | null }>) => {
  const measured = runs.map((r) => r.eventLoop).filter((d): d is EventLoopDelay => d !== null);
  if (measured.length === 0) return "ej mätt";
  return `${number(Math.max(...measured.map((d) => d.p99Ms)))} / ${number(Math.max(...measured.map((d) => d.maxMs)))}`;
};

function pageRow(p: PageResult): string {
  if (p.state !== "mätt") return `| ${p.label} | ${p.state}${p.note ? `: ${p.note}` : ""} | | | | | | | | ${verdict(p.targets)} |`;
  const size = p.bytes !== undefined ? `${number(p.bytes / 1024)} kB` : "";
  const errors = `${p.runs.reduce((a, r) => a + r.errors, 0)} / ${p.runs.reduce((a, r) => a + r.non2xx, 0)}`;
  const memory = `${number(Math.max(0, ...p.runs.map((r) => r.peakMb)))} MB`;
  if (p.mode === "single") {
    const slowest = p.runs.map((r) => Math.max(...(r.singleMs ?? [0])));
    const all = p.runs.flatMap((r) => r.singleMs ?? []);
    return `| ${p.label} | en i taget, ${all.length} förfrågningar | | ${number(medianOf(all))} | ${withRuns(slowest)} (långsammaste per körning) | ${errors} | ${size} | ${memory} | ${delayOf(p.runs)} | ${verdict(p.targets)} |`;
  }
  const loads = p.runs.map((r) => r.load!);
  return (
    `| ${p.label} | ${withRuns(loads.map((l) => l.requestsPerSecond))} | ${percent(medianOf(p.runs.map((r) => r.ratio ?? 0)))} | ${number(medianOf(loads.map((l) => l.p50)))} | ` +
    `${withRuns(loads.map((l) => l.p99), loads.map((l) => l.p99Lower))} | ${errors} | ${size} | ${memory} | ${delayOf(p.runs)} | ${verdict(p.targets)} |`
  );
}

function mixedSection(m: MixedResult): string[] {
  const row = (label: string, connections: number, figures: LoadFigures[]) =>
    `| ${label} | ${connections} | ${withRuns(figures.map((f) => f.requestsPerSecond))} | ${number(medianOf(figures.map((f) => f.p50)))} | ${withRuns(figures.map((f) => f.p99), figures.map((f) => f.p99Lower))} | ${figures.reduce((a, f) => a + f.errors, 0)} / ${figures.reduce((a, f) => a + f.non2xx, 0)} |`;
  const writes = m.runs.map((r) => r.writes);
  const failures = new Map<string, number>();
  for (const w of writes) for (const [what, n] of Object.entries(w.failures)) failures.set(what, (failures.get(what) ?? 0) + n);
  return [
    `### Blandad körning`,
    "",
    `Coacher i den största kommunen markerar lektioner som lästa och lämnar in kunskapstest genom sidornas formulär, ${m.rate} skrivningar/s jämnt fördelade ` +
      `(nästa skickas när det är dags, oavsett om den förra är besvarad), medan samordnare läser översikten och coachlistan och coacher läser lektionssidan, ${m.seconds} s per körning.`,
    "",
    "| del | anslutningar | förfrågningar/s | p50 ms | p99 ms | fel / ej 2xx |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    row("Lektionssidan", m.connections.lektion, m.runs.map((r) => r.lektion)),
    row("Samordnarens översikt", m.connections.oversikt, m.runs.map((r) => r.oversikt)),
    row("Coachlistan", m.connections.coacher, m.runs.map((r) => r.coacher)),
    `| Skrivningar (lektion klar, kunskapstest) | – | ${withRuns(writes.map((w) => w.perSecond))} | ${number(medianOf(writes.map((w) => w.p50)))} | ${withRuns(writes.map((w) => w.p99))} | ${writes.reduce((a, w) => a + w.failed, 0)} av ${writes.reduce((a, w) => a + w.attempted, 0)} |`,
    "",
    `Högsta minne per process ${number(Math.max(0, ...m.runs.map((r) => r.peakMb)))} MB; fördröjning i händelseloopen p99 / max ${delayOf(m.runs)} ms (värsta arbetsprocess, värsta körning).` +
      (failures.size ? ` Misslyckade skrivningar: ${[...failures].map(([what, n]) => `${n} × ${what}`).join(", ")}.` : ""),
    "",
    `Mål: ${m.targets.map(verdictOf).join(", ")}.`,
  ];
}

/** PostgreSQL beside SQLite: each page within 1.5 times its SQLite figure, in every run. */
function comparisonSection(pg: BenchResults, sqlite: BenchResults): string[] {
  const lines = [
    "### Mot SQLite",
    "",
    `Varje körning här mot medianen i SQLite-mätningen ${sqlite.machine.date.slice(0, 16).replace("T", " ")} UTC (commit ${sqlite.machine.commit}): förfrågningar/s minst SQLite:s delat med 1,5 och p99 (exportens tid) högst 1,5 gånger SQLite:s.`,
    "",
    "| sida | SQLite förfrågningar/s | PostgreSQL | SQLite p99 ms | PostgreSQL | inom 1,5 × |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const page of pg.pages) {
    const other = sqlite.pages.find((p) => p.key === page.key);
    if (page.state !== "mätt" || other?.state !== "mätt" || !other.runs?.length) continue;
    if (page.mode === "single") {
      const base = medianOf(other.runs.map((r) => Math.max(...(r.singleMs ?? [0]))));
      const mine = page.runs.map((r) => Math.max(...(r.singleMs ?? [0])));
      const met = mine.filter((ms) => ms <= base * 1.5).length;
      lines.push(`| ${page.label} | | | ${number(base)} | ${withRuns(mine)} | ${met === mine.length ? "✅" : `❌ (${met} av ${mine.length})`} |`);
      continue;
    }
    const baseRps = medianOf(other.runs.map((r) => r.load!.requestsPerSecond));
    const baseP99 = medianOf(other.runs.map((r) => r.load!.p99));
    const met = page.runs.filter((r) => r.load!.requestsPerSecond * 1.5 >= baseRps && r.load!.p99 <= baseP99 * 1.5).length;
    lines.push(
      `| ${page.label} | ${number(baseRps)} | ${withRuns(page.runs.map((r) => r.load!.requestsPerSecond))} | ${number(baseP99)} | ${withRuns(page.runs.map((r) => r.load!.p99))} | ${met === page.runs.length ? "✅" : `❌ (${met} av ${page.runs.length})`} |`,
    );
  }
  if (pg.mixed && sqlite.mixed?.runs?.length) {
    for (const [key, label] of [["oversikt", "Blandad körning: översikten"], ["coacher", "Blandad körning: coachlistan"]] as const) {
      const baseP99 = medianOf(sqlite.mixed.runs.map((r) => r[key].p99));
      const mine = pg.mixed.runs.map((r) => r[key].p99);
      const met = mine.filter((p99) => p99 <= baseP99 * 1.5).length;
      lines.push(`| ${label} | | | ${number(baseP99)} | ${withRuns(mine)} | ${met === mine.length ? "✅" : `❌ (${met} av ${mine.length})`} |`);
    }
  }
  return lines;
}

export function markdownTable(results: BenchResults, sqlite: BenchResults | null = null): string {
  const { machine: m, settings: s } = results;
  const title = results.database === "sqlite" ? "SQLite" : "PostgreSQL";
  const ceiling = results.ceiling;
  const lines = [
    `## ${title}`,
    "",
    `Mätt ${m.date.slice(0, 16).replace("T", " ")} UTC på commit ${m.commit}. Maskin: ${m.cpu}, ${m.cores} kärnor, ${m.ramGb} GB RAM, belastning ${m.loadAverage} när mätningen började. ` +
      `Node ${m.node}, SQLite ${m.sqlite}${m.postgres ? `, PostgreSQL ${m.postgres}` : ""}. Hela körningen tog ${number(results.seconds / 60)} min.`,
    "",
    `Databas: ${number(results.generation.counts.user ?? 0)} personer i ${number(s.municipalities)} kommuner, ${number(results.generation.counts.lesson_completion ?? 0)} klarmarkerade lektioner, ` +
      `${number(results.generation.counts.quiz_attempt ?? 0)} kunskapstest och ${number(results.generation.counts.certification ?? 0)} intyg när den genererades ` +
      `(${results.generation.reused ? "återanvänd från en tidigare körning" : `genererad på ${results.generation.seconds} s`}). ` +
      `Servern: ${s.workers} arbetsprocesser (WEB_CONCURRENCY), ${s.connections} samtidiga anslutningar i ${s.duration} s per sida efter 2 s uppvärmning, ${s.runs} omgångar.` +
      (results.database === "postgres"
        ? " PostgreSQL körs på samma maskin och delar de två kärnorna med servern och autocannon; varje arbetsprocess har en pool på DATABASE_POOL_SIZE (10) anslutningar."
        : ""),
    "",
    `Taket, en bar node:http-server som svarar med lektionssidans ${number(ceiling.bytes / 1024)} kB, mätt först i varje omgång: **${withRuns(ceiling.runs.map((c) => c.requestsPerSecond))} förfrågningar/s**, ` +
      `p99 ${ceiling.runs.map((c) => c.p99).join(", ")} ms.`,
    "",
    "| sida | förfrågningar/s | andel av taket | p50 ms | p99 ms | fel / ej 2xx | storlek | högsta minne per process | fördröjning p99 / max ms | mål |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...results.pages.map(pageRow),
    "",
    "Talen är medianen av omgångarna, med varje omgångs tal i parentes i den ordning de mättes; andelen av taket är medianen av " +
      "varje omgångs sida delad med samma omgångs tak. Ett mål är uppfyllt bara om varje omgång uppfyller det. Minne och fördröjning " +
      "är det högsta i någon omgång. *fördröjning*: händelseloopens fördröjning i den värsta arbetsprocessen (perf_hooks.monitorEventLoopDelay, " +
      "1 ms upplösning). Med färre svar än två per anslutning var de flesta förfrågningarna inte klara när tiden var ute, och p99 är då minst mättiden (\"> \").",
  ];
  if (results.mixed) lines.push("", ...mixedSection(results.mixed));
  if (results.database === "postgres" && sqlite) lines.push("", ...comparisonSection(results, sqlite));
  lines.push("", `Processernas högsta minne (RSS) under hela körningen: ${Object.entries(results.processesMb).map(([name, mb]) => `${name} ${number(mb)} MB`).join(", ")}.`);
  return lines.join("\n");
}

/** The same table on the terminal. */
export function printSummary(results: BenchResults, log: (line: string) => void): void {
  log(markdownTable(results));
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
export function writeMarkdown(file: string, results: BenchResults, sqlite: BenchResults | null = null): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : SKELETON;
  const start = `<!-- bench:${results.database}:start -->`;
  const end = `<!-- bench:${results.database}:end -->`;
  const section = `${start}\n${markdownTable(results, sqlite)}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
