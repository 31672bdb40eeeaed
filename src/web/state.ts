/**
 * The page's whole state lives in the URL, with the API's own parameter names, so reload, back and
 * forward, and a shared link all restore it. These are pure functions: URL ⇄ state.
 *
 *   ?q=nato&people=Volodymyr+Zelenskiy&authors=Ana+Ruiz&sort=newest&page=2&article=000_736e
 *   ⇄ { q: 'nato', filters: { people: ['Volodymyr Zelenskiy'], … }, sort: 'newest', page: 2, article: '000_736e', … }
 */
import { FACETS, toSearchParams, type Facet, type SearchRequest, type Sort } from './api.js';

export interface PageState extends SearchRequest {
  /** The article open in the reader view, if any. */
  article: string | null;
}

const SORTS: readonly Sort[] = ['relevance', 'newest', 'oldest'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function emptyFilters(): Record<Facet, string[]> {
  return { people: [], organizations: [], places: [], countries: [], authors: [], section: [] };
}

export const initialState: PageState = { q: '', filters: emptyFilters(), from: '', to: '', sort: 'relevance', page: 1, article: null };

/** Reads the state from a query string; anything malformed falls back to its default. */
export function parseState(search: string): PageState {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const facet of FACETS) filters[facet] = [...new Set(params.getAll(facet).map((v) => v.trim()).filter(Boolean))];
  const sort = params.get('sort') as Sort | null;
  const page = Number(params.get('page'));
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    from: date('from'),
    to: date('to'),
    sort: sort && SORTS.includes(sort) ? sort : 'relevance',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    article: params.get('article') || null,
  };
}

/** The query string for a state, defaults left out: `?q=nato&people=A&people=B`. */
export function toQueryString(state: PageState): string {
  const qs = toSearchParams({
    q: state.q,
    ...state.filters,
    from: state.from,
    to: state.to,
    sort: state.sort === 'relevance' ? undefined : state.sort,
    page: state.page > 1 ? state.page : undefined,
    article: state.article ?? undefined,
  }).toString();
  return qs ? `?${qs}` : '';
}

export function filterCount(state: PageState): number {
  return FACETS.reduce((n, f) => n + state.filters[f].length, 0);
}

/** A state asks for results when it has a query, a filter or a date bound; otherwise it is the first visit. */
export function wantsResults(state: PageState): boolean {
  return state.q !== '' || filterCount(state) > 0 || state.from !== '' || state.to !== '';
}

export function sameSearch(a: PageState, b: PageState): boolean {
  const key = (s: PageState) => toQueryString({ ...s, article: null });
  return key(a) === key(b);
}

/** The state after adding a filter value: back to page 1, the article closed. */
export function withFilter(state: PageState, facet: Facet, value: string): PageState {
  if (state.filters[facet].includes(value)) return { ...state, article: null };
  return { ...state, filters: { ...state.filters, [facet]: [...state.filters[facet], value] }, page: 1, article: null };
}

export function withoutFilter(state: PageState, facet: Facet, value: string): PageState {
  return { ...state, filters: { ...state.filters, [facet]: state.filters[facet].filter((v) => v !== value) }, page: 1, article: null };
}
