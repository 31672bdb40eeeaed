/**
 * The HTTP API against the real Meilisearch: every parameter, every error, escaping, grouping and
 * disjunctive facet counts checked against counts computed independently, typeahead aliases,
 * the OpenAPI schemas, and the keys.
 */
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../../src/ingest/types.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { createClient } from '../../src/meili/client.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';
import { spawnLede } from '../helpers/cli.js';

const meili = testMeili('api');
let server: TestServer;
let paragraphs: ParagraphDocument[];
const seedId = '000_736e09f0b2d7f6d7';

const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: 'lede', components: openApiDocument.components });
function expectSchema(name: string, body: unknown) {
  const validate = ajv.compile({ $ref: `lede#/components/schemas/${name}` });
  const ok = validate(body);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
}

beforeAll(async () => {
  const summary = await indexArticles(
    { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog },
    { paths: [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')] },
  );
  expect(summary.skipped).toEqual([]);
  paragraphs = (await meili.admin.index<ParagraphDocument>(meili.names.paragraphs).getDocuments({ limit: 1000 })).results;
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
});

/** Articles (or paragraphs) among all documents that satisfy a predicate: the independent count. */
function countArticles(predicate: (p: ParagraphDocument) => boolean): number {
  return new Set(paragraphs.filter(predicate).map((p) => p.articleId)).size;
}

type ArticleFacets = Record<'people' | 'organizations' | 'places' | 'countries', Set<string>>;

/** Article ids whose paragraphs' facets, taken together, satisfy a predicate. */
function articlesWith(predicate: (a: ArticleFacets) => boolean): Set<string> {
  const byArticle = new Map<string, ArticleFacets>();
  for (const p of paragraphs) {
    const a = byArticle.get(p.articleId) ?? { people: new Set(), organizations: new Set(), places: new Set(), countries: new Set() };
    for (const facet of ['people', 'organizations', 'places', 'countries'] as const) for (const v of p[facet]) a[facet].add(v);
    byArticle.set(p.articleId, a);
  }
  return new Set([...byArticle].filter(([, a]) => predicate(a)).map(([id]) => id));
}

/** Articles with a paragraph that matches `q`, asked of the paragraph index. */
async function articlesMatching(q: string): Promise<Set<string>> {
  const hits = await meili.admin.index(meili.names.paragraphs).search(q, { limit: 10_000, attributesToRetrieve: ['articleId'] });
  return new Set(hits.hits.map((h) => h.articleId as string));
}

describe('GET /api/search', () => {
  it('groups paragraph hits by article with snippets, marks and counts', async () => {
    const { status, body } = await getJson(server.url, '/api/search?q=nato');
    expect(status).toBe(200);
    expectSchema('SearchResult', body);
    expect(body.group).toBe('article');
    const matching = await meili.admin.index(meili.names.paragraphs).search('nato', { limit: 1000, attributesToRetrieve: ['articleId'] });
    const perArticle = new Map<string, number>();
    for (const hit of matching.hits) perArticle.set(hit.articleId, (perArticle.get(hit.articleId) ?? 0) + 1);
    expect(body.totalHits).toBe(perArticle.size);
    expect(new Set(body.hits.map((h: { articleId: string }) => h.articleId)).size).toBe(body.hits.length);
    for (const hit of body.hits) {
      expect(hit.matchCount).toBe(perArticle.get(hit.articleId));
      expect(hit.otherMatches.length).toBe(Math.min(2, hit.matchCount - 1));
      expect(hit.snippet).toMatch(/<mark>nato<\/mark>|<mark>NATO<\/mark>|<mark>Nato<\/mark>/i);
    }
  });

  it('counts exactly, in articles: totals and every listed facet value, against the documents and against selecting the value', async () => {
    // Single words: an article matches when one of its paragraphs does (the paragraph index says
    // which, independently of the article index that answers the search).
    // A phrase too: an article matches it only where one paragraph has the words in order.
    for (const q of ['', 'nato', 'trade', 'ukraine', 'bank', '"trade deficit"']) {
      const matching = q === '' ? new Set(paragraphs.map((p) => p.articleId)) : await articlesMatching(q);
      const { body } = await getJson(server.url, `/api/search?q=${encodeURIComponent(q)}`);
      expect(body.facetCountsExact).toBe(true);
      expect(body.totalHits, q).toBe(matching.size);
      let listed = 0;
      for (const facet of ['people', 'organizations', 'places', 'countries'] as const) {
        for (const { value, count } of body.facets[facet]) {
          listed++;
          expect(count, `${q} ${facet} ${value}`).toBe(countArticles((p) => matching.has(p.articleId) && p[facet].includes(value)));
          const selected = await getJson(server.url, `/api/search?q=${encodeURIComponent(q)}&${facet}=${encodeURIComponent(value)}`);
          expect(selected.body.totalHits, `${q} ${facet}=${value}`).toBe(count);
        }
      }
      expect(listed, q).toBeGreaterThan(0);
    }
  });

  it('counts totals that add up over a facet that partitions the results (the source)', async () => {
    const sources = [...new Set(paragraphs.map((p) => p.source))];
    for (const q of ['', 'trade', 'nato']) {
      const { body } = await getJson(server.url, `/api/search?q=${q}`);
      let sum = 0;
      for (const source of sources) {
        if (source === null) {
          const matching = q === '' ? new Set(paragraphs.map((p) => p.articleId)) : await articlesMatching(q);
          sum += countArticles((p) => p.source === null && matching.has(p.articleId));
        } else {
          sum += (await getJson(server.url, `/api/search?q=${q}&source=${encodeURIComponent(source)}`)).body.totalHits;
        }
      }
      expect(sum, q).toBe(body.totalHits);
    }
  });

  it('selects articles that mention a value anywhere in article mode, paragraphs that do in paragraph mode', async () => {
    const { body } = await getJson(server.url, '/api/search?people=Donald+Trump&countries=Ukraine');
    expect(body.totalHits).toBe(articlesWith((a) => a.people.has('Donald Trump') && a.countries.has('Ukraine')).size);
    const paragraphMode = await getJson(server.url, '/api/search?people=Donald+Trump&countries=Ukraine&group=paragraph&perPage=100');
    expect(paragraphMode.body.totalHits).toBe(paragraphs.filter((p) => p.people.includes('Donald Trump') && p.countries.includes('Ukraine')).length);
  });

  it('`lede search` goes through the same service: the same articles, in the same order, with the same marks', async () => {
    const { body } = await getJson(server.url, '/api/search?q=trade+deficit&perPage=3');
    const run = spawnLede(['search', 'trade', 'deficit', '-n', '3'], { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, LEDE_INDEX_PREFIX: meili.prefix, LOG_LEVEL: 'warn' });
    expect((await run.exited).code, run.stderr()).toBe(0);
    const out = run.stdout();
    expect(out).toContain(`${body.totalHits} matching articles for "trade deficit"`);
    const listed = [...out.matchAll(/^\d+\. .* \[([^,\]]+), ¶(\d+)/gm)].map((m) => `${m[1]}-p${m[2]}`);
    expect(listed).toEqual(body.hits.map((h: { id: string }) => h.id));
    // Not a terminal: marks are brackets, as the API's <mark>.
    expect(out).toMatch(/\[(trade|deficit)\]/i);
  });

  it('ranks paragraphs tagged with the entity a query names (by any alias) above those that only contain the words', async () => {
    for (const [q, entity] of [['nato', 'NATO'], ['atlantic alliance', 'NATO'], ['zelensky', 'Volodymyr Zelenskiy']] as const) {
      const { body } = await getJson(server.url, `/api/search?q=${encodeURIComponent(q)}&group=paragraph&perPage=50`);
      const tagged = body.hits.map((h: { entities: Record<string, string[]> }) => Object.values(h.entities).flat().includes(entity));
      expect(tagged[0], q).toBe(true);
      // Once untagged paragraphs start, no tagged one follows.
      expect(tagged.slice(tagged.indexOf(false)).includes(true), q).toBe(tagged.indexOf(false) === -1);
    }
  });

  it('counts paragraphs in paragraph mode', async () => {
    const { body } = await getJson(server.url, '/api/search?q=nato&group=paragraph&perPage=100');
    const direct = await meili.admin.index(meili.names.paragraphs).search('nato', { limit: 1000 });
    expect(body.totalHits).toBe(direct.hits.length);
    expect(body.hits.length).toBe(direct.hits.length);
  });

  it('escapes paragraph text before marking: <script> in data stays text', async () => {
    const { body } = await getJson(server.url, '/api/search?q=message+council');
    const hit = body.hits.find((h: { articleId: string }) => h.articleId === 'fixture-script');
    expect(hit).toBeDefined();
    expect(hit.text).toContain('&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;');
    expect(hit.text).not.toMatch(/<script/i);
    expect(hit.snippet).not.toMatch(/<script/i);
    expect(hit.title).toBe('Kyiv council <b>warns</b> on drone attacks');
  });

  it('marks entity mentions so the client can make them filters', async () => {
    const { body } = await getJson(server.url, '/api/search?q=promise+summit');
    expect(body.hits[0].text).toMatch(/<mark class="entity" data-type="person" data-value="Donald Trump">(Mr )?Trump<\/mark>/);
  });

  it('filters by entity: OR within a facet, AND across facets', async () => {
    const one = await getJson(server.url, '/api/search?people=Paul+Volcker&group=paragraph&perPage=100');
    expect(one.body.totalHits).toBe(paragraphs.filter((p) => p.people.includes('Paul Volcker')).length);
    const either = await getJson(server.url, '/api/search?people=Paul+Volcker&people=Gerhard+Stoltenberg');
    expect(either.body.totalHits).toBe(countArticles((p) => p.people.includes('Paul Volcker') || p.people.includes('Gerhard Stoltenberg')));
    const both = await getJson(server.url, `/api/search?people=Paul+Volcker&countries=${encodeURIComponent('Japan')}&group=paragraph&perPage=100`);
    expect(both.body.totalHits).toBe(paragraphs.filter((p) => p.people.includes('Paul Volcker') && p.countries.includes('Japan')).length);
    expect(both.body.totalHits).toBeGreaterThan(0);
  });

  it('computes facet counts disjunctively, in articles, matching an independent count', async () => {
    const { body } = await getJson(server.url, '/api/search?people=Donald+Trump&countries=Ukraine');
    expectSchema('SearchResult', body);
    const trump = (a: ArticleFacets) => a.people.has('Donald Trump');
    const ukraine = (a: ArticleFacets) => a.countries.has('Ukraine');
    expect(body.totalHits).toBe(articlesWith((a) => trump(a) && ukraine(a)).size);
    // People counts ignore the people filter but keep the country filter, and vice versa.
    for (const f of body.facets.people) {
      expect(f.count, f.value).toBe(articlesWith((a) => ukraine(a) && a.people.has(f.value)).size);
    }
    for (const f of body.facets.countries) {
      expect(f.count, f.value).toBe(articlesWith((a) => trump(a) && a.countries.has(f.value)).size);
    }
    for (const f of body.facets.organizations) {
      expect(f.count, f.value).toBe(articlesWith((a) => trump(a) && ukraine(a) && a.organizations.has(f.value)).size);
    }
    expect(body.facets.people.find((f: { value: string }) => f.value === 'Donald Trump')).toMatchObject({ selected: true });
  });

  it('lists a selected value even when nothing matches it', async () => {
    const { body } = await getJson(server.url, '/api/search?people=Nobody+Known');
    expect(body.totalHits).toBe(0);
    expect(body.facets.people).toContainEqual({ value: 'Nobody Known', count: 0, selected: true });
  });

  it('cannot be made to inject a filter through facet or date values', async () => {
    const attempts = [
      'x" OR people EXISTS OR people = "y',
      'x\\" OR source = "fixture',
      "Trump' OR 1=1",
      'NOT people = "x"',
      'publishedAt 0 TO 99999999999',
      '") OR (people EXISTS',
      '\\',
    ];
    for (const facet of ['people', 'organizations', 'places', 'countries', 'source']) {
      for (const value of attempts) {
        const { status, body } = await getJson(server.url, `/api/search?${facet}=${encodeURIComponent(value)}`);
        expect(status, `${facet}=${value}`).toBe(200);
        expect(body.totalHits, `${facet}=${value}`).toBe(0);
      }
    }
    const { status } = await getJson(server.url, `/api/search?from=${encodeURIComponent('2020-01-01 OR people EXISTS')}`);
    expect(status).toBe(400);
  });

  it('sorts by date and keeps every query word when sorting', async () => {
    const newest = await getJson(server.url, '/api/search?q=japan&sort=newest&group=paragraph&perPage=50');
    const dates = newest.body.hits.map((h: { publishedAt: string }) => h.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const oldest = await getJson(server.url, '/api/search?q=japan&sort=oldest&group=paragraph&perPage=50');
    const oldestDates = oldest.body.hits.map((h: { publishedAt: string }) => h.publishedAt);
    expect(oldestDates).toEqual([...oldestDates].sort());
    expect(oldestDates.length).toBe(dates.length);
    const all = await getJson(server.url, '/api/search?q=bank+japan+stimulus&sort=newest&group=paragraph');
    expect(all.body.totalHits).toBe(0);
  });

  it('filters by date range and source', async () => {
    const { body } = await getJson(server.url, '/api/search?from=1987-03-01&to=1987-04-15&group=paragraph&perPage=100');
    expect(new Set(body.hits.map((h: { articleId: string }) => h.articleId))).toEqual(new Set(['fixture-trade-1', 'fixture-trade-2']));
    const wire = await getJson(server.url, '/api/search?source=wire');
    expect(wire.body.hits.map((h: { articleId: string }) => h.articleId)).toEqual(['fixture-trade-3']);
  });

  it('pages through results', async () => {
    const first = await getJson(server.url, '/api/search?group=paragraph&perPage=5&page=1');
    const second = await getJson(server.url, '/api/search?group=paragraph&perPage=5&page=2');
    expect(first.body.totalPages).toBe(Math.ceil(first.body.totalHits / 5));
    expect(second.body.page).toBe(2);
    const ids = new Set(first.body.hits.map((h: { id: string }) => h.id));
    for (const hit of second.body.hits) expect(ids.has(hit.id)).toBe(false);
  });

  it('supports phrases and excluded words', async () => {
    const phrase = await getJson(server.url, `/api/search?q=${encodeURIComponent('"trade deficit"')}&group=paragraph`);
    expect(phrase.body.hits.map((h: { id: string }) => h.id)).toEqual(['fixture-trade-1-p1']);
    const excluded = await getJson(server.url, `/api/search?q=${encodeURIComponent('bank -yen')}&group=paragraph`);
    for (const hit of excluded.body.hits) expect(hit.text.toLowerCase()).not.toContain('yen');
  });

  it('answers bad parameters with a 400 that names them', async () => {
    const cases: Array<[string, string]> = [
      ['sort=sideways', 'sort'],
      ['page=0', 'page'],
      ['page=-3', 'page'],
      ['page=abc', 'page'],
      ['perPage=101', 'perPage'],
      [`q=${'a'.repeat(501)}`, 'q'],
      ['from=yesterday', 'from'],
      ['to=2025-02-30T99:00', 'to'],
      ['from=2025-02-01&to=2025-01-01', 'from'],
      ['group=topic', 'group'],
      ['page=9999&perPage=100', 'page'],
      ['colour=red', 'colour'],
      [`q=${encodeURIComponent('a\u0001b')}`, 'q'],
      [Array.from({ length: 1000 }, () => 'people=x').join('&'), 'people'],
      // The selected values in all are capped: the parameter that goes past the cap is named.
      [[...Array.from({ length: 15 }, (_, i) => `people=p${i}`), ...Array.from({ length: 6 }, (_, i) => `places=q${i}`)].join('&'), 'places'],
    ];
    for (const [query, param] of cases) {
      const { status, body } = await getJson(server.url, `/api/search?${query}`);
      expect(status, query.slice(0, 60)).toBe(400);
      expectSchema('Error', body);
      expect(body.error).toMatchObject({ code: 'invalid_parameter', param });
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });
});

describe('GET /api/suggest', () => {
  it.each([
    ['put', 'Vladimir Putin'],
    ['zel', 'Volodymyr Zelenskiy'],
    ['nato', 'NATO'],
    ['volck', 'Paul Volcker'],
  ])('suggests the entity for "%s" by any word of its name or alias', async (q, value) => {
    const { status, body } = await getJson(server.url, `/api/suggest?q=${q}`);
    expect(status).toBe(200);
    expectSchema('Suggestions', body);
    const entity = body.suggestions.find((s: { kind: string; value: string }) => s.kind === 'entity' && s.value === value);
    expect(entity, JSON.stringify(body.suggestions)).toBeDefined();
    expect(entity.count).toBeGreaterThan(0);
    expect(entity.label).toContain('<mark>');
  });

  it('answers a repeated prefix from its cache, whatever the case, echoing the query as typed', async () => {
    const first = await getJson(server.url, '/api/suggest?q=kremli');
    expect(first.headers.get('x-lede-cache')).toBe('miss');
    const again = await getJson(server.url, '/api/suggest?q=KREMLI');
    expect(again.headers.get('x-lede-cache')).toBe('hit');
    expect(again.body).toEqual({ ...first.body, query: 'KREMLI' });
    expect((await getJson(server.url, '/api/suggest?q=kreml')).headers.get('x-lede-cache')).toBe('miss');
  });

  it('matches an alias that shares no word with the name', async () => {
    const { body } = await getJson(server.url, `/api/suggest?q=${encodeURIComponent('atlantic all')}`);
    const nato = body.suggestions.find((s: { value: string }) => s.value === 'NATO');
    expect(nato?.label).toMatch(/NATO <span class="alias">\(<mark>Atlantic<\/mark> <mark>All<\/mark>iance\)/);
  });

  it('completes queries from phrases of the corpus and suggests articles by title', async () => {
    const { body } = await getJson(server.url, '/api/suggest?q=securit');
    expect(body.suggestions.filter((s: { kind: string }) => s.kind === 'query').map((s: { value: string }) => s.value)).toContain('security guarantees');
    const titles = await getJson(server.url, '/api/suggest?q=bonn+rej');
    expect(titles.body.suggestions).toContainEqual(expect.objectContaining({ kind: 'article', articleId: 'fixture-trade-3' }));
  });

  it('answers an empty or one-character query with popular entities, never an error', async () => {
    for (const q of ['', 'v']) {
      const { status, body } = await getJson(server.url, `/api/suggest?q=${q}&limit=5`);
      expect(status).toBe(200);
      expect(body.suggestions.length).toBeGreaterThan(0);
      expect(body.suggestions.length).toBeLessThanOrEqual(5);
    }
    expect((await getJson(server.url, '/api/suggest?limit=11')).status).toBe(400);
  });
});

describe('GET /api/entities, /api/articles/:id, /health, /api/openapi.json', () => {
  it('searches one facet by prefix with article counts', async () => {
    const { body } = await getJson(server.url, '/api/entities?type=person&q=tru');
    expectSchema('EntityValues', body);
    expect(body.values[0]).toMatchObject({ value: 'Donald Trump', type: 'person', count: countArticles((p) => p.people.includes('Donald Trump')) });
    expect((await getJson(server.url, '/api/entities?type=animal')).status).toBe(400);
  });

  it('returns an article with paragraphs in order, marking those that match q', async () => {
    const { status, body } = await getJson(server.url, `/api/articles/${seedId}?q=pentagon`);
    expect(status).toBe(200);
    expectSchema('Article', body);
    expect(body.paragraphs.map((p: { position: number }) => p.position)).toEqual(body.paragraphs.map((_: unknown, i: number) => i));
    const matching = body.paragraphs.filter((p: { matches: boolean }) => p.matches);
    expect(matching.length).toBe(paragraphs.filter((p) => p.articleId === seedId && /pentagon/i.test(p.text)).length);
    for (const p of matching) expect(p.html).toMatch(/<mark>Pentagon<\/mark>|class="entity"[^>]*>Pentagon/);
  });

  it('answers unknown articles and routes with JSON 404s', async () => {
    const missing = await getJson(server.url, '/api/articles/no-such-article');
    expect(missing.status).toBe(404);
    expectSchema('Error', missing.body);
    const route = await getJson(server.url, '/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not_found');
    expect((await getJson(server.url, '/api/articles/bad%20id')).status).toBe(400);
  });

  it('reports health', async () => {
    const { status, body } = await getJson(server.url, '/health');
    expect(status).toBe(200);
    expectSchema('Health', body);
    expect(body.documents).toBe(paragraphs.length);
  });

  it('documents every route it serves', async () => {
    const { body } = await getJson(server.url, '/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(['/api/admin/articles', '/api/admin/articles/{id}', '/api/admin/jobs/{id}', '/api/articles/{id}', '/api/articles/{id}/related', '/api/entities', '/api/insights', '/api/openapi.json', '/api/search', '/api/search.atom', '/api/suggest', '/health']);
  });
});

describe('keys and headers', () => {
  it('never sends or logs the master key', async () => {
    const bodies = await Promise.all(['/api/search?q=trump', '/api/suggest?q=tr', '/health', '/api/openapi.json', '/api/search?sort=bad'].map((p) => fetch(`${server.url}${p}`).then((r) => r.text())));
    for (const text of [...bodies, ...server.logs]) expect(text).not.toContain(meili.masterKey);
    // The whole path, also for requests a router answered (not "/search" for "/api/search").
    const paths = server.logs.map((line) => /"path":"([^"]*)"/.exec(line)?.[1]).filter(Boolean);
    expect(paths.filter((p) => p === '/api/search').length).toBeGreaterThanOrEqual(2);
    expect(paths).toContain('/api/suggest');
    expect(paths).not.toContain('/search');
    expect(server.logs.join('\n')).not.toContain('q=trump');
  });

  it('uses a search-only key that cannot write', async () => {
    const writer = createClient({ url: meili.url, apiKey: server.searchKey });
    await expect(writer.index(meili.names.paragraphs).addDocuments([{ id: 'x' }])).rejects.toMatchObject({ response: { status: 403 } });
  });

  it('sends security headers and no CORS by default', async () => {
    const response = await fetch(`${server.url}/api/search?q=x`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
