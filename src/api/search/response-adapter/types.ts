/** The API's search response: what the response adapter builds and the web page reads. */
import type { EntityFacet } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';

export interface FacetValue {
  value: string;
  /** Articles (article mode) or paragraphs (paragraph mode) the search returns with this value selected. */
  count: number;
  selected: boolean;
}

export interface SearchHit {
  id: string;
  articleId: string;
  title: string;
  position: number;
  snippet: string;
  text: string;
  publishedAt: string | null;
  source: string | null;
  url: string | null;
  authors: string[];
  section: string | null;
  entities: Record<EntityFacet, string[]>;
  matchCount: number;
  otherMatches: Array<{ id: string; position: number; snippet: string }>;
}

export interface SearchResult {
  query: string;
  page: number;
  perPage: number;
  totalHits: number;
  totalPages: number;
  processingTimeMs: number;
  group: SearchParams['group'];
  /** Always true: totals and facet counts are counted, never estimated (kept for clients that read it). */
  facetCountsExact: true;
  hits: SearchHit[];
  facets: Record<EntityFacet, FacetValue[]>;
}

export type FacetCounts = Record<EntityFacet, Map<string, number>>;
