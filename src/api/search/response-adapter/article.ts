/**
 * One article (planArticleView's answers) → the API's article: its record's fields and its
 * paragraphs in order, those matching the query flagged and marked, every one with its mentions marked.
 */
import { notFound } from '../../../errors.js';
import { webUrl } from '../../../ingest/url.js';
import { ENTITY_FACETS, type ArticleDocument, type EntityFacet, type ParagraphDocument } from '../../../meili/contract.js';
import type { QueryMatcher } from '../query-matcher.js';
import type { Answers } from '../request-adapter/queries.js';
import type { ArticleView } from '../responses.js';
import { markParagraph } from './hits.js';

const entitiesOf = (doc: Partial<Record<EntityFacet, string[]>>) => Object.fromEntries(ENTITY_FACETS.map((f) => [f, doc[f] ?? []])) as Record<EntityFacet, string[]>;

/** `matcher` marks the query's words, `plain` nothing (for the paragraphs that do not match). */
export function toArticleView(id: string, found: Answers, matcher: QueryMatcher, plain: QueryMatcher): ArticleView {
  const record = found.article!.hits[0] as ArticleDocument | undefined;
  if (!record) throw notFound(`No article with id "${id}".`);
  const matched = new Set(((found.matching?.hits ?? []) as Array<{ id: string }>).map((h) => h.id));
  const paragraphs = (found.paragraphs!.hits as ParagraphDocument[]).map((p) => ({
    id: p.id,
    position: p.position,
    html: markParagraph(p, matched.has(p.id) ? matcher : plain).text,
    matches: matched.has(p.id),
    entities: entitiesOf(p),
  }));
  return {
    id: record.id,
    title: record.title,
    publishedAt: record.date,
    source: record.source,
    // Also for records indexed before URLs were checked at ingest.
    url: webUrl(record.url),
    // Records indexed before issue 15 have none of these.
    authors: record.authors ?? [],
    section: record.section ?? null,
    language: record.language ?? null,
    modified: record.modified ?? null,
    entities: entitiesOf(record),
    paragraphs,
  };
}
