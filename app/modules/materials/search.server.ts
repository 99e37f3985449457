// SPDX-License-Identifier: EUPL-1.2
// Full-text search over the materials, in Swedish. The index is built once per compiled
// content (a new index object after an edit in development, one for the life of a
// production process), so a search never re-reads the texts.
import { stemmer } from "@orama/stemmers/swedish";
import MiniSearch, { type Query, type SearchOptions } from "minisearch";
import type { ContentIndex, Material } from "~/content/content.server";
import { AUDIENCE_LABELS, KIND_LABELS, listLabels, TOPIC_LABELS } from "./labels";

/** What the search reads: the materials and the synonyms of one compiled content. */
export type SearchableContent = Pick<ContentIndex, "materials" | "synonyms">;

// Words too common to tell materials apart. Without them "lektion om snus" asks for
// "lektion" and "snus" only, since every query word must match.
const STOP_WORDS = new Set([
  "och", "i", "att", "det", "som", "en", "ett", "på", "är", "av", "för", "med", "till", "den", "de", "om", "men", "så",
  "vi", "du", "man", "eller", "hur", "vad", "när", "kan", "ska", "har", "inte", "från", "vid", "sig", "sin", "sina",
]);

/** Splits on anything that is not a letter or a digit, so "7–9", "ANDTS-coach" and "åk" all tokenize. */
export function tokenizeSwedish(text: string): string[] {
  return text.normalize("NFC").toLocaleLowerCase("sv-SE").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** "förebygga" → "forebygga": what someone types on a keyboard without å, ä and ö. */
export function withoutDiacritics(term: string): string {
  return term.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/**
 * A typed word is looked for as written and without å, ä and ö (as the index holds every word),
 * and every form must match, so "hår" finds only "hår" while "forebygga" finds "förebygga".
 */
export function swedishTerms(term: string): string | string[] | null {
  if (STOP_WORDS.has(term)) return null;
  const plain = withoutDiacritics(term);
  return plain === term ? term : [term, plain];
}

// Stems this short join unrelated words ("vape" and "vapen" → "vap", "hemligt" and "hem" →
// "hem", "kurs" and "kur"), and the typed word's own prefix search already finds the
// inflections they would have found.
const MIN_STEM_LENGTH = 4;
// Longer stems that join words with nothing in common ("pappa" and "papper" → "papp",
// "fakta" and "faktor" → "fakt"), found by stemming every word of content/: these stand for themselves.
const UNSTEMMED = new Set(["pappa", "pappor", "papper", "fakta", "faktor"]);

/** The stem a word shares with its inflections ("nikotinpåsar", "nikotinpåse" → "nikotinpås"), or null where there is none worth having. */
export function swedishStem(word: string): string | null {
  if (STOP_WORDS.has(word) || UNSTEMMED.has(word)) return null;
  const stem = stemmer(word);
  return stem !== word && stem.length >= MIN_STEM_LENGTH ? stem : null;
}

function withPlain(term: string): string[] {
  const plain = withoutDiacritics(term);
  return plain === term ? [term] : [term, plain];
}

/** A document's word is indexed as itself and as its stem, each also without diacritics, in one vocabulary. */
function indexTerms(term: string): string[] | null {
  if (STOP_WORDS.has(term)) return null;
  const stem = swedishStem(term);
  return [...new Set([...withPlain(term), ...(stem ? withPlain(stem) : [])])];
}

/** The form a word is known by when synonyms are looked up: "Nikotinpåsarna" and "nikotinpase" are one word. */
function canonical(word: string): string {
  return withoutDiacritics(swedishStem(word) ?? word);
}

// Where a word stands says what a material is about. The title and the topic, audience and
// kind labels its author chose say it most plainly, the summary next; the body text names many
// things in passing. A material is a hit only when every word of the query (or a synonym) is in
// its title, summary or labels; one that has a word only in its text is listed apart, under
// "Nämns också i", so the hits are the materials about the words and the rest are not hidden.
// The body still adds to the score, at a lower weight, in ordering the hits among themselves.
const ABOUT_FIELDS = ["title", "summary", "labels"];
const BOOST = { title: 3, labels: 2, summary: 1.5, text: 0.5 };

// Almost every text spells out ANDTS ("alkohol, narkotika, dopning, tobak och nikotin samt spel
// om pengar"), which says nothing about what the material is about: with it, "spel" found 9 of
// 10 materials. A list of three or more of the areas is left out of the body's words. A title,
// summary or label naming them still counts, as the author wrote it about this material.
const AREA = String.raw`(?:alkohol|narkotika|dopning|tobak(?:\s+och\s+nikotin)?|nikotin|spel\s+om\s+pengar)`;
const ANDTS_LIST = new RegExp(String.raw`(?<![\p{L}\p{N}])${AREA}(?:(?:\s*,\s*|\s+(?:och|samt|eller)\s+)${AREA}){2,}(?![\p{L}\p{N}])`, "giu");

/** The text without its lists of the ANDTS areas. */
export function withoutAndtsLists(text: string): string {
  return text.replace(ANDTS_LIST, " ");
}

interface SearchDocument {
  id: string;
  title: string;
  summary: string;
  labels: string;
  text: string;
}

function toDocument(material: Material): SearchDocument {
  return {
    id: material.slug,
    title: material.title,
    summary: material.summary,
    labels: [listLabels(TOPIC_LABELS, material.topics), listLabels(AUDIENCE_LABELS, material.audience), listLabels(KIND_LABELS, [material.kind])].join(" "),
    text: withoutAndtsLists(textOf(material.html)),
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

const BLOCK_TAG = /<\/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|th|td|div|blockquote|pre|br|hr)\b[^>]*>/gi;

/** The words of sanitized HTML: blocks are apart, inline tags vanish (<strong>hår</strong>s), entities become characters. */
export function textOf(html: string): string {
  return html
    .replace(BLOCK_TAG, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

interface MaterialIndex {
  index: MiniSearch<SearchDocument>;
  /** Each synonym group's members, as their searchable words. */
  groups: string[][][];
  /** A member's words in canonical form, joined by spaces → its group. */
  phrases: Map<string, number>;
  longestPhrase: number;
  /** The words of titles, summaries, labels and synonyms, keyed by their form without diacritics: what "Menade du" may offer. */
  vocabulary: Map<string, string>;
}

const searchable = (text: string) => tokenizeSwedish(text).filter((word) => !STOP_WORDS.has(word));

function buildIndex(content: SearchableContent): MaterialIndex {
  const index = new MiniSearch<SearchDocument>({
    fields: ["title", "summary", "labels", "text"],
    tokenize: tokenizeSwedish,
    processTerm: indexTerms,
    searchOptions: { boost: BOOST, combineWith: "AND" },
  });
  const documents = content.materials.map(toDocument);
  index.addAll(documents);

  const groups = content.synonyms.map((group) => group.map(searchable).filter((words) => words.length > 0));
  const phrases = new Map<string, number>();
  groups.forEach((group, i) => {
    for (const words of group) {
      const key = words.map(canonical).join(" ");
      if (!phrases.has(key)) phrases.set(key, i);
    }
  });
  const longestPhrase = Math.max(0, ...groups.flat().map((words) => words.length));

  const vocabulary = new Map<string, string>();
  const texts = [...documents.map((document) => `${document.title} ${document.summary} ${document.labels}`), ...content.synonyms.flat()];
  for (const word of texts.flatMap(searchable)) {
    if (word.length >= 3 && !/\d/.test(word) && !vocabulary.has(withoutDiacritics(word))) vocabulary.set(withoutDiacritics(word), word);
  }
  return { index, groups, phrases, longestPhrase, vocabulary };
}

const indexes = new WeakMap<SearchableContent, MaterialIndex>();

function indexFor(content: SearchableContent): MaterialIndex {
  let search = indexes.get(content);
  if (!search) {
    search = buildIndex(content);
    indexes.set(content, search);
  }
  return search;
}

// Words whose beginning is an unrelated word: "vape" must not find "vapen", nor "gräs" (cannabis) "gräsmatta".
const NO_PREFIX = new Set(["vape", "gräs", "gras"]);

const TYPED: SearchOptions = {
  // "nikotin" finds "nikotinprodukter"; one- and two-letter words would find almost everything.
  prefix: (term) => term.length >= 3 && !NO_PREFIX.has(term),
  // A typo in a longer word still finds it; short words would match too many others.
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
};
// A stem is matched whole: it is already a word's shortest form, and its prefixes reach
// unrelated words ("lustg" from "lustgas"). A synonym too: "gräs" must not find "gräsmatta".
const EXACT: SearchOptions = { prefix: false, fuzzy: false };
// A material with the word the teacher typed comes before one that has only a synonym of it.
const SYNONYM_WEIGHT = 0.8;

type QueryNode = Exclude<Query, string | symbol>;

/** A word as typed (with its diacritics-free form, both required), or its stem. */
function wordQuery(word: string, typed: boolean): QueryNode {
  const forms: QueryNode = { combineWith: "AND", processTerm: swedishTerms, ...(typed ? TYPED : EXACT), queries: [word] };
  const stem = swedishStem(word);
  if (!stem) return forms;
  return { combineWith: "OR", queries: [forms, { combineWith: "AND", processTerm: withPlain, ...EXACT, queries: [stem] }] };
}

function phraseQuery(words: string[], typed: boolean): QueryNode {
  return words.length === 1 ? wordQuery(words[0]!, typed) : { combineWith: "AND", queries: words.map((word) => wordQuery(word, typed)) };
}

/** Every word must match; a word or phrase in a synonym group matches any of the group's members. */
function buildQuery(search: MaterialIndex, query: string): QueryNode | null {
  const words = searchable(query);
  if (words.length === 0) return null;
  const units: QueryNode[] = [];
  for (let i = 0; i < words.length; ) {
    let length = Math.min(search.longestPhrase, words.length - i);
    let group: number | undefined;
    for (; length > 0; length--) {
      group = search.phrases.get(words.slice(i, i + length).map(canonical).join(" "));
      if (group !== undefined) break;
    }
    if (group === undefined) {
      units.push(wordQuery(words[i]!, true));
      i += 1;
      continue;
    }
    const typed = words.slice(i, i + length);
    const key = typed.map(canonical).join(" ");
    const others = search.groups[group]!.filter((member) => member.map(canonical).join(" ") !== key);
    units.push({
      combineWith: "OR",
      queries: [phraseQuery(typed, true), ...others.map((member) => ({ ...phraseQuery(member, false), boostTerm: () => SYNONYM_WEIGHT }))],
    });
    i += length;
  }
  return { combineWith: "AND", queries: units };
}

function aboutSlugs(search: MaterialIndex, query: string): Set<string> {
  const tree = buildQuery(search, query);
  return new Set(tree ? search.index.search(tree, { fields: ABOUT_FIELDS }).map((result) => String(result.id)) : []);
}

export interface MaterialMatches {
  /** Materials about the words: each word, or a synonym of it, is in the title, summary or labels. Best first, with scores. */
  hits: Map<string, number>;
  /** Materials that have some word only in their text, best first. */
  mentions: Map<string, number>;
}

/**
 * The materials that match every word of the query, split into hits and mentions.
 * A query with no searchable word (empty, or only words like "och") matches nothing.
 */
export function searchMaterials(content: SearchableContent, query: string): MaterialMatches {
  const search = indexFor(content);
  const hits = new Map<string, number>();
  const mentions = new Map<string, number>();
  const tree = buildQuery(search, query);
  if (!tree) return { hits, mentions };
  const about = aboutSlugs(search, query);
  for (const result of search.index.search(tree)) (about.has(String(result.id)) ? hits : mentions).set(String(result.id), result.score);
  return { hits, mentions };
}

/** Optimal string alignment distance: a swapped pair of letters ("snsu") is one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

const collator = new Intl.Collator("sv-SE");
const CANDIDATES_PER_WORD = 3;

/** Words of the vocabulary one edit away (two for words of five letters or more), nearest and most found first. */
function nearWords(search: MaterialIndex, word: string): string[] {
  const plain = withoutDiacritics(word);
  const limit = plain.length <= 4 ? 1 : 2;
  return [...search.vocabulary]
    .filter(([form]) => Math.abs(form.length - plain.length) <= limit)
    .map(([form, surface]) => ({ surface, distance: editDistance(plain, form) }))
    .filter(({ distance }) => distance > 0 && distance <= limit)
    .map((candidate) => ({ ...candidate, found: aboutSlugs(search, candidate.surface).size }))
    .filter(({ found }) => found > 0)
    .sort((a, b) => a.distance - b.distance || b.found - a.found || collator.compare(a.surface, b.surface))
    .slice(0, CANDIDATES_PER_WORD)
    .map(({ surface }) => surface);
}

function* combinations(options: string[][], prefix: string[] = []): Generator<string[]> {
  if (prefix.length === options.length) {
    yield prefix;
    return;
  }
  for (const option of options[prefix.length]!) yield* combinations(options, [...prefix, option]);
}

/**
 * "Menade du …?": the query with each word that is in no title, summary, label or synonym
 * replaced by a near word that is, when the result is `useful` (has hits this visitor can
 * see with the chosen filters). Asked only when a query has no hits: a query with hits is taken
 * as meant, and the fuzzy search already forgives one typo in a longer word.
 */
export function suggestQuery(content: SearchableContent, query: string, useful: (hits: ReadonlySet<string>) => boolean): string | null {
  const search = indexFor(content);
  const unknown = [...new Set(searchable(query))].filter((word) => word.length >= 3 && aboutSlugs(search, word).size === 0);
  // More than three unknown words is a sentence, not a typo.
  if (unknown.length === 0 || unknown.length > 3) return null;
  const options = unknown.map((word) => nearWords(search, word));
  for (const choice of combinations(options)) {
    const suggestion = unknown.reduce(
      (text, word, i) => text.replace(new RegExp(String.raw`(?<![\p{L}\p{N}])${word}(?![\p{L}\p{N}])`, "iu"), choice[i]!),
      query.normalize("NFC").trim(),
    );
    if (useful(aboutSlugs(search, suggestion))) return suggestion;
  }
  return null;
}
