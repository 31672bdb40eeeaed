/**
 * Request adapter: validated search parameters → the Meilisearch queries that answer them, sent
 * together in one multi-search. Pure.
 *
 * Facets are disjunctive: the counts of a facet are computed with every filter except that facet's
 * own, so a user can widen a selection with OR.
 *   people=[A], countries=[C] →
 *     main:           filter (people = A) AND (countries = C)
 *     people counts:  filter (countries = C)                   facets [people]
 *     country counts: filter (people = A)                      facets [countries]
 *     other facets:   filter (people = A) AND (countries = C)  facets [organizations, places]
 *
 * In article mode the facet queries also fetch a sample of matching paragraphs (article id and
 * entity fields only) so the response adapter can count articles, not paragraphs: Meilisearch's
 * `distinct` does not apply to facet counts (meilisearch/meilisearch#4001).
 */
import type { SearchParams as MeiliSearchParams } from 'meilisearch';
import { allOf, anyOf, quote } from '../../meili/filter.js';
import { ENTITY_FACETS, type EntityFacet } from '../../meili/settings.js';
import type { SearchParams } from './params.js';

/** Matching paragraphs read per facet query to count articles exactly; above it, counts are estimated. */
export const ARTICLE_COUNT_SAMPLE = 1_000;

export interface FacetQueryPlan {
  facets: EntityFacet[];
  query: MeiliSearchParams & { q: string };
}

export interface SearchPlan {
  main: MeiliSearchParams & { q: string };
  facetQueries: FacetQueryPlan[];
}

/** Filter clauses keyed by what they constrain, so one can be left out for disjunctive counts. */
export function filterClauses(params: SearchParams): Record<EntityFacet | 'source' | 'dates', string | undefined> {
  const dates = allOf([
    params.from !== undefined ? `publishedAt >= ${params.from}` : undefined,
    params.to !== undefined ? `publishedAt <= ${params.to}` : undefined,
  ]);
  return {
    people: anyOf('people', params.people),
    organizations: anyOf('organizations', params.organizations),
    places: anyOf('places', params.places),
    countries: anyOf('countries', params.countries),
    source: anyOf('source', params.source),
    dates,
  };
}

function filterWithout(clauses: ReturnType<typeof filterClauses>, omit?: EntityFacet): string | undefined {
  return allOf(Object.entries(clauses).filter(([key]) => key !== omit).map(([, clause]) => clause));
}

const SORTS: Record<SearchParams['sort'], string[] | undefined> = {
  relevance: undefined,
  newest: ['publishedAt:desc', 'position:asc'],
  oldest: ['publishedAt:asc', 'position:asc'],
};

export function planSearch(params: SearchParams): SearchPlan {
  const clauses = filterClauses(params);
  const filter = filterWithout(clauses);
  const byArticle = params.group === 'article';
  const sort = SORTS[params.sort];
  const main: SearchPlan['main'] = {
    q: params.q,
    filter,
    page: params.page,
    hitsPerPage: params.perPage,
    showMatchesPosition: true,
    // A date-ordered list must still contain every query word, or it fills with loose matches.
    matchingStrategy: sort ? 'all' : 'last',
    ...(sort && { sort }),
    ...(byArticle && { distinct: 'articleId' }),
  };
  const selected = ENTITY_FACETS.filter((f) => params[f].length > 0);
  const unselected = ENTITY_FACETS.filter((f) => params[f].length === 0);
  const facetQuery = (facets: EntityFacet[], facetFilter: string | undefined): FacetQueryPlan => ({
    facets,
    query: {
      q: params.q,
      filter: facetFilter,
      facets,
      matchingStrategy: main.matchingStrategy,
      ...(byArticle
        ? { limit: ARTICLE_COUNT_SAMPLE, attributesToRetrieve: ['articleId', ...facets] }
        : { limit: 0 }),
    },
  });
  const facetQueries: FacetQueryPlan[] = [];
  if (unselected.length > 0) facetQueries.push(facetQuery(unselected, filter));
  for (const facet of selected) facetQueries.push(facetQuery([facet], filterWithout(clauses, facet)));
  return { main, facetQueries };
}

/**
 * The follow-up query of article mode: the matching paragraphs of the articles on the page, for
 * `matchCount` (a facet count on `articleId`) and `otherMatches`.
 */
export function planOtherMatches(params: SearchParams, articleIds: string[]): MeiliSearchParams & { q: string } {
  const clauses = filterClauses(params);
  return {
    q: params.q,
    filter: allOf([filterWithout(clauses), `articleId IN [${articleIds.map(quote).join(', ')}]`]),
    facets: ['articleId'],
    limit: Math.min(articleIds.length * 6, 300),
    showMatchesPosition: true,
    matchingStrategy: SORTS[params.sort] ? 'all' : 'last',
    attributesToRetrieve: ['id', 'articleId', 'position', 'text', 'mentions'],
  };
}
