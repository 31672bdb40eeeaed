import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { planSelectedCounts, selectedCountName } from './selected-counts.js';

describe('planSelectedCounts', () => {
  it("counts each missing value exhaustively, under every filter but its facet's own", () => {
    const params = searchParamsSchema.parse({ q: 'oil', people: ['A', 'Z'], countries: 'C', sort: 'newest' });
    const queries = planSelectedCounts(params, 'x_articles', [{ facet: 'people', value: 'Z' }]);
    expect(queries).toEqual({
      [selectedCountName('people', 'Z')]: {
        indexUid: 'x_articles',
        q: 'oil',
        matchingStrategy: 'all',
        filter: '(countries = "C") AND people = "Z"',
        page: 1,
        hitsPerPage: 0,
      },
    });
  });
});
