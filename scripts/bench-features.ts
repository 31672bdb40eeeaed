/**
 * `npm run bench:features [-- --n 150]` (issue 17): the panel and related coverage beside search,
 * in one run, over HTTP against `lede serve` in its own process, on the whole corpus (the index of
 * eval:related, data/eval-features/, built or brought up to date first).
 *
 * Each round sends, one after another (concurrency 1, interleaved so load changes hit all alike):
 *   /api/search?q=…, /api/insights?q=… (the same query), /api/articles/:id/related (a drawn article).
 * Queries are one to three consecutive words of paragraphs drawn with a fixed seed, as in bench:search.
 * Targets: insights p50 ≤ 2 × search p50; related p50 ≤ search p50.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import type { ArticleRecord } from '../src/ingest/documents.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../src/ingest/types.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { mulberry32, percentile } from './lib/stats.js';
import { repoRoot, requireCorpus } from './lib/corpus.js';
import { serveLede } from './lib/serve.js';

const inputs = requireCorpus('bench:features');
if (!existsSync(path.join(repoRoot, 'dist/cli/index.js'))) {
  console.log('bench:features needs the build: run `npm run build` first');
  process.exit(1);
}
const at = process.argv.indexOf('--n');
const N = at > 0 ? Number(process.argv[at + 1]) : 150;
const prefix = 'features';
const dataDir = path.join(repoRoot, 'data/eval-features');
const log = createLogger('warn');
const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0', LEDE_INDEX_PREFIX: prefix }), log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
const names = indexNames(prefix);

let server: ChildProcess | undefined;
try {
  const summary = await indexArticles({ admin, prefix, resources: loadEntityResources(), log }, { paths: inputs });
  console.log(`index: ${summary.articles.read} articles (${summary.articles.unchanged} unchanged), ${(summary.durationMs / 1000).toFixed(1)} s`);

  const rng = mulberry32(20261201);
  const sample = await admin.index<ParagraphDocument>(names.paragraphs).getDocuments({ limit: 2_000, offset: Math.floor(rng() * 90_000), fields: ['text'] });
  const queries: string[] = [];
  while (queries.length < N) {
    const doc = sample.results[Math.floor(rng() * sample.results.length)]!;
    const words = String(doc.text).split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter((w) => w.length >= 3);
    if (words.length < 3) continue;
    const start = Math.floor(rng() * (words.length - 2));
    queries.push(words.slice(start, start + 1 + Math.floor(rng() * 3)).join(' ').toLowerCase());
  }
  const articles = await admin.index<ArticleRecord>(names.articles).getDocuments({ limit: N, offset: Math.floor(rng() * 20_000), fields: ['id'] });
  const ids = articles.results.map((a) => a.id);

  const serving = serveLede({ LEDE_DATA_DIR: dataDir, LEDE_INDEX_PREFIX: prefix });
  server = serving.server;
  const base = await serving.url;
  const series = {
    '/api/search (article mode, clusters folded)': (i: number) => `/api/search?q=${encodeURIComponent(queries[i]!)}`,
    '/api/insights (same queries)': (i: number) => `/api/insights?q=${encodeURIComponent(queries[i]!)}`,
    '/api/articles/:id/related': (i: number) => `/api/articles/${encodeURIComponent(ids[i % ids.length]!)}/related`,
  };
  const latencies = Object.fromEntries(Object.keys(series).map((k) => [k, [] as number[]]));
  const errors = Object.fromEntries(Object.keys(series).map((k) => [k, 0]));
  // Warm-up: a few of each, not counted.
  for (let i = 0; i < 5; i++) for (const url of Object.values(series)) await (await fetch(`${base}${url(i)}`)).arrayBuffer();
  for (let i = 0; i < N; i++) {
    for (const [label, url] of Object.entries(series)) {
      const t = performance.now();
      const response = await fetch(`${base}${url(i)}`);
      await response.arrayBuffer();
      latencies[label]!.push(performance.now() - t);
      if (!response.ok) errors[label]!++;
    }
  }
  const searchP50 = percentile([...latencies[Object.keys(series)[0]!]!].sort((a, b) => a - b), 50);
  console.log(`\n${N} requests per series, concurrency 1, interleaved\n`);
  console.log(`${'series'.padEnd(46)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'× search p50'.padStart(13)} ${'errors'.padStart(7)}`);
  for (const label of Object.keys(series)) {
    const sorted = [...latencies[label]!].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    console.log(`${label.padEnd(46)} ${p50.toFixed(1).padStart(8)} ${percentile(sorted, 95).toFixed(1).padStart(8)} ${percentile(sorted, 99).toFixed(1).padStart(8)} ${(p50 / searchP50).toFixed(2).padStart(13)} ${String(errors[label]).padStart(7)}`);
  }
  console.log('\ntargets: insights p50 ≤ 2.00 × search p50; related p50 ≤ 1.00 × search p50');
} finally {
  server?.kill('SIGTERM');
  await connection.release();
}
