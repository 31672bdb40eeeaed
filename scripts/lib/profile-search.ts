/**
 * `npm run bench:search -- --profile`: where a search's engine time goes. Runs /api/search's
 * service in-process at concurrency 1 over the bench's queries, with a client that records each
 * multi-search's queries (`processingTimeMs`, the engine's own time per query) and its round trip,
 * then prints them per round trip and per kind of query, beside the direct single query and the
 * hand-rolled equivalent (distinct + 4 facets) measured the same way on the same queries.
 */
import type { Meilisearch, MultiSearchParams, MultiSearchQuery } from 'meilisearch';
import { searchParamsSchema } from '../../src/api/search/params.js';
import { SearchService } from '../../src/api/search/service.js';
import type { IndexNames } from '../../src/meili/contract.js';
import { percentile } from './stats.js';

/** What a query is, from its shape: index, counting or reading, over which ids. */
function label(query: MultiSearchQuery): string {
  const index = query.indexUid.split('_').pop();
  const parts = [index];
  if (query.facets?.includes('articleId')) parts.push('match counts');
  else if (query.facets) parts.push(`${query.facets.length} facets`);
  if (query.distinct) parts.push('distinct');
  if (query.limit === 0 || query.hitsPerPage === 0) parts.push('no hits');
  else parts.push('hits');
  if (typeof query.filter === 'string' && /articleId IN|id IN/.test(query.filter)) parts.push('of listed articles');
  if (query.attributesToRetrieve && query.attributesToRetrieve.length > 3) parts.push('with text');
  return parts.join(', ');
}

export async function profileSearches(admin: Meilisearch, indexes: IndexNames, queries: readonly string[]): Promise<void> {
  const samples = new Map<string, number[]>();
  const record = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
  let round = 0;
  let engine = 0;
  const client = new Proxy(admin, {
    get(target, prop, receiver) {
      if (prop === 'multiSearch') {
        return async (request: MultiSearchParams) => {
          round++;
          const started = performance.now();
          const response = await target.multiSearch(request);
          record(`round trip ${round} (wall, lede's side)`, performance.now() - started);
          response.results.forEach((r, i) => record(`  ${round}: ${label(request.queries[i]!)}`, r.processingTimeMs));
          const sum = response.results.reduce((n, r) => n + r.processingTimeMs, 0);
          record(`round trip ${round}: engine, sum of its queries`, sum);
          engine += sum;
          return response;
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const service = new SearchService({ client, indexes, suggestCacheMs: 0 });
  const paragraphs = admin.index(indexes.paragraphs);
  for (const q of queries) {
    round = 0;
    engine = 0;
    const started = performance.now();
    await service.search(searchParamsSchema.parse({ q }));
    record('lede search (wall, in-process)', performance.now() - started);
    record('lede search: engine, sum of all its queries', engine);
    const direct = await paragraphs.search(q, { limit: 10, attributesToHighlight: ['text'], attributesToCrop: ['text'], cropLength: 30 });
    record('direct single query (engine)', direct.processingTimeMs);
    const equivalent = await paragraphs.search(q, { limit: 10, attributesToHighlight: ['text'], attributesToCrop: ['text'], cropLength: 30, distinct: 'articleId', facets: ['people', 'organizations', 'places', 'countries'] });
    record('hand-rolled distinct + 4 facets (engine)', equivalent.processingTimeMs);
  }

  console.log(`\nprofile: ${queries.length} searches at concurrency 1, in-process (ms; "engine" is Meilisearch's processingTimeMs)`);
  console.log(`${'what'.padEnd(64)}${'runs'.padStart(6)}${'mean'.padStart(8)}${'p50'.padStart(8)}${'p95'.padStart(8)}`);
  const order = [...samples.keys()].sort((a, b) => {
    const rank = (k: string) => (k.startsWith('lede search') ? '0' : k.startsWith('direct') || k.startsWith('hand') ? '9' : `1${k.match(/\d+/)?.[0]}${k.startsWith('round') ? (k.includes('wall') ? 'a' : 'b') : 'c'}`);
    return rank(a).localeCompare(rank(b)) || a.localeCompare(b);
  });
  for (const key of order) {
    const values = [...samples.get(key)!].sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    console.log(`${key.padEnd(64)}${String(values.length).padStart(6)}${mean.toFixed(1).padStart(8)}${percentile(values, 50).toFixed(1).padStart(8)}${percentile(values, 95).toFixed(1).padStart(8)}`);
  }
}
