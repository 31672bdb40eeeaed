/**
 * `GET /api/search.atom`: a search as Atom 1.0, parsed back by a feed parser (rss-parser), its
 * entries the same articles as the search sorted newest first, and bad parameters a JSON 400.
 */
import path from 'node:path';
import { decodeHTML } from 'entities';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('feed');
let server: TestServer;

beforeAll(async () => {
  await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')] });
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
});

async function atom(query: string): Promise<{ status: number; type: string | null; xml: string }> {
  const response = await fetch(`${server.url}/api/search.atom${query}`);
  return { status: response.status, type: response.headers.get('content-type'), xml: await response.text() };
}

describe('the feed of a search', () => {
  it('is Atom 1.0 that a feed parser reads back: the newest matching articles, the same as the search', async () => {
    const { status, type, xml } = await atom('?q=trade');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/atom\+xml/);
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    const feed = await new Parser().parseString(xml);
    const search = await getJson(server.url, '/api/search?q=trade&sort=newest&perPage=20');
    expect(search.body.hits.length).toBeGreaterThan(1);
    expect(feed.items.map((i) => i.id)).toEqual(search.body.hits.map((h: { articleId: string }) => `${server.url}/api/articles/${h.articleId}`));
    // Entry titles are type="html" (as the `feed` package writes them): a reader decodes them.
    expect(feed.items.map((i) => decodeHTML(i.title ?? ''))).toEqual(search.body.hits.map((h: { title: string }) => h.title));
    // Newest first.
    const dates = feed.items.map((i) => Date.parse(i.isoDate ?? '')).filter((t) => !Number.isNaN(t));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(feed.title).toBe('lede: “trade”');
    // The feed's own link is the page showing the same search; its self link this URL.
    expect(feed.link).toBe(`${server.url}/?q=trade`);
    expect(xml).toContain(`<link rel="self" href="${server.url}/api/search.atom?q=trade"/>`);
  });

  it('takes the search filters and perPage; titles with markup come back as text', async () => {
    const all = await new Parser().parseString((await atom('?perPage=100')).xml);
    // The fixture whose headline has markup in it: escaped in the type="html" title, so a reader
    // shows the text it is and runs no markup.
    const scripted = all.items.find((i) => i.id?.endsWith('/fixture-script'));
    expect(scripted?.title).toBe('Kyiv council &lt;b&gt;warns&lt;/b&gt; on drone attacks');
    expect(decodeHTML(scripted!.title!)).toBe('Kyiv council <b>warns</b> on drone attacks');
    expect(scripted?.link).toBe('https://example.com/fixture-script');
    const one = await new Parser().parseString((await atom('?perPage=1')).xml);
    expect(one.items).toHaveLength(1);
    const search = await getJson(server.url, '/api/search?countries=United%20States&sort=newest&perPage=20');
    const filtered = await new Parser().parseString((await atom('?countries=United%20States')).xml);
    expect(filtered.items.map((i) => i.id!.split('/').pop())).toEqual(search.body.hits.map((h: { articleId: string }) => h.articleId));
  });

  it('answers a bad parameter with a JSON 400 naming it', async () => {
    const { status, type, xml } = await atom('?perPage=abc');
    expect(status).toBe(400);
    expect(type).toMatch(/application\/json/);
    expect(JSON.parse(xml).error.param).toBe('perPage');
  });
});
