/** A paragraph hit as Meilisearch returns it, for the response adapters' unit tests. */
import type { Hit } from 'meilisearch';
import type { ParagraphDocument } from '../../src/meili/contract.js';

export function paragraphHit(articleId: string, position: number, text: string): Hit<ParagraphDocument> {
  return {
    id: `${articleId}-p${position}`,
    articleId,
    title: `Title of ${articleId}`,
    position,
    text,
    people: [],
    organizations: [],
    places: [],
    countries: [],
    mentions: [],
    publishedAt: null,
    date: null,
    source: null,
    url: null,
    authors: [],
    section: null,
    wordCount: text.split(' ').length,
  };
}
