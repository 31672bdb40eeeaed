/**
 * Filter expressions of a search, keyed by what they constrain, so that a facet's own clause can be
 * left out for its disjunctive counts. Values are quoted and escaped (meili/filter.ts).
 *   people=[A], countries=[C], from=… →
 *     all:             (people = "A") AND (countries = "C") AND publishedAt >= …
 *     without people:  (countries = "C") AND publishedAt >= …
 */
import { allOf, anyOf, quote } from '../../../meili/filter.js';
import { ENTITY_FACETS, type EntityFacet, type SearchFacet } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';

export type FilterClauses = Record<EntityFacet | 'source' | 'authors' | 'section' | 'dates', string | undefined>;

export function filterClauses(params: Pick<SearchParams, EntityFacet | 'source' | 'from' | 'to'> & Partial<Pick<SearchParams, 'authors' | 'section'>>): FilterClauses {
  const dates = allOf([
    params.from !== undefined ? `publishedAt >= ${params.from}` : undefined,
    params.to !== undefined ? `publishedAt <= ${params.to}` : undefined,
  ]);
  return {
    ...(Object.fromEntries(ENTITY_FACETS.map((facet) => [facet, anyOf(facet, params[facet])])) as Record<EntityFacet, string | undefined>),
    source: anyOf('source', params.source),
    authors: anyOf('authors', params.authors ?? []),
    section: anyOf('section', params.section ?? []),
    dates,
  };
}

/** Every clause but `omit`'s (all of them without `omit`), joined with AND. */
export function filterWithout(clauses: FilterClauses, omit?: SearchFacet): string | undefined {
  return allOf(Object.entries(clauses).filter(([key]) => key !== omit).map(([, clause]) => clause));
}

/** `articleId IN ["a", "b"]`: the paragraphs of these articles. */
export function inArticles(articleIds: readonly string[]): string {
  return `articleId IN [${articleIds.map(quote).join(', ')}]`;
}

/** `facet = "value"`, added to a filter. */
export function withValue(filter: string | undefined, facet: SearchFacet, value: string): string {
  return allOf([filter, `${facet} = ${quote(value)}`])!;
}
