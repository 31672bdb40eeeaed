/**
 * Facet counts from the facet distributions of a multi-search (see request-adapter/): each facet
 * from the query that leaves out its own filter, so counts are disjunctive.
 *   { articles: {facetDistribution: {places: {Paris: 3}}}, 'facet:people': {facetDistribution: {people: {A: 5}}} }
 *     → { people: {A → 5}, places: {Paris → 3}, organizations: {}, countries: {}, authors: {}, section: {} }
 */
import type { SearchResponse } from 'meilisearch';
import { SEARCH_FACETS, type SearchFacet } from '../../../meili/contract.js';
import { facetQueryName } from '../request-adapter/queries.js';
import { selectedCountName } from '../request-adapter/selected-counts.js';
import type { SearchParams } from '../params.js';
import type { FacetCounts, FacetValue } from './types.js';

/** Values listed per facet: the commonest, then any selected value not among them. */
export const FACET_VALUES_SHOWN = 20;

type Results = Record<string, Pick<SearchResponse, 'facetDistribution'> | undefined>;

export function facetCounts(params: Pick<SearchParams, SearchFacet>, results: Results, main: string): FacetCounts {
  const counts = {} as FacetCounts;
  for (const facet of SEARCH_FACETS) {
    const from = params[facet].length > 0 ? results[facetQueryName(facet)] : results[main];
    counts[facet] = new Map(Object.entries(from?.facetDistribution?.[facet] ?? {}));
  }
  return counts;
}

/**
 * Selected values the distributions do not hold. A facet returns its `valuesPerFacet` commonest
 * values (MAX_VALUES_PER_FACET of the index searched): when it returned fewer, an absent value has
 * no article (count 0, set here); otherwise its count needs a query of its own.
 */
export function missingSelected(params: Pick<SearchParams, SearchFacet>, counts: FacetCounts, valuesPerFacet: number): Array<{ facet: SearchFacet; value: string }> {
  const missing: Array<{ facet: SearchFacet; value: string }> = [];
  for (const facet of SEARCH_FACETS) {
    for (const value of params[facet]) {
      if (counts[facet].has(value)) continue;
      if (counts[facet].size >= valuesPerFacet) missing.push({ facet, value });
      else counts[facet].set(value, 0);
    }
  }
  return missing;
}

/** Adds the counts of `missingSelected`'s values, read from their own queries' `totalHits`. */
export function addSelectedCounts(counts: FacetCounts, missing: ReadonlyArray<{ facet: SearchFacet; value: string }>, results: Record<string, { totalHits?: number } | undefined>): void {
  for (const { facet, value } of missing) counts[facet].set(value, results[selectedCountName(facet, value)]?.totalHits ?? 0);
}

/** Top values by count (ties by name), with every selected value listed and flagged. */
export function facetList(counts: Map<string, number> | undefined, selected: readonly string[]): FacetValue[] {
  const entries = [...(counts ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const top = entries.slice(0, FACET_VALUES_SHOWN).map(([value, count]) => ({ value, count, selected: selected.includes(value) }));
  for (const value of selected) {
    if (!top.some((f) => f.value === value)) top.push({ value, count: counts?.get(value) ?? 0, selected: true });
  }
  return top;
}
