/**
 * Word clusters learned without labels, for the tagger's `clusters` features: words used in the same
 * contexts ("Tuesday", "Friday"; "Lloyds", "Barclays"; "spokesman", "spokeswoman") share a bit-path
 * prefix, so a word seen once in training lends its evidence to its cluster.
 *
 * Brown clustering's output (a binary tree over the vocabulary, a word's cluster being its path) with
 * a cheaper algorithm: each word is the vector of the words right before and right after it
 * (positive PMI), randomly projected to a few dozen dimensions, and the vocabulary is split in two
 * by spherical 2-means again and again. The path of "friday" might read 0110100111…: its first 4
 * bits a coarse class (time words), 20 bits nearly the word itself.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../tokenize.js';
import type { ConllDocument } from './conll.js';
import { seededRandom } from './perceptron.js';

export interface ClusterOptions {
  seed: number;
  /** Words seen fewer times get no cluster. */
  minCount?: number;
  /** At most this many words, the most frequent. */
  maxWords?: number;
  /** Context words: the most frequent ones. */
  contexts?: number;
  dimensions?: number;
  depth?: number;
  log?: (line: string) => void;
}

/** Lower-case token sequences of the unlabelled text: Reuters-21578, BBC News and the CoNLL training text. */
export function corpusSentences(corpusDir: string, conll: ConllDocument[]): string[][] {
  const out: string[][] = [];
  const add = (text: string): void => {
    for (const paragraph of text.split(/\n+/)) {
      const tokens = tokenize(paragraph);
      if (tokens.length) out.push(tokens.map((t) => (t.word ? t.key : t.text)));
    }
  };
  const reuters = join(corpusDir, 'reuters-21578.jsonl');
  if (existsSync(reuters)) {
    for (const line of readFileSync(reuters, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { title?: string; body?: string; duplicateOf?: string | null };
      if (record.duplicateOf) continue;
      add(`${record.title ?? ''}\n${record.body ?? ''}`);
    }
  }
  const bbc = join(corpusDir, 'bbc');
  if (existsSync(bbc)) {
    for (const folder of readdirSync(bbc, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      for (const file of readdirSync(join(bbc, folder)).sort()) if (file.endsWith('.txt')) add(readFileSync(join(bbc, folder, file), 'latin1'));
    }
  }
  for (const doc of conll) add(doc.text);
  return out;
}

/** Word → bit path. Deterministic for the same sentences and seed. */
export function learnClusters(sentences: string[][], options: ClusterOptions): Map<string, string> {
  const minCount = options.minCount ?? 3;
  const maxWords = options.maxWords ?? 60_000;
  const contextCount = options.contexts ?? 1_000;
  const dims = options.dimensions ?? 64;
  const depth = options.depth ?? 20;
  const log = options.log ?? (() => {});

  const frequency = new Map<string, number>();
  let total = 0;
  for (const s of sentences) {
    for (const w of s) {
      frequency.set(w, (frequency.get(w) ?? 0) + 1);
      total++;
    }
  }
  const byFrequency = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const words = byFrequency.filter(([, n]) => n >= minCount).slice(0, maxWords).map(([w]) => w);
  const wordIndex = new Map(words.map((w, i) => [w, i]));
  const contexts = new Map(byFrequency.slice(0, contextCount).map(([w], i) => [w, i]));
  log(`${total} tokens, ${words.length} words, ${contexts.size} context words`);

  // Co-occurrence counts: left contexts in [0, C), right contexts in [C, 2C).
  const C = contexts.size;
  const cooc = words.map(() => new Map<number, number>());
  const contextTotals = new Float64Array(2 * C);
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const w = wordIndex.get(s[i]!);
      if (w === undefined) continue;
      const left = i > 0 ? contexts.get(s[i - 1]!) : undefined;
      const right = i + 1 < s.length ? contexts.get(s[i + 1]!) : undefined;
      const m = cooc[w]!;
      if (left !== undefined) {
        m.set(left, (m.get(left) ?? 0) + 1);
        contextTotals[left]!++;
      }
      if (right !== undefined) {
        m.set(C + right, (m.get(C + right) ?? 0) + 1);
        contextTotals[C + right]!++;
      }
    }
  }

  // Positive PMI, randomly projected (a seeded ±1 matrix), unit length.
  const random = seededRandom(options.seed);
  const projection = new Float32Array(2 * C * dims);
  for (let i = 0; i < projection.length; i++) projection[i] = random() < 0.5 ? -1 : 1;
  let pairTotal = 0;
  for (const t of contextTotals) pairTotal += t;
  const vectors = new Float32Array(words.length * dims);
  for (let w = 0; w < words.length; w++) {
    const m = cooc[w]!;
    let rowTotal = 0;
    for (const n of m.values()) rowTotal += n;
    const base = w * dims;
    for (const [c, n] of m) {
      const pmi = Math.log((n * pairTotal) / (rowTotal * contextTotals[c]!));
      if (pmi <= 0) continue;
      const p = c * dims;
      for (let d = 0; d < dims; d++) vectors[base + d]! += pmi * projection[p + d]!;
    }
    normalise(vectors, base, dims);
  }
  log(`vectors of ${dims} dimensions`);

  // Divisive clustering: split every cluster in two, `depth` times.
  const paths = words.map(() => '');
  let groups: number[][] = [words.map((_, i) => i)];
  for (let level = 0; level < depth; level++) {
    const next: number[][] = [];
    for (const group of groups) {
      if (group.length < 2) {
        for (const w of group) paths[w] += '0';
        next.push(group);
        continue;
      }
      const [a, b] = split(group, vectors, dims, random);
      for (const w of a) paths[w] += '0';
      for (const w of b) paths[w] += '1';
      next.push(a, b);
    }
    groups = next;
  }
  log(`${depth} levels`);
  return new Map(words.map((w, i) => [w, paths[i]!]));
}

function normalise(v: Float32Array, base: number, dims: number): void {
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[base + d]! ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let d = 0; d < dims; d++) v[base + d]! /= norm;
}

/** Spherical 2-means of a group, seeded from two of its members; a few rounds are enough for a split. */
function split(group: number[], vectors: Float32Array, dims: number, random: () => number): [number[], number[]] {
  const first = group[Math.floor(random() * group.length)]!;
  // The second seed: the member least like the first.
  let second = group[0]!;
  let lowest = Infinity;
  for (const w of group) {
    const s = dot(vectors, w * dims, vectors, first * dims, dims);
    if (s < lowest) {
      lowest = s;
      second = w;
    }
  }
  const centroids = new Float32Array(2 * dims);
  centroids.set(vectors.subarray(first * dims, first * dims + dims), 0);
  centroids.set(vectors.subarray(second * dims, second * dims + dims), dims);
  let assignment = new Uint8Array(group.length);
  for (let round = 0; round < 6; round++) {
    const sums = new Float32Array(2 * dims);
    const sizes = [0, 0];
    group.forEach((w, k) => {
      const side = dot(vectors, w * dims, centroids, 0, dims) >= dot(vectors, w * dims, centroids, dims, dims) ? 0 : 1;
      assignment[k] = side;
      sizes[side]!++;
      for (let d = 0; d < dims; d++) sums[side * dims + d]! += vectors[w * dims + d]!;
    });
    if (sizes[0] === 0 || sizes[1] === 0) break;
    normalise(sums, 0, dims);
    normalise(sums, dims, dims);
    centroids.set(sums);
  }
  const a: number[] = [];
  const b: number[] = [];
  group.forEach((w, k) => (assignment[k] === 0 ? a : b).push(w));
  // Identical vectors (words never seen with a context word) cannot be split by likeness: halve them.
  if (a.length === 0 || b.length === 0) {
    const all = [...a, ...b];
    assignment = new Uint8Array(0);
    return [all.slice(0, all.length >> 1), all.slice(all.length >> 1)];
  }
  return [a, b];
}

function dot(a: Float32Array, ai: number, b: Float32Array, bi: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) s += a[ai + d]! * b[bi + d]!;
  return s;
}
