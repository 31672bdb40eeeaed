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

/**
 * Matching paragraphs read per facet query in article mode. Result sets up to this size get exact
 * article counts; larger ones get counts estimated from their best-ranked paragraphs (flagged as
 * such), since exact distinct counting over tens of thousands of paragraphs costs more than the
 * whole search.
 */
export const ARTICLE_COUNT_SAMPLE = 100;

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

export function planSearch(params: SearchParams, sampleSize = ARTICLE_COUNT_SAMPLE): SearchPlan {
  const clauses = filterClauses(params);
  const filter = filterWithout(clauses);
  const byArticle = params.group === 'article';
  const sort = SORTS[params.sort];
  const main: SearchPlan['main'] = {
    q: params.q,
    filter,
    // Exhaustive page counts with `distinct` cost ten times the search; article mode pages by offset.
    ...(byArticle
      ? { limit: params.perPage, offset: (params.page - 1) * params.perPage }
      : { page: params.page, hitsPerPage: params.perPage }),
    showMatchesPosition: true,
    // A date-ordered list must still contain every query word, or it fills with loose matches.
    matchingStrategy: sort ? 'all' : 'last',
    ...(sort && { sort }),
    ...(byArticle && { distinct: 'articleId' }),
  };
  const selected = ENTITY_FACETS.filter((f) => params[f].length > 0);
  const unselected = ENTITY_FACETS.filter((f) => params[f].length === 0);
  const facetQuery = (facets: EntityFacet[], facetFilter: string | undefined, withText: boolean): FacetQueryPlan => ({
    facets,
    query: {
      q: params.q,
      filter: facetFilter,
      matchingStrategy: main.matchingStrategy,
      // Article mode counts from the sampled hits; Meilisearch's own facet counts (paragraphs) are
      // not needed there, and computing them over a broad result costs more than the search.
      // The sample under every filter also carries text, so small results need no second round trip
      // for `matchCount` and `otherMatches`.
      ...(byArticle
        ? {
            limit: sampleSize,
            attributesToRetrieve: ['articleId', ...facets, ...(withText ? ['id', 'position', 'text', 'mentions'] : [])],
            showMatchesPosition: withText,
          }
        : { limit: 0, facets }),
    },
  });
  const facetQueries: FacetQueryPlan[] = [];
  if (unselected.length > 0) facetQueries.push(facetQuery(unselected, filter, true));
  for (const facet of selected) facetQueries.push(facetQuery([facet], filterWithout(clauses, facet), false));
  return { main, facetQueries };
}

/**
 * The follow-up of article mode when the sample did not hold every match: the matching paragraphs
 * of the articles on the page, once as ids only (for an exact `matchCount`) and once with text (for
 * `otherMatches`). Both are cheap: the filter leaves only those articles' paragraphs.
 */
export function planOtherMatches(params: SearchParams, articleIds: string[]): Array<MeiliSearchParams & { q: string }> {
  const filter = allOf([filterWithout(filterClauses(params)), `articleId IN [${articleIds.map(quote).join(', ')}]`]);
  const matchingStrategy = SORTS[params.sort] ? 'all' : 'last';
  return [
    { q: params.q, filter, matchingStrategy, limit: 5_000, attributesToRetrieve: ['articleId'] },
    { q: params.q, filter, matchingStrategy, limit: articleIds.length * 4, showMatchesPosition: true, attributesToRetrieve: ['id', 'articleId', 'position', 'text', 'mentions'] },
  ];
}
