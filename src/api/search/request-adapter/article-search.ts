/**
 * Article mode, first round trip: one multi-search on the article index (one document per
 * article), so totals and facet counts are Meilisearch's own, exact, and in articles.
 *
 * Facets are disjunctive: the counts of a facet are computed with every filter except that facet's
 * own, so a user can widen a selection with OR. The counted facets are the entity facets and the
 * article fields `authors` and `section` (SEARCH_FACETS), all alike.
 *   people=[A], countries=[C] →
 *     articles:          filter (people = A) AND (countries = C)  facets [organizations, places]
 *     facet:people:      filter (countries = C)                   facets [people]
 *     facet:countries:   filter (people = A)                      facets [countries]
 * A value's count is then the `totalHits` of the same search with that value selected (alone, in
 * its facet).
 */
import type { IndexNames } from '../../../meili/contract.js';
import { SEARCH_FACETS, type SearchFacet } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import { filterClauses, filterWithout } from './filters.js';
import { commonQuery, facetQueryName, type NamedQueries } from './queries.js';

/**
 * By relevance, the best this many articles are re-ranked by how many of their paragraphs match
 * (see response-adapter/ranking.ts); pages past them keep Meilisearch's order.
 */
export const RERANK_WINDOW = 50;

export interface ArticleSearchPlan {
  queries: NamedQueries;
  /** Whether the `articles` hits are to be re-ranked (the first RERANK_WINDOW of them). */
  rerank: boolean;
  /** Where the page starts among the `articles` hits. */
  pageStart: number;
}

export function planArticleSearch(params: SearchParams, indexes: Pick<IndexNames, 'articles'>): ArticleSearchPlan {
  const clauses = filterClauses(params);
  const common = commonQuery(params);
  const start = (params.page - 1) * params.perPage;
  const rerank = params.sort === 'relevance' && params.q !== '' && start < RERANK_WINDOW;
  const unselected = SEARCH_FACETS.filter((f) => params[f].length === 0);
  const selected = SEARCH_FACETS.filter((f) => params[f].length > 0);
  const queries: NamedQueries = {
    // Page mode: `totalHits` is exhaustive. Re-ranked, the window is read from the top.
    articles: {
      indexUid: indexes.articles,
      ...common,
      filter: filterWithout(clauses),
      ...(rerank
        ? { page: 1, hitsPerPage: Math.max(RERANK_WINDOW, start + params.perPage), showRankingScore: true }
        : { page: params.page, hitsPerPage: params.perPage }),
      attributesToRetrieve: ['id'],
      ...(unselected.length > 0 && { facets: unselected }),
    },
  };
  for (const facet of selected) queries[facetQueryName(facet)] = facetCountQuery(indexes.articles, common, filterWithout(clauses, facet), facet);
  // No candidates from the paragraph side: the articles of the 50 best paragraphs changed no judged
  // query's top 10 once exactness ranks whole words first (eval:relevance), and cost two queries.
  return { queries, rerank, pageStart: rerank ? start : 0 };
}

/** Counts one facet's values, no documents read. */
export function facetCountQuery(indexUid: string, common: ReturnType<typeof commonQuery>, filter: string | undefined, facet: SearchFacet) {
  // `sort` does not change counts; leaving it out spares the engine the ordering.
  const { sort: _sort, ...rest } = common;
  return { indexUid, ...rest, filter, limit: 0, facets: [facet] };
}
