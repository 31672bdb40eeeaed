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

export interface SelectedCountPlan {
  facet: EntityFacet;
  value: string;
  query: MeiliSearchParams & { q: string };
}

export interface SearchPlan {
  /**
   * Paragraph mode: the page. Article mode: Meilisearch's own article order (`distinct`), used only
   * for pages past what the sample ranks.
   */
  main: MeiliSearchParams & { q: string };
  /**
   * Article mode: ids, article ids, entity fields and ranking scores of the best `sampleSize`
   * matching paragraphs under every filter. The layer ranks articles from it and counts the
   * unselected facets in articles.
   */
  sample?: MeiliSearchParams & { q: string };
  /** Counts of facets that have selected values, each without its own filter (disjunctive). */
  facetQueries: FacetQueryPlan[];
  /** Article counts of selected values, for those a sample may not reach. */
  selectedCounts: SelectedCountPlan[];
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
  // A date-ordered list must still contain every query word, or it fills with loose matches.
  const matchingStrategy = sort ? ('all' as const) : ('last' as const);
  const common = { q: params.q, matchingStrategy, ...(sort && { sort }) };
  const main: SearchPlan['main'] = {
    ...common,
    filter,
    // Exhaustive page counts with `distinct` cost ten times the search; article mode pages by offset.
    ...(byArticle
      ? { limit: params.perPage, offset: (params.page - 1) * params.perPage, distinct: 'articleId', attributesToRetrieve: ['id', 'articleId'] }
      : { page: params.page, hitsPerPage: params.perPage, showMatchesPosition: true }),
  };
  const selected = ENTITY_FACETS.filter((f) => params[f].length > 0);
  const unselected = ENTITY_FACETS.filter((f) => params[f].length === 0);
  // Article mode counts facets from sampled hits: Meilisearch's own counts are in paragraphs, and
  // computing them over a broad result costs more than the search itself.
  const facetQuery = (facets: EntityFacet[], facetFilter: string | undefined): FacetQueryPlan => ({
    facets,
    query: {
      ...common,
      filter: facetFilter,
      ...(byArticle ? { limit: sampleSize, attributesToRetrieve: ['articleId', ...facets] } : { limit: 0, facets }),
    },
  });
  const facetQueries: FacetQueryPlan[] = [];
  if (!byArticle && unselected.length > 0) facetQueries.push(facetQuery(unselected, filter));
  for (const facet of selected) facetQueries.push(facetQuery([facet], filterWithout(clauses, facet)));
  const selectedCounts: SelectedCountPlan[] = byArticle
    ? selected.flatMap((facet) =>
        params[facet].map((value) => ({
          facet,
          value,
          // Exhaustive (page mode) so `totalHits` counts distinct articles; the entity filter keeps it small.
          query: { ...common, filter: allOf([filterWithout(clauses, facet), `${facet} = ${quote(value)}`]), page: 1, hitsPerPage: 0, distinct: 'articleId' },
        })),
      )
    : [];
  const sample = byArticle
    ? { ...common, filter, limit: sampleSize, showRankingScore: true, attributesToRetrieve: ['id', 'articleId', ...unselected] }
    : undefined;
  return { main, sample, facetQueries, selectedCounts };
}

/** Matching paragraphs listed per page in article mode, at most (for `matchCount` past the sample). */
export const PAGE_MATCH_LIMIT = 1_000;

/**
 * When the sample did not hold every match: all matching paragraphs of the page's articles, as
 * article ids only, for an exact `matchCount`. Cheap: the filter leaves only those articles'
 * paragraphs.
 */
export function planPageMatches(params: SearchParams, articleIds: string[]): MeiliSearchParams & { q: string } {
  return {
    q: params.q,
    matchingStrategy: SORTS[params.sort] ? 'all' : 'last',
    filter: allOf([filterWithout(filterClauses(params)), `articleId IN [${articleIds.map(quote).join(', ')}]`]),
    limit: PAGE_MATCH_LIMIT,
    attributesToRetrieve: ['articleId'],
  };
}

/** The paragraphs to show, read back whole with match positions (a best paragraph and up to two others per article). */
export function planShownParagraphs(params: SearchParams, paragraphIds: string[]): MeiliSearchParams & { q: string } {
  return {
    q: params.q,
    matchingStrategy: SORTS[params.sort] ? 'all' : 'last',
    filter: `id IN [${paragraphIds.map(quote).join(', ')}]`,
    limit: paragraphIds.length,
    showMatchesPosition: true,
  };
}
