/** The search service's defaults, read by the service and by the config schema (their one source). */

/** Full searches sent to Meilisearch at once (`LEDE_SEARCH_CONCURRENCY`): two per core of a small machine, leaving room for typeahead. */
export const DEFAULT_SEARCH_CONCURRENCY = 4;

/** Life of a cached typeahead answer in ms (`LEDE_SUGGEST_CACHE_MS`). */
export const DEFAULT_SUGGEST_CACHE_MS = 30_000;
