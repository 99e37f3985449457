// SPDX-License-Identifier: EUPL-1.2
// `npm run demo`: from a fresh clone to a running app on http://localhost:3000.
// Installs what is missing, builds, migrates and seeds the embedded SQLite database,
// prints the demo logins and serves the production build on this machine alone.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildSummary, demoAddressLines, demoEnvironment } from "./demo-settings.mjs";
import { ensureNativeModulesMatch, ensureSupportedNode } from "./node-runtime.mjs";

const step = (text) => console.log(`\n▶ ${text}`);
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });

await ensureSupportedNode();

if (!fs.existsSync("node_modules/.package-lock.json")) {
  step("Installerar npm-paket");
  run("npm", [fs.existsSync("package-lock.json") ? "ci" : "install", "--no-audit", "--no-fund"]);
}

ensureNativeModulesMatch();

// The build's output is kept back unless it fails, so that the logins and the address are what
// the user sees last.
step("Bygger appen (tar en stund)");
const started = Date.now();
const build = spawnSync("npm", ["run", "build"], { env: process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const output = `${build.stdout ?? ""}${build.stderr ?? ""}`;
if (build.status !== 0) {
  process.stdout.write(output);
  console.error(`\nBygget misslyckades${build.error ? `: ${build.error.message}` : ""}. Se utskriften ovan.`);
  process.exit(build.status || 1);
}
console.log(buildSummary(output, (Date.now() - started) / 1000));

step("Migrerar och fyller databasen med demodata");
run("npx", ["tsx", "scripts/db-seed.ts", "--print-logins"]);

const env = demoEnvironment(process.env);
if (env.REQUIRE_MFA === "false") console.log("\nREQUIRE_MFA=false: tvåstegsverifiering krävs inte i demon, så att demoinloggningarna fungerar med bara lösenord.");

const [address, ...notes] = demoAddressLines(env);
step(address);
for (const line of notes) console.log(`  ${line}`);
const server = spawn("node", ["server/index.js"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
