/**
 * `npm run bench:soak`: mixed traffic against the whole shared corpus while `lede index` re-indexes
 * the BBC folder in the background, with search totals checked before and after.
 *
 * - the corpus is indexed into data/soak/ (incremental: fast after the first run);
 * - `lede serve` runs as a child process, and so does the background `lede index --force <bbc>`
 *   (every BBC article sent again and re-indexed in place), both attached to the engine this script
 *   starts, with the same data dir and index prefix;
 * - 16 concurrent clients send 80% `/api/suggest` (prefixes of 1–8 characters) and 20%
 *   `/api/search` (1–3 words), drawn from the corpus with a fixed seed, for 60 s — and for as long
 *   as the re-index is still running — bounded in count and time; 15 s of the same traffic before
 *   the re-index starts are measured apart, as the baseline;
 * - prints requests, p50/p99 per route, errors by status, connection errors, and the totals of ten
 *   fixed queries before and after the re-index.
 *
 * `npm run bench:soak -- --rebuild` is the heavier case: `lede index --rebuild` of Reuters and BBC
 * (a fresh index of both, swapped in under load; `--rebuild` builds exactly the paths it is given,
 * so rebuilding the BBC folder alone would, correctly, swap in an index without Reuters).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../src/ingest/types.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { mulberry32, percentile } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const reuters = path.join(corpus, 'reuters-21578.jsonl');
const bbc = path.join(corpus, 'bbc');
if (![reuters, bbc].every(existsSync)) {
  console.log(`bench:soak skipped: the shared corpus is not at ${corpus}`);
  process.exit(0);
}
const cli = path.join(root, 'dist/cli/index.js');
if (!existsSync(cli)) {
  console.log('bench:soak needs the build (dist/ is missing): run `npm run build` first');
  process.exit(1);
}
console.log(`build: dist/ present, built ${statSync(cli).mtime.toISOString()}${newestSource() > statSync(cli).mtimeMs ? ' — OLDER than src/: run `npm run build` for current code' : ' (not older than src/)'}`);

const SOAK_MS = 60_000;
/** Traffic before the re-index starts, measured apart: what latency is without a re-index (on this machine, now). */
const QUIET_MS = 15_000;
/** The soak goes on past 60 s while the re-index runs, up to this. */
const MAX_SOAK_MS = 10 * 60_000;
const CONCURRENCY = 16;
const MAX_REQUESTS = 200_000;
const REQUEST_TIMEOUT_MS = 10_000;
const SUGGEST_SHARE = 0.8;
const PREFIX = 'soak';
/** Ten fixed queries whose totals must not change across the re-index. */
const FIXED_QUERIES = ['oil prices', 'bundesbank', 'tony blair', 'election', 'coffee', 'film award', 'mobile phone', 'interest rates', 'trade deficit', 'chelsea'];
const TARGET_SUGGEST_P99_MS = 100;

const REBUILD = process.argv.includes('--rebuild');
const dataDir = path.join(root, 'data/soak');
const childEnv = { ...process.env, LEDE_DATA_DIR: dataDir, LEDE_INDEX_PREFIX: PREFIX, LEDE_RATE_LIMIT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
const log = createLogger('warn');
const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0', LEDE_INDEX_PREFIX: PREFIX }), log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
const names = indexNames(PREFIX);

function newestSource(): number {
  let newest = 0;
  for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })) {
    // src/web is bundled into public/, not compiled into dist/.
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes(`${path.sep}web`)) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Queries (1–3 consecutive words) and prefixes (1–8 characters) from paragraphs drawn with a fixed seed. */
async function drawTraffic(count: number): Promise<{ queries: string[]; prefixes: string[] }> {
  const rng = mulberry32(20261126);
  const total = (await admin.index(names.paragraphs).getStats()).numberOfDocuments;
  const sample = await admin.index<ParagraphDocument>(names.paragraphs).getDocuments({ limit: 2_000, offset: Math.floor(rng() * Math.max(0, total - 2_000)), fields: ['text'] });
  const queries: string[] = [];
  const prefixes: string[] = [];
  while (queries.length < count) {
    const doc = sample.results[Math.floor(rng() * sample.results.length)]!;
    const words = doc.text.split(/\s+/).map((w: string) => w.replace(/[^\p{L}\p{N}-]/gu, '')).filter((w: string) => w.length >= 3);
    if (words.length < 3) continue;
    const at = Math.floor(rng() * (words.length - 2));
    queries.push(words.slice(at, at + 1 + Math.floor(rng() * 3)).join(' ').toLowerCase());
    const word = words[at]!.toLowerCase();
    prefixes.push(word.slice(0, 1 + Math.floor(rng() * Math.min(8, word.length))));
  }
  return { queries, prefixes };
}

async function totals(base: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const q of FIXED_QUERIES) {
    const [articles, paragraphs] = await Promise.all(
      ['article', 'paragraph'].map(async (group) => {
        const response = await fetch(`${base}/api/search?q=${encodeURIComponent(q)}&group=${group}`);
        const body = (await response.json()) as { totalHits?: number };
        return response.ok ? String(body.totalHits) : `HTTP ${response.status}`;
      }),
    );
    result[q] = `${articles} articles / ${paragraphs} paragraphs`;
  }
  return result;
}

async function documentCounts(): Promise<string> {
  const [p, a] = await Promise.all([admin.index(names.paragraphs).getStats(), admin.index(names.articles).getStats()]);
  return `${a.numberOfDocuments} articles / ${p.numberOfDocuments} paragraphs`;
}

function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/lede.js'), 'serve', '--port', '0'], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /serving on (http:\/\/\S+)/.exec(String(chunk));
      if (match) resolve({ child, base: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`lede serve exited with ${code}`)));
  });
}

interface RouteStats {
  latencies: number[];
  statuses: Map<number, number>;
  /** Typeahead answers from the layer's cache (`X-Lede-Cache: hit`). */
  cacheHits: number;
}

let server: ChildProcess | undefined;
let indexer: ChildProcess | undefined;
try {
  console.log(`index: ${path.relative(root, dataDir)} (prefix "${PREFIX}"), ${CONCURRENCY} clients, ${SOAK_MS / 1000} s of traffic at least`);
  const summary = await indexArticles({ admin, prefix: PREFIX, resources: loadEntityResources(), log }, { paths: [reuters, bbc] });
  console.log(`index: ${summary.articles.read} articles read (${summary.articles.added} added, ${summary.articles.unchanged} unchanged), ${(summary.durationMs / 1000).toFixed(1)} s`);

  // As many draws as requests are likely to be sent, so repeats are those of the corpus's words, not of a short list cycled.
  const { queries, prefixes } = await drawTraffic(60_000);
  const started = await startServer();
  server = started.child;
  const base = started.base;
  const countsBefore = await documentCounts();
  const before = await totals(base);

  // Warm up, unmeasured.
  for (const p of prefixes.slice(0, 50)) await (await fetch(`${base}/api/suggest?q=${encodeURIComponent(p)}`)).arrayBuffer();

  type Phase = 'quiet' | 'during re-index' | 'after re-index';
  const routes = new Map<string, RouteStats>();
  const connectionErrors = new Map<string, number>();
  let sent = 0;
  const rng = mulberry32(7);
  let indexMs: number | undefined;
  let indexStarted: number | undefined;
  const phase = (): Phase => (indexStarted === undefined ? 'quiet' : indexMs === undefined ? 'during re-index' : 'after re-index');

  /** Runs the mixed traffic at CONCURRENCY until `keepGoing` says stop. */
  async function traffic(keepGoing: () => boolean): Promise<void> {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < MAX_REQUESTS && keepGoing()) {
          const i = sent++;
          const route = rng() < SUGGEST_SHARE ? 'suggest' : 'search';
          const url = route === 'suggest' ? `${base}/api/suggest?q=${encodeURIComponent(prefixes[i % prefixes.length]!)}` : `${base}/api/search?q=${encodeURIComponent(queries[i % queries.length]!)}`;
          const key = `${phase()}\t${route}`;
          const t = performance.now();
          try {
            const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
            await response.arrayBuffer();
            const stats: RouteStats = routes.get(key) ?? { latencies: [], statuses: new Map(), cacheHits: 0 };
            if (response.headers.get('x-lede-cache') === 'hit') stats.cacheHits++;
            routes.set(key, stats);
            stats.latencies.push(performance.now() - t);
            stats.statuses.set(response.status, (stats.statuses.get(response.status) ?? 0) + 1);
          } catch (error) {
            const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
            connectionErrors.set(cause, (connectionErrors.get(cause) ?? 0) + 1);
          }
        }
      }),
    );
  }

  const quietStarted = performance.now();
  await traffic(() => performance.now() - quietStarted < QUIET_MS);

  indexStarted = performance.now();
  let indexOutput = '';
  const indexArgs = REBUILD ? ['--rebuild', '--allow-skips', reuters, bbc] : ['--force', '--allow-skips', bbc];
  indexer = spawn(process.execPath, [path.join(root, 'bin/lede.js'), 'index', ...indexArgs], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  indexer.stdout!.on('data', (chunk: Buffer) => (indexOutput += String(chunk)));
  indexer.stderr!.on('data', (chunk: Buffer) => (indexOutput += String(chunk)));
  const indexExit = new Promise<number | null>((resolve) =>
    indexer!.once('exit', (code) => {
      indexMs = performance.now() - indexStarted!;
      resolve(code);
    }),
  );
  const soakStarted = performance.now();
  await traffic(() => {
    const elapsed = performance.now() - soakStarted;
    return elapsed < MAX_SOAK_MS && (elapsed < SOAK_MS || indexMs === undefined);
  });
  const soakSeconds = (performance.now() - soakStarted) / 1000;

  if (indexMs === undefined) console.log('re-index still running after the soak; waiting for it to finish before comparing totals');
  let timer: NodeJS.Timeout | undefined;
  const indexCode = await Promise.race([indexExit, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), MAX_SOAK_MS)))]);
  clearTimeout(timer);
  const after = await totals(base);
  const countsAfter = await documentCounts();

  const count = (p: Phase) => [...routes].filter(([key]) => key.startsWith(`${p}\t`)).reduce((n, [, r]) => n + r.latencies.length, 0);
  console.log(`\nsoak: ${sent} requests: ${count('quiet')} in ${QUIET_MS / 1000} s before the re-index, then ${count('during re-index')} while it ran and ${count('after re-index')} after it, in ${soakSeconds.toFixed(1)} s`);
  console.log(`re-index: \`lede index ${REBUILD ? '--rebuild` of Reuters + BBC' : '--force` of the BBC folder'} exited ${indexCode} after ${indexMs === undefined ? '?' : (indexMs / 1000).toFixed(1)} s`);
  for (const line of indexOutput.trim().split('\n').filter((l) => /^(Indexed|\s+(files|articles|paragraphs))/.test(l))) console.log(`  ${line.trim()}`);
  console.log(`\n${'phase'.padEnd(17)}${'route'.padEnd(14)}${'requests'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'cached'.padStart(8)}  statuses`);
  let fiveHundreds = 0;
  const sortedOf = (stats: RouteStats | undefined) => [...(stats?.latencies ?? [])].sort((a, b) => a - b);
  for (const [key, stats] of routes) {
    const [phaseName, route] = key.split('\t') as [string, string];
    const sorted = sortedOf(stats);
    const statuses = [...stats.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ');
    for (const [status, n] of stats.statuses) if (status >= 500) fiveHundreds += n;
    console.log(`${phaseName.padEnd(17)}${`/api/${route}`.padEnd(14)}${String(sorted.length).padStart(9)}${percentile(sorted, 50).toFixed(1).padStart(9)}${percentile(sorted, 99).toFixed(1).padStart(9)}${(sorted.at(-1) ?? NaN).toFixed(1).padStart(9)}${(route === 'suggest' ? `${Math.round((100 * stats.cacheHits) / Math.max(1, sorted.length))}%` : '').padStart(8)}  ${statuses}`);
  }
  const connectionErrorCount = [...connectionErrors.values()].reduce((s, n) => s + n, 0);
  console.log(`connection errors: ${connectionErrorCount}${connectionErrorCount ? ` (${[...connectionErrors].map(([code, n]) => `${code}: ${n}`).join(', ')})` : ''}`);

  console.log(`\n${'fixed query'.padEnd(16)}${'before'.padEnd(36)}after`);
  let identical = true;
  for (const q of FIXED_QUERIES) {
    const same = before[q] === after[q];
    identical &&= same;
    console.log(`${q.padEnd(16)}${before[q]!.padEnd(36)}${after[q]}${same ? '' : '   <-- differs'}`);
  }
  const countsSame = countsBefore === countsAfter;
  console.log(`${'(documents)'.padEnd(16)}${countsBefore.padEnd(36)}${countsAfter}${countsSame ? '' : '   <-- differs'}`);

  const suggestDuring = [...routes].filter(([key]) => key !== 'quiet\tsuggest' && key.endsWith('\tsuggest')).flatMap(([, r]) => r.latencies);
  const suggestP99 = percentile(suggestDuring.sort((a, b) => a - b), 99);
  const quietP99 = percentile(sortedOf(routes.get('quiet\tsuggest')), 99);
  const targets: Array<[string, boolean]> = [
    [`zero 5xx (got ${fiveHundreds})`, fiveHundreds === 0],
    [`zero connection errors (got ${connectionErrorCount})`, connectionErrorCount === 0],
    [`typeahead p99 < ${TARGET_SUGGEST_P99_MS} ms during and after the re-index (got ${suggestP99.toFixed(1)} ms; ${quietP99.toFixed(1)} ms before it)`, suggestP99 < TARGET_SUGGEST_P99_MS],
    ['identical totals before and after the re-index', identical && countsSame],
    [`re-index completed (exit ${indexCode})`, indexCode === 0],
  ];
  console.log('\ntargets:');
  for (const [label, ok] of targets) console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${label}`);
  if (targets.some(([, ok]) => !ok)) process.exitCode = 1;
} finally {
  for (const child of [indexer, server]) {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  await connection.release();
}
