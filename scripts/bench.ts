// SPDX-License-Identifier: EUPL-1.2
// `npm run bench`: builds, generates (or reuses) a national-scale database, starts the production
// server and measures its pages with autocannon, each page --runs times (3) in rounds, every round
// beside a bare node:http server serving the lesson page's bytes (the ceiling), plus a mixed run:
// coaches marking lessons read and handing in tests at a steady rate through the forms while
// coordinators and other coaches read. Reports the median run, whether every run met each target,
// each worker's event-loop delay and the server processes' peak memory, in
// data/bench/results-<db>.json and docs/performance.md. Method: docs/performance.md, decision 013.
//   npm run bench -- [--no-build] [--db sqlite|postgres] [--pages lektion,hem,…,blandat] [--runs 3]
//                    [--duration 10] [--mixed-duration 15] [--write-rate 20] [--connections 64]
//                    [--coaches 40000] [--port 3390] [--ceiling-port 3391] [--profile] [--regenerate]
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import type { ContentIndex } from "../app/content/types";
import { createSession } from "../app/modules/auth/session.server";
import { createDatabase } from "../db/client.server";
import { BENCH_LESSON_TITLE, prepareContent } from "./bench/content";
import { eventLoopMonitor, PROBE_FLAG, type EventLoopDelay } from "./bench/event-loop";
import { DEFAULT_PARAMS, generate, type GeneratedFacts } from "./bench/generate";
import { planWrites, runWrites } from "./bench/mixed";
import { summarizeProfile } from "./bench/profile-summary";
import {
  checkTargets,
  describeMachine,
  medianOf,
  printSummary,
  writeMarkdown,
  type BenchResults,
  type LoadFigures,
  type MixedResult,
  type MixedRun,
  type PageResult,
  type PageRun,
  type Target,
} from "./bench/report";

const PAGE_KEYS = ["lektion", "hem", "oversikt", "coacher", "export", "uppfoljning", "verifiera", "blandat"] as const;
type PageKey = (typeof PAGE_KEYS)[number];

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    pages: { type: "string", default: PAGE_KEYS.join(",") },
    runs: { type: "string", default: "3" },
    // 10 s per page and 15 s for the mixed run: a full run (build included) takes about 8 minutes on two cores.
    duration: { type: "string", default: "10" },
    "mixed-duration": { type: "string" },
    "write-rate": { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
    coaches: { type: "string", default: String(DEFAULT_PARAMS.coaches) },
    port: { type: "string", default: "3390" },
    "ceiling-port": { type: "string" },
    // One worker with V8's CPU profiler on; the profile and its summary land in data/bench/profiles/.
    profile: { type: "boolean", default: false },
    regenerate: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  const lines = fs.readFileSync(new URL(import.meta.url), "utf8").split("\n");
  process.stdout.write(`${lines.slice(8, 11).map((l) => l.replace(/^\/\/ ?/, "")).join("\n")}\n`);
  process.exit(0);
}

const WORK = path.resolve("data/bench");
const BUILD_DIR = path.resolve(process.env.BENCH_BUILD_DIR || path.join(WORK, "build"));
const CONTENT = path.join(WORK, "content");
const PORT = Number(args.port);
const CEILING_PORT = Number(args["ceiling-port"] ?? PORT + 1);
const BASE = `http://127.0.0.1:${PORT}`;
const connections = Number(args.connections);
const duration = Number(args.duration);
const mixedDuration = Number(args["mixed-duration"] ?? Math.round(duration * 1.5));
const writeRate = Number(args["write-rate"]);
const runs = Number(args.runs);
const workers = args.profile ? 1 : 2;
const pages = new Set(args.pages!.split(",").map((p) => p.trim()).filter(Boolean));
for (const page of pages) if (!PAGE_KEYS.includes(page as PageKey)) throw new Error(`Okänd sida ${page}; välj bland ${PAGE_KEYS.join(", ")}`);
for (const [name, value] of Object.entries({ runs, duration, mixedDuration, writeRate, connections })) {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`--${name} ska vara ett positivt tal`);
}

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
      return Math.round(peak);
    },
    stop(): Record<string, number> {
      clearInterval(timer);
      const result: Record<string, number> = {};
      for (const [pid, mb] of overall) result[pid === root ? `primär ${pid}` : `arbetare ${pid}`] = Math.round(mb);
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

type Headers = Record<string, string>;

/** A few connections for 2 s: enough to make V8 compile the hot code without leaving a backlog behind. */
async function warmUp(url: string, headers: Headers): Promise<void> {
  await autocannon({ url, connections: 4, duration: 2, headers });
}

/** One request alone, three times: the median, before the load. */
async function soloMs(url: string, headers: Headers): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await (await fetch(url, { headers })).arrayBuffer();
    times.push(performance.now() - t0);
  }
  return Math.round(times.sort((a, b) => a - b)[1]!);
}

function figures(r: autocannon.Result, seconds: number, conns: number): LoadFigures {
  // Fewer answers than two per connection: most requests were still running when the time was
  // up, and the latencies of those that came back say nothing about p99.
  const completed = r.requests.total;
  const enough = completed >= conns * 2;
  return {
    requestsPerSecond: r.requests.average,
    // No answer at all: even the median took longer than the measuring time.
    p50: completed === 0 ? seconds * 1000 : r.latency.p50,
    p99: enough ? r.latency.p99 : Math.max(r.latency.p99, seconds * 1000),
    p99Lower: !enough,
    completed,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
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

// --- Preparation -----------------------------------------------------------------------------

fs.mkdirSync(WORK, { recursive: true });
// One bench at a time per folder: a second would empty the database, the content and the build
// under the first one's feet.
const lockFile = path.join(WORK, "bench.lock");
try {
  fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
} catch {
  const holder = Number(fs.readFileSync(lockFile, "utf8"));
  let alive = false;
  try {
    process.kill(holder, 0);
    alive = true;
  } catch {
    // gone without cleaning up
  }
  if (alive) throw new Error(`En annan mätning (process ${holder}) använder ${path.relative(process.cwd(), WORK)}; vänta tills den är klar.`);
  fs.writeFileSync(lockFile, String(process.pid));
}
process.on("exit", () => {
  if (fs.existsSync(lockFile) && fs.readFileSync(lockFile, "utf8") === String(process.pid)) fs.rmSync(lockFile);
});
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
// CONTENT_DIR's content (the real content unless it is set), with the bench's own additions.
const { lessonUrl, words } = prepareContent(CONTENT, process.env.CONTENT_DIR || "content");
execFileSync("npx", ["tsx", "scripts/content-build.ts", CONTENT], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, CONTENT_DIR: CONTENT, BUILD_DIR, npm_config_loglevel: "error" } });
const content = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, "content", "index.json"), "utf8")) as ContentIndex;

log(`▶ Databas (${dbKind === "sqlite" ? path.relative(process.cwd(), databaseUrl) : databaseUrl.replace(/\/\/[^@]*@/, "//…@")})`);
const coaches = Number(args.coaches);
const params = { ...DEFAULT_PARAMS, coaches, largest: Math.min(DEFAULT_PARAMS.largest, Math.round(coaches / 20)) };
const facts: GeneratedFacts = await generate(databaseUrl, content, params, { force: args.regenerate });
log(facts.reused ? `  återanvänd (signatur ${facts.signature})` : `  genererad på ${facts.seconds} s`);

// Sessions are made as sign-in makes them; everything measured after this goes through HTTP.
const db = createDatabase(databaseUrl);
const coachCookie = `__session=${(await createSession(db, facts.benchCoachId)).token}`;
const coordinatorCookie = `__session=${(await createSession(db, facts.coordinatorId)).token}`;
const writeJobs = pages.has("blandat") ? await planWrites(db, content, facts.largest.id) : [];
const writesNeeded = Math.ceil(writeRate * mixedDuration * runs);
const writerCookies = new Map<string, string>();
for (const job of writeJobs.slice(0, writesNeeded)) {
  if (!writerCookies.has(job.coachId)) writerCookies.set(job.coachId, `__session=${(await createSession(db, job.coachId)).token}`);
}
await db.destroy();
if (pages.has("blandat") && writeJobs.length < writesNeeded) {
  log(`  OBS: bara ${writeJobs.length} skrivningar kvar att göra i ${facts.largest.name} (${writesNeeded} behövs); kör med --regenerate`);
}

const machine = await describeMachine(dbKind === "postgres" ? databaseUrl : null);
const profileDir = path.join(WORK, "profiles");
if (args.profile) fs.rmSync(profileDir, { recursive: true, force: true });
log(`▶ Startar produktionsservern (${workers} ${workers === 1 ? "arbetsprocess" : "arbetsprocesser"}) på port ${PORT}`);
const eventLoopDir = path.join(WORK, "event-loop");
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
  BENCH_EVENT_LOOP_DIR: eventLoopDir,
};
delete serverEnv.SMTP_URL;
const eventLoop = eventLoopMonitor(eventLoopDir, () => childPids(server.pid!));
// The probe is loaded with --import, which the cluster's workers inherit: no line of the server
// knows about it, so the same bench measures older versions of the app too.
const server = spawn("node", [PROBE_FLAG, ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "server/index.js"], {
  env: serverEnv,
  stdio: ["ignore", "ignore", "inherit"],
});

// --- What is measured ------------------------------------------------------------------------

interface PageSpec {
  key: Exclude<PageKey, "blandat">;
  label: string;
  url: string;
  cookie: string | null;
  expect?: string;
  mode: "load" | "single";
  targets: Target[];
}

const eventLoopTargets: Target[] = [
  { name: "fördröjning p99 < 20 ms", check: (r) => (r.eventLoop ? r.eventLoop.p99Ms < 20 : null) },
  { name: "fördröjning max < 100 ms", check: (r) => (r.eventLoop ? r.eventLoop.maxMs < 100 : null) },
];
const memoryTarget: Target = { name: "minne < 300 MB", check: (r) => r.peakMb < 300 };
const learnerTargets: Target[] = [
  { name: "≥ 1 000/s", check: (r) => (r.load?.requestsPerSecond ?? 0) >= 1000 },
  { name: "≥ 5 % av taket", check: (r) => (r.ratio ?? 0) >= 0.05 },
  { name: "p99 < 150 ms", check: (r) => (r.load?.p99 ?? Infinity) < 150 },
];
const coordinatorTargets: Target[] = [{ name: "p99 < 200 ms", check: (r) => (r.load?.p99 ?? Infinity) < 200 }];

const SPECS: PageSpec[] = [
  { key: "lektion", label: `Lektionssida (${words} ord)`, url: lessonUrl, cookie: coachCookie, expect: BENCH_LESSON_TITLE, mode: "load", targets: learnerTargets },
  { key: "hem", label: "Coachens startsida /utbildning", url: "/utbildning", cookie: coachCookie, mode: "load", targets: learnerTargets },
  {
    key: "oversikt",
    label: `Samordnarens översikt, ${facts.largest.name} (${facts.largest.coaches} coacher)`,
    url: "/samordnare",
    cookie: coordinatorCookie,
    mode: "load",
    targets: coordinatorTargets,
  },
  { key: "coacher", label: `Coachlistan, ${facts.largest.name}`, url: "/samordnare/coacher", cookie: coordinatorCookie, mode: "load", targets: coordinatorTargets },
  {
    key: "export",
    label: `XLSX-export, ${facts.largest.coaches} coacher`,
    url: "/samordnare/export.xlsx",
    cookie: coordinatorCookie,
    mode: "single",
    targets: [{ name: "< 1 s", check: (r) => Math.max(...(r.singleMs ?? [Infinity])) < 1000 }],
  },
  { key: "uppfoljning", label: `Offentlig uppföljning /uppfoljning/${facts.largest.slug}`, url: `/uppfoljning/${facts.largest.slug}`, cookie: null, mode: "load", targets: [] },
  { key: "verifiera", label: "Kontroll av ett giltigt intyg /verifiera/:kod", url: `/verifiera/${facts.validCode}`, cookie: null, expect: "Intyget är giltigt", mode: "load", targets: [] },
];
for (const spec of SPECS) spec.targets = [...spec.targets, memoryTarget, ...eventLoopTargets];

const delayText = (delay: EventLoopDelay | null) => {
  if (!delay) return "fördröjningen kunde inte mätas";
  const most = (key: "heapTotalMb" | "heapUsedMb" | "externalMb") => Math.round(Math.max(0, ...delay.workers.map((w) => w.peakMemory?.[key] ?? 0)));
  return `fördröjning p99 ${delay.p99Ms} ms, max ${delay.maxMs} ms (heap ≤ ${most("heapUsedMb")} av ${most("heapTotalMb")} MB, utanför ≤ ${most("externalMb")} MB)`;
};
const headersOf = (cookie: string | null): Headers => ({ Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) });
const mixedConnections = { oversikt: Math.max(1, Math.round(connections / 8)), coacher: Math.max(1, Math.round(connections / 8)) };
const mixedLesson = Math.max(1, connections - mixedConnections.oversikt - mixedConnections.coacher);
const mixedTargets: Target[] = [
  { name: "översikten p99 < 200 ms", check: (r) => (r.mixed ? r.mixed.oversikt.p99 < 200 : null) },
  { name: "coachlistan p99 < 200 ms", check: (r) => (r.mixed ? r.mixed.coacher.p99 < 200 : null) },
  { name: "alla skrivningar lyckas", check: (r) => (r.mixed ? r.mixed.writes.failed === 0 && r.mixed.writes.attempted > 0 : null) },
  memoryTarget,
  ...eventLoopTargets,
];

// --- The run ---------------------------------------------------------------------------------

const results = new Map<string, PageResult>();
const ceilings: Omit<BenchResults["ceiling"], "requestsPerSecond"> = { bytes: 0, runs: [] };
let mixed: MixedResult | null = null;
let processesMb: Record<string, number> = {};
const jobs = writeJobs[Symbol.iterator]();

try {
  await waitFor(`${BASE}/healthz`, server);
  const memory = memoryWatcher(server.pid!);

  // The ceiling serves the lesson page's bytes as the real server sends them to a browser
  // loading the page (a document request carries the lesson text once, not again in its data).
  const lessonResponse = await fetch(`${BASE}${lessonUrl}`, { headers: { Cookie: coachCookie, Accept: "text/html" } });
  const lessonBody = Buffer.from(await lessonResponse.arrayBuffer());
  if (lessonResponse.status !== 200 || !lessonBody.toString("utf8").includes(BENCH_LESSON_TITLE)) throw new Error(`Lektionssidan svarade ${lessonResponse.status}`);
  const bodyFile = path.join(WORK, "lesson.html");
  fs.writeFileSync(bodyFile, lessonBody);
  ceilings.bytes = lessonBody.length;

  for (let round = 1; round <= runs; round++) {
    log(`▶ Omgång ${round} av ${runs}`);
    const bare = spawn("node", ["scripts/bench/ceiling.mjs", String(CEILING_PORT), bodyFile, String(workers)], { stdio: ["ignore", "ignore", "inherit"] });
    let ceilingRps = 0;
    try {
      const url = `http://127.0.0.1:${CEILING_PORT}/`;
      await waitFor(url, bare);
      // Another program on the port would be measured instead: the ceiling must send our bytes.
      const sent = Buffer.from(await (await fetch(url)).arrayBuffer());
      if (!sent.equals(lessonBody)) throw new Error(`Porten ${CEILING_PORT} svarar med något annat än taket: välj en annan med --ceiling-port`);
      await warmUp(url, {});
      const r = await autocannon({ url, connections, duration });
      ceilingRps = r.requests.average;
      ceilings.runs.push({ requestsPerSecond: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
      log(`  taket (bar node:http, ${Math.round(lessonBody.length / 1024)} kB): ${Math.round(ceilingRps)}/s`);
    } finally {
      await stopProcess(bare);
    }

    for (const spec of SPECS) {
      if (!pages.has(spec.key)) continue;
      const headers = headersOf(spec.cookie);
      const url = `${BASE}${spec.url}`;
      const result = results.get(spec.key) ?? { key: spec.key, label: spec.label, url: spec.url, mode: spec.mode, state: "mätt", runs: [], targets: [] };
      results.set(spec.key, result);
      if (result.state !== "mätt") continue;
      // The page must answer as it should before it is measured; a failure once (a busy lock on
      // a loaded machine) is tried again before the page is called broken.
      let check: Response;
      let body: Buffer;
      for (let attempt = 1; ; attempt++) {
        await drain();
        try {
          check = await fetch(url, { headers, redirect: "manual" });
          body = Buffer.from(await check.arrayBuffer());
        } catch (error) {
          // A worker that died (out of memory, say) closes its connections: the primary starts a
          // new one, and the page is tried again like a 5xx, then called broken.
          check = new Response(null, { status: 599, statusText: String(error) });
          body = Buffer.alloc(0);
        }
        if (check.status < 500 || attempt === 3) break;
        log(`  ${spec.label}: svarade ${check.status}, försöker igen`);
      }
      if (check.status === 404 && spec.key === "uppfoljning") {
        Object.assign(result, { state: "saknas", note: "sidan svarar 404" });
        log(`  ${spec.label}: saknas (404)`);
        continue;
      }
      if (check.status !== 200 || (spec.expect && !body.toString("utf8").includes(spec.expect))) {
        Object.assign(result, { state: "fel", note: `svarade ${check.status}${check.headers.get("location") ? ` → ${check.headers.get("location")}` : ""}` });
        log(`  ${spec.label}: FEL, svarade ${check.status}`);
        continue;
      }
      result.bytes = body.length;
      let run: PageRun;
      if (spec.mode === "single") {
        // One coordinator downloading: three requests one at a time, each timed to the last byte.
        memory.takePeak();
        await eventLoop.start();
        const times: number[] = [];
        let failures = 0;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          try {
            const response = await fetch(url, { headers });
            await response.arrayBuffer();
            if (response.status !== 200) failures++;
          } catch {
            failures++;
          }
          times.push(Math.round(performance.now() - t0));
        }
        const delay = await eventLoop.stop();
        await drain();
        run = { ceilingRps, singleMs: times, errors: 0, non2xx: failures, peakMb: memory.takePeak(), eventLoop: delay };
        log(`  ${spec.label}: ${times.join(", ")} ms, ${run.peakMb} MB, ${delayText(delay)}`);
      } else {
        await warmUp(url, headers);
        const solo = await soloMs(url, headers);
        await drain();
        memory.takePeak();
        await eventLoop.start();
        const r = await autocannon({ url, connections, duration, headers });
        const delay = await eventLoop.stop();
        await drain();
        const load = figures(r, duration, connections);
        run = { ceilingRps, load, ratio: ceilingRps ? load.requestsPerSecond / ceilingRps : 0, soloMs: solo, errors: load.errors, non2xx: load.non2xx, peakMb: memory.takePeak(), eventLoop: delay };
        log(`  ${spec.label}: ${Math.round(load.requestsPerSecond)}/s, p99 ${load.p99Lower ? "> " : ""}${load.p99} ms, ${run.peakMb} MB, ${delayText(delay)}`);
      }
      result.runs.push(run);
    }

    if (pages.has("blandat")) {
      log(`  blandad körning: ${writeRate} skrivningar/s i ${facts.largest.name}, ${mixedConnections.oversikt}+${mixedConnections.coacher} samordnare och ${mixedLesson} coacher läser, ${mixedDuration} s`);
      const coordinator = headersOf(coordinatorCookie);
      const coach = headersOf(coachCookie);
      const urls = { lektion: `${BASE}${lessonUrl}`, oversikt: `${BASE}/samordnare`, coacher: `${BASE}/samordnare/coacher` };
      await drain();
      await Promise.all([warmUp(urls.lektion, coach), warmUp(urls.oversikt, coordinator), warmUp(urls.coacher, coordinator)]);
      await drain();
      memory.takePeak();
      await eventLoop.start();
      const [lektion, oversikt, coacher, writes] = await Promise.all([
        autocannon({ url: urls.lektion, connections: mixedLesson, duration: mixedDuration, headers: coach }),
        autocannon({ url: urls.oversikt, connections: mixedConnections.oversikt, duration: mixedDuration, headers: coordinator }),
        autocannon({ url: urls.coacher, connections: mixedConnections.coacher, duration: mixedDuration, headers: coordinator }),
        runWrites(BASE, jobs, (id) => writerCookies.get(id) ?? "", { rate: writeRate, seconds: mixedDuration }),
      ]);
      const delay = await eventLoop.stop();
      await drain();
      const run: MixedRun = {
        ceilingRps,
        lektion: figures(lektion, mixedDuration, mixedLesson),
        oversikt: figures(oversikt, mixedDuration, mixedConnections.oversikt),
        coacher: figures(coacher, mixedDuration, mixedConnections.coacher),
        writes,
        peakMb: memory.takePeak(),
        eventLoop: delay,
      };
      mixed ??= {
        label: "Blandad körning",
        rate: writeRate,
        seconds: mixedDuration,
        connections: { lektion: mixedLesson, ...mixedConnections },
        runs: [],
        targets: [],
      };
      mixed.runs.push(run);
      const failures = Object.entries(writes.failures).map(([what, n]) => `${n} × ${what}`).join(", ");
      log(
        `  blandad: lektion ${Math.round(run.lektion.requestsPerSecond)}/s p99 ${run.lektion.p99} ms; översikt p99 ${run.oversikt.p99} ms; coachlista p99 ${run.coacher.p99} ms; ` +
          `${writes.ok} av ${writes.attempted} skrivningar lyckades (${writes.perSecond}/s, p99 ${writes.p99} ms${failures ? `; ${failures}` : ""}); ${run.peakMb} MB, ${delayText(delay)}`,
      );
    }
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

for (const spec of SPECS) {
  const result = results.get(spec.key);
  if (result?.state === "mätt") result.targets = checkTargets(spec.targets, result.runs);
}
if (mixed) mixed.targets = checkTargets(mixedTargets, mixed.runs.map((m) => ({ ...m, mixed: m })));

const output: BenchResults = {
  database: dbKind,
  machine,
  settings: { connections, duration, mixedDuration, runs, writeRate, workers, coaches, municipalities: params.municipalities },
  generation: { reused: facts.reused, seconds: facts.seconds, counts: facts.counts },
  ceiling: { ...ceilings, requestsPerSecond: medianOf(ceilings.runs.map((c) => c.requestsPerSecond)) },
  pages: [...results.values()],
  mixed,
  processesMb,
  seconds: Math.round((Date.now() - started) / 1000),
};

log("");
printSummary(output, log);

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
  // A run of some pages, or of fewer than three rounds, is a check, not the record.
  if (PAGE_KEYS.every((key) => pages.has(key)) && runs >= 3) {
    const sqliteFile = path.join(WORK, "results-sqlite.json");
    const sqlite = dbKind === "postgres" && fs.existsSync(sqliteFile) ? (JSON.parse(fs.readFileSync(sqliteFile, "utf8")) as BenchResults) : null;
    writeMarkdown(path.resolve("docs/performance.md"), output, sqlite);
    log(`\nResultaten: ${path.relative(process.cwd(), jsonFile)} och docs/performance.md (${output.seconds} s totalt).`);
  } else {
    log(`\nResultaten: ${path.relative(process.cwd(), jsonFile)} (inte docs/performance.md: bara en del av sidorna eller färre än tre omgångar; ${output.seconds} s totalt).`);
  }
}
