/**
 * What every query of one search shares: the words, how strictly they must all match, and the order.
 *   sort=newest → { q, matchingStrategy: 'all', sort: ['publishedAt:desc', …] }
 *   sort=relevance → { q, matchingStrategy: 'last' }
 * A date-ordered list must still contain every query word, or it fills with loose matches.
 */
import type { MultiSearchQuery, SearchResponse } from 'meilisearch';
import type { SearchParams } from '../params.js';

/** One query of a multi-search. */
export type Query = MultiSearchQuery & { indexUid: string; q: string };
/** Queries sent together in one multi-search, read back by name rather than by position. */
export type NamedQueries = Record<string, Query>;

/** One query's answer, with `totalHits` in page mode. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each named query's documents have their own shape
export type Answer = SearchResponse<any> & { totalHits?: number };
/** The answers to NamedQueries, by the same names. */
export type Answers = Record<string, Answer>;

const SORTS: Record<SearchParams['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: ['publishedAt:desc'],
  oldest: ['publishedAt:asc'],
};

export function commonQuery(params: Pick<SearchParams, 'q' | 'sort'>): Pick<Query, 'q' | 'matchingStrategy' | 'sort'> {
  const sort = SORTS[params.sort];
  return { q: params.q, matchingStrategy: sort ? 'all' : 'last', ...(sort && { sort }) };
}

/** The name of the query counting facet `facet` without its own filter. */
export const facetQueryName = (facet: string) => `facet:${facet}`;

/** NamedQueries → a multi-search's list, and its results → answers by the same names. */
export function toMultiSearch(queries: NamedQueries): { queries: Query[]; byName: (results: readonly unknown[]) => Answers } {
  const names = Object.keys(queries);
  return { queries: names.map((name) => queries[name]!), byName: (results) => Object.fromEntries(names.map((name, i) => [name, results[i] as Answer])) };
}
