/**
 * `GET /api/insights`: the entity panel's counts checked against counts computed from the article
 * documents themselves (filter-only searches), and against the search's own totals (with words).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateBuckets, type ArticleRecord } from '../../src/ingest/documents.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { corpusDir, quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { existsSync } from 'node:fs';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('insights');
let server: TestServer;
let docs: ArticleRecord[];
const FACETS = ['people', 'organizations', 'places', 'countries'] as const;
// Dated articles over several months: the Reuters-like fixtures and, where present, nothing more is needed.
const inputs = [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')];
if (!existsSync(corpusDir)) console.warn('shared corpus absent: insights tested on the seed and fixtures');

beforeAll(async () => {
  await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: inputs });
  docs = (await meili.admin.index<ArticleRecord>(meili.names.articles).getDocuments({ limit: 1000 })).results;
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
});

/** The panel computed from documents: entity counts per article, articles per month. */
function expected(selected: ArticleRecord[]) {
  const entities = Object.fromEntries(
    FACETS.map((f) => {
      const counts = new Map<string, number>();
      for (const d of selected) for (const v of d[f]) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [f, counts];
    }),
  ) as Record<(typeof FACETS)[number], Map<string, number>>;
  const months = new Map<string, number>();
  for (const d of selected) if (d.month) months.set(d.month, (months.get(d.month) ?? 0) + 1);
  return { entities, months, undated: selected.filter((d) => d.publishedAt === null).length };
}

describe('the entity panel', () => {
  it('counts every entity per article and every month’s articles as the documents do', async () => {
    for (const [query, select] of [
      ['', () => true],
      ['countries=Japan', (d: ArticleRecord) => d.countries.includes('Japan')],
      ['from=1987-01-01&to=1987-12-31', (d: ArticleRecord) => d.publishedAt !== null && d.publishedAt >= Date.UTC(1987, 0, 1) / 1000 && d.publishedAt < Date.UTC(1988, 0, 1) / 1000],
    ] as const) {
      const { status, body } = await getJson(server.url, `/api/insights?interval=month&limit=50&${query}`);
      expect(status, JSON.stringify(body)).toBe(200);
      const selected = docs.filter(select);
      expect(selected.length).toBeGreaterThan(0);
      const want = expected(selected);
      expect(body.totalHits).toBe(selected.length);
      expect(body.undated).toBe(want.undated);
      for (const f of FACETS) {
        const top = [...want.entities[f]].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 50);
        expect(body.entities[f].map((e: { value: string; count: number }) => [e.value, e.count]), `${query} ${f}`).toEqual(top);
      }
      const timeline = Object.fromEntries(body.timeline.filter((b: { count: number }) => b.count > 0).map((b: { start: string; count: number }) => [b.start.slice(0, 7), b.count]));
      expect(timeline).toEqual(Object.fromEntries(want.months));
      // No gaps: consecutive months from the first to the last.
      for (let i = 1; i < body.timeline.length; i++) expect(Date.parse(body.timeline[i].start)).toBeGreaterThan(Date.parse(body.timeline[i - 1].end));
    }
  });

  it('with words, counts what the search counts (every version) and what selecting each value returns', async () => {
    const { body } = await getJson(server.url, '/api/insights?q=trade&limit=5');
    const search = await getJson(server.url, '/api/search?q=trade&cluster=false');
    expect(body.totalHits).toBe(search.body.totalHits);
    for (const f of FACETS) {
      for (const e of body.entities[f].slice(0, 3)) {
        const narrowed = await getJson(server.url, `/api/search?q=trade&cluster=false&${f}=${encodeURIComponent(e.value)}`);
        expect(narrowed.body.totalHits, `${f}=${e.value}`).toBe(e.count);
      }
    }
    // Weeks when the matching articles span under a year; a bucket is Monday to Sunday.
    expect(body.interval).toBe('week');
    for (const b of body.timeline) {
      expect(new Date(`${b.start}T00:00:00Z`).getUTCDay()).toBe(1);
      expect(dateBuckets(Date.parse(`${b.end}T12:00:00Z`) / 1000).week).toBe(b.start);
    }
  });

  it('marks selected entities and names a bad parameter', async () => {
    const { body } = await getJson(server.url, '/api/insights?countries=Japan');
    expect(body.entities.countries.find((e: { value: string }) => e.value === 'Japan')).toMatchObject({ selected: true });
    for (const [query, param] of [['interval=day', 'interval'], ['limit=0', 'limit'], ['perPage=x', 'perPage'], ['bogus=1', 'bogus']]) {
      const bad = await getJson(server.url, `/api/insights?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.param, query).toBe(param);
    }
  });
});
