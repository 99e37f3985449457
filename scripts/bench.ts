// SPDX-License-Identifier: EUPL-1.2
// `npm run bench`: builds, generates (or reuses) a national-scale database, starts the production
// server and drives its pages with autocannon, beside a bare node:http server serving the lesson
// page's bytes (the ceiling). Prints and writes requests per second, p50/p99, errors, each
// page's share of the ceiling and the server processes' peak memory: data/bench/results-<db>.json
// and a table in docs/performance.md. Method: docs/decisions/013-benchmark-and-caching.md.
//   npm run bench -- [--no-build] [--db sqlite|postgres] [--pages lektion,hem,…] [--duration 10]
//                    [--connections 64] [--coaches 40000] [--port 3390] [--profile] [--regenerate]
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { ContentIndex } from "../app/content/types";
import { createSession } from "../app/modules/auth/session.server";
import { createDatabase } from "../db/client.server";
import { BENCH_LESSON_TITLE, prepareContent } from "./bench/content";
import { DEFAULT_PARAMS, generate, type GeneratedFacts } from "./bench/generate";
import { summarizeProfile } from "./bench/profile-summary";
import { describeMachine, writeMarkdown, type BenchResults, type PageResult, type TargetCheck } from "./bench/report";

const PAGE_KEYS = ["lektion", "hem", "oversikt", "coacher", "export", "uppfoljning", "verifiera"] as const;
type PageKey = (typeof PAGE_KEYS)[number];

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    pages: { type: "string", default: PAGE_KEYS.join(",") },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    coaches: { type: "string", default: String(DEFAULT_PARAMS.coaches) },
    port: { type: "string", default: "3390" },
    // One worker with V8's CPU profiler on; the profile and its summary land in data/bench/profiles/.
    profile: { type: "boolean", default: false },
    regenerate: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  process.stdout.write(fs.readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(5, 7).map((l) => l.replace(/^\/\/ ?/, "")).join("\n") + "\n");
  process.exit(0);
}

const WORK = path.resolve("data/bench");
const BUILD_DIR = path.resolve(process.env.BENCH_BUILD_DIR || path.join(WORK, "build"));
const CONTENT = path.join(WORK, "content");
const PORT = Number(args.port);
const CEILING_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const connections = Number(args.connections);
const duration = Number(args.duration);
const workers = args.profile ? 1 : 2;
const pages = new Set(args.pages!.split(",").map((p) => p.trim()).filter(Boolean));
for (const page of pages) if (!PAGE_KEYS.includes(page as PageKey)) throw new Error(`Okänd sida ${page}; välj bland ${PAGE_KEYS.join(", ")}`);

const dbKind: "sqlite" | "postgres" = /^postgres(ql)?(:|$)/i.test(args.db!) ? "postgres" : "sqlite";
const databaseUrl =
  dbKind === "sqlite"
    ? args.db === "sqlite"
      ? path.join(WORK, "bench.db")
      : path.resolve(args.db!)
    : args.db!.includes("://")
      ? args.db!
      : process.env.BENCH_DATABASE_URL || "";
if (dbKind === "postgres" && !databaseUrl) {
  throw new Error("Ange PostgreSQL-databasen: --db postgres://… eller BENCH_DATABASE_URL (en egen databas med bench i namnet; den töms).");
}

function log(text: string) {
  process.stdout.write(`${text}\n`);
}

// --- Memory ----------------------------------------------------------------------------------

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples the server's processes (the primary and its cluster workers) ten times a second. */
function memoryWatcher(root: number) {
  const overall = new Map<number, number>();
  let current = new Map<number, number>();
  const timer = setInterval(() => {
    for (const pid of [root, ...childPids(root)]) {
      const mb = rssMb(pid);
      overall.set(pid, Math.max(overall.get(pid) ?? 0, mb));
      current.set(pid, Math.max(current.get(pid) ?? 0, mb));
    }
  }, 100);
  return {
    /** The highest RSS of any one process since the last call. */
    takePeak(): number {
      const peak = Math.max(0, ...current.values());
      current = new Map();
      return peak;
    },
    stop(): Record<string, number> {
      clearInterval(timer);
      const result: Record<string, number> = {};
      for (const [pid, mb] of overall) result[pid === root ? (workers > 1 ? `primär ${pid}` : `server ${pid}`) : `arbetare ${pid}`] = Math.round(mb);
      return result;
    },
  };
}

// --- Servers ---------------------------------------------------------------------------------

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Servern avslutades (kod ${child.exitCode}) innan den svarade`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} svarade inte inom 60 sekunder`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Warms up with a few connections (enough to make V8 compile the hot code, without leaving a
 * backlog of slow requests behind), times a few requests one at a time, then drives the page.
 */
async function load(url: string, headers: Record<string, string>) {
  await autocannon({ url, connections: 4, duration: 2, headers });
  const solo: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await (await fetch(url, { headers })).arrayBuffer();
    solo.push(performance.now() - t0);
  }
  const result = await autocannon({ url, connections, duration, headers });
  return { result, soloMs: Math.round(solo.sort((a, b) => a - b)[1]!) };
}

/**
 * Requests still running on the server when autocannon stops go on there: wait until the server
 * answers quickly again, so that one page's backlog is not measured as the next page's latency.
 */
async function drain(): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const t0 = performance.now();
    try {
      await (await fetch(`${BASE}/healthz`)).arrayBuffer();
    } catch {
      // busy
    }
    if (performance.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

// --- The run ---------------------------------------------------------------------------------

fs.mkdirSync(WORK, { recursive: true });
const started = Date.now();
if (!args["no-build"]) {
  log(`▶ Bygger till ${path.relative(process.cwd(), BUILD_DIR)}`);
  try {
    execFileSync("npx", ["remix", "vite:build"], { stdio: "pipe", env: { ...process.env, BUILD_DIR } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${stdout ?? ""}${stderr ?? ""}`);
    throw new Error("Bygget misslyckades");
  }
} else if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
  throw new Error(`--no-build men det finns inget bygge i ${BUILD_DIR}: kör utan --no-build en gång`);
}
log("▶ Förbereder innehållet");
const { lessonUrl, words } = prepareContent(CONTENT);
execFileSync("npx", ["tsx", "scripts/content-build.ts", CONTENT], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CONTENT_DIR: CONTENT, BUILD_DIR, npm_config_loglevel: "error" } });
const content = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, "content", "index.json"), "utf8")) as ContentIndex;

log(`▶ Databas (${dbKind === "sqlite" ? path.relative(process.cwd(), databaseUrl) : databaseUrl.replace(/\/\/[^@]*@/, "//…@")})`);
const coaches = Number(args.coaches);
const params = { ...DEFAULT_PARAMS, coaches, largest: Math.min(DEFAULT_PARAMS.largest, Math.round(coaches / 20)) };
const facts: GeneratedFacts = await generate(databaseUrl, content, params, { force: args.regenerate });
log(facts.reused ? `  återanvänd (signatur ${facts.signature})` : `  genererad på ${facts.seconds} s`);

const db = createDatabase(databaseUrl);
const coachCookie = `__session=${(await createSession(db, facts.benchCoachId)).token}`;
const coordinatorCookie = `__session=${(await createSession(db, facts.coordinatorId)).token}`;
await db.destroy();

const machine = await describeMachine(dbKind === "postgres" ? databaseUrl : null);
const profileDir = path.join(WORK, "profiles");
if (args.profile) fs.rmSync(profileDir, { recursive: true, force: true });
log(`▶ Startar produktionsservern (${workers} ${workers === 1 ? "process" : "processer"}) på port ${PORT}`);
const serverEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: String(PORT),
  HOST: "127.0.0.1",
  DATABASE_URL: databaseUrl,
  CONTENT_DIR: CONTENT,
  BUILD_DIR,
  WEB_CONCURRENCY: String(workers),
  APP_URL: BASE,
};
delete serverEnv.SMTP_URL;
const server = spawn("node", [...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "server/index.js"], {
  env: serverEnv,
  stdio: ["ignore", "ignore", "inherit"],
});

interface PageSpec {
  key: PageKey;
  label: string;
  url: string;
  cookie: string | null;
  expect?: string;
  mode: "load" | "single";
  targets: (r: { rps: number; p99: number; peakMb: number; maxMs: number }) => TargetCheck[];
}

const memoryTarget = (peakMb: number): TargetCheck => ({ name: "minne < 300 MB", met: peakMb < 300 });
const SPECS: PageSpec[] = [
  {
    key: "lektion",
    label: `Lektionssida (${words} ord)`,
    url: lessonUrl,
    cookie: coachCookie,
    expect: BENCH_LESSON_TITLE,
    mode: "load",
    targets: (r) => [{ name: "≥ 1 000/s", met: r.rps >= 1000 }, { name: "p99 < 150 ms", met: r.p99 < 150 }, memoryTarget(r.peakMb)],
  },
  {
    key: "hem",
    label: "Coachens startsida /utbildning",
    url: "/utbildning",
    cookie: coachCookie,
    mode: "load",
    targets: (r) => [{ name: "≥ 1 000/s", met: r.rps >= 1000 }, { name: "p99 < 150 ms", met: r.p99 < 150 }, memoryTarget(r.peakMb)],
  },
  {
    key: "oversikt",
    label: `Samordnarens översikt, ${facts.largest.name} (${facts.largest.coaches} coacher)`,
    url: "/samordnare",
    cookie: coordinatorCookie,
    mode: "load",
    targets: (r) => [{ name: "p99 < 200 ms", met: r.p99 < 200 }, memoryTarget(r.peakMb)],
  },
  {
    key: "coacher",
    label: `Coachlistan, ${facts.largest.name}`,
    url: "/samordnare/coacher",
    cookie: coordinatorCookie,
    mode: "load",
    targets: (r) => [{ name: "p99 < 200 ms", met: r.p99 < 200 }, memoryTarget(r.peakMb)],
  },
  {
    key: "export",
    label: `XLSX-export, ${facts.largest.coaches} coacher`,
    url: "/samordnare/export.xlsx",
    cookie: coordinatorCookie,
    mode: "single",
    targets: (r) => [{ name: "< 1 s", met: r.maxMs < 1000 }, memoryTarget(r.peakMb)],
  },
  {
    key: "uppfoljning",
    label: `Offentlig uppföljning /uppfoljning/${facts.largest.slug}`,
    url: `/uppfoljning/${facts.largest.slug}`,
    cookie: null,
    mode: "load",
    targets: (r) => [memoryTarget(r.peakMb)],
  },
  {
    key: "verifiera",
    label: "Kontroll av ett giltigt intyg /verifiera/:kod",
    url: `/verifiera/${facts.validCode}`,
    cookie: null,
    expect: "Intyget är giltigt",
    mode: "load",
    targets: (r) => [memoryTarget(r.peakMb)],
  },
];

const results: PageResult[] = [];
let ceiling = { requestsPerSecond: 0, p50: 0, p99: 0, bytes: 0 };
let processesMb: Record<string, number> = {};
try {
  await waitFor(`${BASE}/healthz`, server);
  const memory = memoryWatcher(server.pid!);

  // The ceiling first: the lesson page's bytes, as the real server sends them to a browser loading
  // the page (a document request carries the lesson text once, not again in the hydration data).
  const lessonResponse = await fetch(`${BASE}${lessonUrl}`, { headers: { Cookie: coachCookie, Accept: "text/html" } });
  const lessonBody = Buffer.from(await lessonResponse.arrayBuffer());
  if (lessonResponse.status !== 200 || !lessonBody.toString("utf8").includes(BENCH_LESSON_TITLE)) throw new Error(`Lektionssidan svarade ${lessonResponse.status}`);
  const bodyFile = path.join(WORK, "lesson.html");
  fs.writeFileSync(bodyFile, lessonBody);
  const bare = spawn("node", ["scripts/bench/ceiling.mjs", String(CEILING_PORT), bodyFile, String(workers)], { stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitFor(`http://127.0.0.1:${CEILING_PORT}/`, bare);
    log(`▶ Taket: bar node:http med lektionssidans ${Math.round(lessonBody.length / 1024)} kB`);
    const { result: r } = await load(`http://127.0.0.1:${CEILING_PORT}/`, {});
    ceiling = { requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes: lessonBody.length };
  } finally {
    await stopProcess(bare);
  }
  memory.takePeak();

  for (const spec of SPECS) {
    if (!pages.has(spec.key)) continue;
    const headers: Record<string, string> = { Accept: "text/html", ...(spec.cookie ? { Cookie: spec.cookie } : {}) };
    await drain();
    const check = await fetch(`${BASE}${spec.url}`, { headers, redirect: "manual" });
    const body = Buffer.from(await check.arrayBuffer());
    const base = { key: spec.key, label: spec.label, url: spec.url, mode: spec.mode };
    if (check.status === 404 && spec.key === "uppfoljning") {
      results.push({ ...base, state: "saknas", note: "sidan svarar 404", targets: [] });
      log(`  ${spec.label}: saknas (404)`);
      continue;
    }
    if (check.status !== 200 || (spec.expect && !body.toString("utf8").includes(spec.expect))) {
      results.push({ ...base, state: "fel", note: `svarade ${check.status}${check.headers.get("location") ? ` → ${check.headers.get("location")}` : ""}`, targets: [] });
      log(`  ${spec.label}: FEL, svarade ${check.status}`);
      continue;
    }
    log(`▶ ${spec.label}${spec.mode === "single" ? ": fem förfrågningar en i taget" : ""}`);
    if (spec.mode === "single") {
      const runs: number[] = [];
      let failures = 0;
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        const response = await fetch(`${BASE}${spec.url}`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
        // The first warms up and is not counted.
        if (i > 0) runs.push(Math.round(performance.now() - t0));
      }
      await drain();
      const peakMb = memory.takePeak();
      const maxMs = Math.max(...runs);
      results.push({ ...base, state: "mätt", singleMs: runs, p50: [...runs].sort((a, b) => a - b)[2], p99: maxMs, errors: 0, non2xx: failures, bytes: body.length, peakMb: Math.round(peakMb), targets: spec.targets({ rps: 0, p99: maxMs, peakMb, maxMs }) });
      continue;
    }
    const { result: r, soloMs } = await load(`${BASE}${spec.url}`, headers);
    await drain();
    const peakMb = memory.takePeak();
    // Fewer answers than connections: most requests were still running when the time was up, and
    // the latencies of those that came back say nothing about p99.
    const completed = r.requests.total;
    const enough = completed >= connections * 2;
    const p99 = enough ? r.latency.p99 : Math.max(r.latency.p99, duration * 1000);
    results.push({
      ...base,
      state: "mätt",
      requestsPerSecond: r.requests.average,
      p50: r.latency.p50,
      p99,
      p99Lower: !enough,
      completed,
      soloMs,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      bytes: body.length,
      peakMb: Math.round(peakMb),
      ratio: ceiling.requestsPerSecond ? r.requests.average / ceiling.requestsPerSecond : 0,
      targets: spec.targets({ rps: r.requests.average, p99, peakMb, maxMs: 0 }),
    });
  }
  processesMb = memory.stop();
} finally {
  const children = childPids(server.pid!);
  await stopProcess(server);
  // The primary exits after its workers; if it had to be killed, they stop on their own and
  // write their CPU profiles as they exit after it.
  const deadline = Date.now() + 15_000;
  while (children.some((pid) => fs.existsSync(`/proc/${pid}`)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

const output: BenchResults = {
  database: dbKind,
  machine,
  settings: { connections, duration, workers, coaches, municipalities: params.municipalities },
  generation: { reused: facts.reused, seconds: facts.seconds, counts: facts.counts },
  ceiling,
  pages: results,
  processesMb,
};

log("");
log(`| sida | förfrågningar/s | andel av taket | ensam ms | p50 ms | p99 ms | svar | fel/ej 2xx | högsta minne | mål |`);
log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`);
log(`| taket (bar node:http) | ${Math.round(ceiling.requestsPerSecond)} | 100 % | | ${ceiling.p50} | ${ceiling.p99} | | | | |`);
for (const p of results) {
  const goals = p.targets.map((t) => `${t.met ? "✓" : "✗"} ${t.name}`).join(", ");
  if (p.state !== "mätt") log(`| ${p.label} | ${p.state}${p.note ? ` (${p.note})` : ""} | | | | | | | | |`);
  else if (p.mode === "single") log(`| ${p.label} | en i taget: ${p.singleMs?.join(", ")} ms | | | ${p.p50} | ${p.p99} | ${p.singleMs?.length} | 0/${p.non2xx} | ${p.peakMb} MB | ${goals} |`);
  else log(`| ${p.label} | ${Math.round(p.requestsPerSecond ?? 0)} | ${((p.ratio ?? 0) * 100).toFixed(1)} % | ${p.soloMs} | ${p.p50} | ${p.p99Lower ? "> " : ""}${p.p99} | ${p.completed} | ${p.errors}/${p.non2xx} | ${p.peakMb} MB | ${goals} |`);
}
log(`\nProcesser (RSS, MB): ${Object.entries(processesMb).map(([name, mb]) => `${name}: ${mb}`).join(", ")}`);

if (args.profile) {
  const profiles = fs.existsSync(profileDir) ? fs.readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile")) : [];
  // The busiest process's profile: a worker's, not the primary's, which only forks and waits.
  const file = profiles.map((f) => path.join(profileDir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (file) {
    const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, "utf8")), { top: 25 });
    fs.writeFileSync(path.join(profileDir, `summary-${dbKind}.md`), summary);
    fs.writeFileSync(path.join(WORK, `results-${dbKind}-profile.json`), `${JSON.stringify(output, null, 2)}\n`);
    log(`\n${summary}\nProfilen: ${path.relative(process.cwd(), file)} (öppna i Chrome DevTools). Profilerade körningar skrivs inte in i docs/performance.md.`);
  } else {
    log("Ingen CPU-profil skrevs.");
  }
} else {
  const jsonFile = path.join(WORK, `results-${dbKind}.json`);
  fs.writeFileSync(jsonFile, `${JSON.stringify(output, null, 2)}\n`);
  // A run of some pages is a check, not the record: only a full run goes into the document.
  if (PAGE_KEYS.every((key) => pages.has(key))) {
    writeMarkdown(path.resolve("docs/performance.md"), output);
    log(`\nResultaten: ${path.relative(process.cwd(), jsonFile)} och docs/performance.md (${Math.round((Date.now() - started) / 1000)} s totalt).`);
  } else {
    log(`\nResultaten: ${path.relative(process.cwd(), jsonFile)} (inte docs/performance.md: bara en del av sidorna mättes).`);
  }
}
