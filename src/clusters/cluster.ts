/**
 * Story clusters from signatures: LSH candidates, kept when their estimated Jaccard similarity
 * reaches the threshold, joined transitively (union-find). A cluster's id is its earliest member's
 * article id (oldest date, then smallest id), so it stays put as later versions join; an article
 * alone is its own cluster (its id).
 */
import { BANDS, bandKeys, similarity } from './minhash.js';

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
  const buckets = new Map<string, number[]>();
  articles.forEach((a, i) => {
    if (!a.signature) return;
    for (const key of bandKeys(a.signature, bands)) {
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
  });
  const tried = new Set<number>();
  let candidatePairs = 0;
  let joinedPairs = 0;
  const n = articles.length;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    for (let x = 0; x < bucket.length; x++) {
      for (let y = x + 1; y < bucket.length; y++) {
        const i = bucket[x]!;
        const j = bucket[y]!;
        const key = i * n + j;
        if (tried.has(key)) continue;
        tried.add(key);
        candidatePairs++;
        if (find(i) === find(j)) continue;
        if (similarity(articles[i]!.signature!, articles[j]!.signature!) >= threshold) {
          parent[find(i)] = find(j);
          joinedPairs++;
        }
      }
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
