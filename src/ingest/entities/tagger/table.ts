/**
 * The trained model's feature index: an open-addressing hash table of 32-bit fingerprints, stored
 * as typed arrays, so a model loads without building a map of its features' strings, and a
 * feature's row is found by hashing its parts as they stand (a word pair's row without building
 * "l-1|l=president vladimir").
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

export interface FeatureTable {
  mask: number;
  /** 0 for an empty slot; else the feature's second hash, never 0. */
  fingerprints: Uint32Array;
}

const fingerprint = (h2: number): number => (h2 >>> 0) || 1;

/** The slot (= row) of a hashed feature, or -1. */
export function lookup(table: FeatureTable, h: FeatureHash): number {
  const f = fingerprint(h.h2);
  const { mask, fingerprints } = table;
  let slot = h.h1 & mask;
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
    const h = FeatureHash.of(feature);
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
