/**
 * Story clusters (issue 17): `npm run eval:clusters [-- --n 400 --seed 17]`.
 *
 * Builds a labelled set from the shared corpus and scores the clustering that `lede index` runs
 * (src/clusters/) on it:
 *   - originals: corpus articles (half Reuters, half BBC) of at least 60 words, not themselves a
 *     listed duplicate;
 *   - positives: for each original, a copy with 2, 5, 10, 15 or 20% of its words edited
 *     (substituted by a corpus word, deleted, or a word inserted), its paragraphs reordered (all
 *     shuffled, or one moved), a changed headline, and for half of them boilerplate added
 *     (copyright lines, newsletter and social plugs, a correction note, a reporting credit);
 *   - negatives: for each original, a different corpus article on the same topic (a shared Reuters
 *     topic code, or the same BBC category).
 * Everything goes through the real pipeline (LSH candidates, the similarity threshold,
 * union-find), all at once, and a pair is predicted "same story" when both land in one cluster.
 * Prints precision and recall of the labelled pairs at the chosen threshold, recall by edit rate,
 * and a threshold sweep. A negative pair whose texts share half their shingles or more (a real
 * near-duplicate in the corpus, e.g. a wire story filed twice with a different dateline) is left
 * out of the negatives and counted.
 */
import { loadLabelled, rng, type LabelledArticle } from './lib/labelled.js';
import { requireCorpus } from './lib/corpus.js';
import { clusterArticles, CLUSTER_THRESHOLD, type Fingerprinted } from '../src/clusters/cluster.js';
import { articleSignature, BANDS, MIN_SHINGLES, shingleHashes, words } from '../src/clusters/minhash.js';

requireCorpus('eval:clusters');
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const N = arg('n', 400);
const random = rng(arg('seed', 17));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const BOILERPLATE = [
  'Copyright 2024 Newswire Ltd. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  'Sign up for our morning newsletter and get the top stories delivered to your inbox every day.',
  'Follow us on Twitter, Facebook and Instagram for the latest updates.',
  'Correction: an earlier version of this story misstated a figure in the fourth paragraph.',
  'Reporting by staff correspondents; editing by the news desk.',
  'Click here to read more stories like this one, and download our app for breaking news alerts.',
];
const RATES = [0.02, 0.05, 0.1, 0.15, 0.2];

const all = loadLabelled();
const corpusWords = all.slice(0, 3000).flatMap((a) => a.paragraphs.flatMap((p) => p.split(/\s+/))).filter((w) => /^[a-z]{3,}$/.test(w));
const wordCount = (a: LabelledArticle) => a.paragraphs.reduce((n, p) => n + words(p).length, 0);
const eligible = all.filter((a) => a.duplicateOf === null && a.labels.length > 0 && wordCount(a) >= 60);
const byLabel = new Map<string, LabelledArticle[]>();
for (const a of eligible) for (const l of a.labels) byLabel.set(l, [...(byLabel.get(l) ?? []), a]);

function sample(collection: LabelledArticle['collection'], n: number): LabelledArticle[] {
  const pool = eligible.filter((a) => a.collection === collection);
  const chosen = new Set<LabelledArticle>();
  while (chosen.size < Math.min(n, pool.length)) chosen.add(pick(pool));
  return [...chosen];
}

/** A rewritten copy: edits at `rate`, paragraphs reordered, a new headline, maybe boilerplate. */
function rewrite(a: LabelledArticle, rate: number, boilerplate: boolean): LabelledArticle {
  let paragraphs = a.paragraphs.map((p) => p.split(/\s+/));
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  for (let e = Math.round(rate * total); e > 0; e--) {
    const p = paragraphs[Math.floor(random() * paragraphs.length)]!;
    if (p.length === 0) continue;
    const at = Math.floor(random() * p.length);
    const op = random();
    if (op < 0.6) p[at] = pick(corpusWords);
    else if (op < 0.8) p.splice(at, 1);
    else p.splice(at, 0, pick(corpusWords));
  }
  if (paragraphs.length > 1) {
    if (random() < 0.5) paragraphs = paragraphs.map((p) => ({ p, k: random() })).sort((x, y) => x.k - y.k).map((x) => x.p);
    else {
      const [moved] = paragraphs.splice(Math.floor(random() * paragraphs.length), 1);
      paragraphs.splice(Math.floor(random() * (paragraphs.length + 1)), 0, moved!);
    }
  }
  const text = paragraphs.map((p) => p.join(' ')).filter(Boolean);
  if (boilerplate) {
    text.unshift(pick(BOILERPLATE));
    text.push(pick(BOILERPLATE), pick(BOILERPLATE));
  }
  return { ...a, id: `${a.id}~copy`, title: `UPDATE 1-${a.title.split(' ').reverse().join(' ')}`, paragraphs: text, duplicateOf: a.id };
}

function exactJaccard(a: LabelledArticle, b: LabelledArticle): number {
  const x = new Set(shingleHashes(a.paragraphs));
  const y = new Set(shingleHashes(b.paragraphs));
  let inter = 0;
  for (const h of x) if (y.has(h)) inter++;
  return inter / (x.size + y.size - inter || 1);
}

const originals = [...sample('reuters', N / 2), ...sample('bbc', N / 2)];
const positives: Array<{ a: LabelledArticle; b: LabelledArticle; rate: number; boilerplate: boolean }> = [];
const negatives: Array<{ a: LabelledArticle; b: LabelledArticle }> = [];
let realNearDuplicates = 0;
originals.forEach((o, i) => {
  const rate = RATES[i % RATES.length]!;
  const boilerplate = Math.floor(i / RATES.length) % 2 === 0;
  positives.push({ a: o, b: rewrite(o, rate, boilerplate), rate, boilerplate });
  for (let tries = 0; tries < 20; tries++) {
    const other = pick(byLabel.get(pick(o.labels))!);
    if (other.id === o.id || other.duplicateOf === o.id || o.duplicateOf === other.id) continue;
    if (exactJaccard(o, other) >= 0.5) {
      realNearDuplicates++;
      continue;
    }
    negatives.push({ a: o, b: other });
    break;
  }
});

const pool = new Map<string, LabelledArticle>();
for (const { a, b } of [...positives, ...negatives]) {
  pool.set(a.id, a);
  pool.set(b.id, b);
}
const started = performance.now();
const fingerprinted: Fingerprinted[] = [...pool.values()].map((a) => ({ id: a.id, signature: articleSignature(a.paragraphs), publishedAt: a.publishedAt }));
const signMs = performance.now() - started;

function score(threshold: number, bands = BANDS) {
  const { clusterOf } = clusterArticles(fingerprinted, threshold, bands);
  const same = (x: LabelledArticle, y: LabelledArticle) => clusterOf.get(x.id) === clusterOf.get(y.id);
  const tp = positives.filter((p) => same(p.a, p.b)).length;
  const fp = negatives.filter((p) => same(p.a, p.b)).length;
  return { threshold, precision: tp / (tp + fp || 1), recall: tp / positives.length, tp, fp, fn: positives.length - tp, clusterOf };
}

const fmt = (x: number) => x.toFixed(3);
console.log(`eval:clusters — ${originals.length} originals (${originals.filter((o) => o.collection === 'reuters').length} Reuters, ${originals.filter((o) => o.collection === 'bbc').length} BBC), seed ${arg('seed', 17)}`);
console.log(`  ${positives.length} positive pairs (rewritten copies), ${negatives.length} negative pairs (same topic); ${realNearDuplicates} drawn negatives left out as real near-duplicates (≥ 0.5 shingles shared)`);
console.log(`  MinHash: ${fingerprinted[0] ? 128 : 0} hashes of 3-word shingles, ${BANDS} LSH bands; articles under ${MIN_SHINGLES} shingles are not clustered`);
console.log(`  signatures: ${fingerprinted.length} articles in ${signMs.toFixed(0)} ms\n`);

const chosen = score(CLUSTER_THRESHOLD);
console.log(`chosen threshold ${CLUSTER_THRESHOLD}: precision ${fmt(chosen.precision)}, recall ${fmt(chosen.recall)} (TP ${chosen.tp}, FP ${chosen.fp}, FN ${chosen.fn}); goal ≥ 0.95 both\n`);

console.log('recall by edit rate (exact shingle Jaccard of the pairs, mean / min):');
for (const rate of RATES) {
  const these = positives.filter((p) => p.rate === rate);
  const hit = these.filter((p) => chosen.clusterOf.get(p.a.id) === chosen.clusterOf.get(p.b.id)).length;
  const js = these.map((p) => exactJaccard(p.a, p.b));
  console.log(`  ${String(rate * 100).padStart(2)}% edited: ${fmt(hit / these.length)} of ${these.length}  (Jaccard ${fmt(js.reduce((s, j) => s + j, 0) / js.length)} / ${fmt(Math.min(...js))})`);
}
const negJ = negatives.map((p) => exactJaccard(p.a, p.b)).sort((x, y) => x - y);
console.log(`negatives: exact shingle Jaccard median ${fmt(negJ[Math.floor(negJ.length / 2)] ?? 0)}, 99th percentile ${fmt(negJ[Math.floor(negJ.length * 0.99)] ?? 0)}, max ${fmt(negJ.at(-1) ?? 0)}\n`);

console.log('threshold sweep:');
console.log('  threshold  precision  recall   FP  FN');
for (const t of [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6]) {
  const s = score(t);
  console.log(`  ${t.toFixed(2).padStart(9)}  ${fmt(s.precision).padStart(9)}  ${fmt(s.recall).padStart(6)}  ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}${t === CLUSTER_THRESHOLD ? '  ← chosen' : ''}`);
}
const misses = positives.filter((p) => chosen.clusterOf.get(p.a.id) !== chosen.clusterOf.get(p.b.id));
if (process.argv.includes('--misses')) for (const m of misses) console.log(`  missed: ${m.a.id} at ${m.rate * 100}% (${m.boilerplate ? 'boilerplate' : 'plain'}), Jaccard ${fmt(exactJaccard(m.a, m.b))}, ${wordCount(m.a)} words`);
