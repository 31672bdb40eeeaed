/** MinHash signatures and clustering (src/clusters/): estimates, determinism, thresholds. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterArticles, CLUSTER_THRESHOLD } from '../../src/clusters/cluster.js';
import { articleSignature, BANDS, bandKey, decodeSignature, encodeSignature, MIN_SHINGLES, NUM_HASHES, shingleHashes, similarity, words } from '../../src/clusters/minhash.js';
import { repoRoot } from '../helpers/meili.js';

const seed = readFileSync(path.join(repoRoot, 'seeds/000_736e09f0b2d7f6d7.txt'), 'utf8').split(/\n\s*\n/).slice(1).map((p) => p.trim()).filter(Boolean);

function exact(a: string[], b: string[]): number {
  const x = new Set(shingleHashes(a));
  const y = new Set(shingleHashes(b));
  const inter = [...x].filter((h) => y.has(h)).length;
  return inter / (x.size + y.size - inter);
}

/** Every `every`-th word replaced: a deterministic edit. */
const edit = (paragraphs: string[], every: number) => {
  let i = 0;
  return paragraphs.map((p) => p.split(' ').map((w) => (++i % every === 0 ? 'zzyzx' : w)).join(' '));
};

describe('MinHash signatures', () => {
  it('hash the same words to the same shingles whatever the case, punctuation or paragraph breaks', () => {
    expect(words("It's the U.S. dollar, 10%")).toEqual(['it', 's', 'the', 'u', 's', 'dollar', '10']);
    expect([...shingleHashes(['The dollar fell. Sharply today'])]).toEqual([...shingleHashes(['the DOLLAR', 'fell sharply — today'])]);
  });

  it('estimate the Jaccard similarity of the shingle sets within a few points', () => {
    for (const every of [50, 20, 10, 5, 3]) {
      const copy = edit(seed, every);
      const estimate = similarity(articleSignature(seed)!, articleSignature(copy)!);
      expect(Math.abs(estimate - exact(seed, copy)), `every ${every}th word edited`).toBeLessThan(0.12);
    }
  });

  it('are deterministic and survive the base64 round trip of the article document', () => {
    const sig = articleSignature(seed)!;
    expect(sig).toHaveLength(NUM_HASHES);
    expect([...articleSignature([...seed])!]).toEqual([...sig]);
    expect([...decodeSignature(encodeSignature(sig))!]).toEqual([...sig]);
    expect(encodeSignature(sig)).toHaveLength(684);
    expect(decodeSignature('not a signature')).toBeNull();
  });

  it('leave short texts out (too few shingles to tell a rewrite from another company’s brief)', () => {
    expect(articleSignature(['Qtly div 10 cts vs 10 cts prior, pay April 1, record March 15.'])).toBeNull();
    expect(shingleHashes(seed).length).toBeGreaterThan(MIN_SHINGLES);
  });
});

describe('clustering', () => {
  it('joins a rewrite with its original (transitively) and leaves a different story alone; the earliest names the cluster', () => {
    const rewrite = [...edit(seed, 10)].reverse();
    const rewriteOfRewrite = edit(rewrite, 12);
    const other = ['The central bank left its main interest rate unchanged on Thursday, saying inflation was easing faster than expected across the region.', 'Economists had expected the decision, although several said a cut could come as early as next month if wages kept slowing and energy prices fell further.'];
    const { clusterOf, multi } = clusterArticles([
      { id: 'b-rewrite', signature: articleSignature(rewrite), publishedAt: 200 },
      { id: 'a-original', signature: articleSignature(seed), publishedAt: 100 },
      { id: 'c-again', signature: articleSignature(rewriteOfRewrite), publishedAt: 300 },
      { id: 'd-other', signature: articleSignature(other), publishedAt: 50 },
      { id: 'e-short', signature: null, publishedAt: 10 },
    ]);
    expect(Object.fromEntries(clusterOf)).toEqual({ 'a-original': 'a-original', 'b-rewrite': 'a-original', 'c-again': 'a-original', 'd-other': 'd-other', 'e-short': 'e-short' });
    expect(multi).toBe(1);
  });

  it('joins exactly the pairs that share a band and reach the threshold, as every pair compared would', () => {
    // 120 articles: 30 stories (the seed's words in 30 seeded orders), each filed four times with
    // none, a tenth, a quarter or half of its words edited: some versions join, some do not.
    const vocabulary = seed.join(' ').split(' ');
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const stories = Array.from({ length: 30 }, () => [Array.from({ length: 200 }, () => vocabulary[Math.floor(next() * vocabulary.length)]!).join(' ')]);
    const articles = stories.flatMap((story, s) => [0, 10, 4, 2].map((every, v) => ({ id: `s${s}-v${v}`, signature: articleSignature(every ? edit(story, every) : story), publishedAt: v })));
    const parent = articles.map((_, i) => i);
    const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
    for (let i = 0; i < articles.length; i++) {
      for (let j = i + 1; j < articles.length; j++) {
        const [a, b] = [articles[i]!.signature!, articles[j]!.signature!];
        const shareBand = Array.from({ length: BANDS }, (_, band) => bandKey(a, band) === bandKey(b, band)).some(Boolean);
        if (shareBand && similarity(a, b) >= CLUSTER_THRESHOLD) parent[root(i)] = root(j);
      }
    }
    const groups = (clusterOf: (i: number) => unknown) => articles.map((_, i) => articles.findIndex((__, j) => clusterOf(j) === clusterOf(i)));
    const { clusterOf } = clusterArticles(articles);
    expect(groups((i) => clusterOf.get(articles[i]!.id))).toEqual(groups(root));
    const clusters = new Set(articles.map((_, i) => root(i))).size;
    expect(clusters).toBeGreaterThan(30);
    expect(clusters).toBeLessThan(100);
  });

  it('keeps apart two halves of one text at the threshold (similar topic, different words)', () => {
    const half = Math.floor(seed.length / 2);
    const a = articleSignature(seed.slice(0, half))!;
    const b = articleSignature(seed.slice(half))!;
    expect(similarity(a, b)).toBeLessThan(CLUSTER_THRESHOLD);
  });
});
