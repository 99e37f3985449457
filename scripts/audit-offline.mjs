// SPDX-License-Identifier: EUPL-1.2
// The dependency check that needs no network: every package version in package-lock.json against the
// published advisories listed in security/known-bad-versions.json. `npm run audit:prod` asks the
// registry's advisory service, which is not always reachable (decision 012); this runs anywhere,
// and tests/unit/known-bad-versions.test.ts runs it in every `npm test`.
//   node scripts/audit-offline.mjs [--lockfile FILE] [--list FILE] [--json]
// Exit 1 when a high or critical advisory matches a production package (a lockfile entry without
// `dev: true` or `devOptional: true`), unless the list's `accepted` section records why it does not
// apply, until a date; moderate and low ones, accepted ones and anything in development-only packages
// are printed as warnings. SECURITY.md says how to keep the list up to date.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import semver from "semver";

export const SEVERITIES = ["low", "moderate", "high", "critical"];
const BLOCKING = new Set(["high", "critical"]);

/**
 * Every installed package in a lockfile (version 2 or 3): one entry per copy, nested ones included.
 * @param {{ lockfileVersion?: number, packages?: Record<string, { version?: string, dev?: boolean, devOptional?: boolean, link?: boolean, name?: string }> }} lockfile
 * @returns {Array<{ name: string, version: string, path: string, production: boolean }>}
 */
export function installedPackages(lockfile) {
  if (!lockfile || typeof lockfile.packages !== "object" || lockfile.packages === null) {
    throw new Error(`package-lock.json utan "packages" (lockfileVersion ${lockfile?.lockfileVersion ?? "?"}): kör npm install med npm 7 eller senare`);
  }
  const out = [];
  for (const [location, entry] of Object.entries(lockfile.packages)) {
    if (!location || entry.link || !entry.version) continue;
    const at = location.lastIndexOf("node_modules/");
    if (at === -1) continue; // a workspace folder, not an installed package
    const name = location.slice(at + "node_modules/".length);
    out.push({ name, version: entry.version, path: location, production: !entry.dev && !entry.devOptional });
  }
  return out;
}

/**
 * Advisories that match an installed version. A match is blocking when the package is in production,
 * the severity is high or critical, and no acceptance for that advisory and package runs to today or later.
 * @param {ReturnType<typeof installedPackages>} installed
 * @param {Array<{ package: string, range: string, id: string, cve?: string, severity: string, summary: string, url: string }>} advisories
 * @param {Array<{ id: string, package: string, reason: string, until: string }>} [accepted]
 * @param {string} [today] YYYY-MM-DD, by default the current UTC date
 */
export function findMatches(installed, advisories, accepted = [], today = new Date().toISOString().slice(0, 10)) {
  const byName = new Map();
  for (const advisory of advisories) {
    if (!byName.has(advisory.package)) byName.set(advisory.package, []);
    byName.get(advisory.package).push(advisory);
  }
  const matches = [];
  for (const pkg of installed) {
    for (const advisory of byName.get(pkg.name) ?? []) {
      if (!semver.valid(pkg.version)) continue;
      if (semver.satisfies(pkg.version, advisory.range, { includePrerelease: true })) {
        const acceptance = accepted.find((a) => a.id === advisory.id && a.package === pkg.name && a.until >= today);
        matches.push({ ...pkg, advisory, acceptance, blocking: pkg.production && BLOCKING.has(advisory.severity) && !acceptance });
      }
    }
  }
  return matches.sort((a, b) => SEVERITIES.indexOf(b.advisory.severity) - SEVERITIES.indexOf(a.advisory.severity) || a.path.localeCompare(b.path));
}

/** Problems in the list itself: a wrong severity, a range semver cannot read, a missing field. */
export function validateList(list) {
  const problems = [];
  if (!Array.isArray(list?.advisories)) return ["security/known-bad-versions.json saknar listan \"advisories\""];
  list.advisories.forEach((a, i) => {
    const where = `advisories[${i}] (${a?.id ?? "utan id"})`;
    for (const field of ["package", "range", "id", "severity", "summary", "url"]) {
      if (typeof a?.[field] !== "string" || !a[field].trim()) problems.push(`${where}: fältet "${field}" saknas`);
    }
    if (a?.id && !/^(GHSA(-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,})$/.test(a.id)) problems.push(`${where}: id är varken GHSA- eller CVE-id`);
    if (a?.cve && !/^CVE-\d{4}-\d{4,}$/.test(a.cve)) problems.push(`${where}: cve är inget CVE-id`);
    if (a?.severity && !SEVERITIES.includes(a.severity)) problems.push(`${where}: severity måste vara en av ${SEVERITIES.join(", ")}`);
    if (a?.range && semver.validRange(a.range) === null) problems.push(`${where}: range "${a.range}" är inget semver-intervall`);
    if (a?.url && !/^https:\/\//.test(a.url)) problems.push(`${where}: url ska börja med https://`);
  });
  if (list.accepted !== undefined && !Array.isArray(list.accepted)) problems.push('"accepted" ska vara en lista');
  (Array.isArray(list.accepted) ? list.accepted : []).forEach((a, i) => {
    const where = `accepted[${i}] (${a?.id ?? "utan id"})`;
    for (const field of ["id", "package", "reason", "until"]) {
      if (typeof a?.[field] !== "string" || !a[field].trim()) problems.push(`${where}: fältet "${field}" saknas`);
    }
    if (a?.until && !/^\d{4}-\d{2}-\d{2}$/.test(a.until)) problems.push(`${where}: until ska vara ett datum ÅÅÅÅ-MM-DD`);
    if (a?.id && !list.advisories.some((adv) => adv.id === a.id && adv.package === a.package)) {
      problems.push(`${where}: ingen sårbarhet i listan har id ${a.id} för paketet ${a.package}`);
    }
  });
  return problems;
}

/** Reads both files and returns the matches; throws on a list that does not validate. */
export function auditLockfile({ lockfilePath, listPath }) {
  const lockfile = JSON.parse(fs.readFileSync(lockfilePath, "utf8"));
  const list = JSON.parse(fs.readFileSync(listPath, "utf8"));
  const problems = validateList(list);
  if (problems.length) throw new Error(`Fel i ${listPath}:\n${problems.join("\n")}`);
  const installed = installedPackages(lockfile);
  return { installed, matches: findMatches(installed, list.advisories, list.accepted ?? []), advisories: list.advisories.length };
}

function describe(match) {
  const a = match.advisory;
  const ids = a.cve ? `${a.id} / ${a.cve}` : a.id;
  const scope = match.production ? "produktion" : "utveckling";
  const accepted = match.acceptance ? `\n    godtagen till ${match.acceptance.until}: ${match.acceptance.reason}` : "";
  return `  ${a.severity.toUpperCase()} ${match.name}@${match.version} (${match.path}, ${scope}) ${ids}: ${a.summary}\n    påverkade versioner ${a.range} · ${a.url}${accepted}`;
}

function main(argv) {
  const arg = (flag, fallback) => {
    const i = argv.indexOf(flag);
    return i === -1 ? fallback : argv[i + 1];
  };
  const lockfilePath = path.resolve(arg("--lockfile", "package-lock.json"));
  const listPath = path.resolve(arg("--list", "security/known-bad-versions.json"));
  const { installed, matches, advisories } = auditLockfile({ lockfilePath, listPath });
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ advisories, packages: installed.length, matches }, null, 2));
    return matches.some((m) => m.blocking) ? 1 : 0;
  }
  const blocking = matches.filter((m) => m.blocking);
  const warnings = matches.filter((m) => !m.blocking);
  console.log(`Kontrollerade ${installed.length} installerade paket mot ${advisories} kända sårbarheter (${path.relative(process.cwd(), listPath)}).`);
  if (warnings.length) console.warn(`Varningar (måttlig/låg allvarlighet, godtagna, eller bara i utvecklingsberoenden): ${warnings.length}\n${warnings.map(describe).join("\n")}`);
  if (blocking.length) {
    console.error(`Hög eller kritisk sårbarhet i produktionsberoenden: ${blocking.length}\n${blocking.map(describe).join("\n")}`);
    return 1;
  }
  console.log("Ingen hög eller kritisk sårbarhet i produktionsberoendena.");
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
