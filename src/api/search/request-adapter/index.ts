/**
 * Request adapter: validated search parameters → the Meilisearch queries that answer them, named,
 * sent together in multi-searches. Pure; user values reach filters only quoted and escaped.
 */
export { planArticleSearch, RERANK_WINDOW, type ArticleSearchPlan } from './article-search.js';
export { planParagraphSearch } from './paragraph-search.js';
export { DISPLAY_FIELDS, MAX_OTHER_MATCHES, planMatchCounts, planPassages, planRerankEvidence } from './passages.js';
export { planSelectedCounts, selectedCountName } from './selected-counts.js';
export { facetQueryName, toMultiSearch, type Answer, type Answers, type NamedQueries, type Query } from './queries.js';
export { planArticleView, planEntityValues, planHealth, planPopularEntities, planSuggest } from './lookups.js';
export { filterClauses, filterWithout } from './filters.js';
