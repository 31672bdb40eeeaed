/**
 * The feed of the search on screen: `<link rel="alternate" type="application/atom+xml">` in the head
 * (what feed readers and browser extensions look for) and the visible "Subscribe" link, both
 * pointing at `/api/search.atom` with the page's own search parameters.
 */
import { toSearchParams, type SearchRequest } from './api.js';

/** `/api/search.atom?q=nato&people=Tony+Blair` for a search (sort and page do not apply: a feed is newest first). */
export function feedUrl(request: Pick<SearchRequest, 'q' | 'filters' | 'from' | 'to'>): string {
  const qs = toSearchParams({ q: request.q, ...request.filters, from: request.from, to: request.to }).toString();
  return `/api/search.atom${qs ? `?${qs}` : ''}`;
}

/** Points the head's alternate link and the subscribe link at this search's feed (or hides them). */
export function showFeed(request: Pick<SearchRequest, 'q' | 'filters' | 'from' | 'to'> | null): void {
  const head = document.getElementById('feed-link') as HTMLLinkElement | null;
  const subscribe = document.getElementById('subscribe') as HTMLAnchorElement | null;
  const url = request ? feedUrl(request) : '/api/search.atom';
  head?.setAttribute('href', url);
  if (subscribe) {
    subscribe.setAttribute('href', url);
    subscribe.hidden = request === null;
  }
}
