// SPDX-License-Identifier: EUPL-1.2
// The Node.js that runs the README's two commands and CI (docs/decisions/019-node-24.md).
// Node.js 24 LTS is the tested runtime; 22.18+ and 26 are supported (the server imports
// app/env.server.ts as it is, which needs Node's type stripping: docs/decisions/020). Where the machine's own Node is
// older (Node 20 reached end of life on 30 April 2026), Node 24 comes from the npm registry: the
// node-<platform>-<arch> package ships the binary and the headers native modules build against.
// It is installed once into .tools/ and the command runs itself again on it.
//
//   import { ensureSupportedNode } from "./node-runtime.mjs";  await ensureSupportedNode();
//   node scripts/node-runtime.mjs --exports   prints shell exports that put Node 24 first (.ci/run)
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const TESTED_NODE = "24.22.3";

const major = (version) => Number(version.replace(/^v/, "").split(".")[0]);
const minor = (version) => Number(version.replace(/^v/, "").split(".")[1]);
/** engines in package.json: ^22.18 || ^24 || ^26. */
const isSupported = (version) => (major(version) === 22 && minor(version) >= 18) || major(version) === 24 || major(version) === 26;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Node 24 from the npm registry in .tools/, installed on first use: its bin folder and its headers. */
export function registryNode() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = path.join(root, ".tools", `node-v${TESTED_NODE}`);
  const home = path.join(prefix, "node_modules", pkg);
  const bin = path.join(home, "bin");
  if (!fs.existsSync(path.join(bin, "node"))) {
    // On stderr: `--exports` prints only the exports on stdout.
    console.error(`Hämtar Node.js ${TESTED_NODE} från npm-registret (${pkg}) till .tools/ …`);
    fs.mkdirSync(prefix, { recursive: true });
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `${pkg}@${TESTED_NODE}`], { stdio: ["ignore", 2, 2] });
  }
  return { bin, nodedir: home };
}

/** The environment that makes `node`, npm's scripts and node-gyp all use that Node. */
function environmentFor({ bin, nodedir }) {
  return { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`, npm_config_nodedir: nodedir };
}

/**
 * Runs the calling script again on Node 24 when this Node is not a supported one, and waits for
 * it; returns at once on a supported Node. The one line it prints says why.
 */
export async function ensureSupportedNode() {
  if (isSupported(process.version)) return;
  console.log(`Node.js ${process.version} stöds inte (Node 20 och äldre har nått end of life); kör med Node.js ${TESTED_NODE} från npm-registret.`);
  const node = registryNode();
  const child = spawn(path.join(node.bin, "node"), [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, ...environmentFor(node) },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  process.exit(code);
}

/**
 * better-sqlite3 is built for one Node ABI. node_modules installed under another Node (say, by
 * an earlier run on the machine's Node 20) is rebuilt for this one, against its headers.
 */
export function ensureNativeModulesMatch() {
  if (!fs.existsSync(path.join(root, "node_modules", "better-sqlite3"))) return;
  const require = createRequire(path.join(root, "package.json"));
  try {
    const Database = require("better-sqlite3");
    new Database(":memory:").close();
  } catch (error) {
    if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version|ERR_DLOPEN_FAILED/.test(String(error?.message ?? error))) throw error;
    console.log(`Bygger om better-sqlite3 för Node.js ${process.version} …`);
    execFileSync("npm", ["rebuild", "better-sqlite3"], { stdio: "inherit", cwd: root });
  }
}

// CI: `eval "$(node scripts/node-runtime.mjs --exports)"` runs everything after it on Node 24.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes("--exports")) {
  if (major(process.version) === major(TESTED_NODE)) process.exit(0);
  const env = environmentFor(registryNode());
  for (const [name, value] of Object.entries(env)) console.log(`export ${name}=${JSON.stringify(value)}`);
}
