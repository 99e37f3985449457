// SPDX-License-Identifier: EUPL-1.2
// The offline dependency check (scripts/audit-offline.mjs): the versions in package-lock.json
// against the published advisories kept in security/known-bad-versions.json. It needs no network,
// so it runs in every `npm test`; SECURITY.md says how the list is kept up to date.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditLockfile, findMatches, installedPackages, validateList } from "../../scripts/audit-offline.mjs";

const LIST = path.resolve("security/known-bad-versions.json");

describe("the installed dependencies", () => {
  it("have no known high or critical vulnerability in a production package", () => {
    const { matches } = auditLockfile({ lockfilePath: path.resolve("package-lock.json"), listPath: LIST });
    const blocking = matches
      .filter((m) => m.blocking)
      .map((m) => `${m.name}@${m.version} (${m.path}): ${m.advisory.severity} ${m.advisory.id} ${m.advisory.summary} — affected ${m.advisory.range}`);
    expect(blocking, `upgrade these, or see SECURITY.md:\n${blocking.join("\n")}`).toEqual([]);
  });
});

describe("the list of known-bad versions", () => {
  it("has for every advisory a package, a range semver can read, a GHSA or CVE id, a severity, a summary and a source", () => {
    const list = JSON.parse(fs.readFileSync(LIST, "utf8"));
    expect(validateList(list)).toEqual([]);
    expect(list.advisories.length).toBeGreaterThan(0);
  });

  it("reports a malformed entry instead of skipping it", () => {
    const problems = validateList({
      advisories: [{ package: "x", range: "not a range", id: "SNYK-1", severity: "severe", summary: "", url: "http://example.org" }],
    });
    expect(problems.join("\n")).toMatch(/range/);
    expect(problems.join("\n")).toMatch(/id/);
    expect(problems.join("\n")).toMatch(/severity/);
    expect(problems.join("\n")).toMatch(/summary/);
    expect(problems.join("\n")).toMatch(/https/);
  });
});

describe("the matcher", () => {
  // A lockfile (version 3) as npm writes it: the root project, top-level and nested copies,
  // development-only packages and a workspace link.
  const lockfile = {
    name: "fixture",
    lockfileVersion: 3,
    packages: {
      "": { name: "fixture", version: "1.0.0" },
      "node_modules/mailer": { version: "2.4.0" },
      "node_modules/router": { version: "1.9.0" },
      "node_modules/router/node_modules/mailer": { version: "1.0.3" },
      "node_modules/@scope/kit": { version: "3.0.0" },
      "node_modules/@scope/kit/node_modules/@scope/inner": { version: "0.2.0" },
      "node_modules/bundler": { version: "0.5.0", dev: true },
      "node_modules/optional-dev": { version: "1.0.0", devOptional: true },
      "node_modules/local": { resolved: "packages/local", link: true },
    },
  };
  const advisories = [
    { package: "mailer", range: "<2.0.0", id: "GHSA-2222-3333-4444", severity: "high", summary: "old mailer", url: "https://example.org/1" },
    { package: "router", range: ">=1.0.0 <1.5.0 || >=2.0.0 <2.1.0", id: "GHSA-3333-4444-5555", severity: "critical", summary: "router", url: "https://example.org/2" },
    { package: "@scope/inner", range: "<=0.2.0", id: "CVE-2026-0001", severity: "moderate", summary: "inner", url: "https://example.org/3" },
    { package: "bundler", range: "<1.0.0", id: "GHSA-4444-5555-6666", severity: "critical", summary: "dev server", url: "https://example.org/4" },
    { package: "optional-dev", range: "*", id: "GHSA-5555-6666-7777", severity: "high", summary: "optional dev", url: "https://example.org/5" },
  ];

  it("reads every installed copy, nested and scoped ones included, and skips the root and links", () => {
    const installed = installedPackages(lockfile);
    expect(installed.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
      "@scope/inner@0.2.0",
      "@scope/kit@3.0.0",
      "bundler@0.5.0",
      "mailer@1.0.3",
      "mailer@2.4.0",
      "optional-dev@1.0.0",
      "router@1.9.0",
    ]);
    expect(installed.find((p) => p.name === "bundler")?.production).toBe(false);
    expect(installed.find((p) => p.name === "optional-dev")?.production).toBe(false);
    expect(installed.find((p) => p.path === "node_modules/router/node_modules/mailer")?.production).toBe(true);
  });

  it("matches a version inside a range and not one outside it", () => {
    const matches = findMatches(installedPackages(lockfile), advisories);
    const found = matches.map((m) => `${m.path} ${m.advisory.id}`);
    expect(found).toContain("node_modules/router/node_modules/mailer GHSA-2222-3333-4444");
    expect(found).not.toContain("node_modules/mailer GHSA-2222-3333-4444");
    expect(found.some((f) => f.startsWith("node_modules/router "))).toBe(false);
    expect(found).toContain("node_modules/@scope/kit/node_modules/@scope/inner CVE-2026-0001");
  });

  it("blocks only on high or critical findings in production packages; the rest are warnings", () => {
    const matches = findMatches(installedPackages(lockfile), advisories);
    const blocking = matches.filter((m) => m.blocking).map((m) => m.path);
    const warnings = matches.filter((m) => !m.blocking).map((m) => m.path);
    expect(blocking).toEqual(["node_modules/router/node_modules/mailer"]);
    expect(warnings.sort()).toEqual(["node_modules/@scope/kit/node_modules/@scope/inner", "node_modules/bundler", "node_modules/optional-dev"]);
  });

  it("lets an accepted finding warn instead of fail, until its date", () => {
    const installed = installedPackages(lockfile);
    const acceptance = { id: "GHSA-2222-3333-4444", package: "mailer", reason: "only a dev server", until: "2026-12-31" };
    const accepted = [acceptance];
    const before = findMatches(installed, advisories, accepted, "2026-12-31");
    expect(before.filter((m) => m.blocking)).toEqual([]);
    expect(before.find((m) => m.advisory.id === "GHSA-2222-3333-4444")?.acceptance?.reason).toBe("only a dev server");
    const after = findMatches(installed, advisories, accepted, "2027-01-01");
    expect(after.filter((m) => m.blocking).map((m) => m.path)).toEqual(["node_modules/router/node_modules/mailer"]);
    const otherPackage = findMatches(installed, advisories, [{ ...acceptance, package: "router" }], "2026-12-01");
    expect(otherPackage.filter((m) => m.blocking)).toHaveLength(1);
  });

  it("refuses an acceptance without a reason, a date, or an advisory it refers to", () => {
    const problems = validateList({
      advisories,
      accepted: [
        { id: "GHSA-2222-3333-4444", package: "mailer", reason: "", until: "next year" },
        { id: "GHSA-9999-9999-9999", package: "mailer", reason: "x", until: "2027-01-01" },
      ],
    }).join("\n");
    expect(problems).toMatch(/reason/);
    expect(problems).toMatch(/until/);
    expect(problems).toMatch(/GHSA-9999-9999-9999/);
  });

  it("refuses a lockfile without the packages map (lockfileVersion 1)", () => {
    expect(() => installedPackages({ lockfileVersion: 1 })).toThrow(/packages/);
  });

  it("runs the whole check from files, as the command line does", () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? "/tmp"), "audit-offline-"));
    try {
      const lockfilePath = path.join(dir, "package-lock.json");
      const listPath = path.join(dir, "list.json");
      fs.writeFileSync(lockfilePath, JSON.stringify(lockfile));
      fs.writeFileSync(listPath, JSON.stringify({ advisories }));
      const { matches, installed } = auditLockfile({ lockfilePath, listPath });
      expect(installed).toHaveLength(7);
      expect(matches.filter((m) => m.blocking)).toHaveLength(1);
      fs.writeFileSync(listPath, JSON.stringify({ advisories: [{ ...advisories[0], range: "one to three" }] }));
      expect(() => auditLockfile({ lockfilePath, listPath })).toThrow(/range/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
