/**
 * Assigns story clusters corpus-wide, when `lede index` (or a push) ends: reads every article's
 * signature from the article index, clusters them (cluster.ts), and writes `cluster` to the articles
 * whose cluster changed and to their paragraphs, as partial updates, waiting for every task.
 * Articles that stay alone keep their own id (what the pipeline wrote), so on a corpus of mostly
 * distinct stories only the near-duplicates and their paragraphs are touched.
 */
import type { Meilisearch } from 'meilisearch';
import { paragraphId } from '../ingest/article-id.js';
import type { ArticleRecord } from '../ingest/documents.js';
import { meili, waitForTasks, type IndexNames } from '../meili/client.js';
import { clusterArticles, type Fingerprinted } from './cluster.js';
import { decodeSignature } from './minhash.js';
import { collectIfLarge } from '../indexer/memory.js';

export interface ClusterSummary {
  articles: number;
  /** Clusters of two or more articles, and the articles in them. */
  clusters: number;
  clustered: number;
  /** Articles whose cluster changed in this run (written, with their paragraphs). */
  changed: number;
  ms: number;
}

const PAGE = 2_500;
const UPDATE_BATCH = 5_000;

export async function assignClusters(admin: Meilisearch, target: Pick<IndexNames, 'articles' | 'paragraphs'>): Promise<ClusterSummary> {
  const started = Date.now();
  const articles: Array<Fingerprinted & { cluster: string; paragraphCount: number }> = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await meili(() =>
      admin.index<ArticleRecord>(target.articles).getDocuments({ fields: ['id', 'minhash', 'publishedAt', 'cluster', 'paragraphCount'], limit: PAGE, offset }),
    );
    for (const doc of page.results) {
      articles.push({ id: doc.id, signature: decodeSignature(doc.minhash), publishedAt: doc.publishedAt ?? null, cluster: doc.cluster ?? doc.id, paragraphCount: doc.paragraphCount });
    }
    if (page.results.length < PAGE) break;
    collectIfLarge();
  }
  const { clusterOf, multi } = clusterArticles(articles);
  const changed = articles.filter((a) => clusterOf.get(a.id) !== a.cluster);
  const tasks = [];
  for (let i = 0; i < changed.length; i += UPDATE_BATCH) {
    const batch = changed.slice(i, i + UPDATE_BATCH);
    tasks.push(await meili(() => admin.index(target.articles).updateDocuments(batch.map((a) => ({ id: a.id, cluster: clusterOf.get(a.id)! })), { primaryKey: 'id' })));
    const paragraphs = batch.flatMap((a) => Array.from({ length: a.paragraphCount }, (_, p) => ({ id: paragraphId(a.id, p), cluster: clusterOf.get(a.id)! })));
    tasks.push(await meili(() => admin.index(target.paragraphs).updateDocuments(paragraphs, { primaryKey: 'id' })));
  }
  await waitForTasks(admin, tasks);
  const sizes = new Map<string, number>();
  for (const id of clusterOf.values()) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  const multiSizes = [...sizes.values()].filter((n) => n > 1);
  return { articles: articles.length, clusters: multi, clustered: multiSizes.reduce((s, n) => s + n, 0), changed: changed.length, ms: Date.now() - started };
}
