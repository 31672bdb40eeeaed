/** The search response, assembled. */
import type { Hit } from 'meilisearch';
import { SEARCH_FACETS, type ParagraphDocument } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import type { QueryMatcher } from '../query-matcher.js';
import type { Answer } from '../request-adapter/queries.js';
import { facetList } from './facets.js';
import { toHit } from './hits.js';
import type { FacetCounts, SearchHit, SearchResult } from './types.js';

/** `counted`: the answer whose `totalHits` is the search's total (page mode: exact). */
export function toSearchResult(params: SearchParams, counted: Pick<Answer, 'totalHits' | 'processingTimeMs'>, hits: SearchHit[], counts: FacetCounts): SearchResult {
  const totalHits = counted.totalHits ?? 0;
  return {
    query: params.q,
    page: params.page,
    perPage: params.perPage,
    totalHits,
    totalPages: Math.ceil(totalHits / params.perPage),
    processingTimeMs: counted.processingTimeMs,
    group: params.group,
    facetCountsExact: true,
    hits,
    facets: Object.fromEntries(SEARCH_FACETS.map((f) => [f, facetList(counts[f], params[f])])) as SearchResult['facets'],
  };
}

/** Paragraph mode: each paragraph is a hit of its own (match count 1, no other matches). */
export function toParagraphResult(params: SearchParams, paragraphs: Answer, counts: FacetCounts, matcher: QueryMatcher): SearchResult {
  const hits = (paragraphs.hits as Array<Hit<ParagraphDocument>>).map((h) => toHit(h, 1, [], matcher));
  return toSearchResult(params, paragraphs, hits, counts);
}
