// SPDX-License-Identifier: EUPL-1.2
// `npm test`: the whole suite on a fresh machine. It finds or installs what it needs
// (Node.js 24 from the npm registry where the machine's Node is older than 22, node_modules, Debian's
// Chromium and hunspell with hunspell-sv when running as root), then runs the type check, the
// structure checks (dependency-cruiser's layer rules in .dependency-cruiser.cjs, knip's unused files,
// dependencies and exports in knip.json), Vitest, the production build, the crash test (tests/crash, on the build), Vitest's database-facing files again
// on PostgreSQL when TEST_DATABASE_URL is set, and Playwright, and ends with one summary line.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import { ensureNativeModulesMatch, ensureSupportedNode } from "./node-runtime.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Where Debian's hunspell-sv puts the Swedish dictionary that content:check spells with.
const SWEDISH_DICTIONARY = "/usr/share/hunspell/sv_SE.dic";

function run(command, args, options = {}) {
  console.log(`\n▶ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  return result.status ?? 1;
}

function ensureDependencies() {
  if (fs.existsSync("node_modules/.package-lock.json")) return;
  console.log("Installerar npm-paket (npm ci) …");
  execFileSync("npm", ["ci"], { stdio: "inherit" });
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium saknas (${CHROMIUM}). Installera Debians paket: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Installerar Chromium från Debians paket …");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function ensureHunspell() {
  const missing = [];
  if (spawnSync("hunspell", ["-v"]).error) missing.push("hunspell");
  if (!fs.existsSync(SWEDISH_DICTIONARY)) missing.push("hunspell-sv");
  if (!missing.length) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`${missing.join(" och ")} saknas (stavningskontrollen av innehållet). Installera Debians paket: sudo apt-get install -y ${missing.join(" ")}`);
    process.exit(1);
  }
  console.log(`Installerar ${missing.join(" och ")} från Debians paket …`);
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", ...missing], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

// The SAML tests make their identity provider's certificate with openssl (tests/helpers/saml-idp.ts).
function ensureOpenssl() {
  if (!spawnSync("openssl", ["version"]).error) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error("openssl saknas (SAML-testerna gör sitt eget certifikat med det). Installera Debians paket: sudo apt-get install -y openssl");
    process.exit(1);
  }
  console.log("Installerar openssl från Debians paket …");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "openssl"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

await ensureSupportedNode();
ensureDependencies();
ensureNativeModulesMatch();
ensureChromium();
ensureHunspell();
ensureOpenssl();
fs.mkdirSync("test-results", { recursive: true });
for (const f of ["test-results/unit.json", "test-results/unit-pg.json", "test-results/crash.json", "test-results/e2e.json"]) fs.rmSync(f, { force: true });

// The first Vitest run is the SQLite one whatever the shell has set; vitest.config.ts picks the
// PostgreSQL run's files by TEST_DATABASE_URL.
const { TEST_DATABASE_URL, ...sqliteEnv } = process.env;
const POSTGRES_SKIPPED = "PostgreSQL-delen hoppades över: TEST_DATABASE_URL är inte satt";

const steps = [];
steps.push(["typecheck", run("npx", ["tsc", "--noEmit"])]);
// Each structure check counts as one test in the summary.
const STRUCTURE_CHECKS = ["structure-deps", "structure-unused"];
steps.push(["structure-deps", run("npx", ["depcruise", "app", "db", "server", "scripts", "tests", "--config", ".dependency-cruiser.cjs"])]);
steps.push(["structure-unused", run("npx", ["knip"])]);
const structureFailed = steps.filter(([name, status]) => STRUCTURE_CHECKS.includes(name) && status !== 0).length;
steps.push(["vitest", run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit.json"], { env: sqliteEnv })]);
const built = run("npm", ["run", "build"]) === 0;
steps.push(["build", built ? 0 : 1]);
// After the build: the crash test kills production servers started from it (vitest.crash.config.ts).
if (built) {
  steps.push([
    "crash",
    run("npx", ["vitest", "run", "--config", "vitest.crash.config.ts", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/crash.json"], { env: sqliteEnv }),
  ]);
}
// After the build: tests/postgres starts two production instances from it.
if (TEST_DATABASE_URL) {
  steps.push([
    "vitest-postgres",
    run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/unit-pg.json"], { env: { ...process.env, TEST_DATABASE_URL } }),
  ]);
} else {
  console.log(`\n${POSTGRES_SKIPPED}`);
}
if (built) steps.push(["playwright", run("npx", ["playwright", "test"])]);

const unit = readJson("test-results/unit.json");
const unitPg = readJson("test-results/unit-pg.json");
const crash = readJson("test-results/crash.json");
const e2e = readJson("test-results/e2e.json");
const passed = STRUCTURE_CHECKS.length - structureFailed + (unit?.numPassedTests ?? 0) + (crash?.numPassedTests ?? 0) + (unitPg?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failed = structureFailed + (unit?.numFailedTests ?? 0) + (crash?.numFailedTests ?? 0) + (unitPg?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (crash?.numPendingTests ?? 0) + (unitPg?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
const failedSteps = steps.filter(([, status]) => status !== 0).map(([name]) => name);

const postgresSummary = TEST_DATABASE_URL ? `${unitPg?.numPassedTests ?? 0} passed, ${unitPg?.numFailedTests ?? 0} failed` : "hoppades över (TEST_DATABASE_URL är inte satt)";
console.log(
  `\nStruktur: ${STRUCTURE_CHECKS.length - structureFailed} passed, ${structureFailed} failed · Vitest: ${unit?.numPassedTests ?? 0} passed, ${unit?.numFailedTests ?? 0} failed · Krasch-testet: ${crash?.numPassedTests ?? 0} passed, ${crash?.numFailedTests ?? 0} failed · Vitest på PostgreSQL: ${postgresSummary} · Playwright: ${e2e?.stats?.expected ?? 0} passed, ${e2e?.stats?.unexpected ?? 0} failed`,
);
if (!TEST_DATABASE_URL) console.log(POSTGRES_SKIPPED);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedSteps.length || failed ? 1 : 0);
