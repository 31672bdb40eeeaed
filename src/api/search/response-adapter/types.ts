/** The API's search response types (written once, as schemas, in ../responses.ts) and the counts the adapter assembles. */
import type { SearchFacet } from '../../../meili/contract.js';

export type { FacetValue, SearchHit, SearchResult } from '../responses.js';

export type FacetCounts = Record<SearchFacet, Map<string, number>>;
