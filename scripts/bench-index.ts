/**
 * `npm run bench:index`: indexes the whole shared corpus (Reuters JSONL + BBC folder) into a fresh
 * embedded Meilisearch and prints, in one run and side by side:
 *   1. lede end to end (read → clean → split → extract → send, waiting for every task),
 *   2. a re-run on the same input (every article unchanged),
 *   3. Meilisearch alone ingesting the same prepared paragraph documents with the same settings and batch size,
 *   4. Meilisearch alone ingesting the article documents (text and facets of whole articles, which
 *      article-mode search runs on): what they add to the indexing, with the size of both indexes.
 * Peak RSS of the pipeline is read before step 3 loads any documents.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EnqueuedTask } from 'meilisearch';
import { loadConfig } from '../src/config.js';
import { loadEntityResources, synonymsFromAliases } from '../src/ingest/entities/index.js';
import { DEFAULT_BATCH, indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames, meili, waitForTasks } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { applySettings, articleSettings, paragraphSettings } from '../src/meili/settings.js';
import { repoRoot, requireCorpus } from './lib/corpus.js';
import { articleSignature } from '../src/clusters/minhash.js';
import { favourMemory } from '../src/indexer/memory.js';

const root = repoRoot;
// The heap policy of `lede index`, so the peak RSS printed is the command's.
favourMemory();
const inputs = requireCorpus('bench:index');

const BATCH = DEFAULT_BATCH;
const dataDir = mkdtempSync(path.join(tmpdir(), 'lede-bench-'));
const log = createLogger('warn');
const config = loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0', PATH: process.env.PATH });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
const resources = loadEntityResources();

try {
  const prefix = 'bench';
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const summary = await indexArticles({ admin, prefix, resources, log }, { paths: inputs, batchSize: BATCH });
  const endToEnd = (performance.now() - t0) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  const t1 = performance.now();
  const rerun = await indexArticles({ admin, prefix, resources, log }, { paths: inputs, batchSize: BATCH });
  const rerunSeconds = (performance.now() - t1) / 1000;

  // Dump the prepared documents to disk, then time Meilisearch alone on them.
  const synonyms = synonymsFromAliases(resources);
  const names = indexNames(prefix);
  const dump = async (indexUid: string, file: string) => {
    const out = createWriteStream(file);
    for (let offset = 0; ; offset += 10_000) {
      const page = await meili(() => admin.index(indexUid).getDocuments({ limit: 10_000, offset }));
      for (const doc of page.results) out.write(`${JSON.stringify(doc)}\n`);
      if (page.results.length < 10_000) break;
    }
    await new Promise<void>((resolve) => out.end(resolve));
  };
  const alone = async (file: string, indexUid: string, settings: Parameters<typeof applySettings>[2], batchSize: number) => {
    await applySettings(admin, indexUid, settings);
    const started = performance.now();
    const tasks: EnqueuedTask[] = [];
    let batch: string[] = [];
    const send = async () => {
      if (batch.length === 0) return;
      tasks.push(await meili(() => admin.index(indexUid).addDocumentsFromString(batch.join('\n'), 'application/x-ndjson', { primaryKey: 'id' })));
      batch = [];
    };
    for await (const line of createInterface({ input: createReadStream(file) })) {
      batch.push(line);
      if (batch.length >= batchSize) await send();
    }
    await send();
    await waitForTasks(admin, tasks);
    return (performance.now() - started) / 1000;
  };
  const paragraphDump = path.join(dataDir, 'paragraphs.ndjson');
  const articleDump = path.join(dataDir, 'articles.ndjson');
  await dump(names.paragraphs, paragraphDump);
  await dump(names.articles, articleDump);
  const aloneSeconds = await alone(paragraphDump, 'bench_alone_paragraphs', paragraphSettings(synonyms), BATCH);
  // Article documents go in as the indexer sends them: one task per confirmed paragraph batch.
  const articlesPerBatch = Math.max(1, Math.round((BATCH * summary.articles.added) / Math.max(1, summary.paragraphs.indexed)));
  const articlesAloneSeconds = await alone(articleDump, 'bench_alone_articles', articleSettings(synonyms), articlesPerBatch);
  const [paragraphStats, articleStats] = await Promise.all([admin.index(names.paragraphs).getStats(), admin.index(names.articles).getStats()]);
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

  const a = summary.articles;
  const paragraphs = summary.paragraphs.indexed;
  const row = (label: string, seconds: number, articles: number | string, paras: number | string) =>
    `${label.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s ${String(articles).padStart(9)} ${String(paras).padStart(10)}`;
  console.log(`\nCorpus: ${inputs.map((p) => path.relative(root, p)).join(' + ')}`);
  console.log(`${a.read} articles read, ${a.added} indexed, ${a.empty} empty after cleaning, ${a.duplicate} duplicate ids, ${a.copies} copies of another article, ${summary.skipped.length} skipped; ${paragraphs} paragraphs`);
  console.log(`\n${'run'.padEnd(44)} ${'time'.padStart(9)} ${'articles/s'.padStart(9)} ${'paras/s'.padStart(10)}`);
  console.log(row('lede index (end to end, fresh index)', endToEnd, Math.round(a.added / endToEnd), Math.round(paragraphs / endToEnd)));
  console.log(row('Meilisearch alone (same documents, settings)', aloneSeconds, '-', Math.round(paragraphs / aloneSeconds)));
  console.log(row('Meilisearch alone, the article documents', articlesAloneSeconds, Math.round(a.added / articlesAloneSeconds), '-'));
  console.log(row('lede index re-run (all unchanged)', rerunSeconds, Math.round(rerun.articles.unchanged / rerunSeconds), '-'));
  console.log(`\npipeline throughput = ${((aloneSeconds / endToEnd) * 100).toFixed(0)}% of Meilisearch alone; lede index takes ${(endToEnd / aloneSeconds).toFixed(2)}× the paragraphs alone (target ≤ 2.4×)`);
  console.log(`the article documents alone take ${(articlesAloneSeconds / aloneSeconds).toFixed(2)}× the paragraphs alone`);
  console.log(
    `documents stored: paragraphs ${mb(paragraphStats.rawDocumentDbSize ?? 0)} (${paragraphStats.numberOfDocuments}), articles ${mb(articleStats.rawDocumentDbSize ?? 0)} (${articleStats.numberOfDocuments}); database ${mb((await admin.getStats()).databaseSize)}`,
  );
  // Story clusters (issue 17): the corpus-wide step at the end of the run, and the MinHash
  // signatures the pipeline computes per article (timed here apart, over the same records' text).
  if (summary.clusters) {
    const signStarted = performance.now();
    for (let offset = 0; ; offset += 5_000) {
      const page = await meili(() => admin.index<{ text: string[] }>(names.articles).getDocuments({ fields: ['text'], limit: 5_000, offset }));
      for (const doc of page.results) articleSignature(doc.text);
      if (page.results.length < 5_000) break;
    }
    const signSeconds = (performance.now() - signStarted) / 1000;
    const c = summary.clusters;
    console.log(
      `story clusters: ${c.clusters} stories filed more than once (${c.clustered} articles); the clustering step ${(c.ms / 1000).toFixed(1)} s + MinHash signatures ~${signSeconds.toFixed(1)} s (an upper bound: read back from the index here) = ${(((c.ms / 1000 + signSeconds) / endToEnd) * 100).toFixed(1)}% of lede index end to end (target ≤ 15%)`,
    );
  }
  console.log(`peak RSS of the pipeline: ${(peakRss / 1048576).toFixed(0)} MB (at start ${(rssBefore / 1048576).toFixed(0)} MB)`);
} finally {
  await connection.release();
  rmSync(dataDir, { recursive: true, force: true });
}
