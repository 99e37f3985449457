// SPDX-License-Identifier: EUPL-1.2
// Every source file names its licence in its first lines, so a file copied out of the repository
// (into another municipality's code, say) still says under which terms it may be used.
//   node scripts/spdx-headers.mjs --check   lists the files without the line, exits 1 if there are any
//   node scripts/spdx-headers.mjs --write   adds `// SPDX-License-Identifier: EUPL-1.2` as their first line
//                                           (after a `#!` line if there is one)
// tests/unit/spdx-headers.test.ts runs the check in every `npm test`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const LICENSE_ID = "EUPL-1.2";
export const HEADER = `// SPDX-License-Identifier: ${LICENSE_ID}`;
const MARKER = `SPDX-License-Identifier: ${LICENSE_ID}`;
const HEADER_WITHIN_LINES = 3;

const SOURCE_DIRECTORIES = ["app", "db", "server", "scripts", "tests"];
const SOURCE_EXTENSION = /\.(ts|tsx|js|mjs|cjs)$/;
// Configuration files at the root: vite.config.ts, vitest.config.ts, vitest.crash.config.ts,
// playwright.config.ts, remix.config.js, and any *.config.* added later.
const ROOT_CONFIG = /^[^/]+\.config\.(ts|js|mjs|cjs)$/;

/** Whether a path (relative to the repository root, with forward slashes) is a source file that needs the header. */
export function needsHeader(file) {
  if (ROOT_CONFIG.test(file)) return true;
  const [top] = file.split("/");
  return SOURCE_DIRECTORIES.includes(top) && file.includes("/") && SOURCE_EXTENSION.test(file);
}

/** Whether a file's text carries the identifier in its first three lines. */
export function hasHeader(text) {
  return text.split(/\r?\n/, HEADER_WITHIN_LINES).some((line) => line.includes(MARKER));
}

/** The text with the header as its first line, or as its second after a `#!` line. Unchanged if it has one. */
export function withHeader(text) {
  if (hasHeader(text)) return text;
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const newline = body.includes("\r\n") ? "\r\n" : "\n";
  if (body.startsWith("#!")) {
    const end = body.indexOf("\n");
    if (end === -1) return `${bom}${body}${newline}${HEADER}${newline}`;
    return `${bom}${body.slice(0, end + 1)}${HEADER}${newline}${body.slice(end + 1)}`;
  }
  return `${bom}${HEADER}${newline}${body}`;
}

/** The repository's tracked files (git ls-files), or, outside a git checkout, the files under the source directories. */
export function listFiles(root) {
  try {
    const out = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\0").filter(Boolean);
  } catch {
    const files = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    const walk = (dir) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (entry.name !== "node_modules") walk(rel);
        } else files.push(rel);
      }
    };
    for (const dir of SOURCE_DIRECTORIES) if (fs.existsSync(path.join(root, dir))) walk(dir);
    return files;
  }
}

/** Source files (relative paths, sorted) that exist and lack the header in their first three lines. */
export function filesWithoutHeader(root) {
  return listFiles(root)
    .filter(needsHeader)
    .filter((file) => fs.existsSync(path.join(root, file)))
    .filter((file) => !hasHeader(fs.readFileSync(path.join(root, file), "utf8")))
    .sort();
}

/** Adds the header to every source file without one; returns the files it changed. */
export function writeHeaders(root) {
  const missing = filesWithoutHeader(root);
  for (const file of missing) {
    const full = path.join(root, file);
    fs.writeFileSync(full, withHeader(fs.readFileSync(full, "utf8")));
  }
  return missing;
}

function main(argv) {
  const root = process.cwd();
  if (argv.includes("--write")) {
    const changed = writeHeaders(root);
    console.log(changed.length ? `Lade till SPDX-rad i ${changed.length} filer:\n${changed.join("\n")}` : "Alla källfiler har redan SPDX-raden.");
    return 0;
  }
  if (argv.includes("--check")) {
    const missing = filesWithoutHeader(root);
    if (!missing.length) {
      console.log(`Alla källfiler har "${MARKER}" bland de ${HEADER_WITHIN_LINES} första raderna.`);
      return 0;
    }
    console.error(`${missing.length} källfiler saknar "${MARKER}" bland de ${HEADER_WITHIN_LINES} första raderna (lägg till med --write):\n${missing.join("\n")}`);
    return 1;
  }
  console.error("Användning: node scripts/spdx-headers.mjs --check | --write");
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(main(process.argv.slice(2)));
}
