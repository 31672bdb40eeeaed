/**
 * The trained model's feature index: an open-addressing hash table of 32-bit fingerprints, stored
 * as typed arrays, so a model loads without building a map of its features' strings. A word pair's
 * hash is mixed from its two words' hashes (`pairHash`), which the tagger keeps per word type: the
 * row of "l-1|l=president vladimir" costs two multiplications and a probe, no string.
 *
 *   slot = hash1(feature) & mask; step on while fingerprints[slot] ≠ 0:
 *     fingerprints[slot] = hash2(feature) → the feature's row is `slot`
 *   an empty slot → the model has no such feature (-1)
 *
 * Two features with the same pair of 32-bit hashes would share a row; `build` checks there are none.
 */

/** FNV-1a over UTF-16 code units, two independent 32-bit hashes in one pass. */
export class FeatureHash {
  h1 = 0x811c9dc5;
  h2 = 0x01000193 ^ 0x5bd1e995;

  add(text: string): this {
    let a = this.h1;
    let b = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.h1 = a;
    this.h2 = b;
    return this;
  }

  static of(...parts: string[]): FeatureHash {
    const h = new FeatureHash();
    for (const p of parts) h.add(p);
    return h;
  }
}

/** The word-pair templates: "l-1|l=a b" (the word before, the word) and "l|l+1=a b". */
export const PAIR_PREFIXES = ['l-1|l=', 'l|l+1='] as const;
export type PairTemplate = 0 | 1;

/** A word's hash, for pairs. */
export const wordHash = (word: string): FeatureHash => FeatureHash.of(word);

const mix = (a: number, b: number, salt: number): number => {
  let x = Math.imul(a ^ salt, 0x85ebca6b) ^ b;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
};
const SALTS = [
  [0x9e3779b9, 0x7f4a7c15],
  [0x632be5ab, 0x2545f491],
] as const;

/** Hashes 1 and 2 of a word pair under `template`, from the two words' hashes. */
export const pairHash1 = (template: PairTemplate, a: FeatureHash, b: FeatureHash): number => mix(a.h1, b.h1, SALTS[template][0]);
export const pairHash2 = (template: PairTemplate, a: FeatureHash, b: FeatureHash): number => mix(a.h2, b.h2, SALTS[template][1]);

/** A feature string's hashes: a word pair's mixed from its words (as the tagger computes it), any other over its text. */
export function featureHash(feature: string): FeatureHash {
  for (let t = 0; t < PAIR_PREFIXES.length; t++) {
    const prefix = PAIR_PREFIXES[t]!;
    const space = feature.indexOf(' ', prefix.length);
    if (space < 0 || !feature.startsWith(prefix)) continue;
    const a = wordHash(feature.slice(prefix.length, space));
    const b = wordHash(feature.slice(space + 1));
    const h = new FeatureHash();
    h.h1 = pairHash1(t as PairTemplate, a, b);
    h.h2 = pairHash2(t as PairTemplate, a, b);
    return h;
  }
  return FeatureHash.of(feature);
}

export interface FeatureTable {
  mask: number;
  /** 0 for an empty slot; else the feature's second hash, never 0. */
  fingerprints: Uint32Array;
}

const fingerprint = (h2: number): number => (h2 >>> 0) || 1;

/** The slot (= row) of a hashed feature, or -1. */
export function lookup(table: FeatureTable, h: FeatureHash): number {
  return lookupHashes(table, h.h1, h.h2);
}

/** `lookup` from the two hashes. */
export function lookupHashes(table: FeatureTable, h1: number, h2: number): number {
  const f = fingerprint(h2);
  const { mask, fingerprints } = table;
  let slot = h1 & mask;
  for (;;) {
    const at = fingerprints[slot]!;
    if (at === 0) return -1;
    if (at === f) return slot;
    slot = (slot + 1) & mask;
  }
}

/**
 * A table for these feature strings (at most half full) and each string's slot. Throws if two of
 * them hash alike, which the training script reports (change a feature's name, or the table size).
 */
export function buildTable(features: Iterable<string>, count: number): { table: FeatureTable; slotOf: (feature: string) => number } {
  let capacity = 1024;
  while (capacity < count * 2) capacity *= 2;
  const table: FeatureTable = { mask: capacity - 1, fingerprints: new Uint32Array(capacity) };
  const slots = new Map<string, number>();
  for (const feature of features) {
    const h = featureHash(feature);
    const f = fingerprint(h.h2);
    let slot = h.h1 & table.mask;
    while (table.fingerprints[slot] !== 0) {
      if (table.fingerprints[slot] === f) throw new Error(`feature "${feature}" hashes like another one`);
      slot = (slot + 1) & table.mask;
    }
    table.fingerprints[slot] = f;
    slots.set(feature, slot);
  }
  return { table, slotOf: (feature) => slots.get(feature)! };
}
