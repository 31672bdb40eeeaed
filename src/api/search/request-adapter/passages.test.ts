import { describe, expect, it } from 'vitest';
import { MAX_OTHER_MATCHES, planMatchCounts, planPassages } from './passages.js';

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
    const queries = planPassages({ q: 'oil' }, indexes, ['a', 'b', 'c'], false);
    expect(Object.keys(queries)).toEqual(['best', 'others']);
    expect(queries.best).toMatchObject({ distinct: 'articleId', limit: 3, filter: 'articleId IN ["a", "b", "c"]' });
    expect(queries.others!.limit).toBeGreaterThanOrEqual(3 * (1 + MAX_OTHER_MATCHES));
    expect(Object.keys(planPassages({ q: 'oil' }, indexes, ['a'], true))).toEqual(['best', 'others', 'matches']);
  });
});
