/**
 * The push API end to end against the real engine: off without a token, bearer authentication,
 * bad input rejected per article, additions searchable when the call returns, corrections and
 * takedowns complete in search, typeahead (its cache included) and /api/articles/:id, and large
 * batches answered 202 with a job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const TOKEN = 'test-admin-token-0123456789abcdef';
const meili = testMeili('push');
let server: TestServer;
let off: TestServer;

beforeAll(async () => {
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix, env: { LEDE_ADMIN_TOKEN: TOKEN } });
  // Its own prefix: a server rotates its prefix's search key at start, which would revoke the first one's.
  off = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: `${meili.prefix}_off` });
});
afterAll(async () => {
  await server?.close();
  await off?.close();
  await meili.cleanup();
});

async function send(method: string, path: string, body?: unknown, options: { token?: string | null; contentType?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
}

const article = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
  id,
  title,
  body: `${title}. The harbour authority in Valparaiso said on Monday that the port would stay open.\n\nShipping lines welcomed the decision.`,
  publishedAt: '2024-03-04T08:00:00Z',
  authors: ['Ana Ruiz'],
  section: 'Business',
  ...extra,
});

describe('push API', () => {
  it('answers 404 when LEDE_ADMIN_TOKEN is unset', async () => {
    const response = await fetch(`${off.url}/api/admin/articles`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
  });

  it('answers 401 without the bearer token or with a wrong one, and never logs it', async () => {
    expect((await send('POST', '/api/admin/articles', article('x', 'Nope'), { token: null })).status).toBe(401);
    const wrong = await send('POST', '/api/admin/articles', article('x', 'Nope'), { token: 'wrong-token-wrong-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect((await send('DELETE', '/api/admin/articles/x', undefined, { token: null })).status).toBe(401);
    for (const line of server.logs) expect(line).not.toContain(TOKEN);
  });

  it('indexes good articles, rejects bad ones naming the field, and they are searchable on return', async () => {
    const result = await send('POST', '/api/admin/articles', [article('port-open', 'Valparaiso port stays open'), { id: 'bad', title: 'Bad date', body: 'Text.', publishedAt: 'yesterday' }, { title: 'No id', body: 'Text.' }]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ received: 3, added: ['port-open'], updated: [], unchanged: [] });
    expect(result.body.rejected).toEqual([
      { index: 1, field: 'publishedAt', reason: expect.stringMatching(/publishedAt.*not a date/) },
      { index: 2, field: 'id', reason: expect.stringMatching(/"id": required/) },
    ]);
    const search = await getJson(server.url, '/api/search?q=Valparaiso');
    expect(search.body.hits.map((h: { articleId: string }) => h.articleId)).toEqual(['port-open']);
    expect(search.body.hits[0]).toMatchObject({ authors: ['Ana Ruiz'], section: 'Business' });
    const bySection = await getJson(server.url, '/api/search?q=Valparaiso&section=Sport');
    expect(bySection.body.hits).toHaveLength(0);
    const allBad = await send('POST', '/api/admin/articles', { id: 'bad2', title: 'x', paragraphs: 'not a list' });
    expect(allBad.status).toBe(400);
    expect(allBad.body.rejected[0]).toMatchObject({ field: 'paragraphs' });
  });

  it('takes NDJSON, and PUT corrects an article in place', async () => {
    const ndjson = [article('n1', 'Copper price rises'), article('n2', 'Copper mine strike ends')].map((a) => JSON.stringify(a)).join('\n');
    const posted = await send('POST', '/api/admin/articles', ndjson, { contentType: 'application/x-ndjson' });
    expect(posted.body.added).toEqual(['n1', 'n2']);
    // Let the refresh after the POST run, so what follows sees the correction's own.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const byline = async () => (await getJson(server.url, '/api/suggest?q=Odile%20Marchet')).body.suggestions.find((s: { value: string }) => s.value === 'Odile Marchet')?.count;
    expect(await byline()).toBeUndefined();
    const corrected = await send('PUT', '/api/admin/articles/n1', article('ignored', 'Copper price falls', { authors: ['Odile Marchet'] }));
    expect(corrected.body).toMatchObject({ updated: ['n1'] });
    // The corrected byline is counted in typeahead when the call returns.
    expect(await byline()).toBe(1);
    const again = await send('PUT', '/api/admin/articles/n1', article('ignored', 'Copper price falls', { authors: ['Odile Marchet'] }));
    expect(again.body).toMatchObject({ unchanged: ['n1'] });
    const view = await getJson(server.url, '/api/articles/n1');
    expect(view.body.title).toBe('Copper price falls');
    const search = await getJson(server.url, '/api/search?q=%22Copper%20price%20rises%22');
    expect(search.body.hits).toHaveLength(0);
  });

  it('reads only what a push needs from the index: a copy under another id is refused, a shorter correction drops its old paragraphs', async () => {
    const first = await send('POST', '/api/admin/articles', article('wire-a', 'Nitrate shipment delayed at Antofagasta'));
    expect(first.body.added).toEqual(['wire-a']);
    const copy = await send('POST', '/api/admin/articles', article('wire-b', 'Nitrate shipment delayed at Antofagasta'));
    expect(copy.body).toMatchObject({ added: [], updated: [] });
    expect(copy.body.rejected).toEqual([{ index: 0, id: 'wire-b', reason: expect.stringMatching(/same title and text as article "wire-a"/) }]);
    const long = { id: 'long-1', title: 'Lithium talks resume', body: 'Lithium producers met in Santiago.\n\nThe talks covered royalties.\n\nA cormorant colony delayed the survey.' };
    expect((await send('POST', '/api/admin/articles', long)).body.added).toEqual(['long-1']);
    expect((await getJson(server.url, '/api/search?q=cormorant&group=paragraph')).body.hits.length).toBe(1);
    const shorter = await send('PUT', '/api/admin/articles/long-1', { ...long, body: 'Lithium producers met in Santiago.' });
    expect(shorter.body.updated).toEqual(['long-1']);
    expect((await getJson(server.url, '/api/search?q=cormorant&group=paragraph')).body.hits.length).toBe(0);
    expect((await getJson(server.url, '/api/search?q=Lithium&group=paragraph')).body.hits.length).toBe(1);
  });

  it('takes an article down from search, typeahead (cached answers too) and /api/articles/:id', async () => {
    await send('POST', '/api/admin/articles', article('takedown', 'Zanzibar ferry disaster inquiry'));
    const before = await getJson(server.url, '/api/suggest?q=Zanzibar%20fer');
    expect(JSON.stringify(before.body.suggestions)).toContain('Zanzibar ferry disaster inquiry');
    // Asked twice: the second answer comes from the cache.
    expect((await getJson(server.url, '/api/suggest?q=Zanzibar%20fer')).headers.get('x-lede-cache')).toBe('hit');
    const deleted = await send('DELETE', '/api/admin/articles/takedown');
    expect(deleted).toMatchObject({ status: 200, body: { deleted: 'takedown' } });
    const started = Date.now();
    const after = await getJson(server.url, '/api/suggest?q=Zanzibar%20fer');
    expect(JSON.stringify(after.body.suggestions)).not.toContain('Zanzibar ferry disaster inquiry');
    expect((await getJson(server.url, '/api/search?q=Zanzibar')).body.hits).toHaveLength(0);
    expect((await getJson(server.url, '/api/articles/takedown')).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await send('DELETE', '/api/admin/articles/takedown')).status).toBe(404);
    expect((await send('DELETE', '/api/admin/articles/bad%20id')).status).toBe(400);
  });

  it('clusters beside the calls: a rewrite pushed later joins the story it repeats within seconds', async () => {
    const story = (id: string, publishedAt: string, every: number) => {
      let i = 0;
      const paragraphs = [
        'The central bank of Chile raised its benchmark interest rate by half a point on Tuesday, the third increase this year, saying inflation had not yet peaked.',
        'Governor Rosanna Costa told reporters in Santiago that the board would keep tightening until prices slowed, and that copper exports were holding up better than expected.',
        'Economists had expected a smaller rise. The peso gained against the dollar after the announcement, and shares of the largest banks fell in afternoon trading.',
      ].map((p) => p.split(' ').map((w) => (every && ++i % every === 0 ? 'reportedly' : w)).join(' '));
      return { id, title: `Chile raises interest rate again (${id})`, body: paragraphs.join('\n\n'), publishedAt };
    };
    expect((await send('POST', '/api/admin/articles', story('rate-wire', '2024-05-07T10:00:00Z', 0))).body.added).toEqual(['rate-wire']);
    const pushed = await send('POST', '/api/admin/articles', story('rate-rewrite', '2024-05-07T12:00:00Z', 9));
    expect(pushed.body.added).toEqual(['rate-rewrite']);
    const cluster = async () => (await meili.admin.index<{ cluster: string }>(meili.names.articles).getDocument('rate-rewrite', { fields: ['cluster'] })).cluster;
    // Searchable on return under its own cluster; the corpus-wide clustering follows beside the calls.
    const started = Date.now();
    let joined = await cluster();
    while (joined !== 'rate-wire' && Date.now() - started < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      joined = await cluster();
    }
    expect(joined).toBe('rate-wire');
  });

  it('answers a large batch 202 with a job, readable until done', async () => {
    const batch = Array.from({ length: 120 }, (_, i) => article(`bulk-${i}`, `Bulk story number ${i} about grain exports`));
    const started = await send('POST', '/api/admin/articles', batch);
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ status: 'running', received: 120 });
    let job = started.body.job;
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await send('GET', `/api/admin/jobs/${job.id}`)).body.job;
    }
    expect(job.status).toBe('done');
    expect(job.result.added).toHaveLength(120);
    expect((await send('GET', '/api/admin/jobs/nope')).status).toBe(404);
  });
});
