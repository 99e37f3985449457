// SPDX-License-Identifier: EUPL-1.2
// Guides for citizens (content/guider/<slug>.md, issue #17) are checked like the rest of the
// content: a missing or malformed field is an error with file, line and field, their texts go
// to the spelling check, content:check fails on them from the command line, and the compiled
// index carries them with their sources and the day those were checked.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";

const VALID = path.resolve("tests/fixtures/content/valid");
const temporary: string[] = [];

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The valid fixture with only these files in guider/. */
function withGuides(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vagledningar-"));
  temporary.push(dir);
  fs.cpSync(VALID, dir, { recursive: true });
  fs.rmSync(path.join(dir, "guider"), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "guider"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, "guider", name), text);
  return dir;
}

const GOOD = `---
title: Så skyddar du dig
summary: Kort om hur du skyddar dig.
review: utkast
sourcesCheckedOn: 2026-12-06
sources:
  - title: Skydda dig mot telefonbedrägerier
    publisher: Polismyndigheten
    url: https://polisen.se/
---
## Lägg på luren

Avsluta samtalet om du blir osäker.
`;

const format = (dir: string) => compileContent(dir).errors.map((e) => `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ""}${e.message}`);

describe("a guide in content/guider/", () => {
  it("compiles with its sources, the day they were checked and its text as HTML", () => {
    const { index, errors, prose } = compileContent(withGuides({ "skydda-dig.md": GOOD }));
    expect(errors).toEqual([]);
    expect(index.guides).toEqual([
      {
        slug: "skydda-dig",
        title: "Så skyddar du dig",
        summary: "Kort om hur du skyddar dig.",
        review: { status: "utkast", reviewedBy: null, reviewedAt: null },
        sources: [{ title: "Skydda dig mot telefonbedrägerier", publisher: "Polismyndigheten", year: null, url: "https://polisen.se/" }],
        sourcesCheckedOn: "2026-12-06",
        html: "<h2>Lägg på luren</h2>\n<p>Avsluta samtalet om du blir osäker.</p>",
      },
    ]);
    // Title, summary and text are spell-checked like every other text a reader reads.
    expect(prose.filter((p) => p.file === "guider/skydda-dig.md").map((p) => p.text)).toEqual(
      expect.arrayContaining(["Så skyddar du dig", "Kort om hur du skyddar dig.", "Avsluta samtalet om du blir osäker."]),
    );
  });

  it("names each missing field with file and line", () => {
    const dir = withGuides({ "utan-falt.md": "---\ntitle: Utan fält\nreview: utkast\n---\nText.\n" });
    expect(format(dir)).toEqual([
      "guider/utan-falt.md:2: summary: fältet saknas",
      "guider/utan-falt.md:2: sources: fältet saknas",
      "guider/utan-falt.md:2: sourcesCheckedOn: fältet saknas",
    ]);
  });

  it("refuses a date that is not a day, an unknown field, a source without https and a bad file name", () => {
    const broken = GOOD.replace("sourcesCheckedOn: 2026-12-06", "sourcesCheckedOn: 2026-02-30\nkategori: trygghet").replace("https://polisen.se/", "http://polisen.se/");
    expect(format(withGuides({ "trasig.md": broken }))).toEqual([
      "guider/trasig.md:5: sourcesCheckedOn: ska vara ett datum i formen ÅÅÅÅ-MM-DD",
      "guider/trasig.md:6: kategori: okänt fält (stavfel?)",
      "guider/trasig.md:10: sources[0].url: ska vara en fullständig webbadress som börjar med https://",
    ]);
    expect(format(withGuides({ "Stora_Bokstaver.md": GOOD, "anteckning.txt": "x" }))).toEqual([
      'guider/Stora_Bokstaver.md:1: vägledningens filnamn "Stora_Bokstaver" får bara innehålla små bokstäver a–z, siffror och bindestreck',
      "guider/anteckning.txt:1: okänd fil: en vägledning är en .md-fil i guider/",
    ]);
  });

  it("makes content:check fail from the command line on a guide with missing fields", async () => {
    const dir = withGuides({ "utan-falt.md": "---\ntitle: Utan fält\nreview: utkast\n---\nText.\n" });
    const run = promisify(execFile);
    const failed = await run("npx", ["tsx", "scripts/content-check.ts", dir], { env: { ...process.env, CONTENT_SPELLCHECK: "off" } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect("code" in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain(`${dir}/guider/utan-falt.md:2: sourcesCheckedOn: fältet saknas`);
  }, 60_000);
});

describe("the guides citizens read", () => {
  it("are the fraud and the grannsamverkan guides, each with sources checked on a day", () => {
    const { index, errors } = compileContent(path.resolve("content"));
    expect(errors).toEqual([]);
    expect(index.guides.map((g) => g.slug)).toEqual(["bedragerier", "grannsamverkan"]);
    for (const guide of index.guides) {
      expect(guide.sources.length, guide.slug).toBeGreaterThan(0);
      expect(guide.sources.every((s) => s.url?.startsWith("https://")), guide.slug).toBe(true);
      expect(guide.sourcesCheckedOn, guide.slug).toBe("2026-12-06");
    }
  });
});
