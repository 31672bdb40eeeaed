import { describe, expect, it } from 'vitest';
import { articleFacetCounts, estimateArticles, rankArticles } from '../../src/api/search/response-adapter.js';

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

describe('estimateArticles (facet counts of a search counted from a sample)', () => {
  it('does not extrapolate a value seen once in the sample past its articles in the whole index', () => {
    // Seen in 1 of 16 sampled articles of ~1,521 matches: extrapolated, "about 95"; one article has it.
    expect(estimateArticles(1, 16, 1521)).toBe(95);
    expect(estimateArticles(1, 16, 1521, { G: 1, T: 21_606 })).toBe(1);
  });

  it('lies between the sample extrapolated and the value\'s share of the index, for a value that goes with the query', () => {
    const extrapolated = (6 * 1521) / 16;
    const share = (400 * 1521) / 21_606;
    const estimate = estimateArticles(6, 16, 1521, { G: 400, T: 21_606 });
    expect(estimate).toBeGreaterThan(share);
    expect(estimate).toBeLessThan(extrapolated);
    expect(estimate).toBe(Math.round(Math.sqrt(extrapolated * share)));
  });

  it('never estimates fewer articles than the sample counted, and extrapolates alone without the totals', () => {
    expect(estimateArticles(3, 16, 20, { G: 5, T: 100_000 })).toBe(3);
    expect(estimateArticles(3, 16, 160, { G: undefined, T: 100_000 })).toBe(30);
  });

  it('counts exactly when the sample holds every match, and estimates with the totals otherwise', () => {
    const hits = [
      { articleId: 'a', people: ['Ann Lee'] },
      { articleId: 'a', people: ['Ann Lee'] },
      { articleId: 'b', people: ['Ann Lee', 'Bo Chan'] },
    ];
    expect(articleFacetCounts(['people'], { hits, estimatedTotalHits: 3 }).counts.people).toEqual(new Map([['Ann Lee', 2], ['Bo Chan', 1]]));
    const totals = { articles: 1_000, counts: { people: new Map([['Ann Lee', 2], ['Bo Chan', 40]]), organizations: new Map(), places: new Map(), countries: new Map() } };
    const estimated = articleFacetCounts(['people'], { hits, estimatedTotalHits: 300 }, totals);
    expect(estimated.exact).toBe(false);
    // 200 matching articles (3 paragraphs of 2 articles sampled, of 300): Ann Lee is in 2 articles in all.
    expect(estimated.counts.people!.get('Ann Lee')).toBe(2);
    expect(estimated.counts.people!.get('Bo Chan')).toBe(Math.round(Math.sqrt(100 * 8)));
  });
});
