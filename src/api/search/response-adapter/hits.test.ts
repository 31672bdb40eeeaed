import { describe, expect, it } from 'vitest';
import { compileQuery } from '../query-matcher.js';
import { articleHits, matchCountsOf } from './hits.js';
import { paragraphHit } from '../../../../test/helpers/paragraph-hit.js';

const paragraph = paragraphHit;

describe('articleHits', () => {
  it("shows each page article's best paragraph, two others at most, and its match count, in the page's order", () => {
    const best = [paragraph('b', 2, 'oil here'), paragraph('a', 0, 'oil prices')];
    const others = [paragraph('a', 0, 'oil prices'), paragraph('a', 3, 'more oil'), paragraph('a', 5, 'oil again'), paragraph('a', 7, 'oil too'), paragraph('b', 2, 'oil here')];
    const hits = articleHits(['a', 'b'], { best, others }, matchCountsOf({ facetDistribution: { articleId: { a: 4, b: 1 } } }), compileQuery('oil', new Map()));
    expect(hits.map((h) => [h.id, h.matchCount, h.otherMatches.map((o) => o.id)])).toEqual([
      ['a-p0', 4, ['a-p3', 'a-p5']],
      ['b-p2', 1, []],
    ]);
    expect(hits[0]!.snippet).toContain('<mark>oil</mark>');
  });
});
