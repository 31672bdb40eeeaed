import { describe, expect, it } from 'vitest';
import { entityLabel, interleave, type Suggestion } from './suggestions.js';

const s = (kind: Suggestion['kind'], n: number): Suggestion[] => Array.from({ length: n }, (_, i) => ({ kind, value: `${kind}${i}`, label: `${kind}${i}` }));

describe('suggestions', () => {
  it('labels an entity with the alias that matches the most typed words', () => {
    expect(entityLabel({ value: 'NATO', aliases: ['North Atlantic Treaty Organization', 'Atlantic Alliance'] }, 'atlantic all')).toBe(
      'NATO <span class="alias">(<mark>Atlantic</mark> <mark>All</mark>iance)</span>',
    );
    expect(entityLabel({ value: 'Volodymyr Zelenskiy', aliases: [] }, 'zel')).toBe('Volodymyr <mark>Zel</mark>enskiy');
  });

  it('gives each kind its share, then fills the room left', () => {
    expect(interleave(8, s('entity', 10), s('query', 10), s('article', 10)).map((x) => x.kind)).toEqual(['entity', 'entity', 'entity', 'entity', 'query', 'query', 'article', 'article']);
    expect(interleave(8, s('entity', 1), s('query', 10), s('article', 1)).map((x) => x.kind)).toEqual(['entity', 'query', 'query', 'query', 'query', 'query', 'query', 'article']);
  });
});
