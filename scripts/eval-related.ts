/**
 * Related coverage (issue 17): `npm run eval:related [-- --n 300 --seed 17]`.
 *
 * Indexes the whole shared corpus (Reuters-21578 + BBC; in data/eval-features/, reused between
 * runs: indexing is incremental), draws articles (half Reuters with a topic code, half BBC), and for
 * each asks for its 5 related articles two ways:
 *   - lede: GET /api/articles/:id/related's service (distinctive terms + lead entities, its story
 *     cluster left out, one article per story);
 *   - baseline: one query of the article's 10 top tf-idf terms (same document frequencies), its
 *     cluster left out, Meilisearch's order.
 * Scores the share of the top 5 that share a Reuters topic code with the article (Reuters) or its
 * BBC category (BBC); a missing result counts as a miss. Goal: lede ≥ baseline + 10 points.
 * Also prints the clustering cost of the indexing run (when it indexed anything) and the time per call.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SearchService } from '../src/api/search/service.js';
import { loadConfig } from '../src/config.js';
import type { ArticleRecord } from '../src/ingest/documents.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames, meili } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { bbcDir, repoRoot, requireCorpus, reutersFile } from './lib/corpus.js';
import { rng } from './lib/labelled.js';

const inputs = requireCorpus('eval:related');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const N = arg('n', 300);
const random = rng(arg('seed', 17));
const log = createLogger('warn');
const config = loadConfig({ ...process.env, LEDE_DATA_DIR: path.join(repoRoot, 'data/eval-features'), LEDE_MEILI_PORT: '0', MEILI_URL: '' });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });

try {
  const prefix = 'features';
  const names = indexNames(prefix);
  const summary = await indexArticles({ admin, prefix, resources: loadEntityResources(), log }, { paths: inputs });
  console.log(`index: ${summary.articles.added + summary.articles.updated} articles (re)indexed in ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.articles.unchanged} unchanged`);
  if (summary.clusters) {
    const c = summary.clusters;
    console.log(`clusters: ${c.clusters} stories filed more than once (${c.clustered} articles), ${c.changed} assigned; the clustering step took ${(c.ms / 1000).toFixed(1)} s = ${((c.ms / summary.durationMs) * 100).toFixed(1)}% of this run`);
  }

  const topics = new Map<string, string[]>();
  for (const line of readFileSync(reutersFile, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; topics?: string[] };
    if (r.topics?.length) topics.set(r.id, r.topics);
  }
  const records: Array<Pick<ArticleRecord, 'id' | 'sourcePath' | 'wordCount'>> = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await meili(() => admin.index<ArticleRecord>(names.articles).getDocuments({ fields: ['id', 'sourcePath', 'wordCount'], limit: 10_000, offset }));
    records.push(...page.results);
    if (page.results.length < 10_000) break;
  }
  const labels = new Map<string, string[]>();
  for (const r of records) {
    if (topics.has(r.id)) labels.set(r.id, topics.get(r.id)!);
    else if (r.sourcePath?.startsWith(bbcDir)) labels.set(r.id, [path.relative(bbcDir, r.sourcePath).split(path.sep)[0]!]);
  }
  const pool = (bbc: boolean) => records.filter((r) => labels.has(r.id) && (r.sourcePath?.startsWith(bbcDir) ?? false) === bbc && r.wordCount >= 40);
  const draw = (list: typeof records, n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(n, list.length)) chosen.add(list[Math.floor(random() * list.length)]!.id);
    return [...chosen];
  };
  const sample = [...draw(pool(false), N / 2), ...draw(pool(true), N / 2)];

  const service = new SearchService({ client: admin, indexes: names });
  const score = { lede: { reuters: 0, bbc: 0 }, baseline: { reuters: 0, bbc: 0 } };
  const times = { lede: [] as number[], baseline: [] as number[] };
  const shares = (id: string, related: Array<{ articleId: string }>) => {
    const mine = new Set(labels.get(id));
    return related.slice(0, 5).filter((r) => (labels.get(r.articleId) ?? []).some((l) => mine.has(l))).length / 5;
  };
  for (const id of sample) {
    const bbc = !topics.has(id);
    for (const mode of ['lede', 'baseline'] as const) {
      const t = performance.now();
      const { related } = await service.related(id, 5, { baseline: mode === 'baseline' });
      times[mode].push(performance.now() - t);
      score[mode][bbc ? 'bbc' : 'reuters'] += shares(id, related);
    }
  }
  const half = sample.length / 2;
  const pct = (x: number, n: number) => `${((x / n) * 100).toFixed(1)}%`;
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  console.log(`\nrelated coverage: share of the top 5 sharing the article's Reuters topic / BBC category (${sample.length} articles, seed ${arg('seed', 17)})`);
  console.log(`${'method'.padEnd(34)} ${'Reuters'.padStart(8)} ${'BBC'.padStart(8)} ${'all'.padStart(8)} ${'ms p50'.padStart(8)}`);
  for (const mode of ['baseline', 'lede'] as const) {
    const s = score[mode];
    const label = mode === 'lede' ? 'lede (terms + entities, MLT)' : 'baseline (top 10 tf-idf terms)';
    console.log(`${label.padEnd(34)} ${pct(s.reuters, half).padStart(8)} ${pct(s.bbc, half).padStart(8)} ${pct(s.reuters + s.bbc, sample.length).padStart(8)} ${p50(times[mode]).padStart(8)}`);
  }
  const gain = ((score.lede.reuters + score.lede.bbc - score.baseline.reuters - score.baseline.bbc) / sample.length) * 100;
  console.log(`\nlede − baseline: ${gain >= 0 ? '+' : ''}${gain.toFixed(1)} points (goal ≥ +10)`);
} finally {
  await connection.release();
}
