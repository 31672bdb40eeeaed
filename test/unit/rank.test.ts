import { describe, expect, it } from 'vitest';
import { rankArticles } from '../../src/api/search/response-adapter.js';

const hit = (id: string, articleId: string, score: number) => ({ id, articleId, _rankingScore: score }) as never;

describe('ranking articles from ranked paragraphs', () => {
  it('lets an article that matches in several paragraphs pass one with a slightly better single match', () => {
    const hits = [hit('a-p0', 'a', 0.9), hit('b-p0', 'b', 0.88), hit('b-p3', 'b', 0.7), hit('b-p5', 'b', 0.6), hit('c-p1', 'c', 0.5)];
    const ranked = rankArticles(hits, true);
    expect(ranked.map((r) => r.best.articleId)).toEqual(['b', 'a', 'c']);
    expect(ranked[0]!.matches.map((m) => m.id)).toEqual(['b-p0', 'b-p3', 'b-p5']);
  });
  it('keeps a clearly better single match first', () => {
    const ranked = rankArticles([hit('a-p0', 'a', 0.99), hit('b-p0', 'b', 0.7), hit('b-p1', 'b', 0.69)], true);
    expect(ranked.map((r) => r.best.articleId)).toEqual(['a', 'b']);
  });
  it('keeps the order of best paragraphs when sorting by date', () => {
    const ranked = rankArticles([hit('a-p0', 'a', 0.1), hit('b-p0', 'b', 0.9), hit('b-p1', 'b', 0.9)], false);
    expect(ranked.map((r) => r.best.articleId)).toEqual(['a', 'b']);
  });
});
