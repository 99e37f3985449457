// SPDX-License-Identifier: EUPL-1.2
// publiccode.yml is what public code catalogues read to list the project. These are the rules of
// the standard's version 0.4 (https://yml.publiccode.tools/schema.core.html) that a catalogue's
// parser rejects a file for, and the licence it names must be the one the repository carries.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const file = parse(fs.readFileSync("publiccode.yml", "utf8"));
const chars = (text: string) => [...text].length;

const DEVELOPMENT_STATUSES = ["concept", "development", "beta", "stable", "obsolete"];
const SOFTWARE_TYPES = [
  "standalone/mobile",
  "standalone/iot",
  "standalone/desktop",
  "standalone/web",
  "standalone/backend",
  "standalone/other",
  "addon",
  "library",
  "configurationFiles",
];
const MAINTENANCE_TYPES = ["internal", "contract", "community", "none"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

describe("publiccode.yml", () => {
  it("declares standard version 0.4, a name and the URL of the source repository", () => {
    expect(file.publiccodeYmlVersion).toBe("0.4");
    expect(typeof file.name).toBe("string");
    expect(file.name.trim()).not.toBe("");
    expect(() => new URL(file.url)).not.toThrow();
  });

  it("names the platforms, categories, development status and software type from the standard's lists", () => {
    expect(Array.isArray(file.platforms) && file.platforms.length > 0).toBe(true);
    expect(file.platforms).toContain("web");
    expect(Array.isArray(file.categories) && file.categories.length > 0).toBe(true);
    for (const category of file.categories) expect(category).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(DEVELOPMENT_STATUSES).toContain(file.developmentStatus);
    expect(SOFTWARE_TYPES).toContain(file.softwareType);
    if (file.releaseDate !== undefined) expect(file.releaseDate).toMatch(DATE);
  });

  it("describes the software in Swedish and English within the standard's length limits", () => {
    expect(Object.keys(file.description)).toEqual(expect.arrayContaining(["sv", "en"]));
    for (const [language, text] of Object.entries<Record<string, unknown>>(file.description)) {
      expect(language).toMatch(LANGUAGE_TAG);
      const short = text.shortDescription as string;
      const long = text.longDescription as string;
      const features = text.features as string[];
      expect(typeof short, `${language}.shortDescription`).toBe("string");
      expect(chars(short), `${language}.shortDescription is at most 150 characters`).toBeLessThanOrEqual(150);
      expect(short, `${language}.shortDescription is one line`).not.toMatch(/\n/);
      expect(typeof long, `${language}.longDescription`).toBe("string");
      expect(chars(long), `${language}.longDescription is at least 150 characters`).toBeGreaterThanOrEqual(150);
      expect(chars(long), `${language}.longDescription is at most 10 000 characters`).toBeLessThanOrEqual(10_000);
      expect(Array.isArray(features) && features.length > 0, `${language}.features`).toBe(true);
      for (const feature of features) expect(typeof feature).toBe("string");
    }
  });

  it("states the licence the repository carries: EUPL-1.2, in LICENSE and (when set) in package.json", () => {
    expect(file.legal.license).toBe("EUPL-1.2");
    const license = fs.readFileSync("LICENSE", "utf8");
    expect(license.split("\n")[0]).toBe("EUROPEAN UNION PUBLIC LICENCE v. 1.2");
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
    if (pkg.license !== undefined) expect(pkg.license).toBe(file.legal.license);
  });

  it("says how it is maintained, with a contact where the standard requires one", () => {
    expect(MAINTENANCE_TYPES).toContain(file.maintenance.type);
    if (file.maintenance.type === "internal" || file.maintenance.type === "community") {
      expect(file.maintenance.contacts.length).toBeGreaterThan(0);
      for (const contact of file.maintenance.contacts) expect(contact.name.trim()).not.toBe("");
    }
    if (file.maintenance.type === "contract") {
      for (const contractor of file.maintenance.contractors) expect(contractor.until).toMatch(DATE);
    }
  });

  it("lists the languages the interface is available in", () => {
    expect(typeof file.localisation.localisationReady).toBe("boolean");
    expect(file.localisation.availableLanguages).toContain("sv");
    for (const language of file.localisation.availableLanguages) expect(language).toMatch(LANGUAGE_TAG);
  });

  it("names each system dependency, with versions as strings", () => {
    for (const dependency of file.dependsOn?.open ?? []) {
      expect(typeof dependency.name).toBe("string");
      for (const key of ["versionMin", "versionMax", "version"]) {
        if (dependency[key] !== undefined) expect(typeof dependency[key]).toBe("string");
      }
    }
  });
});
