/** The search response, assembled. */
import { SEARCH_FACETS } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import { facetList } from './facets.js';
import type { FacetCounts, SearchHit, SearchResult } from './types.js';

export function toSearchResult(params: SearchParams, found: { totalHits: number; processingTimeMs: number }, hits: SearchHit[], counts: FacetCounts): SearchResult {
  return {
    query: params.q,
    page: params.page,
    perPage: params.perPage,
    totalHits: found.totalHits,
    totalPages: Math.ceil(found.totalHits / params.perPage),
    processingTimeMs: found.processingTimeMs,
    group: params.group,
    facetCountsExact: true,
    hits,
    facets: Object.fromEntries(SEARCH_FACETS.map((f) => [f, facetList(counts[f], params[f])])) as SearchResult['facets'],
  };
}
