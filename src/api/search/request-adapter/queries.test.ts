import { describe, expect, it } from 'vitest';
import { commonQuery, toMultiSearch } from './queries.js';

describe('named queries', () => {
  it('sends named queries as a list and reads the answers back by name', () => {
    const request = toMultiSearch({ one: { indexUid: 'a', q: '1' }, two: { indexUid: 'b', q: '2' } });
    expect(request.queries.map((q) => q.indexUid)).toEqual(['a', 'b']);
    expect(request.byName([{ hits: [1] }, { hits: [2] }])).toEqual({ one: { hits: [1] }, two: { hits: [2] } });
  });

  it('asks for every word when sorting by date, the last ones optional by relevance', () => {
    expect(commonQuery({ q: 'oil', sort: 'newest' })).toEqual({ q: 'oil', matchingStrategy: 'all', sort: ['publishedAt:desc'] });
    expect(commonQuery({ q: 'oil', sort: 'relevance' })).toEqual({ q: 'oil', matchingStrategy: 'last' });
  });
});
