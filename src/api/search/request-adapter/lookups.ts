/**
 * The API's lookups besides search, as named queries (sent through the service's one multi-search):
 *   suggest "ukr"        → entities (prefix on any word or alias; authors and sections too), phrases (completions), titles
 *   popular              → the most mentioned entities (not authors or sections: they are no news of their own)
 *   entities person "pu" → values: the entity index, filtered by type
 *   article a1, q "oil"  → article (its record), paragraphs (in order), matching (ids matching "oil")
 * Ids and types reach filters only quoted and escaped.
 */
import type { EntitiesParams, SuggestParams } from '../params.js';
import { ENTITY_KINDS, type IndexNames } from '../../../meili/contract.js';
import { quote } from '../../../meili/filter.js';
import type { NamedQueries } from './queries.js';

/** Entities listed when nothing (or one letter) is typed. */
export const POPULAR_ENTITIES = 10;
/** Titles offered per typeahead answer. */
const TITLE_SUGGESTIONS = 3;
/** Paragraphs of one article read at most. */
const ARTICLE_PARAGRAPHS = 1_000;

export function planSuggest(params: SuggestParams, indexes: Pick<IndexNames, 'entities' | 'phrases' | 'articles'>): NamedQueries {
  const { q, limit } = params;
  return {
    entities: { indexUid: indexes.entities, q, limit, attributesToRetrieve: ['value', 'type', 'count', 'aliases'] },
    // Twice as many: those that merely contain the words are put after those that continue them.
    phrases: { indexUid: indexes.phrases, q, limit: limit * 2, attributesToRetrieve: ['phrase', 'count'] },
    titles: { indexUid: indexes.articles, q, limit: TITLE_SUGGESTIONS, attributesToSearchOn: ['title'], attributesToRetrieve: ['id', 'title'] },
  };
}

export function planPopularEntities(indexes: Pick<IndexNames, 'entities'>): NamedQueries {
  return { popular: { indexUid: indexes.entities, q: '', filter: `type IN [${ENTITY_KINDS.map(quote).join(', ')}]`, sort: ['count:desc'], limit: POPULAR_ENTITIES } };
}

export function planEntityValues(params: EntitiesParams, indexes: Pick<IndexNames, 'entities'>): NamedQueries {
  return {
    values: { indexUid: indexes.entities, q: params.q, filter: `type = ${quote(params.type)}`, limit: params.limit, ...(params.q === '' && { sort: ['count:desc'] }) },
  };
}

export function planArticleView(id: string, q: string, indexes: Pick<IndexNames, 'articles' | 'paragraphs'>): NamedQueries {
  const ofArticle = `articleId = ${quote(id)}`;
  return {
    article: { indexUid: indexes.articles, q: '', filter: `id = ${quote(id)}`, limit: 1 },
    paragraphs: { indexUid: indexes.paragraphs, q: '', filter: ofArticle, sort: ['position:asc'], limit: ARTICLE_PARAGRAPHS },
    ...(q && { matching: { indexUid: indexes.paragraphs, q, filter: ofArticle, limit: ARTICLE_PARAGRAPHS, attributesToRetrieve: ['id'], matchingStrategy: 'all' as const } }),
  };
}

/** The paragraph index's size, no documents read: what /health reports. */
export function planHealth(indexes: Pick<IndexNames, 'paragraphs'>): NamedQueries {
  return { size: { indexUid: indexes.paragraphs, q: '', limit: 0 } };
}
