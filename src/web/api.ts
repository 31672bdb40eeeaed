/**
 * The page's client of lede's JSON API (see `/api/openapi.json`). Every request goes through
 * `getJson`, the one place where HTTP failures become typed errors: a 503 or a network failure is a
 * `ServiceUnavailableError` (the page retries it), anything else non-2xx an `ApiError`. Aborted
 * requests reject with the browser's `AbortError`, which callers ignore.
 */

import type { Article, ArticleParagraph, EntityValue, EntityValues, FacetValue, SearchHit, SearchResult, Snippet, Suggestion, Suggestions, Version } from '../api/search/responses.js';
import type { SearchParams } from '../api/search/params.js';
import { ENTITY_FACETS, FACET_OF_KIND, KIND_OF_FACET, SEARCH_FACETS, type EntityFacet, type EntityKind, type FacetValueKind, type SearchFacet } from '../meili/facets.js';

// The API's response types, written once as schemas on the server side (type-only: nothing of it is bundled).
export type { Article, ArticleParagraph, EntityValue, EntityValues, FacetValue, SearchHit, SearchResult, Snippet, Suggestion, Suggestions, Version };

/** The kind of an entity mention in a text. */
export type EntityType = EntityKind;
/** The kind of a facet value: an entity's kind, `author` or `section`. */
export type ValueType = FacetValueKind;
/** A counted facet of the search: the entity facets, `authors` and `section`. */
export type Facet = SearchFacet;
export type { EntityFacet };
export type Sort = SearchParams['sort'];

/**
 * The facets (in the API's order) and their kinds, from the index contract's own module
 * (src/meili/facets.ts imports nothing, so bundling it brings no server code).
 */
export { ENTITY_FACETS, SEARCH_FACETS as FACETS, FACET_OF_KIND as FACET_OF_TYPE, KIND_OF_FACET as TYPE_OF_FACET };

export type EntityLists = Record<EntityFacet, string[]>;

/** Escaped HTML with `<mark>` around matches and `<mark class="entity" data-type data-value>` around mentions. */
export type MarkedHtml = string;

/** The API's error body: `{ error: { code, message, param?, suggestion? } }`. */
interface ErrorBody {
  error?: { code?: string; message?: string; suggestion?: string };
}

export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly suggestion: string | undefined;

  constructor(options: { status: number; code: string; message: string; suggestion?: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.suggestion = options.suggestion;
  }
}

/** The search engine cannot be reached (503, or no answer at all). Worth retrying after `retryAfterSeconds`. */
export class ServiceUnavailableError extends ApiError {
  override readonly name = 'ServiceUnavailableError';
  readonly retryAfterSeconds: number;

  constructor(options: { status: number; message: string; retryAfterSeconds: number; cause?: unknown }) {
    super({ ...options, code: 'search_unavailable' });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

const DEFAULT_RETRY_SECONDS = 5;

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Query parameters; arrays repeat the parameter (`people=A&people=B`), empty values are left out. */
export type Query = Record<string, string | number | readonly string[] | null | undefined>;

export function toSearchParams(query: Query): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'object') for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  return params;
}

export async function getJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
  const qs = toSearchParams(query).toString();
  let response: Response;
  try {
    response = await fetch(qs ? `${path}?${qs}` : path, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ServiceUnavailableError({ status: 0, message: 'The search service could not be reached.', retryAfterSeconds: DEFAULT_RETRY_SECONDS, cause: error });
  }
  if (response.ok) return (await response.json()) as T;
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const message = body.error?.message ?? `The search service answered ${response.status}.`;
  if (response.status === 503 || response.status === 502 || response.status === 504) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ServiceUnavailableError({ status: response.status, message, retryAfterSeconds: retryAfter > 0 ? retryAfter : DEFAULT_RETRY_SECONDS });
  }
  throw new ApiError({ status: response.status, code: body.error?.code ?? 'http_error', message, suggestion: body.error?.suggestion });
}

export interface SearchRequest {
  q: string;
  filters: Record<Facet, readonly string[]>;
  from: string;
  to: string;
  sort: Sort;
  page: number;
}

export const api = {
  search(request: SearchRequest, signal?: AbortSignal): Promise<SearchResult> {
    const { q, filters, from, to, sort, page } = request;
    return getJson('/api/search', { q, ...filters, from, to, sort: sort === 'relevance' ? undefined : sort, page }, signal);
  },
  suggest(q: string, signal?: AbortSignal, limit = 8): Promise<Suggestions> {
    return getJson('/api/suggest', { q, limit }, signal);
  },
  entities(type: ValueType, q: string, signal?: AbortSignal, limit = 8): Promise<EntityValues> {
    return getJson('/api/entities', { type, q, limit }, signal);
  },
  article(id: string, q: string, signal?: AbortSignal): Promise<Article> {
    return getJson(`/api/articles/${encodeURIComponent(id)}`, { q }, signal);
  },
};
