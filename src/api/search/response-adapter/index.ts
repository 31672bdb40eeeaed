/**
 * Response adapter: Meilisearch results → the API's JSON. Pure: counts, ranking, hits as safe HTML.
 */
export { addSelectedCounts, FACET_VALUES_SHOWN, facetCounts, facetList, missingSelected } from './facets.js';
export { articleHits, markParagraph, markSnippet, matchCountsOf, toHit } from './hits.js';
export { MATCH_COUNT_WEIGHT, paragraphScoresOf, rankWithEvidence, RERANK_WEIGHTS, rerankArticles, type RerankWeights } from './ranking.js';
export { toArticleView } from './article.js';
export { popularSuggestions, toEntityValues, toSuggestions } from './suggestions.js';
export { toParagraphResult, toSearchResult } from './result.js';
export { articlePageHits, choosePage, listedArticles, type ArticlePage } from './article-page.js';
export { healthOfFailure, toHealth, type EngineHealth } from './health.js';
export type { FacetCounts, FacetValue, SearchHit, SearchResult } from './types.js';
