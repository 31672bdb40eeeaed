/**
 * Hostile queries against the real app on the real Meilisearch: over-long values, repeated
 * parameters, control characters and invalid UTF-8, filter-injection attempts in every parameter,
 * absurd page numbers, unknown parameters, hostile article ids. Every answer is a 400 that names the
 * parameter, or a correct 200 (or a JSON 404 for an article that does not exist); never a 5xx, and
 * never a filter the user did not ask for.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('hostileq');
let server: TestServer;

beforeAll(async () => {
  const summary = await indexArticles(
    { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog },
    { paths: [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')] },
  );
  expect(summary.skipped).toEqual([]);
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
});

const FACETS = ['people', 'organizations', 'places', 'countries'] as const;
const SEARCH_PARAMS = ['q', ...FACETS, 'source', 'from', 'to', 'sort', 'page', 'perPage', 'group'] as const;
/** A value of each facet that the seed and fixtures do hold, to build injections around. */
const REAL_VALUE: Record<(typeof FACETS)[number] | 'source', string> = {
  people: 'Donald Trump',
  organizations: 'NATO',
  places: 'Kyiv',
  countries: 'Ukraine',
  source: 'wire',
};

/** Filter-injection attempts: quotes, backslashes, operators, ranges, IN lists, parentheses, newlines. */
function injections(attribute: string, real: string): string[] {
  return [
    `x" OR ${attribute} EXISTS OR ${attribute} = "y`,
    `${real}" OR ${attribute} EXISTS OR ${attribute} = "${real}`,
    `${real}" OR "1" = "1`,
    `x\\" OR ${attribute} EXISTS OR ${attribute} = \\"y`,
    `x\\\\" OR ${attribute} EXISTS OR ${attribute} = "y`,
    `${real}\\`,
    '\\',
    '"',
    "' OR 1=1 --",
    `NOT ${attribute} = "x"`,
    `x" AND NOT ${attribute} = "x`,
    `${attribute} EXISTS`,
    `x" OR ${attribute} IS NOT EMPTY OR ${attribute} = "y`,
    'publishedAt 0 TO 99999999999',
    `x" OR publishedAt 0 TO 99999999999 OR ${attribute} = "y`,
    `x" OR ${attribute} IN ["${real}", "x"] OR ${attribute} = "y`,
    `${attribute} IN [${real}]`,
    `x") OR (${attribute} EXISTS`,
    `x")) OR ((${attribute} EXISTS`,
    `x"\nOR ${attribute} EXISTS OR ${attribute} = "y`,
    `x"\r\nOR ${attribute} EXISTS\r\nOR ${attribute} = "y`,
    `x"\tOR\t${attribute}\tEXISTS\tOR\t${attribute}\t=\t"y`,
    `x' OR ${attribute} EXISTS OR ${attribute} = 'y`,
    `x\` OR ${attribute} EXISTS OR ${attribute} = \`y`,
    `_geoRadius(0, 0, 100000000)`,
    `x" OR _geoRadius(0, 0, 100000000) OR ${attribute} = "y`,
  ];
}

const CONTROL_VALUES = ['a\u0000b', 'a\u0001b', '\u001b[31mred', 'a\u007fb', 'a\u000bb', 'a\u000cb'];
/** Raw, already percent-encoded: invalid UTF-8 (a truncated pair, a lone surrogate, an overlong slash). */
const INVALID_UTF8 = ['%FF%FE', '%ED%A0%80', '%C0%AF', 'a%E2%82', '%80'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = Awaited<ReturnType<typeof getJson<any>>>;

/** A 400 naming a parameter, a 200, or (for articles) a JSON 404: never a 5xx, never an empty body. */
function expectSafe(answer: Answer, label: string, allowed: number[] = [200, 400]): void {
  expect(answer.status, `${label} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`).toBeLessThan(500);
  expect(allowed, `${label} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`).toContain(answer.status);
  expect(typeof answer.body, label).toBe('object');
  if (answer.status >= 400) {
    expect(answer.body.error, label).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    if (answer.status === 400) expect(answer.body.error.param, `${label}: a 400 names the parameter`).toEqual(expect.any(String));
  }
}

async function expectBadParam(pathAndQuery: string, param: string): Promise<void> {
  const answer = await getJson(server.url, pathAndQuery);
  expectSafe(answer, pathAndQuery.slice(0, 120), [400]);
  expect(answer.body.error, pathAndQuery.slice(0, 120)).toMatchObject({ code: 'invalid_parameter', param });
}

const enc = encodeURIComponent;

describe('GET /api/search with hostile values', () => {
  it('refuses a 10,000-character q, and answers a hostile q at the length limit', async () => {
    await expectBadParam(`/api/search?q=${'a'.repeat(10_000)}`, 'q');
    await expectBadParam(`/api/search?q=${enc('nato '.repeat(2_000))}`, 'q');
    for (const q of ['"a" '.repeat(125), 'a'.repeat(500), '-x '.repeat(166), '"'.repeat(500), 'nato '.repeat(100)]) {
      expectSafe(await getJson(server.url, `/api/search?q=${enc(q)}`), `q=${q.slice(0, 20)}…`, [200]);
    }
  });

  it('answers search-syntax oddities in q with a 200', async () => {
    const odd = ['"', '""', '"unterminated phrase', '-', '--nato', '- - -', '\\', 'a"b"c', '*', 'nato OR trump', 'people = "Donald Trump"', '_vectors', '🏳️‍🌈 nato', '\u202Eotan', '\u2028nato', 'ﬁnance', '\u200Bnato'];
    for (const q of odd) expectSafe(await getJson(server.url, `/api/search?q=${enc(q)}`), `q=${q}`, [200]);
  });

  it('refuses 1,000 repeated values of a facet and of every single-valued parameter', async () => {
    for (const facet of [...FACETS, 'source']) await expectBadParam(`/api/search?${Array.from({ length: 1_000 }, () => `${facet}=x`).join('&')}`, facet);
    for (const [param, value] of [['q', 'nato'], ['from', '2020-01-01'], ['to', '2020-01-01'], ['sort', 'newest'], ['page', '1'], ['perPage', '10'], ['group', 'article']]) {
      await expectBadParam(`/api/search?${Array.from({ length: 1_000 }, () => `${param}=${value}`).join('&')}`, param!);
    }
  });

  it('refuses a parameter given twice where one value is expected', async () => {
    await expectBadParam('/api/search?sort=newest&sort=oldest', 'sort');
    await expectBadParam('/api/search?q=a&q=b', 'q');
    await expectBadParam('/api/search?page=1&page=2', 'page');
    await expectBadParam('/api/search?perPage=5&perPage=6', 'perPage');
    await expectBadParam('/api/search?group=article&group=paragraph', 'group');
    await expectBadParam('/api/search?from=2020-01-01&from=2021-01-01', 'from');
    await expectBadParam('/api/search?to=2020-01-01&to=2021-01-01', 'to');
  });

  it('refuses control characters and invalid UTF-8 in every parameter', async () => {
    for (const param of SEARCH_PARAMS) {
      for (const value of CONTROL_VALUES) await expectBadParam(`/api/search?${param}=${enc(value)}`, param);
      for (const raw of INVALID_UTF8) await expectBadParam(`/api/search?${param}=${raw}`, param);
    }
  });

  it('never lets a facet value add a filter: an injection matches nothing', async () => {
    for (const facet of [...FACETS, 'source'] as const) {
      const real = await getJson(server.url, `/api/search?${facet}=${enc(REAL_VALUE[facet])}`);
      expect(real.body.totalHits, `${facet}=${REAL_VALUE[facet]} must match something for this test to mean anything`).toBeGreaterThan(0);
      for (const value of injections(facet, REAL_VALUE[facet])) {
        const label = `${facet}=${JSON.stringify(value)}`;
        const answer = await getJson(server.url, `/api/search?${facet}=${enc(value)}`);
        expectSafe(answer, label);
        if (answer.status === 200) {
          expect(answer.body.totalHits, label).toBe(0);
          expect(answer.body.hits, label).toEqual([]);
        }
        // Beside a real selection of another facet, the injection still narrows to nothing.
        const other = facet === 'people' ? 'countries' : 'people';
        const combined = await getJson(server.url, `/api/search?${other}=${enc(REAL_VALUE[other])}&${facet}=${enc(value)}&group=paragraph`);
        expectSafe(combined, `${other}=… & ${label}`);
        if (combined.status === 200) expect(combined.body.totalHits, `${other}=… & ${label}`).toBe(0);
      }
    }
  });

  it('refuses injections in from, to, sort, page, perPage and group', async () => {
    for (const param of ['from', 'to', 'sort', 'page', 'perPage', 'group'] as const) {
      const base = { from: '2020-01-01', to: '2020-01-01', sort: 'newest', page: '1', perPage: '10', group: 'paragraph' }[param];
      const attempts = [
        ...injections('publishedAt', base),
        `${base} OR people EXISTS`,
        `${base} AND people EXISTS`,
        `${base}) OR (people EXISTS`,
        `${base}\nOR people EXISTS`,
        `${base}\n`,
        ` ${base}`,
        `${base} TO 99999999999`,
        `${base}" OR "1" = "1`,
        `[${base}]`,
        `${base}&people=x`,
      ];
      for (const value of attempts) await expectBadParam(`/api/search?${param}=${enc(value)}`, param);
    }
  });

  it('refuses negative, fractional, exponent and huge page numbers', async () => {
    for (const param of ['page', 'perPage']) {
      for (const value of ['-1', '0', '1e9', '99999999999999999999', '1.5', '+1', '0x10', 'Infinity', 'NaN', '', ' ', '1 ', '٣']) {
        // An empty value means the default; everything else here is refused.
        if (value === '') {
          expectSafe(await getJson(server.url, `/api/search?${param}=`), `${param}=`);
          continue;
        }
        await expectBadParam(`/api/search?${param}=${enc(value)}`, param);
      }
    }
    // The last reachable page is answered (empty or not), one past it is refused.
    const last = await getJson(server.url, '/api/search?page=10000&perPage=1&group=paragraph');
    expectSafe(last, 'page=10000&perPage=1', [200]);
    expect(last.body.hits).toEqual([]);
    await expectBadParam('/api/search?page=10001&perPage=1', 'page');
  });

  it('refuses unknown parameters, prototype keys and bracket syntax', async () => {
    for (const [query, param] of [
      ['colour=red', 'colour'],
      ['__proto__=x', '__proto__'],
      ['constructor=x', 'constructor'],
      ['toString=x', 'toString'],
      ['hasOwnProperty=x', 'hasOwnProperty'],
      ['filter=people%20EXISTS', 'filter'],
      ['people[]=x', 'people[]'],
      ['people[0]=x', 'people[0]'],
      ['q[$ne]=x', 'q[$ne]'],
      ['=x', ''],
      ['%FF=x', '\uFFFD'],
      ['People=x', 'People'],
    ] as const) {
      await expectBadParam(`/api/search?${query}`, param);
    }
  });

  // A query string of more than 1,000 pairs: Node's querystring (Express's "simple" parser) keeps
  // only the first 1,000 and silently drops the rest, so a filter given after them would be lost
  // and the answer would hold more than the user asked for.
  it('does not silently drop a filter that comes after 1,000 empty pairs', async () => {
    const answer = await getJson(server.url, `/api/search?${'&'.repeat(1_000)}people=${enc('Nobody Known')}`);
    expectSafe(answer, '1,000 empty pairs then people=Nobody Known');
    if (answer.status === 200) expect(answer.body.totalHits, 'the people filter must still apply').toBe(0);
  });

  // V8's Date.parse rolls 2025-02-30 over to 2025-03-02 instead of refusing it.
  it('refuses a calendar date that does not exist', async () => {
    await expectBadParam('/api/search?from=2025-02-30', 'from');
    await expectBadParam('/api/search?to=2025-04-31', 'to');
  });
});

describe('GET /api/suggest and /api/entities with hostile values', () => {
  const hostileQ = [...injections('value', 'Donald Trump'), '"', '\\', '-', '*', '🏳️‍🌈', '\u202Etrump', 'a'.repeat(100)];

  it('answers hostile typeahead queries with a 200 or a 400, never a 5xx', async () => {
    for (const q of hostileQ) {
      const answer = await getJson(server.url, `/api/suggest?q=${enc(q)}`);
      expectSafe(answer, `suggest q=${JSON.stringify(q)}`, [200]);
      expect(Array.isArray(answer.body.suggestions)).toBe(true);
    }
    await expectBadParam(`/api/suggest?q=${'a'.repeat(10_000)}`, 'q');
    await expectBadParam(`/api/suggest?${Array.from({ length: 1_000 }, () => 'q=tr').join('&')}`, 'q');
    for (const value of CONTROL_VALUES) await expectBadParam(`/api/suggest?q=${enc(value)}`, 'q');
    for (const raw of INVALID_UTF8) {
      await expectBadParam(`/api/suggest?q=${raw}`, 'q');
      await expectBadParam(`/api/suggest?limit=${raw}`, 'limit');
    }
    for (const limit of ['-1', '0', '11', '1e9', '99999999999999999999', '5 OR 1=1', '5&limit=6']) await expectBadParam(`/api/suggest?limit=${enc(limit)}`, 'limit');
    await expectBadParam('/api/suggest?limit=5&limit=6', 'limit');
    await expectBadParam('/api/suggest?q=tr&colour=red', 'colour');
  });

  it('answers hostile facet-value searches with a 200 or a 400, never a 5xx', async () => {
    for (const q of hostileQ) {
      const answer = await getJson(server.url, `/api/entities?type=person&q=${enc(q)}`);
      expectSafe(answer, `entities q=${JSON.stringify(q)}`, [200]);
      for (const value of answer.body.values) expect(value.type).toBe('person');
    }
    for (const type of [...injections('type', 'person'), 'person\n', 'Person', 'person" OR type = "place', '']) {
      await expectBadParam(`/api/entities?type=${enc(type)}`, 'type');
    }
    await expectBadParam('/api/entities', 'type');
    await expectBadParam('/api/entities?type=person&type=place', 'type');
    await expectBadParam(`/api/entities?type=person&q=${'a'.repeat(10_000)}`, 'q');
    for (const value of CONTROL_VALUES) await expectBadParam(`/api/entities?type=person&q=${enc(value)}`, 'q');
    for (const raw of INVALID_UTF8) {
      await expectBadParam(`/api/entities?type=${raw}`, 'type');
      await expectBadParam(`/api/entities?type=person&q=${raw}`, 'q');
    }
    for (const limit of ['-1', '0', '101', '1e9', '99999999999999999999']) await expectBadParam(`/api/entities?type=person&limit=${limit}`, 'limit');
    await expectBadParam('/api/entities?type=person&colour=red', 'colour');
  });
});

describe('GET /api/articles/:id with hostile ids', () => {
  it('refuses ids that are not article ids, and answers unknown valid ones with a 404', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '..%2F..%2Fetc', 'x%22%20OR%20id%20EXISTS%20OR%20id%20%3D%20%22y', "x'%20OR%20'1'%3D'1", '%22', '%5C', 'x%0Ay', 'x%00', `${'a'.repeat(600)}`, 'x%20y', '%E2%80%AE', 'x.txt']) {
      await expectBadParam(`/api/articles/${id}`, 'id');
    }
    // `%2E%2E` is a dot segment to the URL parser itself: the request arrives as GET /api/.
    expectSafe(await getJson(server.url, '/api/articles/%2E%2E'), 'articles/%2E%2E', [404]);
    for (const id of ['a'.repeat(511), 'no-such-article', '-', '_']) {
      const answer = await getJson(server.url, `/api/articles/${id}`);
      expectSafe(answer, `articles/${id.slice(0, 20)}`, [404]);
      expect(answer.body.error.code).toBe('not_found');
    }
  });

  it('refuses undecodable ids with a 400 that names the id', async () => {
    for (const raw of INVALID_UTF8) await expectBadParam(`/api/articles/${raw}`, 'id');
    await expectBadParam('/api/articles/%ZZ', 'id');
  });

  it('refuses hostile q and unknown parameters on an article', async () => {
    const id = '000_736e09f0b2d7f6d7';
    for (const q of [...injections('articleId', id), '"', '\\']) {
      const answer = await getJson(server.url, `/api/articles/${id}?q=${enc(q)}`);
      expectSafe(answer, `article q=${JSON.stringify(q)}`, [200]);
      expect(answer.body.id).toBe(id);
    }
    await expectBadParam(`/api/articles/${id}?q=${'a'.repeat(10_000)}`, 'q');
    await expectBadParam(`/api/articles/${id}?q=a&q=b`, 'q');
    await expectBadParam(`/api/articles/${id}?colour=red`, 'colour');
    // The article route's q is only highlighted, never a filter: a 400 or the article itself will do.
    for (const raw of [...CONTROL_VALUES.map(enc), ...INVALID_UTF8]) {
      const answer = await getJson(server.url, `/api/articles/${id}?q=${raw}`);
      expectSafe(answer, `article q=${raw}`);
      if (answer.status === 200) expect(answer.body.id).toBe(id);
      else expect(answer.body.error.param).toBe('q');
    }
  });
});

describe('after all of it', () => {
  it('logged no internal error', () => {
    const errors = server.logs.filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
