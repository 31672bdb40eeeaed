/**
 * Feeds into the real engine: the 23 feeds of ../shared/feeds as a folder (the malformed one
 * reported, the batch going on), and a feed served over HTTP as `lede index <url>` reads it.
 * Skipped with a message where ../shared/feeds is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';

const feedsDir = path.resolve(repoRoot, '../shared/feeds');
const haveFeeds = existsSync(path.join(feedsDir, 'INDEX.tsv'));
if (!haveFeeds) console.warn(`feed indexing tests skipped: ${feedsDir} not found`);

const resources = loadEntityResources();

describe.skipIf(!haveFeeds)('indexing feeds', () => {
  const meili = testMeili('feeds');
  const deps = { admin: meili.admin, prefix: meili.prefix, resources, log: quietLog };
  let server: Server | undefined;
  afterAll(async () => {
    server?.close();
    await meili.cleanup();
  });

  it('indexes every item of the well-formed feeds and reports the malformed one with its path', async () => {
    const summary = await indexArticles(deps, { paths: [path.join(feedsDir, 'files')] });
    const rows = readFileSync(path.join(feedsDir, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const wellFormedItems = rows.filter((r) => r[6] === 'yes').reduce((sum, r) => sum + Number(r[3]), 0);
    const a = summary.articles;
    expect(a.read).toBe(wellFormedItems);
    expect(a.added + a.updated + a.unchanged + a.empty + a.duplicate + a.copies + a.failed).toBe(a.read);
    expect(a.failed).toBe(0);
    expect(a.added).toBeGreaterThan(wellFormedItems * 0.9);
    const malformed = summary.skipped.filter((s) => !/duplicate article id/.test(s.reason));
    expect(malformed).toEqual([{ path: path.join(feedsDir, 'files/rbren-rss-parser/uolNoticias.rss'), reason: expect.stringMatching(/not well-formed XML/) }]);
    // An item is searchable by its headline, with its link, date and source.
    const hit = (await meili.admin.index(meili.names.articles).search('', { filter: 'source = "The Guardian"', limit: 100 })).hits as Array<Record<string, unknown>>;
    expect(hit.length).toBeGreaterThan(40);
    expect(hit[0]).toMatchObject({ url: expect.stringMatching(/^https:\/\/www\.theguardian\.com\//), date: expect.stringMatching(/^2018-/) });
    // Bylines and sections are facets: filterable on paragraphs and on article records.
    const byAuthor = await meili.admin.index(meili.names.paragraphs).search('', { filter: 'authors = "Jake Nevins"', limit: 100 });
    expect(new Set(byAuthor.hits.map((h) => h.articleId)).size).toBe(3);
    const bySection = await meili.admin.index(meili.names.articles).search('', { filter: 'section = "Water Pollution"', limit: 10 });
    expect(bySection.hits.map((h) => h.source)).toContain('NYT > U.S. News');
    expect(bySection.hits[0]).toMatchObject({ authors: expect.any(Array), section: 'Water Pollution' });
  });

  it('reads a feed from a URL', async () => {
    const body = readFileSync(path.join(feedsDir, 'files/rbren-rss-parser/heise.atom'));
    server = createServer((req, res) => {
      if (req.url !== '/feed') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    const summary = await indexArticles(deps, { paths: [url] });
    expect(summary.articles.read).toBe(15);
    expect(summary.skipped).toEqual([]);
    const found = await meili.admin.index(meili.names.paragraphs).search('WildFly', { limit: 5 });
    expect(found.hits.length).toBeGreaterThan(0);
    const gone = url.replace('/feed', '/gone');
    const missing = await indexArticles(deps, { paths: [gone] });
    expect(missing.articles.read).toBe(0);
    expect(missing.skipped).toEqual([{ path: gone, reason: 'could not fetch the feed: HTTP 404 Not Found' }]);
  });
});
