/**
 * Hits: paragraphs → the API's hits, as safe HTML (escaped, then matches and entity mentions
 * marked: see highlight.ts, query-matcher.ts).
 */
import type { Hit } from 'meilisearch';
import { webUrl } from '../../../ingest/url.js';
import type { EntityMention, ParagraphDocument } from '../../../meili/contract.js';
import { renderMarked, snippet } from '../highlight.js';
import type { QueryMatcher } from '../query-matcher.js';
import { MAX_OTHER_MATCHES } from '../request-adapter/passages.js';
import type { SearchHit } from './types.js';

type ParagraphHit = Hit<ParagraphDocument>;
type Markable = Pick<ParagraphHit, 'text'> & { mentions?: EntityMention[] };

/** A paragraph as safe HTML: its query matches (found by `matcher`) and entity mentions marked, whole and as a snippet. */
export function markParagraph(hit: Markable, matcher: QueryMatcher): { snippet: string; text: string } {
  const spans = matcher.spans(hit.text ?? '');
  const mentions = hit.mentions ?? [];
  return { snippet: snippet(hit.text ?? '', spans, mentions), text: renderMarked(hit.text ?? '', spans, mentions) };
}

/** Only the snippet of `markParagraph` (other matches show no full text). */
export function markSnippet(hit: Markable, matcher: QueryMatcher): string {
  return snippet(hit.text ?? '', matcher.spans(hit.text ?? ''), hit.mentions ?? []);
}

export function toHit(hit: ParagraphHit, matchCount: number, others: readonly ParagraphHit[], matcher: QueryMatcher): SearchHit {
  const marked = markParagraph(hit, matcher);
  return {
    id: hit.id,
    articleId: hit.articleId,
    title: hit.title,
    position: hit.position,
    snippet: marked.snippet,
    text: marked.text,
    publishedAt: hit.date ?? null,
    source: hit.source ?? null,
    url: webUrl(hit.url),
    authors: hit.authors ?? [],
    section: hit.section ?? null,
    entities: { people: hit.people ?? [], organizations: hit.organizations ?? [], places: hit.places ?? [], countries: hit.countries ?? [] },
    matchCount,
    otherMatches: others.map((o) => ({ id: o.id, position: o.position, snippet: markSnippet(o, matcher) })),
  };
}

/**
 * Article hits in the page's order: each article's best paragraph, up to MAX_OTHER_MATCHES others
 * (in the paragraph index's order) and its matching paragraphs' count. An article without a
 * passage (none of its paragraphs holds a query word on its own) is left out.
 */
export function articleHits(
  pageIds: readonly string[],
  passages: { best: readonly ParagraphHit[]; others: readonly ParagraphHit[] },
  matchCounts: ReadonlyMap<string, number>,
  matcher: QueryMatcher,
): SearchHit[] {
  const best = new Map(passages.best.map((p) => [p.articleId, p]));
  const others = new Map<string, ParagraphHit[]>();
  for (const p of passages.others) {
    if (best.get(p.articleId)?.id === p.id) continue;
    const list = others.get(p.articleId) ?? [];
    if (list.length < MAX_OTHER_MATCHES) others.set(p.articleId, [...list, p]);
  }
  return pageIds.flatMap((id) => {
    const lead = best.get(id);
    if (!lead) return [];
    const rest = others.get(id) ?? [];
    return [toHit(lead, Math.max(matchCounts.get(id) ?? 0, 1 + rest.length), rest, matcher)];
  });
}

/** `facetDistribution.articleId` → article id → matching paragraphs. */
export function matchCountsOf(response: { facetDistribution?: Record<string, Record<string, number>> } | undefined): Map<string, number> {
  return new Map(Object.entries(response?.facetDistribution?.articleId ?? {}));
}
