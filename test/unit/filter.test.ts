import { describe, expect, it } from 'vitest';
import { allOf, anyOf, quote } from '../../src/meili/filter.js';

describe('filter building', () => {
  it('quotes and escapes values so they cannot close the string', () => {
    expect(quote('Donald Trump')).toBe('"Donald Trump"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(anyOf('people', ['x" OR source = "y'])).toBe('(people = "x\\" OR source = \\"y")');
  });
  it('ORs within a facet and ANDs across, dropping empty clauses', () => {
    expect(allOf([anyOf('people', ['A', 'B']), undefined, anyOf('places', ['C'])])).toBe('(people = "A" OR people = "B") AND (places = "C")');
    expect(allOf([undefined])).toBeUndefined();
  });
});
