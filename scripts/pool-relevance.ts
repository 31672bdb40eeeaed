/**
 * `tsx scripts/pool-relevance.ts "coffee" "interest rates" …`: the candidate articles to judge for
 * new queries of test/fixtures/relevance/judgments.json, pooled from the top 10 of Meilisearch's
 * defaults, the top 10 of lede's current ranking and the best 5 headline matches, each printed with
 * its title, lead and the paragraphs that contain a query word, for a person to read and grade.
 *
 * Uses the engine and indexes of `npm run eval:relevance` (data/eval/): run that first.
 * `--new-only` prints only the candidates test/fixtures/relevance/judgments.json does not grade yet
 * for that query (a later round of pooling, after the ranking changed); lede's ranking is pooled
 * both re-ranked (as served) and in the article index's own order.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { searchParamsSchema } from '../src/api/search/params.js';
import { SearchService } from '../src/api/search/service.js';
import { loadConfig } from '../src/config.js';
import type { ParagraphDocument } from '../src/ingest/types.js';
import { createLogger } from '../src/log.js';
import { createClient, indexNames, meili } from '../src/meili/client.js';
import { connectMeili } from '../src/meili/embedded.js';
import { quote } from '../src/meili/filter.js';
import { repoRoot } from './lib/corpus.js';

const newOnly = process.argv.includes('--new-only');
const queries = process.argv.slice(2).filter((a) => a !== '--new-only');
const judged = new Map(
  (JSON.parse(readFileSync(path.join(repoRoot, 'test/fixtures/relevance/judgments.json'), 'utf8')) as { queries: Array<{ q: string; relevant: Record<string, number> }> }).queries.map((j) => [
    j.q,
    j,
  ]),
);
if (queries.length === 0) {
  console.error('usage: tsx scripts/pool-relevance.ts <query> [<query>…]');
  process.exit(2);
}
const log = createLogger('warn');
const config = loadConfig({ ...process.env, LEDE_DATA_DIR: path.join(repoRoot, 'data/eval'), LEDE_MEILI_PORT: '0', MEILI_URL: '' });
const connection = await connectMeili(config, log);
const admin = createClient({ url: connection.url, apiKey: connection.masterKey, timeoutMs: 120_000 });
try {
  const names = indexNames('releval');
  const service = new SearchService({ client: admin, indexes: names });
  const unranked = new SearchService({ client: admin, indexes: names, rerankWeights: { article: 1, paragraph: 0, matches: 0 } });
  for (const q of queries) {
    const lede = (await service.search(searchParamsSchema.parse({ q, perPage: '10' }))).hits.map((h) => h.articleId);
    const native = (await unranked.search(searchParamsSchema.parse({ q, perPage: '10' }))).hits.map((h) => h.articleId);
    const base = (await meili(() => admin.index('releval_default').search(q, { limit: 10, distinct: 'articleId', attributesToRetrieve: ['articleId'] }))).hits.map(
      (h) => h.articleId as string,
    );
    const titles = (await meili(() => admin.index(names.articles).search(q, { limit: 5, matchingStrategy: 'all', attributesToRetrieve: ['id'] }))).hits.map((h) => h.id as string);
    const graded = judged.get(q)?.relevant ?? {};
    // Graded or seen before (an unlisted article of a judged query was read and found not relevant).
    const seen = new Set(newOnly ? Object.keys(graded) : []);
    const pool = [...new Set([...base, ...lede, ...native, ...titles])].filter((id) => !seen.has(id));
    const words = q.toLowerCase().replace(/"/g, '').split(/\s+/).filter(Boolean);
    console.log(`\n=== ${q}  (${pool.length} candidates)`);
    for (const id of pool) {
      const paragraphs = (
        await meili(() => admin.index<ParagraphDocument>(names.paragraphs).search('', { filter: `articleId = ${quote(id)}`, sort: ['position:asc'], limit: 500, attributesToRetrieve: ['title', 'text', 'position'] }))
      ).hits;
      const stem = (w: string) => w.slice(0, Math.max(4, w.length - 2));
      const matching = paragraphs.filter((p) => words.some((w) => p.text.toLowerCase().includes(stem(w))));
      const from = [base.includes(id) ? `d${base.indexOf(id) + 1}` : '', lede.includes(id) ? `l${lede.indexOf(id) + 1}` : '', native.includes(id) ? `n${native.indexOf(id) + 1}` : '', titles.includes(id) ? 't' : ''].filter(Boolean).join(',');
      console.log(`\n--- ${id} [${from}] ${paragraphs[0]?.title ?? '?'} (${paragraphs.length} paragraphs, ${matching.length} with a query word)`);
      console.log(`    lead: ${(paragraphs[0]?.text ?? '').slice(0, 300)}`);
      for (const p of matching.filter((p) => p.position !== 0).slice(0, 3)) console.log(`    ¶${p.position}: ${p.text.slice(0, 220)}`);
    }
  }
} finally {
  await connection.release();
}
