import type { Hit } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import type { ParagraphDocument } from '../../../meili/contract.js';
import { compileQuery } from '../query-matcher.js';
import type { Answer } from '../request-adapter/queries.js';
import { articlePageHits, choosePage, listedArticles } from './article-page.js';
import { RERANK_WEIGHTS } from './ranking.js';
import { paragraphHit } from '../../../../test/helpers/paragraph-hit.js';

const answer = (hits: unknown[], extra: Partial<Answer> = {}): Answer => ({ hits, query: '', processingTimeMs: 1, limit: 0, offset: 0, estimatedTotalHits: hits.length, ...extra }) as Answer;
const paragraph = (articleId: string, position: number, text: string, score = 0.5): Hit<ParagraphDocument> & { _rankingScore: number } => ({
  ...paragraphHit(articleId, position, text),
  _rankingScore: score,
});
const options = { pageStart: 0, window: 50, weights: RERANK_WEIGHTS };

describe('the article page', () => {
  it('lists from `stories` when folded, else from `articles`', () => {
    expect(listedArticles({ articles: answer([{ id: 'a' }]), stories: answer([{ id: 's' }]) }).map((h) => h.id)).toEqual(['s']);
    expect(listedArticles({ articles: answer([{ id: 'a' }]) }).map((h) => h.id)).toEqual(['a']);
  });

  it("keeps the engine's order without evidence, one article per story when folding, sliced to the page", () => {
    const found = { articles: answer([{ id: 'a', cluster: 'x' }, { id: 'b', cluster: 'x' }, { id: 'c', cluster: 'c' }, { id: 'd', cluster: 'd' }]) };
    expect(choosePage({ cluster: true, perPage: 2 }, found, undefined, options).ids).toEqual(['a', 'c']);
    expect(choosePage({ cluster: false, perPage: 2 }, found, undefined, options).ids).toEqual(['a', 'b']);
    expect(choosePage({ cluster: false, perPage: 2 }, found, undefined, { ...options, pageStart: 2 }).ids).toEqual(['c', 'd']);
    expect(choosePage({ cluster: true, perPage: 2 }, found, undefined, options).clusterOf.get('b')).toBe('x');
  });

  it('re-ranks with the evidence: an article matching in many paragraphs and closely rises above a tie', () => {
    const found = { stories: answer([{ id: 'a', _rankingScore: 0.9 }, { id: 'b', _rankingScore: 0.9 }]), articles: answer([]) };
    const evidence = { matches: answer([], { facetDistribution: { articleId: { a: 1, b: 6 } } }), best: answer([paragraph('a', 0, 'oil', 0.5), paragraph('b', 0, 'oil', 0.9)]) };
    expect(choosePage({ cluster: true, perPage: 10 }, found, evidence, options).ids).toEqual(['b', 'a']);
  });

  it("builds hits from the evidence's best passages and the passages' other matches and versions", () => {
    const page = { ids: ['b', 'a'], clusterOf: new Map([['a', 'a'], ['b', 'k']]) };
    const evidence = { matches: answer([], { facetDistribution: { articleId: { a: 3, b: 1 } } }), best: answer([paragraph('a', 0, 'oil prices'), paragraph('b', 2, 'oil here')]) };
    const passages = {
      others: answer([paragraph('a', 4, 'more oil')]),
      versions: answer([{ id: 'b', title: 'B', cluster: 'k' }, { id: 'b2', title: 'B again', cluster: 'k', date: '2024-01-02T00:00:00Z' }]),
    };
    const hits = articlePageHits(page, evidence, passages, compileQuery('oil'));
    expect(hits.map((h) => [h.articleId, h.position, h.matchCount, h.otherMatches.length])).toEqual([
      ['b', 2, 1, 0],
      ['a', 0, 3, 1],
    ]);
    expect(hits[0]!.snippet).toContain('<mark>oil</mark>');
    expect(hits[0]!.cluster).toBe('k');
    expect(hits[0]!.versions).toEqual([{ articleId: 'b2', title: 'B again', publishedAt: '2024-01-02T00:00:00Z', source: null, url: null }]);
    // Without evidence, the best passages and counts come from the passages round trip.
    const alone = articlePageHits({ ids: ['a'], clusterOf: new Map() }, undefined, { best: answer([paragraph('a', 1, 'oil')]), others: answer([]) }, compileQuery('oil'));
    expect(alone.map((h) => [h.articleId, h.position, h.matchCount])).toEqual([['a', 1, 1]]);
  });
});
