import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { planParagraphSearch } from './paragraph-search.js';

describe('planParagraphSearch', () => {
  it('pages paragraphs with the unselected facets, and counts each selected facet without its own filter', () => {
    const queries = planParagraphSearch(searchParamsSchema.parse({ q: 'oil', group: 'paragraph', places: 'Paris', sort: 'oldest' }), { paragraphs: 'x_paragraphs' });
    expect(Object.keys(queries)).toEqual(['paragraphs', 'facet:places']);
    expect(queries.paragraphs).toMatchObject({
      indexUid: 'x_paragraphs',
      filter: '(places = "Paris")',
      sort: ['publishedAt:asc', 'position:asc'],
      page: 1,
      hitsPerPage: 10,
      facets: ['people', 'organizations', 'countries', 'authors', 'section'],
    });
    expect(queries['facet:places']).toMatchObject({ filter: undefined, facets: ['places'], limit: 0 });
    expect(queries['facet:places']!.sort).toBeUndefined();
  });
});
