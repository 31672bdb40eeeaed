/**
 * Authors and section as counted facets (issue 15), against the real Meilisearch: eight articles
 * with bylines and sections (test/fixtures/bylines), whose counts are checked against the fixture
 * itself and against the total of selecting each value; disjunctive within a facet, AND across;
 * the 400s; typeahead and /api/entities suggesting authors and sections; the OpenAPI document.
 */
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('bylines');
let server: TestServer;

const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: 'lede', components: openApiDocument.components });
const validSearchResult = ajv.compile({ $ref: 'lede#/components/schemas/SearchResult' });

type FacetValue = { value: string; count: number; selected: boolean };
const search = async (query: string) => {
  const { status, body } = await getJson(server.url, `/api/search?${query}`);
  expect(status, query).toBe(200);
  expect(validSearchResult(body), JSON.stringify(validSearchResult.errors)).toBe(true);
  return body as { totalHits: number; facets: Record<string, FacetValue[]>; hits: Array<{ articleId: string }> };
};
const countsOf = (values: FacetValue[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));
const param = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;

beforeAll(async () => {
  const summary = await indexArticles(
    { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog },
    { paths: [path.join(repoRoot, 'test/fixtures/bylines')] },
  );
  expect(summary.skipped).toEqual([]);
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
});

describe('authors and section as counted facets', () => {
  it('counts each value in articles, as the fixture has them and as selecting the value returns', async () => {
    // "harbour" is in seven of the eight articles (not the vineyards); the byline "Tom Becker and Lena Fischer" is two authors.
    const harbour = await search('q=harbour');
    expect(harbour.totalHits).toBe(7);
    expect(countsOf(harbour.facets.authors!)).toEqual({ 'Ana Ruiz': 3, 'Tom Becker': 2, 'Lena Fischer': 2, 'Marta Quintero': 1 });
    expect(countsOf(harbour.facets.section!)).toEqual({ Business: 3, Sport: 2, Culture: 1 });
    const everything = await search('');
    expect(countsOf(everything.facets.authors!)).toMatchObject({ 'Ana Ruiz': 4 });
    expect(countsOf(everything.facets.section!)).toMatchObject({ Business: 4 });

    for (const [query, body] of [['q=harbour', harbour], ['', everything]] as const) {
      for (const facet of ['authors', 'section']) {
        for (const { value, count, selected } of body.facets[facet]!) {
          expect(selected).toBe(false);
          const chosen = await search(`${query}&${param(facet, value)}`);
          expect(chosen.totalHits, `${query} ${facet}=${value}`).toBe(count);
          // Selected, the value keeps its exact count and is flagged.
          expect(chosen.facets[facet]).toContainEqual({ value, count, selected: true });
        }
      }
    }
  });

  it('is disjunctive within a facet and conjunctive across facets', async () => {
    const ana = await search(`q=harbour&${param('authors', 'Ana Ruiz')}`);
    expect(ana.totalHits).toBe(3);
    // The other authors keep the counts they have without the author filter: choosing one widens the result.
    expect(countsOf(ana.facets.authors!)).toEqual({ 'Ana Ruiz': 3, 'Tom Becker': 2, 'Lena Fischer': 2, 'Marta Quintero': 1 });
    const either = await search(`q=harbour&${param('authors', 'Ana Ruiz')}&${param('authors', 'Lena Fischer')}`);
    expect(either.totalHits).toBe(5);
    expect(new Set(either.hits.map((h) => h.articleId))).toEqual(new Set(['byline-1', 'byline-2', 'byline-3', 'byline-4', 'byline-6']));
    // Under the author filter, a section counts the articles by Ana Ruiz in it: what selecting both returns.
    expect(countsOf(ana.facets.section!)).toEqual({ Business: 2 });
    const both = await search(`q=harbour&${param('authors', 'Ana Ruiz')}&${param('section', 'Business')}`);
    expect(both.totalHits).toBe(2);
    expect(countsOf(both.facets.authors!)).toEqual({ 'Ana Ruiz': 2, 'Tom Becker': 1 });
    const sections = await search(`q=harbour&${param('section', 'Sport')}&${param('section', 'Culture')}`);
    expect(sections.totalHits).toBe(3);
    expect(countsOf(sections.facets.section!)).toEqual({ Business: 3, Sport: 2, Culture: 1 });
    // Across the entity facets too: the byline filters narrow the entity counts.
    for (const { value, count } of both.facets.places!) {
      expect((await search(`q=harbour&${param('authors', 'Ana Ruiz')}&${param('section', 'Business')}&${param('places', value)}`)).totalHits).toBe(count);
    }
  });

  it('counts paragraphs in paragraph mode, each count what selecting the value returns', async () => {
    const body = await search('q=harbour&group=paragraph');
    expect(body.facets.authors!.length).toBeGreaterThan(0);
    for (const facet of ['authors', 'section']) {
      for (const { value, count } of body.facets[facet]!) {
        expect((await search(`q=harbour&group=paragraph&${param(facet, value)}`)).totalHits, `${facet}=${value}`).toBe(count);
      }
    }
  });

  it('lists a selected value that no article has with a count of 0, and no value can inject a filter', async () => {
    const nobody = await search(`q=harbour&${param('authors', 'Nobody Known')}`);
    expect(nobody.totalHits).toBe(0);
    expect(nobody.facets.authors).toContainEqual({ value: 'Nobody Known', count: 0, selected: true });
    for (const value of ['Business" OR section = "Sport', 'x\\" OR authors EXISTS OR "']) {
      expect((await search(param('section', value))).totalHits, value).toBe(0);
      expect((await search(param('authors', value))).totalHits, value).toBe(0);
    }
  });

  it('answers a bad author or section with a 400 naming it, and counts them under the cap on selected values', async () => {
    const people = Array.from({ length: 19 }, (_, i) => param('people', `p${i}`)).join('&');
    const cases: Array<[string, string]> = [
      [param('section', 'Sport\u0001'), 'section'],
      [param('authors', 'a'.repeat(201)), 'authors'],
      [Array.from({ length: 21 }, (_, i) => param('authors', `a${i}`)).join('&'), 'authors'],
      [`${people}&${param('authors', 'Ana Ruiz')}&${param('section', 'Sport')}`, 'section'],
      [`${people}&${param('authors', 'Ana Ruiz')}&${param('authors', 'Tom Becker')}`, 'authors'],
    ];
    for (const [query, name] of cases) {
      const { status, body } = await getJson(server.url, `/api/search?${query}`);
      expect(status, query.slice(0, 80)).toBe(400);
      expect(body.error).toMatchObject({ code: 'invalid_parameter', param: name });
    }
    expect((await getJson(server.url, `/api/search?${people}&${param('authors', 'Ana Ruiz')}`)).status).toBe(200);
  });
});

describe('typeahead and facet values', () => {
  it('suggests authors and sections, typed, with their article counts', async () => {
    const ruiz = await getJson(server.url, '/api/suggest?q=ruiz');
    expect(ruiz.status).toBe(200);
    expect(ruiz.body.suggestions).toContainEqual({ kind: 'entity', type: 'author', value: 'Ana Ruiz', label: 'Ana <mark>Ruiz</mark>', count: 4 });
    const fisch = await getJson(server.url, '/api/suggest?q=fisch');
    expect(fisch.body.suggestions).toContainEqual(expect.objectContaining({ kind: 'entity', type: 'author', value: 'Lena Fischer', count: 2 }));
    const sport = await getJson(server.url, '/api/suggest?q=spor');
    expect(sport.body.suggestions).toContainEqual(expect.objectContaining({ kind: 'entity', type: 'section', value: 'Sport', count: 2 }));
  });

  it('lists one kind of value for a facet: /api/entities?type=author and type=section', async () => {
    const authors = await getJson(server.url, '/api/entities?type=author&q=be');
    expect(authors.status).toBe(200);
    expect(authors.body).toMatchObject({ type: 'author', values: [{ value: 'Tom Becker', type: 'author', count: 2 }] });
    const sections = await getJson(server.url, '/api/entities?type=section');
    expect(sections.body.values.map((v: { value: string; count: number }) => [v.value, v.count])).toEqual([
      ['Business', 4],
      ['Sport', 2],
      ['Culture', 1],
    ]);
    expect((await getJson(server.url, '/api/entities?type=byline')).body.error).toMatchObject({ param: 'type' });
  });

  it('keeps the popular list (nothing typed) to entities', async () => {
    const { body } = await getJson(server.url, '/api/suggest?q=');
    for (const s of body.suggestions) expect(['person', 'organization', 'place', 'country']).toContain(s.type);
  });
});

describe('the OpenAPI document', () => {
  it('shows authors and section among the search parameters, the facets and the value types', () => {
    const doc = openApiDocument as unknown as {
      paths: Record<string, { get: { parameters: Array<{ name: string; description?: string }> } }>;
      components: { schemas: Record<string, { properties: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> }> };
    };
    const names = doc.paths['/api/search']!.get.parameters.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['authors', 'section']));
    expect(Object.keys(doc.components.schemas.SearchResult!.properties.facets!.properties!)).toEqual(['people', 'organizations', 'places', 'countries', 'authors', 'section']);
    expect(doc.components.schemas.Suggestions).toBeDefined();
    const entityType = doc.paths['/api/entities']!.get.parameters.find((p) => p.name === 'type') as unknown as { schema: { enum: string[] } };
    expect(entityType.schema.enum).toEqual(['person', 'organization', 'place', 'country', 'author', 'section']);
  });
});
