import { describe, expect, it } from 'vitest';
import { MAX_VALUES_PER_FACET } from '../../../meili/contract.js';
import { searchParamsSchema } from '../params.js';
import { selectedCountName } from '../request-adapter/selected-counts.js';
import { addSelectedCounts, FACET_VALUES_SHOWN, facetCounts, facetList, missingSelected } from './facets.js';

describe('facet counts', () => {
  const params = searchParamsSchema.parse({ people: ['A', 'Z'], places: 'Nowhere', section: 'Sport' });

  it('reads each facet from the query that leaves out its own filter', () => {
    const counts = facetCounts(
      params,
      {
        articles: { facetDistribution: { organizations: { UN: 4 }, countries: { France: 2 }, authors: { 'Ana Ruiz': 2 }, section: { Business: 9 } } },
        'facet:people': { facetDistribution: { people: { A: 5, B: 1 } } },
        'facet:places': { facetDistribution: { places: { Paris: 3 } } },
        'facet:section': { facetDistribution: { section: { Sport: 1, Business: 4 } } },
      },
      'articles',
    );
    expect(Object.fromEntries(Object.entries(counts).map(([f, m]) => [f, Object.fromEntries(m)]))).toEqual({
      people: { A: 5, B: 1 },
      organizations: { UN: 4 },
      places: { Paris: 3 },
      countries: { France: 2 },
      authors: { 'Ana Ruiz': 2 },
      // The selected facet's own query, not the main one (which has its filter).
      section: { Sport: 1, Business: 4 },
    });
  });

  it('gives an absent selected value 0 when its facet returned every value, and a query of its own otherwise', () => {
    const full = new Map(Array.from({ length: MAX_VALUES_PER_FACET.articles }, (_, i) => [`v${i}`, 9]));
    const counts = { people: full, organizations: new Map(), places: new Map([['Paris', 3]]), countries: new Map(), authors: new Map(), section: new Map([['Business', 4]]) };
    expect(missingSelected(params, counts, MAX_VALUES_PER_FACET.articles)).toEqual([
      { facet: 'people', value: 'A' },
      { facet: 'people', value: 'Z' },
    ]);
    expect(counts.places.get('Nowhere')).toBe(0);
    expect(counts.section.get('Sport')).toBe(0);
    addSelectedCounts(counts, [{ facet: 'people', value: 'A' }], { [selectedCountName('people', 'A')]: { totalHits: 7 } });
    expect(counts.people.get('A')).toBe(7);
  });

  it('lists the commonest values (ties by name), then selected values that are not among them', () => {
    const counts = new Map([...Array.from({ length: FACET_VALUES_SHOWN + 5 }, (_, i): [string, number] => [`v${String(i).padStart(2, '0')}`, 100 - i]), ['b', 50], ['a', 50]]);
    const list = facetList(counts, ['v24']);
    expect(list).toHaveLength(FACET_VALUES_SHOWN + 1);
    expect(list[0]).toEqual({ value: 'v00', count: 100, selected: false });
    expect(list.at(-1)).toEqual({ value: 'v24', count: 76, selected: true });
    expect(facetList(new Map([['b', 1], ['a', 1]]), []).map((v) => v.value)).toEqual(['a', 'b']);
  });
});
