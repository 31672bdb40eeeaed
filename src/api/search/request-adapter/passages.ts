/**
 * Article mode, after the article index has chosen the articles: the paragraph index gives them
 * their passages (the best matching paragraph and up to two others) and their `matchCount`s.
 *   articles [a, b] → matches: filter articleId IN [a, b], facets [articleId], no documents
 *                     best:    filter articleId IN [a, b], distinct articleId (one per article)
 *                     others:  filter articleId IN [a, b], the next best paragraphs
 * Passages match the words as relevance ranking does (`last`), whatever the order: a date-ordered
 * article whose words are spread over paragraphs still shows the paragraph with most of them.
 * Facet filters are not applied: in article mode they select articles, not paragraphs.
 */
import type { IndexNames } from '../../../meili/contract.js';
import { ENTITY_FACETS } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import { MAX_OTHER_MATCHES } from '../limits.js';
import { inArticles } from './filters.js';
import type { NamedQueries, Query } from './queries.js';

/** What a shown paragraph needs: display fields, entity facets and mentions. */
export const DISPLAY_FIELDS = ['id', 'articleId', 'title', 'position', 'text', 'date', 'source', 'url', 'authors', 'section', ...ENTITY_FACETS, 'mentions'];

export { MAX_OTHER_MATCHES };

const passageQuery = (params: Pick<SearchParams, 'q'>, indexUid: string, articleIds: readonly string[]): Query => ({
  indexUid,
  q: params.q,
  matchingStrategy: 'last',
  filter: inArticles(articleIds),
});

/**
 * How many paragraphs of each article hold every query word (`matchCount`): a facet distribution,
 * no documents read. Every word, not the first ones only: a long article that names "oil" in
 * twenty paragraphs is not twenty matches for "oil prices opec".
 */
export function planMatchCounts(params: Pick<SearchParams, 'q'>, indexes: Pick<IndexNames, 'paragraphs'>, articleIds: readonly string[]): Query {
  return { ...passageQuery(params, indexes.paragraphs, articleIds), matchingStrategy: 'all', limit: 0, facets: ['articleId'] };
}

/**
 * What re-ranking the best articles reads, in one multi-search: their matching paragraphs' counts,
 * and each one's best paragraph with its ranking score (a paragraph-level view of the match: how
 * close the words are, in which field). The best paragraphs come with their display fields, so
 * they are also the page's `best` passages once the page is chosen: no second read of them.
 */
export function planRerankEvidence(params: SearchParams, indexes: Pick<IndexNames, 'paragraphs'>, articleIds: readonly string[]): NamedQueries {
  return {
    matches: planMatchCounts(params, indexes, articleIds),
    best: { ...passageQuery(params, indexes.paragraphs, articleIds), distinct: 'articleId', limit: articleIds.length, showRankingScore: true, attributesToRetrieve: DISPLAY_FIELDS },
  };
}

/** What an other match shows: a snippet, so no facets or article fields. */
const OTHER_FIELDS = ['id', 'articleId', 'position', 'text', 'mentions'];

/**
 * The page's passages: `others` always; `best` and `matches` unless the re-ranking evidence
 * brought them already. `others` reads enough paragraphs for every article to have its share when
 * matches are spread evenly.
 */
export function planPassages(
  params: Pick<SearchParams, 'q'>,
  indexes: Pick<IndexNames, 'paragraphs'>,
  articleIds: readonly string[],
  read: { best: boolean; matchCounts: boolean },
): NamedQueries {
  const base = passageQuery(params, indexes.paragraphs, articleIds);
  return {
    ...(read.best && { best: { ...base, distinct: 'articleId', limit: articleIds.length, attributesToRetrieve: DISPLAY_FIELDS } }),
    others: { ...base, limit: articleIds.length * (1 + MAX_OTHER_MATCHES) * 2, attributesToRetrieve: OTHER_FIELDS },
    ...(read.matchCounts && { matches: planMatchCounts(params, indexes, articleIds) }),
  };
}
