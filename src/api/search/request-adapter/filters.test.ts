import { describe, expect, it } from 'vitest';
import { searchParamsSchema } from '../params.js';
import { filterClauses, filterWithout, inArticles, withValue } from './filters.js';

describe('filter clauses', () => {
  const params = searchParamsSchema.parse({ people: ['A', 'B'], countries: 'C', source: 'wire', from: '2025-08-18' });

  it('ORs the values of one facet and ANDs the facets, dates and source', () => {
    expect(filterWithout(filterClauses(params))).toBe('(people = "A" OR people = "B") AND (countries = "C") AND (source = "wire") AND publishedAt >= 1755475200');
  });

  it("leaves out one facet's own clause for its disjunctive counts", () => {
    expect(filterWithout(filterClauses(params), 'people')).toBe('(countries = "C") AND (source = "wire") AND publishedAt >= 1755475200');
    expect(filterWithout(filterClauses(searchParamsSchema.parse({ people: 'A' })), 'people')).toBeUndefined();
    const byline = filterClauses(searchParamsSchema.parse({ authors: ['Ana Ruiz', 'x" OR y'], section: 'Sport' }));
    expect(filterWithout(byline)).toBe('(authors = "Ana Ruiz" OR authors = "x\\" OR y") AND (section = "Sport")');
    expect(filterWithout(byline, 'authors')).toBe('(section = "Sport")');
  });

  it('quotes and escapes article ids and added values', () => {
    expect(inArticles(['a', 'b"c'])).toBe('articleId IN ["a", "b\\"c"]');
    expect(withValue(undefined, 'people', 'x" OR y')).toBe('people = "x\\" OR y"');
    expect(withValue('(source = "wire")', 'places', 'Paris')).toBe('(source = "wire") AND places = "Paris"');
  });
});
