/**
 * Paragraph mode (group=paragraph): one multi-search on the paragraph index; hits, totals and facet
 * counts are paragraphs, and a facet filter means "the paragraph mentions it".
 *   people=[A] → paragraphs: filter (people = A), facets [organizations, places, countries, authors, section]
 *                facet:people: no filter, facets [people]
 */
import type { IndexNames } from '../../../meili/contract.js';
import { SEARCH_FACETS } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import { facetCountQuery } from './article-search.js';
import { filterClauses, filterWithout } from './filters.js';
import { commonQuery, facetQueryName, type NamedQueries } from './queries.js';
import { DISPLAY_FIELDS } from './passages.js';

export function planParagraphSearch(params: SearchParams, indexes: Pick<IndexNames, 'paragraphs'>): NamedQueries {
  const clauses = filterClauses(params);
  const common = commonQuery(params);
  const unselected = SEARCH_FACETS.filter((f) => params[f].length === 0);
  const queries: NamedQueries = {
    paragraphs: {
      indexUid: indexes.paragraphs,
      ...common,
      // Lead paragraphs first among those of one date.
      ...(common.sort && { sort: [...common.sort, 'position:asc'] }),
      filter: filterWithout(clauses),
      page: params.page,
      hitsPerPage: params.perPage,
      attributesToRetrieve: DISPLAY_FIELDS,
      ...(unselected.length > 0 && { facets: unselected }),
    },
  };
  for (const facet of SEARCH_FACETS.filter((f) => params[f].length > 0)) {
    queries[facetQueryName(facet)] = facetCountQuery(indexes.paragraphs, common, filterWithout(clauses, facet), facet);
  }
  return queries;
}
