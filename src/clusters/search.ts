/**
 * Story clusters in article-mode search (issue 17). With `cluster=true` (the default):
 *   - the page's hits come from their own query, `stories`, with `distinct: cluster`, so a story
 *     filed several times is one hit; the totals and facet counts stay the article index's own
 *     (`articles`, no distinct), so they still count articles, exactly: folding changes what is
 *     listed, never what is counted (Meilisearch counts facets after distinct, on whichever version
 *     ranks first, which would make a value's count differ from what selecting it returns);
 *   - the re-ranked order keeps the first article of each cluster (the paragraph-side candidates
 *     can bring in a second version);
 *   - the page's hits carry their cluster id and the story's other versions (source, date), read
 *     in the same round trip as the passages.
 * With `cluster=false` every version is a hit of its own, as before; hits still carry `cluster`.
 */
import type { NamedQueries, Query } from '../api/search/request-adapter/queries.js';
import type { SearchHit, Version } from '../api/search/responses.js';
import { webUrl } from '../ingest/url.js';
import { quote } from '../meili/filter.js';

export const CLUSTER_FIELD = 'cluster';
/** Versions listed per hit, at most (a story's oldest first). */
export const MAX_VERSIONS = 20;

function retrieveCluster(query: Query): void {
  if (Array.isArray(query.attributesToRetrieve) && !query.attributesToRetrieve.includes(CLUSTER_FIELD)) {
    query.attributesToRetrieve = [...query.attributesToRetrieve, CLUSTER_FIELD];
  }
}

/**
 * When folding, lists the page from a `stories` query (`distinct: cluster`) beside the counting
 * `articles` query; asks every query that returns ids for their cluster.
 */
export function clusterQueries(queries: NamedQueries, articlesUid: string, fold: boolean): NamedQueries {
  for (const query of Object.values(queries)) retrieveCluster(query);
  const main = queries['articles'];
  if (fold && main && main.indexUid === articlesUid && !main.distinct) {
    // Offset and limit, not page mode: the total comes from `articles`, and an exhaustive total
    // under `distinct` would fold every matching article (7× the cost of the page's 50, bench:search).
    const { facets: _counted, page = 1, hitsPerPage = 20, ...listing } = main;
    queries['stories'] = { ...listing, offset: (page - 1) * hitsPerPage, limit: hitsPerPage, distinct: CLUSTER_FIELD };
    queries['articles'] = { ...main, hitsPerPage: 0, attributesToRetrieve: ['id'] };
  }
  return queries;
}

/** Article id → cluster id, from any hits that carry them (article hits by `id`, paragraph hits by `articleId`). */
export function clustersOf(...lists: Array<ReadonlyArray<Record<string, unknown>> | undefined>): Map<string, string> {
  const out = new Map<string, string>();
  for (const hits of lists) {
    for (const hit of hits ?? []) {
      const id = typeof hit.articleId === 'string' ? hit.articleId : typeof hit.id === 'string' ? hit.id : undefined;
      if (id && typeof hit.cluster === 'string' && !out.has(id)) out.set(id, hit.cluster);
    }
  }
  return out;
}

/** The first article of each cluster, in order (an article of unknown cluster is its own). */
export function onePerCluster(order: readonly string[], clusterOf: ReadonlyMap<string, string>): string[] {
  const seen = new Set<string>();
  return order.filter((id) => {
    const cluster = clusterOf.get(id) ?? id;
    if (seen.has(cluster)) return false;
    seen.add(cluster);
    return true;
  });
}

/** The query listing every version of the page's clusters, oldest first. */
export function versionsQuery(articlesUid: string, clusters: readonly string[]): NamedQueries {
  if (clusters.length === 0) return {};
  return {
    versions: {
      indexUid: articlesUid,
      q: '',
      filter: `${CLUSTER_FIELD} IN [${[...new Set(clusters)].map(quote).join(', ')}]`,
      sort: ['publishedAt:asc'],
      limit: clusters.length * (MAX_VERSIONS + 1),
      attributesToRetrieve: ['id', 'title', 'date', 'source', 'url', CLUSTER_FIELD],
    },
  };
}

/** Gives each hit its cluster id and, when folded, the other versions of its story. */
export function withVersions(
  hits: readonly SearchHit[],
  clusterOf: ReadonlyMap<string, string>,
  versions: { hits: ReadonlyArray<Record<string, unknown>> } | undefined,
): SearchHit[] {
  const byCluster = new Map<string, Version[]>();
  for (const v of versions?.hits ?? []) {
    const cluster = String(v.cluster ?? v.id);
    const list = byCluster.get(cluster) ?? [];
    list.push({
      articleId: String(v.id),
      title: String(v.title ?? ''),
      publishedAt: typeof v.date === 'string' ? v.date : null,
      source: typeof v.source === 'string' ? v.source : null,
      url: webUrl(typeof v.url === 'string' ? v.url : null),
    });
    byCluster.set(cluster, list);
  }
  return hits.map((hit) => {
    const cluster = clusterOf.get(hit.articleId) ?? hit.articleId;
    if (!versions) return { ...hit, cluster };
    const others = (byCluster.get(cluster) ?? []).filter((v) => v.articleId !== hit.articleId).slice(0, MAX_VERSIONS);
    return { ...hit, cluster, versions: others };
  });
}
