// SPDX-License-Identifier: EUPL-1.2
// The materials library: who may see which material, and finding materials by topic,
// audience, kind and words. Filters combine as a teacher expects: any of the chosen
// values within a group, and every group at once.
import type { Material } from "~/content/content.server";
import { FILTER_GROUPS, type FilterGroup, type MaterialQuery } from "./labels";
import { searchMaterials, suggestQuery, type SearchableContent } from "./search.server";

/** Public materials are for anyone; staff materials for everyone with an account. */
export function mayRead(material: Pick<Material, "visibility">, signedIn: boolean): boolean {
  return material.visibility === "public" || signedIn;
}

export function visibleMaterials(materials: Material[], signedIn: boolean): Material[] {
  return materials.filter((material) => mayRead(material, signedIn));
}

export function findMaterial(materials: Material[], slug: string): Material | undefined {
  return materials.find((material) => material.slug === slug);
}

const valuesOf: Record<FilterGroup, (material: Material) => string[]> = {
  topics: (material) => material.topics,
  audiences: (material) => material.audience,
  kinds: (material) => [material.kind],
};

function matchesGroup(material: Material, group: FilterGroup, chosen: readonly string[]): boolean {
  return chosen.length === 0 || valuesOf[group](material).some((value) => chosen.includes(value));
}

function matchesFilters(material: Material, query: MaterialQuery, except?: FilterGroup): boolean {
  return FILTER_GROUPS.every((group) => group === except || matchesGroup(material, group, query[group]));
}

export interface MaterialCard {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  audience: string[];
  kind: string;
  minutes: number;
  visibility: Material["visibility"];
}

function toCard(material: Material): MaterialCard {
  const { slug, title, summary, topics, audience, kind, minutes, visibility } = material;
  return { slug, title, summary, topics, audience, kind, minutes, visibility };
}

/** What to loosen when nothing matched, and how many materials each step would show. */
export type Loosening = { remove: "q" | FilterGroup; count: number };

export interface MaterialSearchResult {
  /** The materials about the words (or every material without words), best first. */
  materials: MaterialCard[];
  /** With words: materials that only mention them in their text, shown apart ("Nämns också i"). */
  mentions: MaterialCard[];
  /** "Menade du …?": other words that would find something, only when the words found nothing. */
  suggestion: string | null;
  /** Per group and value: how many materials that value would show, the other groups and the words kept. */
  facets: Record<FilterGroup, Record<string, number>>;
  /** Only when nothing matched: each constraint in use, with the count without it. */
  loosen: Loosening[];
  /** How many materials this visitor may read at all. */
  total: number;
}

const collator = new Intl.Collator("sv-SE");

export function findMaterials(content: SearchableContent, query: MaterialQuery, signedIn: boolean): MaterialSearchResult {
  const visible = visibleMaterials(content.materials, signedIn);
  // Searched over everything and narrowed afterwards, so the index is shared by all visitors.
  const search = query.q ? searchMaterials(content, query.q) : null;
  const scores = search?.hits;
  const found = scores ? visible.filter((material) => scores.has(material.slug)) : visible;
  const byScore = (of: Map<string, number> | undefined) => (a: Material, b: Material) =>
    (of ? of.get(b.slug)! - of.get(a.slug)! : 0) || collator.compare(a.title, b.title);

  const matching = found.filter((material) => matchesFilters(material, query)).sort(byScore(scores));
  const mentions = search ? visible.filter((material) => search.mentions.has(material.slug) && matchesFilters(material, query)).sort(byScore(search.mentions)) : [];
  const shown = (slugs: ReadonlySet<string>) => visible.some((material) => slugs.has(material.slug) && matchesFilters(material, query));
  const suggestion = query.q && matching.length === 0 ? suggestQuery(content, query.q, shown) : null;

  const facets = { topics: {}, audiences: {}, kinds: {} } as MaterialSearchResult["facets"];
  for (const group of FILTER_GROUPS) {
    for (const material of found) {
      if (!matchesFilters(material, query, group)) continue;
      for (const value of new Set(valuesOf[group](material))) facets[group][value] = (facets[group][value] ?? 0) + 1;
    }
  }

  const loosen: Loosening[] = [];
  if (matching.length === 0) {
    if (query.q) loosen.push({ remove: "q", count: visible.filter((material) => matchesFilters(material, query)).length });
    for (const group of FILTER_GROUPS) {
      if (query[group].length === 0) continue;
      loosen.push({ remove: group, count: found.filter((material) => matchesFilters(material, query, group)).length });
    }
  }

  return { materials: matching.map(toCard), mentions: mentions.map(toCard), suggestion, facets, loosen, total: visible.length };
}
