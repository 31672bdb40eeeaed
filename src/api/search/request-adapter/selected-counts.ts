/**
 * Counts of selected values that a facet query did not return (a facet returns its
 * MAX_VALUES_PER_FACET commonest values): one query each, no documents read, `totalHits`
 * exhaustive. Bounded: at most MAX_SELECTED_VALUES values can be selected (params.ts).
 *   people=[A, Z] where Z is not among the returned values →
 *     count:people:Z: filter (everything but people) AND people = "Z", hitsPerPage 0
 */
import type { SearchFacet } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import { filterClauses, filterWithout, withValue } from './filters.js';
import { commonQuery, type NamedQueries } from './queries.js';

export const selectedCountName = (facet: SearchFacet, value: string) => `count:${facet}:${value}`;

export function planSelectedCounts(params: SearchParams, indexUid: string, missing: ReadonlyArray<{ facet: SearchFacet; value: string }>): NamedQueries {
  const clauses = filterClauses(params);
  const { sort: _sort, ...common } = commonQuery(params);
  return Object.fromEntries(
    missing.map(({ facet, value }) => [
      selectedCountName(facet, value),
      { indexUid, ...common, filter: withValue(filterWithout(clauses, facet), facet, value), page: 1, hitsPerPage: 0 },
    ]),
  );
}
