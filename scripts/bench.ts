// `npm run bench`: builds, generates a database, starts the production server and drives a
// signed-in lesson page of about 1,500 words with autocannon. Prints requests per second,
// p50/p99 latency, errors and each server process's peak memory (RSS).
//   npm run bench -- [--no-build] [--duration 10] [--connections 64] [--coaches 2000]
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { createSession } from "../app/modules/auth/session.server";
import { createDatabase } from "../db/client.server";
import { newId } from "../db/ids.server";
import { migrateToLatest } from "../db/migrate";
import { seedMunicipalities } from "../db/seed";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "64" },
    coaches: { type: "string", default: "2000" },
    port: { type: "string", default: "3300" },
    // One worker with V8's CPU profiler on: the profile lands in data/bench/profiles/.
    profile: { type: "boolean", default: false },
  },
});

const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const WORK = path.resolve("data/bench");
// A copy of the build, so the bench's own content index never replaces the real one.
const BUILD_DIR = path.join(WORK, "build");
const CONTENT = path.join(WORK, "content");
const DATABASE = path.join(WORK, "bench.db");
const BENCH_TRACK = "bench";
const BENCH_MODULE = "bench-lasning";

function log(text: string) {
  process.stdout.write(`${text}\n`);
}

/** The real content plus one module whose single lesson is ~1,500 words of real lesson text. */
function prepareContent(): { lessonUrl: string; words: number } {
  fs.rmSync(CONTENT, { recursive: true, force: true });
  fs.cpSync("content", CONTENT, { recursive: true });
  const source = path.join("content/modules/andts-och-uppdraget");
  const bodies = fs
    .readdirSync(source)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(source, f), "utf8").replace(/^---[\s\S]*?---\n/, "").replace(/\]\((?!https:)[^)]*\)/g, "]"));
  let text = "";
  for (const body of bodies) {
    if (text.split(/\s+/).length >= 1500) break;
    text += `\n${body}\n`;
  }
  const words = text.split(/\s+/).filter(Boolean).length;
  const dir = path.join(CONTENT, "modules", BENCH_MODULE);
  fs.mkdirSync(dir, { recursive: true });
  const index = fs.readFileSync(path.join(source, "index.md"), "utf8");
  const minutes = Math.ceil(words / 180);
  fs.writeFileSync(
    path.join(dir, "index.md"),
    index.replace(/^title: .*$/m, "title: Läsprov för prestandamätning").replace(/^estimatedMinutes: .*$/m, `estimatedMinutes: ${minutes + 10}`),
  );
  fs.writeFileSync(path.join(dir, "01-lang-lektion.md"), `---\ntitle: En lång lektion\nminutes: ${minutes}\n---\n${text}`);
  fs.copyFileSync(path.join(source, "quiz.yml"), path.join(dir, "quiz.yml"));
  fs.writeFileSync(
    path.join(CONTENT, "tracks", `${BENCH_TRACK}.md`),
    `---\ntitle: Prestandamätning\nsummary: Ett spår som bara finns i mätningen.\nmodules:\n  - ${BENCH_MODULE}\n---\nMätspår.\n`,
  );
  execFileSync("npx", ["tsx", "scripts/content-build.ts", CONTENT], { stdio: "inherit", env: { ...process.env, CONTENT_DIR: CONTENT, BUILD_DIR } });
  return { lessonUrl: `/utbildning/${BENCH_TRACK}/${BENCH_MODULE}/lang-lektion`, words };
}

/** A database with many coaches and their progress, and one signed-in bench coach. */
async function prepareDatabase(coaches: number): Promise<string> {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(DATABASE + suffix, { force: true });
  const db = createDatabase(DATABASE);
  await migrateToLatest(db);
  const municipalities = [...(await seedMunicipalities(db)).values()];
  const now = new Date().toISOString();
  const lessons = ["vad-ar-andts", "strategin", "lansstyrelsen", "medborgarloftet"];
  for (let start = 0; start < coaches; start += 500) {
    await db.transaction().execute(async (trx) => {
      const users = [];
      const completions = [];
      for (let i = start; i < Math.min(coaches, start + 500); i++) {
        const id = newId();
        users.push({ id, email: `coach${i}@bench.example`, name: `Coach ${i}`, role: "coach" as const, municipality_id: municipalities[i % municipalities.length]!, school: null, password_hash: null, created_at: now, deactivated_at: null });
        for (const lesson of lessons.slice(0, i % (lessons.length + 1))) {
          completions.push({ id: newId(), user_id: id, track: "andts-coach-grund", module: "andts-och-uppdraget", lesson, content_hash: "bench", completed_at: now });
        }
      }
      await trx.insertInto("user").values(users).execute();
      for (let i = 0; i < completions.length; i += 500) await trx.insertInto("lesson_completion").values(completions.slice(i, i + 500)).execute();
    });
  }
  const benchUser = newId();
  await db
    .insertInto("user")
    .values({ id: benchUser, email: "bench@bench.example", name: "Bänk Coach", role: "coach", municipality_id: municipalities[0]!, school: null, password_hash: null, created_at: now, deactivated_at: null })
    .execute();
  const { token } = await createSession(db, benchUser);
  await db.destroy();
  return `__session=${token}`;
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
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

/** Samples every server process's resident memory; returns the peak per process. */
function watchMemory(root: number): () => Map<number, number> {
  const peaks = new Map<number, number>();
  const timer = setInterval(() => {
    for (const pid of [root, ...childPids(root)]) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rssMb(pid)));
  }, 100);
  return () => {
    clearInterval(timer);
    return peaks;
  };
}

async function waitForServer(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error("Servern avslutades innan den svarade");
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("Servern svarade inte inom 30 sekunder");
}

async function drive(url: string, cookie: string, connections: number, duration: number) {
  const check = await fetch(`${BASE}${url}`, { headers: { Cookie: cookie, Accept: "text/html" } });
  const body = await check.text();
  if (check.status !== 200 || !body.includes("En lång lektion")) throw new Error(`Lektionssidan svarade ${check.status}`);
  // Warm up the JIT and caches before measuring.
  await autocannon({ url: `${BASE}${url}`, connections, duration: 2, headers: { Cookie: cookie, Accept: "text/html" } });
  const result = await autocannon({ url: `${BASE}${url}`, connections, duration, headers: { Cookie: cookie, Accept: "text/html" } });
  return { bytes: body.length, result };
}

const connections = Number(args.connections);
const duration = Number(args.duration);
if (!args["no-build"]) {
  log("▶ Bygger");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}
fs.mkdirSync(WORK, { recursive: true });
fs.rmSync(BUILD_DIR, { recursive: true, force: true });
fs.cpSync("build", BUILD_DIR, { recursive: true });
log("▶ Förbereder innehåll och databas");
const { lessonUrl, words } = prepareContent();
const cookie = await prepareDatabase(Number(args.coaches));

const workers = args.profile ? 1 : 2;
const profileDir = path.join(WORK, "profiles");
log(`▶ Startar produktionsservern (${workers} ${workers === 1 ? "process" : "processer"}) på port ${PORT}`);
const server = spawn("node", [...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "server/index.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), HOST: "127.0.0.1", DATABASE_URL: DATABASE, CONTENT_DIR: CONTENT, BUILD_DIR, WEB_CONCURRENCY: String(workers) },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  await waitForServer(server);
  const stop = watchMemory(server.pid!);
  log(`▶ Mäter ${lessonUrl} (${words} ord) med ${connections} anslutningar i ${duration} s`);
  const { bytes, result } = await drive(lessonUrl, cookie, connections, duration);
  const peaks = stop();
  const peak = Math.max(...peaks.values());
  log("");
  log("| sida | förfrågningar/s | p50 ms | p99 ms | fel | sidans storlek | högsta minne per process |");
  log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  log(
    `| lektion (${words} ord) | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.errors + result.non2xx} | ${Math.round(bytes / 1024)} kB | ${Math.round(peak)} MB |`,
  );
  log(`\nProcesser (RSS, MB): ${[...peaks.entries()].map(([pid, mb]) => `${pid}: ${Math.round(mb)}`).join(", ")}`);
  log(`Mål: minst 1 000 förfrågningar/s, p99 under 150 ms, under 300 MB per process.`);
} finally {
  server.kill("SIGTERM");
  if (args.profile) log(`CPU-profilen skrivs till ${profileDir} när servern har avslutats.`);
}
