// SPDX-License-Identifier: EUPL-1.2
// Full-text search over the materials, in Swedish. The index is built once per compiled
// content (a new index object after an edit in development, one for the life of a
// production process), so a search never re-reads the texts.
import MiniSearch from "minisearch";
import type { Material } from "~/content/content.server";
import { AUDIENCE_LABELS, KIND_LABELS, listLabels, TOPIC_LABELS } from "./labels";

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
 * A word keeps its å, ä and ö and is also indexed without them. A query word does the same
 * and every form must match, so "hår" finds only "hår" while "forebygga" finds "förebygga".
 */
export function swedishTerms(term: string): string | string[] | null {
  if (STOP_WORDS.has(term)) return null;
  const plain = withoutDiacritics(term);
  return plain === term ? term : [term, plain];
}

const FIELDS = ["title", "summary", "labels", "text"] as const;

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
    text: textOf(material.html),
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

function buildIndex(materials: Material[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    tokenize: tokenizeSwedish,
    processTerm: swedishTerms,
    searchOptions: {
      boost: { title: 3, summary: 2, labels: 1.5 },
      combineWith: "AND",
      // "nikotin" finds "nikotinprodukter"; one- and two-letter words would find almost everything.
      prefix: (term) => term.length >= 3,
      // A typo in a longer word still finds it; short words would match too many others.
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    },
  });
  index.addAll(materials.map(toDocument));
  return index;
}

const indexes = new WeakMap<Material[], MiniSearch<SearchDocument>>();

/**
 * Slugs of the materials that match every word of the query, best first, with their scores.
 * A query with no searchable word (empty, or only words like "och") matches nothing.
 */
export function searchMaterials(materials: Material[], query: string): Map<string, number> {
  let index = indexes.get(materials);
  if (!index) {
    index = buildIndex(materials);
    indexes.set(materials, index);
  }
  const results = index.search(query);
  return new Map(results.map((result) => [String(result.id), result.score]));
}
