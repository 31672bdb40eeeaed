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
export const ARTICLE_COUNT_SAMPLE = 50;

/** What a shown paragraph needs: display fields, entity facets and mentions. */
export const DISPLAY_FIELDS = ['id', 'articleId', 'title', 'position', 'text', 'date', 'source', 'url', 'authors', 'section', ...ENTITY_FACETS, 'mentions'];

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
   * Article mode: the best `sampleSize` matching paragraphs under every filter, with ranking scores
   * and what is shown of them. The layer ranks articles from it, shows the page's paragraphs from
   * it (marking matches itself: see query-matcher.ts) and counts the unselected facets in articles.
   */
  sample?: MeiliSearchParams & { q: string };
  /** Counts of facets that have selected values, each without its own filter (disjunctive). */
  facetQueries: FacetQueryPlan[];
  /** Article counts of selected values, for those a sample may not reach. */
  selectedCounts: SelectedCountPlan[];
}

/** Filter clauses keyed by what they constrain, so one can be left out for disjunctive counts. */
export function filterClauses(params: SearchParams): Record<EntityFacet | 'source' | 'authors' | 'section' | 'dates', string | undefined> {
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
    authors: anyOf('authors', params.authors),
    section: anyOf('section', params.section),
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
      ? { limit: params.perPage, offset: (params.page - 1) * params.perPage, distinct: 'articleId', attributesToRetrieve: DISPLAY_FIELDS }
      : { page: params.page, hitsPerPage: params.perPage, attributesToRetrieve: DISPLAY_FIELDS }),
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
    ? { ...common, filter, limit: sampleSize, showRankingScore: true, attributesToRetrieve: DISPLAY_FIELDS }
    : undefined;
  return { main, sample, facetQueries, selectedCounts };
}

/**
 * When the sample did not hold every match: how many paragraphs of each of the page's articles
 * match, for an exact `matchCount`, as a facet distribution (no documents read). Cheap: the filter
 * leaves only those articles' paragraphs.
 */
export function planPageMatches(params: SearchParams, articleIds: string[]): MeiliSearchParams & { q: string } {
  return {
    q: params.q,
    matchingStrategy: SORTS[params.sort] ? 'all' : 'last',
    filter: allOf([filterWithout(filterClauses(params)), `articleId IN [${articleIds.map(quote).join(', ')}]`]),
    limit: 0,
    facets: ['articleId'],
  };
}
