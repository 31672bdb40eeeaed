/**
 * `npm run eval:relevance`: the judged queries of test/fixtures/relevance/judgments.json (graded
 * relevant articles, judged by reading before any tuning) run against
 *   - lede: /api/search's service, article-grouped, with lede's index settings, and
 *   - Meilisearch with default settings on the same paragraph documents (only `articleId` made
 *     filterable, which `distinct` needs to group paragraphs into articles),
 * printing nDCG@10 and MRR side by side, overall and per kind of query.
 *
 * The engine and indexes live in data/eval/ and are reused between runs (indexing is incremental).
 * `-- --weight W`, `--article-weight W`, `--paragraph-weight W` re-rank with other weights
 * (RERANK_WEIGHTS; all 0: the article index's order alone); `-- --ranking-only` skips the facet count check;
 * `-- --every-version` ranks with `cluster=false`: by default a story's versions fold into one hit
 * (what the page shows), so two judged articles of one story count once, and the ranking is not
 * comparable to Meilisearch's defaults or to lede before story clusters, which list every version.
 *
 * It also checks the facet counts the page shows: the top five values of each facet for every
 * judged query, each against the `totalHits` of the same search with that value selected.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EnqueuedTask } from 'meilisearch';
import { searchParamsSchema } from '../src/api/search/params.js';
import { RERANK_WEIGHTS, type RerankWeights } from '../src/api/search/response-adapter/index.js';
import { SearchService } from '../src/api/search/service.js';
import { loadConfig } from '../src/config.js';
import { loadEntityResources } from '../src/ingest/entities/index.js';
import { indexArticles } from '../src/indexer/indexer.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames, meili, runTask, waitForTasks } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { indexExists } from '../src/meili/settings.js';
import { repoRoot, requireCorpus } from './lib/corpus.js';

interface Judged {
  id: string;
  kind: string;
  q: string;
  relevant: Record<string, number>;
}

const root = repoRoot;
/** `--weight W`, `--article-weight W`, `--paragraph-weight W`: re-ranking weights other than RERANK_WEIGHTS. */
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!(Number.isFinite(value) && value >= 0)) {
    console.error(`${name} needs a number ≥ 0, e.g. ${name} 0.1`);
    process.exit(2);
  }
  return value;
};
const weights = Object.fromEntries(
  Object.entries({ matches: flag('--weight'), article: flag('--article-weight'), paragraph: flag('--paragraph-weight') }).filter(([, v]) => v !== undefined),
) as Partial<RerankWeights>;
const inputs = requireCorpus('eval:relevance');
const { queries } = JSON.parse(readFileSync(path.join(root, 'test/fixtures/relevance/judgments.json'), 'utf8')) as { queries: Judged[] };

/** nDCG@k with gains 2^grade − 1; the ideal ranking is the judged articles by grade. */
export function ndcg(ranked: string[], relevant: Record<string, number>, k = 10): number {
  const gain = (grade: number) => 2 ** grade - 1;
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(relevant[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function reciprocalRank(ranked: string[], relevant: Record<string, number>, k = 10): number {
  const i = ranked.slice(0, k).findIndex((id) => (relevant[id] ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

const log = createLogger('warn');
const config = loadConfig({ ...process.env, LEDE_DATA_DIR: path.join(root, 'data/eval'), LEDE_MEILI_PORT: '0', MEILI_URL: '' });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
try {
  const prefix = 'releval';
  const names = indexNames(prefix);
  const summary = await indexArticles({ admin, prefix, resources: loadEntityResources(), log }, { paths: inputs });
  const changed = summary.articles.added + summary.articles.updated > 0;

  // Meilisearch defaults on the same documents, rebuilt whenever lede's documents changed.
  const baseline = `${prefix}_default`;
  if (changed || !(await indexExists(admin, baseline))) {
    if (await indexExists(admin, baseline)) await runTask(admin, () => admin.deleteIndex(baseline));
    await runTask(admin, () => admin.createIndex(baseline, { primaryKey: 'id' }));
    await runTask(admin, () => admin.index(baseline).updateFilterableAttributes(['articleId']));
    const tasks: EnqueuedTask[] = [];
    for (let offset = 0; ; offset += 10_000) {
      const page = await meili(() => admin.index(names.paragraphs).getDocuments({ limit: 10_000, offset }));
      if (page.results.length > 0) tasks.push(await meili(() => admin.index(baseline).addDocuments(page.results)));
      if (page.results.length < 10_000) break;
    }
    await waitForTasks(admin, tasks);
  }

  const service = new SearchService({ client: admin, indexes: names, rerankWeights: weights });
  const rows: Array<{ q: Judged; lede: string[]; base: string[] }> = [];
  for (const q of queries) {
    const params = searchParamsSchema.parse({ q: q.q, perPage: '10', ...(process.argv.includes('--every-version') && { cluster: 'false' }) });
    const lede = (await service.search(params)).hits.map((h) => h.articleId);
    const base = (await meili(() => admin.index(baseline).search(q.q, { limit: 10, distinct: 'articleId', attributesToRetrieve: ['articleId'] }))).hits.map(
      (h) => h.articleId as string,
    );
    rows.push({ q, lede, base });
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const score = (subset: typeof rows) => ({
    ledeNdcg: mean(subset.map((r) => ndcg(r.lede, r.q.relevant))),
    baseNdcg: mean(subset.map((r) => ndcg(r.base, r.q.relevant))),
    ledeMrr: mean(subset.map((r) => reciprocalRank(r.lede, r.q.relevant))),
    baseMrr: mean(subset.map((r) => reciprocalRank(r.base, r.q.relevant))),
  });
  const fmt = (x: number) => x.toFixed(3).padStart(8);
  const line = (label: string, subset: typeof rows) => {
    const s = score(subset);
    const gain = s.baseNdcg > 0 ? `${(((s.ledeNdcg - s.baseNdcg) / s.baseNdcg) * 100).toFixed(1)}%` : 'n/a';
    return `${label.padEnd(12)}${String(subset.length).padStart(4)}${fmt(s.baseNdcg)}${fmt(s.ledeNdcg)}${gain.padStart(9)}${fmt(s.baseMrr)}${fmt(s.ledeMrr)}`;
  };
  if (process.argv.includes('--verbose')) {
    for (const r of rows) {
      console.log(`${r.q.id} ${r.q.kind.padEnd(8)} ${r.q.q.padEnd(28)} default ${ndcg(r.base, r.q.relevant).toFixed(2)}  lede ${ndcg(r.lede, r.q.relevant).toFixed(2)}`);
    }
  }
  console.log(`\n${queries.length} judged queries, ${queries.reduce((n, q) => n + Object.keys(q.relevant).length, 0)} judged articles; corpus: Reuters-21578 + BBC`);
  console.log(`lede's re-ranking weights: ${JSON.stringify({ ...RERANK_WEIGHTS, ...weights })}; ${process.argv.includes('--every-version') ? 'every version listed (cluster=false)' : 'story versions folded (cluster=true, the default)'}\n`);
  console.log(`${'kind'.padEnd(12)}${'n'.padStart(4)}${'nDCG@10'.padStart(8)}${''.padStart(8)}${''.padStart(9)}${'MRR'.padStart(8)}`);
  console.log(`${''.padEnd(16)}${'default'.padStart(8)}${'lede'.padStart(8)}${'gain'.padStart(9)}${'default'.padStart(8)}${'lede'.padStart(8)}`);
  for (const kind of [...new Set(queries.map((q) => q.kind))]) console.log(line(kind, rows.filter((r) => r.q.kind === kind)));
  console.log(line('all', rows));

  // The counts a reader sees: each of the top five values per facet against what selecting it returns.
  let checked = 0;
  const wrong: string[] = [];
  for (const q of process.argv.includes('--ranking-only') ? [] : queries) {
    const result = await service.search(searchParamsSchema.parse({ q: q.q }));
    for (const facet of ['people', 'organizations', 'places', 'countries'] as const) {
      for (const shown of result.facets[facet].slice(0, 5)) {
        const selected = await service.search(searchParamsSchema.parse({ q: q.q, [facet]: shown.value }));
        checked++;
        if (selected.totalHits !== shown.count) wrong.push(`${q.q} ${facet}=${shown.value}: shows ${shown.count}, selecting it gives ${selected.totalHits}`);
      }
    }
  }
  if (checked > 0) console.log(`\nFacet counts: ${checked - wrong.length} of ${checked} shown values (top 5 per facet, every query) equal the total of selecting them`);
  for (const line of wrong.slice(0, 10)) console.log(`  ${line}`);
} finally {
  await connection.release();
}
