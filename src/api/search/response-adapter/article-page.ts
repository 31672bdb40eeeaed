/**
 * Article mode, after the article index answered: which articles the page shows, in which order,
 * and the page assembled from their passages.
 *   stories/articles hits [a, b, c] + evidence (b matches in 6 paragraphs) → order [b, a, c]
 *   → one per story cluster → the page's slice → hits with their passages and versions
 */
import type { Hit } from 'meilisearch';
import { clustersOf, onePerCluster, withVersions } from '../../../clusters/search.js';
import type { ParagraphDocument } from '../../../meili/contract.js';
import type { SearchParams } from '../params.js';
import type { QueryMatcher } from '../query-matcher.js';
import type { Answers } from '../request-adapter/queries.js';
import { articleHits, matchCountsOf } from './hits.js';
import { rankWithEvidence, type RerankWeights } from './ranking.js';
import type { SearchHit } from './types.js';

type ParagraphHit = Hit<ParagraphDocument>;
type ArticleHit = { id: string; _rankingScore?: number };

/** The listed articles of the first round trip: folded into stories (cluster=true) they come from `stories`, else from `articles`. */
export function listedArticles(found: Answers): ArticleHit[] {
  return (found.stories ?? found.articles!).hits as ArticleHit[];
}

export interface ArticlePage {
  /** The page's article ids, in order. */
  ids: string[];
  /** Article id → story cluster, of every article seen. */
  clusterOf: Map<string, string>;
}

/**
 * The page's articles: the listed ones, re-ranked with the paragraph evidence when there is some,
 * one per story cluster when folding, sliced from `pageStart`.
 */
export function choosePage(
  params: Pick<SearchParams, 'cluster' | 'perPage'>,
  found: Answers,
  evidence: Answers | undefined,
  options: { pageStart: number; window: number; weights: RerankWeights },
): ArticlePage {
  const listed = listedArticles(found);
  const order = evidence ? rankWithEvidence(listed, evidence, options.window, options.weights) : listed.map((h) => h.id);
  const clusterOf = clustersOf(listed as unknown as Array<Record<string, unknown>>, undefined, evidence?.articleScores?.hits);
  const ids = (params.cluster ? onePerCluster(order, clusterOf) : order).slice(options.pageStart, options.pageStart + params.perPage);
  return { ids, clusterOf };
}

/**
 * The page's hits: each article's best passage (from the evidence when it was read, else from the
 * passages round trip), its other matches and match count, and its story's versions.
 */
export function articlePageHits(page: ArticlePage, evidence: Answers | undefined, passages: Answers, matcher: QueryMatcher): SearchHit[] {
  const source = evidence ?? passages;
  const hits = articleHits(
    page.ids,
    { best: (source.best?.hits ?? []) as ParagraphHit[], others: (passages.others?.hits ?? []) as ParagraphHit[] },
    matchCountsOf(source.matches),
    matcher,
  );
  return withVersions(hits, page.clusterOf, passages.versions);
}
