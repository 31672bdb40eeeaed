import { describe, expect, it } from 'vitest';
import { MATCH_COUNT_WEIGHT, rerankArticles } from './ranking.js';

describe('rerankArticles', () => {
  it('lifts an article that matches in many paragraphs over one that mentions the words once', () => {
    const hits = [
      { id: 'once', _rankingScore: 0.95 },
      { id: 'about', _rankingScore: 0.93 },
      { id: 'past', _rankingScore: 0.5 },
    ];
    const counts = new Map([
      ['once', 1],
      ['about', 6],
      ['past', 40],
    ]);
    expect(0.93 + MATCH_COUNT_WEIGHT * Math.log(6)).toBeGreaterThan(0.95);
    expect(rerankArticles(hits, counts, 2)).toEqual(['about', 'once', 'past']);
  });

  it("keeps Meilisearch's order for equal scores and past the window", () => {
    const hits = [{ id: 'a', _rankingScore: 0.9 }, { id: 'b', _rankingScore: 0.9 }, { id: 'c', _rankingScore: 0.1 }, { id: 'd', _rankingScore: 0.99 }];
    expect(rerankArticles(hits, new Map(), 3)).toEqual(['a', 'b', 'c', 'd']);
  });
});
