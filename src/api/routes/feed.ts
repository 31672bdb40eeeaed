/**
 * `GET /api/search.atom?…`: a search as an Atom 1.0 feed (RFC 4287), so a reader can follow a query
 * in any feed reader. Same parameters as `/api/search`; the entries are always the newest matching
 * articles (sort is newest first whatever `sort` says), 20 unless `perPage` says otherwise.
 *
 * The XML is written by the `feed` package (escaping, dates, the Atom elements in order), not by
 * hand. Absolute links are made from the request's own origin (what the reader used to reach us).
 */
import type { Request } from 'express';
import { Router } from 'express';
import { Feed } from 'feed';
import { escapeHtml } from '../search/highlight.js';
import { feedParamsSchema, parseQuery, type SearchParams } from '../search/params.js';
import type { SearchResult } from '../search/response-adapter/types.js';
import type { SearchService } from '../search/service.js';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

/** The page's query string for the same search (the API's parameter names are the page's). */
export function pageQuery(params: SearchParams): string {
  const qs = new URLSearchParams();
  if (params.q) qs.set('q', params.q);
  for (const key of ['people', 'organizations', 'places', 'countries', 'source', 'authors', 'section'] as const) {
    for (const value of params[key]) qs.append(key, value);
  }
  const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);
  if (params.from !== undefined) qs.set('from', day(params.from));
  if (params.to !== undefined) qs.set('to', day(params.to));
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** "“nato” with people: Tony Blair": what the feed follows, in words. */
export function feedTitle(params: SearchParams): string {
  const parts: string[] = [];
  if (params.q) parts.push(`“${params.q}”`);
  const filters = (['people', 'organizations', 'places', 'countries', 'source', 'authors', 'section'] as const)
    .filter((key) => params[key].length > 0)
    .map((key) => `${key}: ${params[key].join(' or ')}`);
  if (filters.length > 0) parts.push(`${parts.length ? 'with ' : ''}${filters.join('; ')}`);
  return `lede: ${parts.length ? parts.join(' ') : 'all articles'}`;
}

export function toAtom(result: SearchResult, params: SearchParams, origin: string, selfUrl: string): string {
  const page = `${origin}/${pageQuery(params)}`;
  const newest = result.hits.map((h) => (h.publishedAt ? Date.parse(h.publishedAt) : NaN)).filter((t) => !Number.isNaN(t));
  const feed = new Feed({
    id: selfUrl,
    title: feedTitle(params),
    description: `The newest of ${result.totalHits} matching articles`,
    link: page,
    // RFC 4287: a feed's `updated` is its latest change; with no dated entry, now.
    updated: newest.length ? new Date(Math.max(...newest)) : new Date(),
    generator: 'lede',
    copyright: 'Each article belongs to its source',
    author: { name: 'lede' },
    feedLinks: { atom: selfUrl },
  });
  for (const hit of result.hits) {
    const reader = `${origin}/?article=${encodeURIComponent(hit.articleId)}`;
    feed.addItem({
      // Stable per article, whatever the query: a reader that follows two searches sees one story once.
      id: `${origin}/api/articles/${encodeURIComponent(hit.articleId)}`,
      // The `feed` package writes titles as type="html": plain text must be escaped for it.
      title: escapeHtml(hit.title),
      link: hit.url ?? reader,
      date: hit.publishedAt ? new Date(hit.publishedAt) : new Date(0),
      ...(hit.publishedAt && { published: new Date(hit.publishedAt) }),
      // Already escaped HTML, matches in <mark>.
      description: hit.snippet,
      author: hit.authors.length ? hit.authors.map((name) => ({ name })) : [{ name: hit.source ?? 'lede' }],
      category: hit.section ? [{ name: hit.section }] : undefined,
    });
  }
  return feed.atom1();
}

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

export function feedRoutes(service: SearchService): Router {
  const router = Router();
  router.get('/search.atom', async (req, res) => {
    const feedParams: SearchParams = { ...parseQuery(feedParamsSchema, req), sort: 'newest', group: 'article', page: 1 };
    const result = await service.search(feedParams);
    const base = origin(req);
    res.type(ATOM_TYPE).send(toAtom(result, feedParams, base, `${base}${req.originalUrl}`));
  });
  return router;
}
