/**
 * A property-based fuzz test of the whole HTTP API, generated from its OpenAPI document
 * (`GET /api/openapi.json`): for every route and parameter, fast-check draws values valid for the
 * parameter's schema and hostile ones (Unicode edge cases, raw and broken percent-encoding, huge
 * and repeated values, wrong types, filter syntax, unknown parameters), sends thousands of
 * requests to the real app on the real Meilisearch, and checks that none gets a 5xx, that every
 * answer is JSON with the documented shape (the response's schema for a 200, the Error schema
 * otherwise), and that no promise rejection goes unhandled.
 */
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/api/openapi.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('fuzz');
let server: TestServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds'), path.join(repoRoot, 'test/fixtures/articles')] });
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
  await meili.cleanup();
});

interface ParameterSpec {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  schema: { type?: string; enum?: string[]; minimum?: number; maximum?: number; maxLength?: number; maxItems?: number; items?: { maxLength?: number } };
}

/** One raw `name=value` pair or path segment: already percent-encoded, or deliberately not. */
type Encoded = string;

const enc = (value: string) => Buffer.from(value, 'utf8').toString('binary').replace(/[^A-Za-z0-9\-_.~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** Hostile text: edge-case Unicode, markup and filter syntax, control characters, huge runs. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
  fc.constantFrom(
    '', ' ', '\u0000', '\u200b\u200d\ufeff', '\u202e\u2066evil', 'e\u0301\u0301\u0301', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '👩‍👩‍👧‍👦', '\ud800', '\udfff',
    '"', '\\', '\\"', '"a" OR id = x', "') OR 1=1 --", 'id != "x" AND people = "y"', '<script>alert(1)</script>', '${7*7}', '*', '-', '--', '"""',
    'NaN', 'Infinity', '-0', '1e309', '0x10', '9007199254740993', '-1', '1.5', ' 3', 'true', 'null', '[]', '{}',
    '2024-02-30', '0000-00-00', '9999-12-31T25:61:61Z', '2024-01-01T00:00:00+99:99',
  ),
  fc.tuple(fc.constantFrom('a', 'nato ', 'ü', '"', '-x ', '🙂', 'zz'), fc.integer({ min: 50, max: 1_500 })).map(([unit, times]) => unit.repeat(times)),
);

/** Raw fragments that are not valid percent-encoding or that decode to bytes that are not UTF-8. */
const brokenEncoding: fc.Arbitrary<Encoded> = fc.constantFrom('%', '%2', '%zz', '%ED%A0%80', '%FF%FE', '%C0%AF', '%00', '%E2%80%AE', '%25%32%35', '+', '%2B%20', '&&', '==', '=');

function validValue(schema: ParameterSpec['schema']): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer') return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? (schema.minimum ?? 0) + 1_000 }).map(String);
  return fc.string({ maxLength: Math.min(schema.maxLength ?? 60, 60) });
}

/** The pairs for one parameter: absent, valid, hostile, wrong type, repeated many times, or broken. */
function parameterPairs(p: ParameterSpec, sampleValues: string[]): fc.Arbitrary<Encoded[]> {
  const isArray = p.schema.type === 'array';
  const valid = isArray ? fc.oneof(fc.constantFrom(...sampleValues), fc.string({ maxLength: p.schema.items?.maxLength ?? 60 })) : validValue(p.schema);
  const one = (value: fc.Arbitrary<string>) => value.map((v) => [`${p.name}=${enc(v)}`]);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as Encoded[]) },
    { weight: 4, arbitrary: isArray ? fc.array(valid, { maxLength: 4 }).map((vs) => vs.map((v) => `${p.name}=${enc(v)}`)) : one(valid) },
    { weight: 3, arbitrary: one(hostileText) },
    // Wrong types: an array where one value is expected, nested-object syntax, a bare key.
    { weight: 1, arbitrary: fc.constantFrom<Encoded[]>([`${p.name}=1`, `${p.name}=2`], [`${p.name}[a]=b`], [`${p.name}[]=x`], [p.name], [`${p.name}=`]) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.integer({ min: 21, max: 200 })).map(([v, n]) => Array.from({ length: n }, () => `${p.name}=${enc(v)}`)) },
    { weight: 1, arbitrary: brokenEncoding.map((raw) => [`${p.name}=${raw}`]) },
  );
}

interface Route {
  template: string;
  parameters: ParameterSpec[];
  /** The schema of its 200 body, as a $ref into the document's components. */
  okSchema?: string;
}

const document = openApiDocument as unknown as {
  paths: Record<string, { get?: { parameters?: ParameterSpec[]; responses: Record<string, { content?: { 'application/json'?: { schema?: { $ref?: string } } } }> } }>;
};
// The read routes; the push API (/api/admin, off without a token) has tests of its own.
const routes: Route[] = Object.entries(document.paths).flatMap(([template, item]) =>
  item.get && !template.startsWith('/api/admin/')
    ? [{ template, parameters: item.get.parameters ?? [], okSchema: item.get.responses['200']?.content?.['application/json']?.schema?.$ref }]
    : [],
);

/** A whole request: a route, its parameters' pairs in any order, maybe unknown parameters. */
function requestFor(route: Route): fc.Arbitrary<{ route: string; url: string }> {
  const query = route.parameters.filter((p) => p.in === 'query');
  const pathParams = route.parameters.filter((p) => p.in === 'path');
  const pathValue = fc.oneof(
    fc.constantFrom('000_736e09f0b2d7f6d7', 'fixture-trade-1', 'no-such-article', 'a'.repeat(511), 'a'.repeat(512)),
    hostileText.filter((s) => s.length > 0).map(enc),
    brokenEncoding,
  );
  const unknown = fc.oneof(fc.constant([] as Encoded[]), fc.constantFrom(['filter=id%20%3D%201'], ['__proto__=x'], ['constructor[prototype]=1'], ['apiKey=x&attributesToRetrieve=*']));
  return fc
    .tuple(fc.tuple(...pathParams.map(() => pathValue)), fc.tuple(...query.map((p) => parameterPairs(p, ['Donald Trump', 'NATO', 'Ukraine', 'Kyiv']))), unknown)
    .chain(([segments, pairs, extra]) => fc.shuffledSubarray([...pairs.flat(), ...extra], { minLength: [...pairs.flat(), ...extra].length }).map((all) => ({ segments, all })))
    .map(({ segments, all }) => {
      let pathPart = route.template;
      pathParams.forEach((p, i) => (pathPart = pathPart.replace(`{${p.name}}`, segments[i]!)));
      return { route: route.template, url: `${pathPart}${all.length ? `?${all.join('&')}` : ''}` };
    });
}

const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: 'lede', components: openApiDocument.components });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validator(ref: string) {
  if (!validators.has(ref)) validators.set(ref, ajv.compile({ $ref: `lede${ref}` }));
  return validators.get(ref)!;
}

/** Requests sent at once per property run: the app under some concurrency, and a fast test. */
const BATCH = 8;
const RUNS = 300;

describe('the HTTP API under generated hostile requests', () => {
  it(`answers ${BATCH * RUNS} requests from the OpenAPI document without a 5xx, always in the documented shape`, async () => {
    expect(routes.map((r) => r.template).sort()).toEqual(['/api/articles/{id}', '/api/articles/{id}/related', '/api/entities', '/api/insights', '/api/openapi.json', '/api/search', '/api/search.atom', '/api/suggest', '/health']);
    const byStatus = new Map<number, number>();
    let sent = 0;
    // Weighted by parameters, capped: the three routes that take all of the search's parameters would
    // otherwise crowd out the others (and the valid requests that reach a 200).
    const request = fc.oneof(...routes.map((route) => ({ weight: Math.min(route.parameters.length + 1, 4), arbitrary: requestFor(route) })));
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(
          batch.map(async ({ route, url }) => {
            const response = await fetch(`${server.url}${url}`);
            sent++;
            byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
            const text = await response.text();
            expect(response.status, `${url.slice(0, 300)} → ${text.slice(0, 300)}`).toBeLessThan(500);
            // 414/431 come from Node's HTTP parser before the app, as bare responses.
            if (response.status === 414 || response.status === 431) return;
            // The feed answers Atom; its errors are JSON like every route's.
            if (route === '/api/search.atom' && response.status === 200) {
              expect(response.headers.get('content-type'), url.slice(0, 300)).toMatch(/^application\/atom\+xml/);
              expect(text, url.slice(0, 300)).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
              return;
            }
            expect(response.headers.get('content-type'), url.slice(0, 300)).toMatch(/application\/json/);
            const body = JSON.parse(text);
            const okSchema = routes.find((r) => r.template === route)!.okSchema;
            const validate = response.status === 200 ? (okSchema ? validator(okSchema) : undefined) : validator('#/components/schemas/Error');
            if (validate && !validate(body)) expect.fail(`${url.slice(0, 300)} → ${response.status}: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`);
          }),
        );
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.log(`api fuzz: ${sent} requests, by status ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`);
    expect(sent).toBe(BATCH * RUNS);
    expect(byStatus.get(200) ?? 0).toBeGreaterThan(sent / 10);
    expect(byStatus.get(400) ?? 0).toBeGreaterThan(sent / 10);
    expect(unhandled).toEqual([]);
    expect(server.logs.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  }, 120_000);
});
