// SPDX-License-Identifier: EUPL-1.2
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileContent } from "~/content/compile.server";
import { materialSchema } from "~/content/schema";
import type { Material } from "~/content/types";
import { findMaterials, mayRead } from "~/modules/materials/catalog.server";
import type { MaterialQuery } from "~/modules/materials/labels";
import { searchMaterials, swedishTerms, textOf, tokenizeSwedish } from "~/modules/materials/search.server";

function material(slug: string, fields: Partial<Material> & { text?: string }): Material {
  const { text, ...rest } = fields;
  return {
    slug,
    title: slug,
    summary: "Ett material.",
    topics: ["alkohol"],
    audience: ["7-9"],
    kind: "lektion",
    minutes: 40,
    visibility: "public",
    attachments: [],
    review: { status: "utkast", reviewedBy: null, reviewedAt: null },
    sources: [],
    sourcesCheckedOn: null,
    html: `<p>${text ?? ""}</p>`,
    ...rest,
  };
}

const LIBRARY: Material[] = [
  material("snus-lektion", {
    title: "Lektion om vitt snus",
    summary: "Tobaksfria nikotinprodukter i åk 7–9.",
    topics: ["tobak"],
    audience: ["7-9"],
    text: "Eleverna diskuterar nikotinprodukter och åldersgränsen.",
  }),
  material("snus-gymnasiet", {
    title: "Snus och e-cigaretter",
    summary: "Fördjupning för gymnasiet.",
    topics: ["tobak"],
    audience: ["gymnasiet"],
    kind: "fördjupning",
  }),
  material("foraldramote-alkohol", {
    title: "Föräldramöte om alkohol",
    summary: "Att förebygga tidig alkoholdebut tillsammans med föräldrar.",
    topics: ["alkohol"],
    audience: ["föräldrar", "7-9"],
    kind: "föräldramöte",
    text: "Frågor om fester.",
  }),
  material("oro-for-elev", {
    title: "När du är orolig för en elev",
    summary: "Samtalsunderlag om anmälningsskyldigheten.",
    topics: ["alkohol", "narkotika", "tobak"],
    audience: ["personal"],
    kind: "samtalsunderlag",
    visibility: "staff",
    text: "Vad gör du när ett barn far illa?",
  }),
  material("spel-lektion", {
    title: "Spel om pengar",
    summary: "En lektion för åk 4–6.",
    topics: ["spel"],
    audience: ["4-6"],
    text: "Eleverna får prata om att spela.",
  }),
];

const CONTENT = { materials: LIBRARY, synonyms: [] };

const query = (q: Partial<MaterialQuery>): MaterialQuery => ({ q: "", topics: [], audiences: [], kinds: [], ...q });
const slugs = (q: Partial<MaterialQuery>, signedIn = true) => findMaterials(CONTENT, query(q), signedIn).materials.map((m) => m.slug);
// Hits first, then the materials that only mention the words in their text.
const found = (q: string) => {
  const { hits, mentions } = searchMaterials(CONTENT, q);
  return [...hits.keys(), ...mentions.keys()];
};

describe("material frontmatter", () => {
  const valid = {
    title: "Samtal om vitt snus",
    summary: "En lektion.",
    topics: ["tobak"],
    audience: ["7-9"],
    kind: "lektion",
    minutes: 40,
    visibility: "public",
    review: "utkast",
    sources: [{ title: "CAN:s nationella skolundersökning 2023", publisher: "CAN", year: 2023 }],
  };

  it("accepts a material in the content format", () => {
    expect(materialSchema.safeParse(valid).success).toBe(true);
  });

  it("rejects a topic, audience, kind or visibility outside the format", () => {
    for (const wrong of [{ topics: ["socker"] }, { audience: ["åk 7"] }, { kind: "film" }, { visibility: "hemlig" }, { topics: [] }]) {
      expect(materialSchema.safeParse({ ...valid, ...wrong }).success, JSON.stringify(wrong)).toBe(false);
    }
  });

  it("the materials shipped in content/ pass the check, and one of them is the public snus lesson for åk 7–9", () => {
    const { index, errors } = compileContent(path.resolve("content"));
    expect(errors.filter((e) => e.file.startsWith("materials/"))).toEqual([]);
    expect(index.materials.length).toBeGreaterThanOrEqual(3);
    const results = findMaterials(index, query({ q: "snus", topics: ["tobak"], audiences: ["7-9"], kinds: ["lektion"] }), false);
    expect(results.materials.map((m) => m.slug)).toContain("vitt-snus-ak-7-9");
    expect(index.materials.some((m) => m.visibility === "staff")).toBe(true);
    expect(index.materials.some((m) => m.attachments.length > 0)).toBe(true);
  });
});

describe("filters", () => {
  it("without filters, lists every material the visitor may read, by title", () => {
    expect(slugs({})).toEqual(["foraldramote-alkohol", "snus-lektion", "oro-for-elev", "snus-gymnasiet", "spel-lektion"]);
  });

  it("anonymous visitors do not see staff materials", () => {
    expect(slugs({}, false)).not.toContain("oro-for-elev");
    expect(mayRead({ visibility: "staff" }, false)).toBe(false);
    expect(mayRead({ visibility: "public" }, false)).toBe(true);
  });

  it("within a group any chosen value matches; across groups all must", () => {
    expect(slugs({ topics: ["tobak"] }).sort()).toEqual(["oro-for-elev", "snus-gymnasiet", "snus-lektion"]);
    expect(slugs({ topics: ["tobak", "spel"] }).sort()).toEqual(["oro-for-elev", "snus-gymnasiet", "snus-lektion", "spel-lektion"]);
    expect(slugs({ topics: ["tobak"], audiences: ["7-9"] })).toEqual(["snus-lektion"]);
    expect(slugs({ topics: ["tobak", "alkohol"], audiences: ["7-9"], kinds: ["föräldramöte"] })).toEqual(["foraldramote-alkohol"]);
  });

  it("filters and words combine", () => {
    expect(slugs({ q: "snus", audiences: ["gymnasiet"] })).toEqual(["snus-gymnasiet"]);
  });

  it("counts what each filter value would show, keeping the other groups' choices", () => {
    const { facets } = findMaterials(CONTENT, query({ topics: ["tobak"], audiences: ["7-9"] }), true);
    expect(facets.audiences).toEqual({ "7-9": 1, gymnasiet: 1, personal: 1 });
    expect(facets.topics).toEqual({ alkohol: 1, tobak: 1 });
    expect(facets.kinds).toEqual({ lektion: 1 });
  });

  it("when nothing matches, says how many each loosened choice would show", () => {
    const result = findMaterials(CONTENT, query({ q: "snus", topics: ["spel"], audiences: ["4-6"] }), false);
    expect(result.materials).toEqual([]);
    expect(result.loosen).toEqual([
      { remove: "q", count: 1 },
      { remove: "topics", count: 0 },
      { remove: "audiences", count: 0 },
    ]);
    expect(result.total).toBe(4);
  });
});

describe("search in Swedish", () => {
  it("finds a word inside a longer title: snus finds vitt snus", () => {
    expect(found("snus")).toEqual(expect.arrayContaining(["snus-lektion", "snus-gymnasiet"]));
    expect(found("SNUS")).toEqual(expect.arrayContaining(["snus-lektion", "snus-gymnasiet"]));
  });

  it("finds by the beginning of a word: nikotin finds nikotinprodukter", () => {
    expect(found("nikotin")).toContain("snus-lektion");
    expect(found("nikotinprod")).toEqual(["snus-lektion"]);
    expect(found("föräldr")).toContain("foraldramote-alkohol");
  });

  it("keeps å, ä and ö, and also finds them when typed without", () => {
    expect(found("förebygga")).toEqual(["foraldramote-alkohol"]);
    expect(found("forebygga")).toEqual(["foraldramote-alkohol"]);
    expect(found("åldersgränsen")).toEqual(["snus-lektion"]);
    expect(found("aldersgransen")).toEqual(["snus-lektion"]);
    expect(found("anmälningsskyldigheten")).toEqual(["oro-for-elev"]);
  });

  it("a word typed with å, ä or ö does not match the same letters without them", () => {
    // "får" is in the gambling lesson, "far" (illa) in the staff material.
    expect(found("får")).toEqual(["spel-lektion"]);
    expect(found("far").sort()).toEqual(["oro-for-elev", "spel-lektion"]);
  });

  it("every word must match, and common words like om are left out", () => {
    expect(found("lektion om snus")).toEqual(["snus-lektion"]);
    expect(found("snus alkohol")).toEqual([]);
  });

  it("finds by the labels of topic, audience and kind", () => {
    expect(found("föräldramöte")).toEqual(["foraldramote-alkohol"]);
    expect(found("gymnasiet")).toEqual(["snus-gymnasiet"]);
  });

  it("forgives a typo in a longer word", () => {
    expect(found("nikotinprudukter")).toEqual(["snus-lektion"]);
  });

  it("finds nothing for words that are not there", () => {
    expect(found("kokain")).toEqual([]);
    expect(slugs({ q: "kokain" })).toEqual([]);
    expect(found("och")).toEqual([]);
  });

  it("ranks a match in the title above one in the text", () => {
    expect(found("snus")[0]).toMatch(/^snus-/);
  });
});

describe("the Swedish text helpers", () => {
  it("tokenizes on anything but letters and digits, in lower case", () => {
    expect(tokenizeSwedish("Vitt SNUS i åk 7–9, ANDTS-coach")).toEqual(["vitt", "snus", "i", "åk", "7", "9", "andts", "coach"]);
  });

  it("indexes a word with and without its diacritics, and drops common words", () => {
    expect(swedishTerms("förebygga")).toEqual(["förebygga", "forebygga"]);
    expect(swedishTerms("snus")).toBe("snus");
    expect(swedishTerms("och")).toBeNull();
  });

  it("reads the words of compiled HTML", () => {
    expect(textOf("<h2>Fester</h2><p>&amp; <strong>hår</strong>&#x27;s &#228;</p>").replace(/\s+/g, " ").trim()).toBe("Fester & hår's ä");
  });
});
