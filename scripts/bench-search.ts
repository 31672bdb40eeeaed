/**
 * `npm run bench:search`: latency and throughput of /api/search and /api/suggest on the whole
 * shared corpus, side by side in one run with the equivalent direct Meilisearch requests.
 *
 * - the corpus is indexed into data/bench/ (incremental: fast after the first run);
 * - `lede serve` runs as a child process (so client and server do not share a core's event loop);
 * - 400 queries and 400 prefixes drawn from the corpus with a fixed seed;
 * - each series runs at concurrency 1 and 8; p50/p95/p99 in ms and requests/s;
 * - `-- --profile`: instead, where a search's engine time goes (scripts/lib/profile-search.ts);
 * - CPU per request of each process (Meilisearch, lede serve, this client), read from /proc: on a
 *   2-core machine where all three share the cores, throughput is about 2 cores / the sum.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../src/ingest/types.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { profileSearches } from './lib/profile-search.js';
import { mulberry32, percentile, processCpuMs } from './lib/stats.js';
import { repoRoot, requireCorpus } from './lib/corpus.js';
import { serveLede } from './lib/serve.js';

const root = repoRoot;
const inputs = requireCorpus('bench:search');
if (!existsSync(path.join(root, 'dist/cli/index.js'))) {
  console.log('bench:search needs the build: run `npm run build` first');
  process.exit(1);
}

const QUERIES = 400;
/** Searches profiled with `-- --profile` (the first of the same queries). */
const PROFILED = 150;
const dataDir = path.join(root, 'data/bench');
const log = createLogger('warn');
const config = loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0', LEDE_INDEX_PREFIX: 'bench' });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
const names = indexNames('bench');

interface Series {
  label: string;
  request: (i: number) => Promise<Response>;
}

/** Processes whose CPU time is charged to each series. */
const processes: Record<'meili' | 'lede', number | undefined> = { meili: undefined, lede: undefined };

async function run(series: Series, count: number, concurrency: number) {
  const cpuBefore = { meili: processCpuMs(processes.meili), lede: processCpuMs(processes.lede), client: process.cpuUsage() };
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const response = await series.request(i);
        await response.arrayBuffer();
        if (!response.ok) errors++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const perRequest = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? NaN : (after - before) / count);
  const client = process.cpuUsage(cpuBefore.client);
  const cpu = {
    meili: perRequest(cpuBefore.meili, processCpuMs(processes.meili)),
    lede: perRequest(cpuBefore.lede, processCpuMs(processes.lede)),
    client: (client.user + client.system) / 1000 / count,
  };
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: count / seconds, errors, cpu };
}

let server: ChildProcess | undefined;
try {
  const summary = await indexArticles({ admin, prefix: 'bench', resources: loadEntityResources(), log }, { paths: inputs });
  console.log(`index: ${summary.articles.read} articles (${summary.articles.unchanged} unchanged), ${(summary.durationMs / 1000).toFixed(1)} s`);

  // Queries: one to three consecutive words from paragraphs drawn with a fixed seed.
  const rng = mulberry32(20261126);
  const sample = await admin.index<ParagraphDocument>(names.paragraphs).getDocuments({ limit: 2_000, offset: Math.floor(rng() * 90_000), fields: ['text'] });
  const queries: string[] = [];
  const prefixes: string[] = [];
  while (queries.length < QUERIES) {
    const doc = sample.results[Math.floor(rng() * sample.results.length)]!;
    const words = String(doc.text).split(/\s+/).map((w: string) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter((w: string) => w.length >= 3);
    if (words.length < 3) continue;
    const at = Math.floor(rng() * (words.length - 2));
    const n = 1 + Math.floor(rng() * 3);
    queries.push(words.slice(at, at + n).join(' ').toLowerCase());
    const word = words[at]!.toLowerCase();
    prefixes.push(word.slice(0, 1 + Math.floor(rng() * Math.min(8, word.length))));
  }

  if (process.argv.includes('--profile')) await profileSearches(admin, names, queries.slice(0, PROFILED));
  else {
    // The typeahead cache is off: the same prefixes run at concurrency 1 and 8, and this measures the
    // path that reaches Meilisearch.
    const serving = serveLede({ LEDE_DATA_DIR: dataDir, LEDE_INDEX_PREFIX: 'bench', LEDE_SUGGEST_CACHE_MS: '0' });
    server = serving.server;
    const base = await serving.url;

    processes.meili = connection.pid;
    processes.lede = server.pid;
    const key = connection.masterKey;
    const direct = (body: object, encoding = 'identity') =>
      fetch(`${connection.url}/indexes/${names.paragraphs}/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'accept-encoding': encoding },
        body: JSON.stringify(body),
      });
    const directSearch = (q: string) => ({ q, limit: 10, attributesToHighlight: ['text'], attributesToCrop: ['text'], cropLength: 30 });
    // What a hand-rolled client would send for the same page: Meilisearch's own grouping and facets
    // (whose counts are paragraphs, not articles: meilisearch/meilisearch#4001).
    const directEquivalent = (q: string) => ({ ...directSearch(q), distinct: 'articleId', facets: ['people', 'organizations', 'places', 'countries'] });
    const series: Array<[string, Series, number]> = [
      ['search', { label: 'lede /api/search (article-grouped, facets)', request: (i) => fetch(`${base}/api/search?q=${encodeURIComponent(queries[i]!)}`) }, QUERIES],
      ['search', { label: 'Meilisearch direct (highlight + crop)', request: (i) => direct(directSearch(queries[i]!)) }, QUERIES],
      ['search', { label: 'Meilisearch direct + distinct + 4 facets', request: (i) => direct(directEquivalent(queries[i]!)) }, QUERIES],
      ['search', { label: 'Meilisearch direct, fetch default encoding', request: (i) => direct(directSearch(queries[i]!), 'gzip, deflate, br') }, 100],
      ['suggest', { label: 'lede /api/suggest', request: (i) => fetch(`${base}/api/suggest?q=${encodeURIComponent(prefixes[i]!)}`) }, QUERIES],
      ['suggest', { label: 'Meilisearch direct prefix query', request: (i) => direct({ q: prefixes[i]!, limit: 8, attributesToRetrieve: ['id', 'title'] }) }, QUERIES],
    ];
    // Warm up caches on both sides before measuring.
    for (const [, s] of series) await run(s, 40, 4);

    console.log(`\n${QUERIES} queries and ${QUERIES} prefixes (1–8 characters) drawn from the corpus`);
    console.log('CPU columns: ms of CPU per request used by Meilisearch, by lede serve and by this client (all threads, from /proc)');
    console.log(
      `${'series'.padEnd(46)}${'conc'.padStart(5)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(9)}${'errors'.padStart(8)}${'cpu meili'.padStart(11)}${'cpu lede'.padStart(10)}${'cpu client'.padStart(12)}`,
    );
    const results: Record<string, Awaited<ReturnType<typeof run>>> = {};
    for (const concurrency of [1, 8]) {
      for (const [, s, count] of series) {
        const r = await run(s, count, concurrency);
        results[`${s.label}@${concurrency}`] = r;
        console.log(
          `${s.label.padEnd(46)}${String(concurrency).padStart(5)}${r.p50.toFixed(1).padStart(9)}${r.p95.toFixed(1).padStart(9)}${r.p99.toFixed(1).padStart(9)}${r.rps.toFixed(0).padStart(9)}${String(r.errors).padStart(8)}` +
            `${r.cpu.meili.toFixed(2).padStart(11)}${r.cpu.lede.toFixed(2).padStart(10)}${r.cpu.client.toFixed(2).padStart(12)}`,
        );
      }
    }
    const ledeSearch = results['lede /api/search (article-grouped, facets)@1']!;
    const directOne = results['Meilisearch direct (highlight + crop)@1']!;
    const ledeSearch8 = results['lede /api/search (article-grouped, facets)@8']!;
    const direct8 = results['Meilisearch direct (highlight + crop)@8']!;
    const suggest = results['lede /api/suggest@1']!;
    console.log(`\n/api/search p50 = ${(ledeSearch.p50 / directOne.p50).toFixed(1)}× direct p50 (target ≤ 3×)`);
    console.log(`/api/suggest p99 = ${suggest.p99.toFixed(1)} ms at concurrency 1 (target ≤ 15 ms)`);
    const equivalent8 = results['Meilisearch direct + distinct + 4 facets@8']!;
    console.log(`/api/search throughput at concurrency 8 = ${((ledeSearch8.rps / equivalent8.rps) * 100).toFixed(0)}% of the hand-rolled equivalent (distinct + facets; target ≥ 100%)`);
    console.log(`                                          = ${((ledeSearch8.rps / direct8.rps) * 100).toFixed(0)}% of a single direct query`);
    // Where a search's CPU goes at concurrency 8: the cores are shared by all three processes.
    const total = (r: (typeof results)[string]) => r.cpu.meili + r.cpu.lede + r.cpu.client;
    console.log(
      `CPU per search at concurrency 8: lede ${total(ledeSearch8).toFixed(1)} ms (Meilisearch ${ledeSearch8.cpu.meili.toFixed(1)}, lede serve ${ledeSearch8.cpu.lede.toFixed(1)}, client ${ledeSearch8.cpu.client.toFixed(1)})` +
        ` vs direct ${total(direct8).toFixed(1)} ms (Meilisearch ${direct8.cpu.meili.toFixed(1)}, client ${direct8.cpu.client.toFixed(1)})`,
    );
  }
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  await connection.release();
}
