import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { MAX_OTHER_MATCHES, planMatchCounts, planPassages, planRerankEvidence } from './passages.js';

const indexes = { paragraphs: 'x_paragraphs' };

describe('passages', () => {
  it("counts the articles' matching paragraphs as a facet distribution", () => {
    expect(planMatchCounts({ q: 'oil' }, indexes, ['a', 'b'])).toEqual({
      indexUid: 'x_paragraphs',
      q: 'oil',
      matchingStrategy: 'all',
      filter: 'articleId IN ["a", "b"]',
      limit: 0,
      facets: ['articleId'],
    });
  });

  it('reads one best paragraph per article and enough others, by name', () => {
    const queries = planPassages({ q: 'oil' }, indexes, ['a', 'b', 'c'], { best: true, matchCounts: false });
    expect(Object.keys(queries)).toEqual(['best', 'others']);
    expect(queries.best).toMatchObject({ distinct: 'articleId', limit: 3, filter: 'articleId IN ["a", "b", "c"]' });
    expect(queries.others!.limit).toBeGreaterThanOrEqual(3 * (1 + MAX_OTHER_MATCHES));
    expect(Object.keys(planPassages({ q: 'oil' }, indexes, ['a'], { best: true, matchCounts: true }))).toEqual(['best', 'others', 'matches']);
  });

  it('re-ranking reads the best paragraphs with their scores and display fields, so the page reads only the others', () => {
    const evidence = planRerankEvidence(searchParamsSchema.parse({ q: 'oil' }), indexes, ['a', 'b']);
    expect(Object.keys(evidence)).toEqual(['matches', 'best']);
    expect(evidence.best).toMatchObject({ distinct: 'articleId', limit: 2, showRankingScore: true, filter: 'articleId IN ["a", "b"]' });
    expect(evidence.best!.attributesToRetrieve).toContain('text');
    expect(Object.keys(planPassages({ q: 'oil' }, indexes, ['a'], { best: false, matchCounts: false }))).toEqual(['others']);
  });
});
