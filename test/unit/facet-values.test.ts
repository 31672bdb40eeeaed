import { describe, expect, it } from 'vitest';
import { facetValuesOf } from '../../src/indexer/derived-indexes.js';

describe('facetValuesOf', () => {
  it("reads a record's values of a facet as a list: the byline's names, one section or none", () => {
    expect(facetValuesOf({ authors: ['Ana Ruiz', 'Tom Becker'] }, 'authors')).toEqual(['Ana Ruiz', 'Tom Becker']);
    expect(facetValuesOf({ section: 'Business' }, 'section')).toEqual(['Business']);
    expect(facetValuesOf({ section: null }, 'section')).toEqual([]);
    expect(facetValuesOf({ section: '' }, 'section')).toEqual([]);
    expect(facetValuesOf({ people: ['Vladimir Putin'] }, 'people')).toEqual(['Vladimir Putin']);
  });

  it('gives records indexed before authors and section existed no values', () => {
    expect(facetValuesOf({}, 'authors')).toEqual([]);
    expect(facetValuesOf({}, 'section')).toEqual([]);
  });
});
