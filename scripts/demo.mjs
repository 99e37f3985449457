// SPDX-License-Identifier: EUPL-1.2
// `npm run demo`: from a fresh clone to a running app on http://localhost:3000.
// Installs what is missing, migrates and seeds the embedded SQLite database, builds,
// prints the demo logins and serves the production build.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { ensureNativeModulesMatch, ensureSupportedNode } from "./node-runtime.mjs";

const step = (text) => console.log(`\n▶ ${text}`);
const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });

await ensureSupportedNode();

if (!fs.existsSync("node_modules/.package-lock.json")) {
  step("Installerar npm-paket");
  run("npm", [fs.existsSync("package-lock.json") ? "ci" : "install", "--no-audit", "--no-fund"]);
}

ensureNativeModulesMatch();

step("Bygger appen");
run("npm", ["run", "build"]);

// After the build, so the demo logins are the last thing printed before the server starts.
step("Migrerar och fyller databasen med demodata");
run("npx", ["tsx", "scripts/db-seed.ts", "--print-logins"]);

// The demo logins are passwords alone; a real deployment keeps the second factor on (README, REQUIRE_MFA).
process.env.REQUIRE_MFA ??= "false";
if (process.env.REQUIRE_MFA === "false") console.log("\nREQUIRE_MFA=false: tvåstegsverifiering krävs inte i demon, så att demoinloggningarna fungerar med bara lösenord.");

const port = process.env.PORT || "3000";
step(`Startar Coachportalen på http://localhost:${port}  (avsluta med Ctrl+C)`);
const server = spawn("node", ["server/index.js"], { stdio: "inherit", env: { NODE_ENV: "production", PORT: port, ...process.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
