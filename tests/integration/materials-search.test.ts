// SPDX-License-Identifier: EUPL-1.2
// Searching the materials library as a teacher does, at /material?q=…: words in a title,
// summary or label make a hit, words only in the text are listed apart, content/synonymer.txt
// joins words that mean the same, Swedish inflections find each other, and a near miss is
// answered with "Menade du …?". The materials are the test's own, in a content folder of its
// own, so the tests do not change when content/ does.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { findMaterials } from "~/modules/materials/catalog.server";
import { searchMaterials } from "~/modules/materials/search.server";
import MaterialsLibrary, { loader } from "~/routes/material._index";
import { call, get } from "../helpers/requests";

// What nearly every material says somewhere: the areas of ANDTS, spelled out.
const ANDTS = "ANDTS står för alkohol, narkotika, dopning, tobak och nikotin samt spel om pengar.";

const MATERIALS: Record<string, { title: string; summary: string; topics: string; audience: string; text: string }> = {
  "cannabis-ak-7-9": {
    title: "Cannabis i åk 7–9",
    summary: "En lektion om cannabis och om att säga nej.",
    topics: "[narkotika]",
    audience: '["7-9"]',
    text: `${ANDTS} Eleverna pratar om vad de har hört.`,
  },
  "spel-och-lootboxar": {
    title: "Spel och lootboxar i åk 4–6",
    summary: "En lektion om spel i mobilen.",
    topics: "[spel]",
    audience: '["4-6"]',
    text: `${ANDTS} Eleverna jämför spel med och utan insats.`,
  },
  "alkohol-och-fester": {
    title: "Alkohol och fester",
    summary: "Ett samtal om fester inför sommarlovet.",
    topics: "[alkohol]",
    audience: "[gymnasiet]",
    text: `${ANDTS} Det finns ingen säker mängd för unga.`,
  },
  "foraldramote-om-alkohol": {
    title: "Föräldramöte om alkohol",
    summary: "Att prata med sina barn om alkoholen i familjen.",
    topics: "[alkohol]",
    audience: "[föräldrar]",
    text: `${ANDTS} Det spelar roll vad föräldrar säger.`,
  },
  nikotinpasar: {
    title: "Nikotinpåsar i skolan",
    summary: "Vad de vita påsarna innehåller och varför de lockar.",
    topics: "[tobak]",
    audience: '["7-9"]',
    text: `${ANDTS} Påsarna finns i många smaker.`,
  },
  "vapen-pa-fritidsgarden": {
    title: "Vapen på fritidsgården",
    summary: "Vad personalen gör när någon visar ett vapen.",
    topics: "[narkotika]",
    audience: "[personal]",
    text: "Ring polisen.",
  },
  "papper-till-foraldrar": {
    title: "Papper att skicka hem",
    summary: "Ett brev till hemmet om skolans drogpolicy.",
    topics: "[narkotika]",
    audience: "[föräldrar]",
    text: "Skriv ut brevet.",
  },
};

const SYNONYMS = `# Test
cannabis, hasch, marijuana, gräs
snus, vitt snus, nikotinpåsar, nikotinpåse
e-cigarett, vejp, vape, e-cig
spel om pengar, gambling, casino, lootboxar, lootbox
`;

function writeLibrary(dir: string, synonyms: string | null) {
  fs.cpSync(path.resolve("tests/fixtures/content/valid"), dir, { recursive: true });
  fs.rmSync(path.join(dir, "materials", "samtal-om-snus.md"));
  for (const [slug, m] of Object.entries(MATERIALS)) {
    const frontmatter = [
      `title: ${m.title}`,
      `summary: ${m.summary}`,
      `topics: ${m.topics}`,
      `audience: ${m.audience}`,
      "kind: lektion",
      "minutes: 40",
      "visibility: public",
      "review: utkast",
      "sources:",
      "  - { title: CAN:s nationella skolundersökning 2023, publisher: CAN, year: 2023 }",
    ];
    fs.writeFileSync(path.join(dir, "materials", `${slug}.md`), `---\n${frontmatter.join("\n")}\n---\n${m.text}\n`);
  }
  if (synonyms !== null) fs.writeFileSync(path.join(dir, "synonymer.txt"), synonyms);
}

beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "materialsok-"));
  writeLibrary(dir, SYNONYMS);
  process.env.CONTENT_DIR = dir;
});

async function search(q: string) {
  const { status, data } = await call(loader, get(`/material?q=${encodeURIComponent(q)}`));
  expect(status).toBe(200);
  return {
    hits: (data.materials as Array<{ slug: string }>).map((m) => m.slug),
    mentions: (data.mentions as Array<{ slug: string }>).map((m) => m.slug),
    suggestion: data.suggestion as string | null,
    data,
  };
}

describe("synonyms from content/synonymer.txt", () => {
  it("hasch, marijuana and gräs find the cannabis lesson, which says only cannabis", async () => {
    for (const q of ["hasch", "marijuana", "gräs", "Cannabis"]) expect((await search(q)).hits, q).toEqual(["cannabis-ak-7-9"]);
  });

  it("snus finds the lesson on nikotinpåsar, and so does the two-word vitt snus, but vitt alone does not", async () => {
    expect((await search("snus")).hits).toEqual(["nikotinpasar"]);
    expect((await search("vitt snus")).hits).toEqual(["nikotinpasar"]);
    expect((await search("nikotinpåse")).hits).toEqual(["nikotinpasar"]);
    expect((await search("vitt")).hits).toEqual([]);
  });

  it("gambling and casino find the lootbox lesson through spel om pengar's group", async () => {
    expect((await search("gambling")).hits).toEqual(["spel-och-lootboxar"]);
    expect((await search("casino")).hits).toEqual(["spel-och-lootboxar"]);
  });
});

describe("what a material is about", () => {
  it("spel finds the gambling lesson; the materials that only spell out ANDTS are not found at all", async () => {
    const { hits, mentions } = await search("spel");
    expect(hits).toEqual(["spel-och-lootboxar"]);
    expect(mentions).not.toContain("alkohol-och-fester");
    expect(mentions).not.toContain("cannabis-ak-7-9");
  });

  it("a material that uses the word in its text about something else is listed apart, under Nämns också i", async () => {
    const { hits, mentions } = await search("spel");
    expect(hits).not.toContain("foraldramote-om-alkohol");
    expect(mentions).toEqual(["foraldramote-om-alkohol"]);
  });

  it("the page says how many more mention the words, and shows them under a heading of their own", async () => {
    const html = await renderLibrary("spel");
    expect(statusOf(html)).toBe("Visar 1 material av totalt 7. Ytterligare 1 material nämner det du sökte på.");
    expect(html).toMatch(/<h3 id="mentions-heading"[^>]*>Nämns också i<\/h3>[\s\S]*Föräldramöte om alkohol/);
  });
});

describe("Swedish inflections", () => {
  it("spelande and spelar find spel, and alkoholens finds alkohol", async () => {
    expect((await search("spelande")).hits).toEqual(["spel-och-lootboxar"]);
    expect((await search("spelar")).hits).toEqual(["spel-och-lootboxar"]);
    expect((await search("alkoholens")).hits.sort()).toEqual(["alkohol-och-fester", "foraldramote-om-alkohol"]);
  });

  it("a stem does not join unrelated words: hemligt does not find hem, pappa not papper, vape not vapen", async () => {
    const all = async (q: string) => {
      const { hits, mentions } = await search(q);
      return [...hits, ...mentions];
    };
    expect(await all("hemligt")).not.toContain("papper-till-foraldrar");
    expect(await all("pappa")).not.toContain("papper-till-foraldrar");
    expect(await all("vape")).not.toContain("vapen-pa-fritidsgarden");
    // The words themselves are still found.
    expect((await search("vapen")).hits).toEqual(["vapen-pa-fritidsgarden"]);
    expect((await search("papper")).hits).toEqual(["papper-till-foraldrar"]);
  });

  it("still finds a word typed without å, ä and ö, also inflected", async () => {
    expect((await search("nikotinpasar")).hits).toEqual(["nikotinpasar"]);
    expect((await search("fritidsgarden")).hits).toEqual(["vapen-pa-fritidsgarden"]);
  });
});

describe("Menade du …?", () => {
  it("offers the near word when a query finds nothing", async () => {
    expect(await search("kanabis")).toMatchObject({ hits: [], suggestion: "cannabis" });
    // A synonym is a word of the vocabulary too: hash is one letter from hasch.
    expect(await search("hash")).toMatchObject({ hits: [], suggestion: "hasch" });
    // Two letters swapped is one step; "lektoin" is too far for the search's own typo tolerance.
    expect(await search("alkohol lektoin")).toMatchObject({ hits: [], suggestion: "alkohol lektion" });
  });

  it("the suggestion is a link in the announced status, keeping the filters", async () => {
    const html = await renderLibrary("kanabis", "&malgrupp=7-9");
    expect(statusOf(html)).toBe("Visar 0 material av totalt 7. Menade du cannabis?");
    expect(html).toMatch(/<p role="status"[^>]*>[^]*?Menade du <a [^>]*href="\/material\?q=cannabis&amp;malgrupp=7-9"[^>]*>cannabis<\/a>\?<\/p>/);
  });

  it("offers nothing when the query has hits, even where a near word would find more", async () => {
    // "alkoholen" is two letters from "alkohol", but the teacher meant what they typed.
    expect(await search("alkohol")).toMatchObject({ hits: ["foraldramote-om-alkohol", "alkohol-och-fester"], suggestion: null });
    expect((await search("spel")).suggestion).toBeNull();
  });

  it("offers nothing that would find nothing either, with the filters chosen", async () => {
    expect((await search("zyxzyx")).suggestion).toBeNull();
    const { data } = await call(loader, get("/material?q=kanabis&malgrupp=4-6"));
    expect(data.suggestion).toBeNull();
  });
});

describe("content/synonymer.txt in the content check", () => {
  function compileWith(synonyms: string | null) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synonymer-"));
    writeLibrary(dir, synonyms);
    return compileContent(dir);
  }

  it("compiles the groups into the content index, which the production build writes", () => {
    const { index, errors } = compileWith(SYNONYMS);
    expect(errors).toEqual([]);
    expect(index.synonyms).toEqual([
      ["cannabis", "hasch", "marijuana", "gräs"],
      ["snus", "vitt snus", "nikotinpåsar", "nikotinpåse"],
      ["e-cigarett", "vejp", "vape", "e-cig"],
      ["spel om pengar", "gambling", "casino", "lootboxar", "lootbox"],
    ]);
    expect(JSON.parse(JSON.stringify(index)).synonyms).toEqual(index.synonyms);
    expect(compileWith(null).index.synonyms).toEqual([]);
  });

  it("names the line of each malformed group", () => {
    const { errors } = compileWith(
      ["# Kommentar", "cannabis, hasch", "lustgas", "snus,, nikotinpåsar", "öl; vin, pilsner", "hasch, marijuana", "spel om pengar, gambling # ett kasino saknas"].join("\n"),
    );
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual([
      'synonymer.txt:3: "lustgas" står ensamt: en grupp är minst två ord eller uttryck, åtskilda med kommatecken',
      "synonymer.txt:4: ett tomt ord mellan två kommatecken (eller först eller sist på raden)",
      'synonymer.txt:5: "öl; vin" får bara innehålla bokstäver, siffror, bindestreck och mellanslag',
      'synonymer.txt:6: "hasch" finns redan på rad 2: ett ord kan bara höra till en grupp, så slå ihop raderna',
    ]);
  });
});

describe("the content in content/", () => {
  let index: ReturnType<typeof compileContent>["index"];
  beforeAll(() => {
    index = compileContent(path.resolve("content")).index;
  });

  it("spel finds no material that is neither tagged nor titled or summarised as about spel", () => {
    const { materials } = findMaterials(index, { q: "spel", topics: [], audiences: [], kinds: [] }, true);
    expect(materials.length).toBeGreaterThan(0);
    for (const material of materials) expect(material.topics.includes("spel") || /spel/i.test(`${material.title} ${material.summary}`), material.slug).toBe(true);
    expect(materials.map((m) => m.slug)).not.toContain("foraldramote-alkohol");
  });

  it("F-3, F–3 and förskoleklass find the materials for förskoleklass–åk 3", () => {
    const forF3 = index.materials.filter((m) => m.audience.includes("F-3")).map((m) => m.slug);
    expect(forF3.length).toBeGreaterThan(0);
    // "F-3" is two words to the search, "f" and "3": without the synonym it found nothing.
    for (const q of ["F-3", "F–3", "f-3", "förskoleklass"]) expect([...searchMaterials(index, q).hits.keys()], q).toEqual(expect.arrayContaining(forF3));
  });

  it("hasch finds every material with cannabis in its title, and a search takes a few milliseconds", () => {
    const cannabis = index.materials.filter((m) => /cannabis/i.test(m.title)).map((m) => m.slug);
    const { hits } = searchMaterials(index, "hasch");
    expect([...hits.keys()]).toEqual(expect.arrayContaining(cannabis));
    const start = performance.now();
    for (const q of ["spel", "hasch", "nikotinpåsar", "föräldramöte om alkohol", "kanabis"]) findMaterials(index, { q, topics: [], audiences: [], kinds: [] }, true);
    // Generous for a shared test machine; measured at about 1 ms a search.
    expect((performance.now() - start) / 5).toBeLessThan(50);
  });
});

async function renderLibrary(q: string, more = ""): Promise<string> {
  const url = `http://localhost:3000/material?q=${encodeURIComponent(q)}${more}`;
  const { data } = await call(loader, get(`/material?q=${encodeURIComponent(q)}${more}`));
  const handler = createStaticHandler([{ id: "material", path: "/material", loader: () => data, Component: MaterialsLibrary }]);
  const context = await handler.query(new Request(url));
  if (context instanceof Response) throw new Error("the page redirected");
  return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context, hydrate: false }));
}

function statusOf(html: string): string {
  const status = /<p role="status"[^>]*>([^]*?)<\/p>/.exec(html)?.[1] ?? "";
  return status.replace(/<[^>]*>/g, "").replace(/<!-- -->/g, "").replace(/&#x27;/g, "'");
}
