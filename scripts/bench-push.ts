/**
 * `npm run bench:push`: the push API under search traffic, side by side in one run.
 *
 * - a base index (the BBC folder of ../shared/corpus, else seeds/) in data/bench-push/;
 * - `lede serve` as a child process with LEDE_ADMIN_TOKEN set;
 * - series 1: search alone (2 clients, 20 s) — the baseline for search latency;
 * - series 2: single articles pushed one after another (30), while 2 clients search: the time the
 *   POST takes, and the time until the article is found by /api/search (polled every 50 ms);
 * - series 3: sustained pushes of 50-article batches for 60 s while 2 clients search: articles a
 *   minute, and failed searches.
 * Bounded in count and time; everything runs on 127.0.0.1.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { bbcDir, repoRoot } from './lib/corpus.js';
import { percentile } from './lib/stats.js';
import { serveLede } from './lib/serve.js';

if (!existsSync(path.join(repoRoot, 'dist/cli/index.js'))) {
  console.log('bench:push needs the build: run `npm run build` first');
  process.exit(1);
}
const base = existsSync(bbcDir) ? [bbcDir] : [path.join(repoRoot, 'seeds')];
const dataDir = path.join(repoRoot, 'data/bench-push');
const prefix = 'benchpush';
const token = randomBytes(24).toString('base64url');
const log = createLogger('warn');
const config = loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0', LEDE_INDEX_PREFIX: prefix });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });

const WORDS = ['harbour', 'copper', 'council', 'railway', 'tariff', 'drought', 'election', 'vaccine', 'satellite', 'pension'];
let serial = 0;
/** Unique per run: the data dir is kept between runs, and every pushed article is a new one. */
const run = randomBytes(3).toString('hex');
function article(tag: string) {
  serial++;
  const w = WORDS[serial % WORDS.length]!;
  return {
    id: `push-${run}-${tag}-${serial}`,
    title: `Bench ${tag} story ${serial} on the ${w}`,
    body: `Marker ${tag}x${run}x${serial} appears once. The ${w} report was published on Monday by the ministry.\n\nOfficials said the ${w} figures would be revised in June, and analysts expected little change.`,
    publishedAt: new Date().toISOString(),
    authors: ['Bench Writer'],
    section: 'Bench',
  };
}

let server: ChildProcess | undefined;
try {
  const summary = await indexArticles({ admin, prefix, resources: loadEntityResources(), log }, { paths: base });
  console.log(`base index: ${summary.articles.read} articles from ${base.join(', ')} (${summary.articles.unchanged} unchanged), ${(summary.durationMs / 1000).toFixed(1)} s`);
  const serving = serveLede({ LEDE_DATA_DIR: dataDir, LEDE_INDEX_PREFIX: prefix, LEDE_ADMIN_TOKEN: token });
  server = serving.server;
  const url = await serving.url;
  const push = (body: unknown) =>
    fetch(`${url}/api/admin/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** Two clients searching until `stop()`; latencies and failures. */
  function searchTraffic() {
    const latencies: number[] = [];
    let failed = 0;
    let running = true;
    const clients = Array.from({ length: 2 }, async (_, c) => {
      for (let i = 0; running; i++) {
        const t = performance.now();
        try {
          const response = await fetch(`${url}/api/search?q=${encodeURIComponent(WORDS[(i + c) % WORDS.length]!)}`);
          await response.arrayBuffer();
          if (!response.ok) failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - t);
      }
    });
    return {
      async stop() {
        running = false;
        await Promise.all(clients);
        latencies.sort((a, b) => a - b);
        return { count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed };
      },
    };
  }

  const rows: string[][] = [];
  const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');

  // 1. Search alone.
  let traffic = searchTraffic();
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  const alone = await traffic.stop();
  rows.push(['search alone (2 clients, 20 s)', '—', '—', '—', fmt(alone.p50), fmt(alone.p99), String(alone.failed)]);

  // 2. One article at a time: POST time, and time until searchable.
  traffic = searchTraffic();
  const postMs: number[] = [];
  /** Pushes not answered 200 (a 202 is a push still running, a 503 one that failed), by status. */
  const failedPushes: number[] = [];
  const visibleMs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const a = article('single');
    const t = performance.now();
    const response = await push(a);
    await response.arrayBuffer();
    if (response.status !== 200) failedPushes.push(response.status);
    postMs.push(performance.now() - t);
    const marker = a.body.split(' ')[1]!;
    for (let tries = 0; tries < 200; tries++) {
      const found = (await (await fetch(`${url}/api/search?q=${encodeURIComponent(`"${marker}"`)}`)).json()) as { totalHits: number };
      if (found.totalHits > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    visibleMs.push(performance.now() - t);
  }
  const during1 = await traffic.stop();
  // In push order: the first push of a run moves the index's newest date (what counts as recent).
  const inOrder = visibleMs.map((ms) => fmt(ms)).join(' ');
  postMs.sort((a, b) => a - b);
  visibleMs.sort((a, b) => a - b);
  rows.push([
    'single pushes (30), searchable after',
    `${fmt(percentile(postMs, 50))} / ${fmt(percentile(postMs, 99))}`,
    `${fmt(percentile(visibleMs, 50))} / ${fmt(percentile(visibleMs, 99))}`,
    '—',
    fmt(during1.p50),
    fmt(during1.p99),
    String(during1.failed),
  ]);

  // 3. Sustained 50-article batches for 60 s.
  traffic = searchTraffic();
  const started = performance.now();
  let pushed = 0;
  let rejected = 0;
  const batchMs: number[] = [];
  while (performance.now() - started < 60_000) {
    const batch = Array.from({ length: 50 }, () => article('bulk'));
    const t = performance.now();
    const response = await push(batch);
    const body = (await response.json()) as { added?: string[]; rejected?: unknown[] };
    if (response.status !== 200) failedPushes.push(response.status);
    batchMs.push(performance.now() - t);
    pushed += body.added?.length ?? 0;
    rejected += body.rejected?.length ?? 0;
  }
  const minutes = (performance.now() - started) / 60_000;
  const during2 = await traffic.stop();
  batchMs.sort((a, b) => a - b);
  rows.push([
    `50-article batches for 60 s (${rejected} rejected)`,
    `${fmt(percentile(batchMs, 50))} / ${fmt(percentile(batchMs, 99))}`,
    '—',
    fmt(pushed / minutes),
    fmt(during2.p50),
    fmt(during2.p99),
    String(during2.failed),
  ]);

  console.log('\n| series | POST ms p50 / p99 | searchable after, ms p50 / p99 | articles/min | search p50 ms | search p99 ms | failed searches |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\npushes not answered 200: ${failedPushes.length}${failedPushes.length ? ` (${[...new Set(failedPushes)].map((status) => `${failedPushes.filter((s) => s === status).length} × ${status}`).join(', ')})` : ''}`);
  console.log(`single pushes, searchable after (ms, in push order): ${inOrder}`);
  console.log('\ntargets: searchable p50 ≤ 1,000 ms and p99 ≤ 3,000 ms; 1,000 articles/min with zero failed searches');
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));
  }
  await connection.release();
}
