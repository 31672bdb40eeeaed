import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { compileQuery } from '../query-matcher.js';
import type { Answer } from '../request-adapter/queries.js';
import { toParagraphResult, toSearchResult } from './result.js';
import type { FacetCounts } from './types.js';

const counts = (): FacetCounts => ({ people: new Map([['A', 3]]), organizations: new Map(), places: new Map(), countries: new Map(), authors: new Map(), section: new Map() });

describe('the search result', () => {
  it('takes the total from the counting answer, pages from perPage, and flags selected values', () => {
    const params = searchParamsSchema.parse({ q: 'oil', perPage: '4', people: 'B' });
    const result = toSearchResult(params, { totalHits: 9, processingTimeMs: 3 }, [], counts());
    expect(result).toMatchObject({ query: 'oil', page: 1, perPage: 4, totalHits: 9, totalPages: 3, processingTimeMs: 3, group: 'article', facetCountsExact: true });
    expect(result.facets.people).toEqual([
      { value: 'A', count: 3, selected: false },
      { value: 'B', count: 0, selected: true },
    ]);
  });

  it('makes each paragraph a hit of its own in paragraph mode', () => {
    const params = searchParamsSchema.parse({ q: 'oil', group: 'paragraph' });
    const hit = { id: 'a-p0', articleId: 'a', title: 'T', position: 0, text: 'oil prices', people: [], organizations: [], places: [], countries: [], mentions: [] };
    const paragraphs = { hits: [hit], totalHits: 1, processingTimeMs: 2, query: 'oil' } as unknown as Answer;
    const result = toParagraphResult(params, paragraphs, counts(), compileQuery('oil'));
    expect(result.hits.map((h) => [h.id, h.matchCount, h.otherMatches.length, h.snippet])).toEqual([['a-p0', 1, 0, '<mark>oil</mark> prices']]);
    expect(result.totalHits).toBe(1);
  });
});
