import { describe, expect, it } from 'vitest';
import { MAX_VALUES_PER_FACET } from '../../meili/contract.js';
import { INSIGHTS_LIMIT_DEFAULT, INSIGHTS_LIMIT_MAX, insightsParamsSchema } from './params.js';

describe('insights parameters', () => {
  it("takes the search's parameters plus interval and limit, with their defaults", () => {
    const params = insightsParamsSchema.parse({ q: 'oil', people: ['A', 'B'], sort: 'newest' });
    expect(params).toMatchObject({ q: 'oil', people: ['A', 'B'], interval: 'auto', limit: INSIGHTS_LIMIT_DEFAULT });
    expect(insightsParamsSchema.parse({ limit: '50', interval: 'week' })).toMatchObject({ limit: 50, interval: 'week' });
  });

  it('refuses what the search refuses, and a limit or interval out of range', () => {
    for (const query of [{ limit: '0' }, { limit: String(INSIGHTS_LIMIT_MAX + 1) }, { interval: 'day' }, { perPage: 'x' }, { bogus: '1' }, { from: '2025-02-01', to: '2025-01-01' }]) {
      expect(insightsParamsSchema.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it('asks no more entities per type than the article index returns per facet', () => {
    expect(INSIGHTS_LIMIT_MAX).toBeLessThanOrEqual(MAX_VALUES_PER_FACET.articles);
  });
});
