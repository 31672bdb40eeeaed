import { describe, expect, it } from 'vitest';
import { paragraphScoresOf, rankWithEvidence, RERANK_WEIGHTS, rerankArticles } from './ranking.js';

const evidence = (matches: Record<string, number>, paragraphs: Record<string, number> = {}) => ({
  matchCounts: new Map(Object.entries(matches)),
  paragraphScores: new Map(Object.entries(paragraphs)),
});

describe('rerankArticles', () => {
  it('lifts an article that matches in many paragraphs over one that mentions the words once', () => {
    const hits = [
      { id: 'once', _rankingScore: 0.99 },
      { id: 'about', _rankingScore: 0.99 },
      { id: 'past', _rankingScore: 0.5 },
    ];
    expect(rerankArticles(hits, evidence({ once: 1, about: 6, past: 40 }, { once: 0.9, about: 0.9, past: 1 }), 2)).toEqual(['about', 'once', 'past']);
  });

  it("weighs the best paragraph's score: a close match in one paragraph beats words spread over the article", () => {
    const hits = [
      { id: 'spread', _rankingScore: 0.95 },
      { id: 'close', _rankingScore: 0.95 },
    ];
    expect(rerankArticles(hits, evidence({ spread: 1, close: 1 }, { spread: 0.7, close: 0.95 }), 2, { ...RERANK_WEIGHTS, matches: 0 })).toEqual(['close', 'spread']);
  });

  it("keeps Meilisearch's order for equal scores and past the window", () => {
    const hits = [{ id: 'a', _rankingScore: 0.9 }, { id: 'b', _rankingScore: 0.9 }, { id: 'c', _rankingScore: 0.1 }, { id: 'd', _rankingScore: 0.99 }];
    expect(rerankArticles(hits, evidence({}), 3)).toEqual(['a', 'b', 'c', 'd']);
  });

  it("reads each article's best paragraph score", () => {
    expect(paragraphScoresOf({ hits: [{ articleId: 'a', _rankingScore: 0.5 }] })).toEqual(new Map([['a', 0.5]]));
  });

  it('re-ranks with the evidence answers: match counts and best paragraph scores', () => {
    const articles = [
      { id: 'a', _rankingScore: 0.9 },
      { id: 'b', _rankingScore: 0.9 },
      { id: 'c', _rankingScore: 0.1 },
    ];
    const evidence = {
      matches: { hits: [], facetDistribution: { articleId: { a: 1, b: 4, c: 40 } } },
      best: { hits: [{ articleId: 'a', _rankingScore: 0.8 }, { articleId: 'b', _rankingScore: 0.8 }, { articleId: 'c', _rankingScore: 1 }] },
    };
    expect(rankWithEvidence(articles, evidence, 2, RERANK_WEIGHTS)).toEqual(['b', 'a', 'c']);
  });
});
