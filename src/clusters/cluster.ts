/**
 * Story clusters from signatures: LSH candidates, kept when their estimated Jaccard similarity
 * reaches the threshold, joined transitively (union-find). A cluster's id is its earliest member's
 * article id (oldest date, then smallest id), so it stays put as later versions join; an article
 * alone is its own cluster (its id).
 */
import { BANDS, bandKey, similarity } from './minhash.js';

/**
 * Estimated Jaccard similarity of 3-word shingle sets at or above which two articles are versions
 * of one story. Chosen on `npm run eval:clusters` (its sweep prints the neighbours): copies with
 * 2–20% of their words edited, paragraphs reordered and boilerplate added keep ≥ ~0.3 of their
 * shingles in common; different stories on the same topic share < 0.1.
 */
export const CLUSTER_THRESHOLD = 0.25;

export interface Fingerprinted {
  id: string;
  /** null: too short to fingerprint, a cluster of its own. */
  signature: Uint32Array | null;
  /** Unix seconds, or null. */
  publishedAt: number | null;
}

export interface Clustering {
  /** Article id → cluster id, for every article given. */
  clusterOf: Map<string, string>;
  /** Clusters with more than one member. */
  multi: number;
  candidatePairs: number;
  joinedPairs: number;
}

function earlier(a: Fingerprinted, b: Fingerprinted): boolean {
  const ta = a.publishedAt ?? Number.POSITIVE_INFINITY;
  const tb = b.publishedAt ?? Number.POSITIVE_INFINITY;
  return ta !== tb ? ta < tb : a.id < b.id;
}

export function clusterArticles(articles: readonly Fingerprinted[], threshold = CLUSTER_THRESHOLD, bands = BANDS): Clustering {
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  let candidatePairs = 0;
  let joinedPairs = 0;
  const n = articles.length;
  const tried = new Set<number>();
  const pair = (i: number, j: number) => {
    const key = i < j ? i * n + j : j * n + i;
    if (tried.has(key)) return;
    tried.add(key);
    candidatePairs++;
    if (find(i) === find(j)) return;
    if (similarity(articles[i]!.signature!, articles[j]!.signature!) >= threshold) {
      parent[find(i)] = find(j);
      joinedPairs++;
    }
  };
  // One band at a time: the articles sorted by their key in that band, a run of equal keys is a
  // bucket. A map of every band's buckets at once held 64 entries per article (by estimate
  // 150–200 MB of heap on the whole corpus); this holds a few arrays of one entry per article, and
  // the pairs tried.
  const signed = Uint32Array.from(articles.flatMap((a, i) => (a.signature ? [i] : [])));
  const keys = new Uint32Array(n);
  for (let b = 0; b < bands; b++) {
    for (const i of signed) keys[i] = bandKey(articles[i]!.signature!, b, bands);
    const order = signed.slice().sort((x, y) => keys[x]! - keys[y]! || x - y);
    for (let start = 0; start < order.length; ) {
      let end = start + 1;
      while (end < order.length && keys[order[end]!] === keys[order[start]!]) end++;
      for (let x = start; x < end; x++) for (let y = x + 1; y < end; y++) pair(order[x]!, order[y]!);
      start = end;
    }
  }
  // Each root's earliest member names the cluster.
  const first = new Map<number, number>();
  const size = new Map<number, number>();
  articles.forEach((a, i) => {
    const root = find(i);
    size.set(root, (size.get(root) ?? 0) + 1);
    const best = first.get(root);
    if (best === undefined || earlier(a, articles[best]!)) first.set(root, i);
  });
  const clusterOf = new Map<string, string>();
  articles.forEach((a, i) => clusterOf.set(a.id, articles[first.get(find(i))!]!.id));
  return { clusterOf, multi: [...size.values()].filter((s) => s > 1).length, candidatePairs, joinedPairs };
}
