/** The API's bounds on a request (validated in params.ts, documented in the OpenAPI document). */

export const MAX_QUERY_CHARS = 500;
export const MAX_VALUES_PER_FACET = 20;
/**
 * Facet values selected in all (people, organizations, places, countries, authors, section). Each
 * selected value the facet counts do not return costs a query of its own, so this bounds a search's
 * work: at most 1 + 6 + MAX_SELECTED_VALUES queries for the counts.
 */
export const MAX_SELECTED_VALUES = 20;
export const MAX_FACET_VALUE_CHARS = 200;
/**
 * Results a search can page through (page × perPage): deep pages cost the engine more the deeper
 * they are. Totals are counted past it (MAX_TOTAL_HITS in meili/settings.ts).
 */
export const MAX_RESULT_WINDOW = 10_000;
export const MAX_PER_PAGE = 100;
export const MAX_SUGGESTIONS = 10;
/** Other matching paragraphs an article hit shows, at most. */
export const MAX_OTHER_MATCHES = 2;
/** Entries of a search's Atom feed unless `perPage` says. */
export const FEED_DEFAULT_ENTRIES = 20;
