// SPDX-License-Identifier: EUPL-1.2
// Every rule of docs/content-format.md, each with a broken fixture: the valid tree in
// tests/fixtures/content/valid with one variant from tests/fixtures/content/broken laid
// over it. Each must give exactly the listed errors (file:line: field: message). The
// curriculum's rules work the same way on the trees in tests/fixtures/content/curriculum.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { formatContentError } from "~/content/content.server";

const FIXTURES = path.resolve("tests/fixtures/content");
const CURRICULUM_FIXTURES = path.join(FIXTURES, "curriculum");
const temporary: string[] = [];

function variantTree(variant: string, fixtures = FIXTURES): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "innehall-"));
  temporary.push(dir);
  fs.cpSync(path.join(fixtures, "valid"), dir, { recursive: true });
  fs.cpSync(path.join(fixtures, "broken", variant), dir, { recursive: true });
  return dir;
}

const format = (errors: ReturnType<typeof compileContent>["errors"]) =>
  errors.map((e) => `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ""}${e.message}`);

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const BROKEN: Array<[variant: string, expected: string | string[]]> = [
  ["alternativ-dubbel-id", "modules/forsta-modulen/quiz.yml:8: questions[0].options[2].id: svarsalternativet b finns redan i frågan"],
  ["bild-alt", "modules/forsta-modulen/01-borja-har.md:7: bild: bilden saknar alternativtext: beskriv bilden mellan [ och ]"],
  ["bild-saknas", "modules/forsta-modulen/01-borja-har.md:7: bild: bildfilen modules/forsta-modulen/bilder/finns-inte.svg finns inte"],
  ["bild-utanfor-mappen", "modules/forsta-modulen/01-borja-har.md:7: bild: bilden ska ligga i modulens mapp bilder/ och anges som bilder/fil.svg (../andra-modulen/bilder/karta.svg)"],
  ["falt-saknas", "modules/andra-modulen/index.md:2: title: fältet saknas"],
  ["for-fa-alternativ", "modules/forsta-modulen/quiz.yml:5: questions[0].options: en fråga ska ha 2–6 svarsalternativ"],
  ["forklaring-saknas", "modules/forsta-modulen/quiz.yml:11: questions[1].explanation: fältet saknas"],
  ["forklaring-tom", ["modules/forsta-modulen/quiz.yml:18: questions[1].explanation: får inte vara tomt", "modules/forsta-modulen/quiz.yml:23: questions[2].explanation: får inte vara tomt"]],
  ["fraga-okand-lektion", "modules/forsta-modulen/quiz.yml:11: questions[0].lesson: modulen har ingen lektion som heter finns-inte"],
  ["fragor-per-forsok", "modules/forsta-modulen/index.md:16: questionsPerAttempt: ett försök kan inte ställa 7 frågor när quiz.yml har 6: sänk talet eller lägg till frågor"],
  ["fraga-dubbel-id", "modules/forsta-modulen/quiz.yml:11: questions[1].id: frågan en-ratt finns redan i testet"],
  ["frontmatter-saknas", "modules/andra-modulen/01-enda-lektionen.md:1: filen ska börja med en frontmatter: en rad med ---, fälten i YAML och en rad med ---"],
  ["granskad-ogiltigt-datum", "modules/andra-modulen/index.md:9: reviewedAt: ska vara ett datum i formen ÅÅÅÅ-MM-DD"],
  ["granskad-utan-granskare", ["modules/andra-modulen/index.md:7: review: granskad kräver också reviewedBy (vem som granskade)", "modules/andra-modulen/index.md:7: review: granskad kräver också reviewedAt (datum i formen ÅÅÅÅ-MM-DD)"]],
  ["html", "modules/andra-modulen/01-enda-lektionen.md:5: html: HTML är inte tillåtet i texten: skriv med Markdown"],
  ["index-saknas", "modules/ny-modul/index.md:1: filen saknas: varje modul behöver en index.md"],
  ["inga-lektioner", "modules/ny-modul/index.md:1: modulen har inga lektioner (filer som 01-namn.md)"],
  ["kalla-http", "modules/andra-modulen/index.md:12: sources[0].url: ska vara en fullständig webbadress som börjar med https://"],
  ["kalla-saknas", "modules/andra-modulen/index.md:8: sources: ska ha minst en rad (källor)"],
  ["lank-ankare", "modules/andra-modulen/01-enda-lektionen.md:5: länk: länkar till en plats på samma sida (#del) stöds inte"],
  ["lank-http", "modules/andra-modulen/01-enda-lektionen.md:5: länk: webblänkar måste börja med https:// (http://www.can.se/)"],
  ["lank-saknas", "modules/andra-modulen/01-enda-lektionen.md:5: länk: länken pekar på modules/andra-modulen/02-finns-inte.md, som inte finns"],
  ["lasetid", "modules/andra-modulen/01-enda-lektionen.md:3: minutes: texten har 450 ord, cirka 3 minuters läsning (180 ord per minut), men minutes är 1"],
  ["lektion-filnamn", "modules/andra-modulen/1-fel-namn.md:1: okänd fil: en lektion heter NN-namn.md (till exempel 01-vad-ar-andts.md)"],
  ["lektion-kunskapstest", "modules/andra-modulen/02-kunskapstest.md:1: lektionen kan inte heta kunskapstest: namnet används av kunskapstestet"],
  ["lektion-namn-dubbel", "modules/andra-modulen/02-enda-lektionen.md:1: lektionsnamnet enda-lektionen används redan av 01-enda-lektionen.md"],
  ["lektion-nummer-dubbel", "modules/andra-modulen/01-enda-lektionen.md:1: numret 01 används redan av 01-en-annan.md"],
  ["lektion-versaler", "modules/andra-modulen/02-Versaler.md:1: lektionens filnamn \"Versaler\" får bara innehålla små bokstäver a–z, siffror och bindestreck"],
  ["mal-inte-mening", "modules/andra-modulen/index.md:5: objectives[0]: ett mål ska vara en hel mening som slutar med punkt"],
  ["material-amne", "materials/samtal-om-snus.md:4: topics[0]: ska vara ett av: alkohol, narkotika, dopning, tobak, spel"],
  [
    "material-bilaga-saknas",
    "materials/samtal-om-snus.md:10: attachments[0].section: texten saknar ::bilaga{finns-inte}: skriv bilagans text efter materialets, under en egen rad ::bilaga{finns-inte}",
  ],
  ["material-bild", "materials/samtal-om-snus.md:20: bild: bilder kan bara visas i modulernas texter (lägg dem i modulens mapp bilder/)"],
  ["modulnamn", "modules/Stor-Modul/index.md:1: modulens mappnamn \"Stor-Modul\" får bara innehålla små bokstäver a–z, siffror och bindestreck"],
  ["multiple-inget-ratt", "modules/forsta-modulen/quiz.yml:14: questions[1].options: en fråga av typen multiple måste ha minst ett rätt svar"],
  ["okand-fil-i-modul", "modules/andra-modulen/anteckningar.txt:1: okänd fil: en lektion heter NN-namn.md (till exempel 01-vad-ar-andts.md)"],
  ["okand-fil-i-roten", "anteckningar.txt:1: okänd fil eller mapp: innehållet ligger i tracks/, modules/, materials/, guider/, ordlista.txt och synonymer.txt"],
  ["okand-fragetyp", "modules/forsta-modulen/quiz.yml:12: questions[1].type: ska vara ett av: single, multiple, truefalse"],
  ["okant-falt", "tracks/skolpersonal.md:7: pasPercent: okänt fält (stavfel?)"],
  ["quiz-saknas", "modules/ny-modul/quiz.yml:1: filen saknas: varje modul behöver ett kunskapstest (quiz.yml)"],
  ["rubrik-hopp", "modules/andra-modulen/01-enda-lektionen.md:9: rubrik: rubriknivån hoppar från ## till ####: ta en nivå i taget"],
  ["rubrik-niva-1", "modules/andra-modulen/01-enda-lektionen.md:5: rubrik: rubriker börjar på ## (nivå 2): sidans titel kommer från title"],
  ["single-tva-ratt", "modules/forsta-modulen/quiz.yml:5: questions[0].options: en fråga av typen single måste ha exakt ett rätt svar"],
  ["spar-dubbel-modul", "tracks/skolpersonal.md:6: modules[1]: modulen andra-modulen står redan i listan"],
  ["spar-godkantgrans", "tracks/skolpersonal.md:7: passPercent: ska vara ett heltal mellan 1 och 100"],
  ["spar-malgrupp", "tracks/skolpersonal.md:6: audience: ska vara ett av: coach, school_staff"],
  ["spar-okand-modul", "tracks/skolpersonal.md:6: modules[1]: modulen finns-inte finns inte (ingen mapp modules/finns-inte/)"],
  ["spar-repetition-saknas", "tracks/skolpersonal.md:7: refresher: modulen booster finns inte (ingen mapp modules/booster/)"],
  ["spar-traff-dubbel", "tracks/skolpersonal.md:8: sessions[1].key: träffen dag-1 står redan i listan"],
  ["spar-traff-modulnamn", "tracks/skolpersonal.md:7: sessions[0].key: andra-modulen är redan namnet på en modul i spåret: ge träffen ett eget namn"],
  ["spar-booster-utan-traff", "tracks/skolpersonal.md:6: boosterExtendsValidity: spåret har ingen träff av typen booster (kind: booster) som kan förlänga intyget"],
  ["svg-skript", "modules/andra-modulen/bilder/farlig.svg:1: SVG-bilden innehåller skript eller händelseattribut, som inte är tillåtna"],
  ["truefalse-med-alternativ", "modules/forsta-modulen/quiz.yml:23: questions[2].options: en fråga av typen truefalse har inga options, bara answer"],
  ["truefalse-utan-svar", "modules/forsta-modulen/quiz.yml:19: questions[2].answer: en fråga av typen truefalse måste ha answer: true eller answer: false"],
  ["uppskattad-tid", "modules/forsta-modulen/index.md:7: estimatedMinutes: ska vara minst lektionernas sammanlagda tid (3 minuter)"],
  ["yaml-syntaxfel", "tracks/skolpersonal.md:3: YAML-fel: Flow sequence in block collection must be sufficiently indented and end with a ]"],
];

const CURRICULUM_BROKEN: Array<[variant: string, expected: string | string[]]> = [
  ["for-fa-fragor", "modules/forsta-modulen/quiz.yml:1: questions: ett kunskapstest i ett spår ska ha 8–12 frågor, men det här har 7"],
  ["for-fa-fragor-per-forsok", "modules/forsta-modulen/index.md:10: questionsPerAttempt: ett kunskapstest i ett spår ska ställa 8–12 frågor per försök, men det här ställer 7"],
  ["for-fa-mal", "modules/forsta-modulen/index.md:4: objectives: en modul i ett spår ska ha 3–5 lärandemål, men den här har 2"],
  ["for-liten-pool", "modules/forsta-modulen/quiz.yml:1: questions: ett kunskapstest i ett spår ska ha minst 12 frågor att dra från (1,5 gånger de 8 som ett försök ställer, se questionsPerAttempt i index.md), men det här har 11"],
  ["for-manga-faktafragor", "modules/forsta-modulen/quiz.yml:1: questions: högst en fjärdedel av frågorna får vara rena faktafrågor (recall: true), alltså 3 av 12, men det här har 4"],
  ["for-manga-fragor", "modules/forsta-modulen/quiz.yml:1: questions: ett kunskapstest i ett spår ska ha 8–12 frågor, men det här har 13"],
  ["fraga-utan-kalla", "modules/forsta-modulen/quiz.yml:8: questions[1].source: fältet saknas: varje fråga i ett kunskapstest ska ange källan till förklaringen"],
  ["kallor-kontrollerade-saknas", "modules/forsta-modulen/02-mitten.md:1: sourcesCheckedOn: fältet saknas: skriv när texten senast kontrollerades mot källorna (ÅÅÅÅ-MM-DD)"],
  ["for-manga-lektioner", "modules/forsta-modulen/index.md:1: lektioner: en modul i ett spår ska ha 3–6 lektioner, men den här har 7"],
  ["for-manga-mal", "modules/forsta-modulen/index.md:4: objectives: en modul i ett spår ska ha 3–5 lärandemål, men den här har 6"],
  ["repetition-for-fa-fragor", "modules/repetition/quiz.yml:1: questions: kunskapstestet i en repetitionsmodul (refresher i spåret grund) ska ha minst 6 frågor, men det här har 5"],
  ["repetition-for-fa-mal", "modules/repetition/index.md:4: objectives: en repetitionsmodul (refresher i spåret grund) ska ha 2–5 lärandemål, men den här har 1"],
  ["repetition-for-manga-lektioner", "modules/repetition/index.md:1: lektioner: en repetitionsmodul (refresher i spåret grund) ska ha 2–3 lektioner, men den här har 4"],
  [
    "skolspar-liten-modul",
    [
      "modules/fri-modul/index.md:1: lektioner: en modul i ett spår ska ha 3–6 lektioner, men den här har 1",
      "modules/fri-modul/index.md:4: objectives: en modul i ett spår ska ha 3–5 lärandemål, men den här har 1",
      "modules/fri-modul/quiz.yml:1: questions: ett kunskapstest i ett spår ska ha 8–12 frågor, men det här har 1",
    ],
  ],
];

describe("content:check", () => {
  it("finds nothing wrong in the valid fixture", () => {
    expect(compileContent(path.join(FIXTURES, "valid")).errors).toEqual([]);
  });

  it("has a test for every broken fixture", () => {
    expect(fs.readdirSync(path.join(FIXTURES, "broken")).sort()).toEqual(BROKEN.map(([variant]) => variant).sort());
  });

  it.each(BROKEN)("reports %s with file, line, field and message", (variant, expected) => {
    expect(format(compileContent(variantTree(variant)).errors)).toEqual([expected].flat());
  });

  it("places a quiz error on the line and field the author must fix", () => {
    const [error] = compileContent(variantTree("single-tva-ratt")).errors;
    expect(error).toEqual({
      file: "modules/forsta-modulen/quiz.yml",
      line: 5,
      field: "questions[0].options",
      message: "en fråga av typen single måste ha exakt ett rätt svar",
    });
    expect(formatContentError("content", error!)).toBe(
      "content/modules/forsta-modulen/quiz.yml:5: questions[0].options: en fråga av typen single måste ha exakt ett rätt svar",
    );
  });

  it("lists every error of a folder at once, not only the first", () => {
    const dir = variantTree("spar-godkantgrans");
    fs.cpSync(path.join(FIXTURES, "broken", "lank-http"), dir, { recursive: true });
    fs.cpSync(path.join(FIXTURES, "broken", "single-tva-ratt"), dir, { recursive: true });
    expect(compileContent(dir).errors.map((e) => e.field)).toEqual(["länk", "questions[0].options", "passPercent"]);
  });

  it("exits non-zero and prints each error from the command line, and zero for valid content", async () => {
    const run = promisify(execFile);
    // The command line holds the content to the curriculum too, so it runs on the curriculum's fixtures.
    const dir = variantTree("for-fa-fragor", CURRICULUM_FIXTURES);
    const failed = await run("npx", ["tsx", "scripts/content-check.ts", dir]).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failed && failed.code).toBe(1);
    expect(failed.stderr).toContain(`${dir}/modules/forsta-modulen/quiz.yml:1: questions: ett kunskapstest i ett spår ska ha 8–12 frågor, men det här har 7`);
    expect(failed.stderr).toContain("1 fel i");

    const ok = await run("npx", ["tsx", "scripts/content-check.ts", path.join(CURRICULUM_FIXTURES, "valid")]);
    expect(ok.stdout).toContain("är i ordning (spår: 2, moduler: 3, lektioner: 6, material: 0)");
  });
});

describe("the curriculum's rules (content:check)", () => {
  const check = (dir: string) => compileContent(dir, { curriculum: true }).errors;

  it("find nothing wrong in modules that keep them, and leave a module outside every track alone", () => {
    expect(check(path.join(CURRICULUM_FIXTURES, "valid"))).toEqual([]);
  });

  it("hold a pool to what an attempt asks, not to its size", () => {
    const dir = variantTree("for-manga-fragor", CURRICULUM_FIXTURES);
    const index = path.join(dir, "modules/forsta-modulen/index.md");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace(/^sources:$/m, "questionsPerAttempt: 8\nsources:"));
    expect(check(dir)).toEqual([]);
  });

  it("have a test for every broken curriculum fixture", () => {
    expect(fs.readdirSync(path.join(CURRICULUM_FIXTURES, "broken")).sort()).toEqual(CURRICULUM_BROKEN.map(([variant]) => variant).sort());
  });

  it.each(CURRICULUM_BROKEN)("report %s with file, line, field and message", (variant, expected) => {
    expect(format(check(variantTree(variant, CURRICULUM_FIXTURES)))).toEqual([expected].flat());
  });
});
