/**
 * Near-duplicate fingerprints: MinHash over word shingles (Broder 1997), with LSH banding to find
 * candidate pairs without comparing every article with every other.
 *
 *   text → lower-case words → overlapping k-word shingles → 32-bit hashes
 *        → signature: for each of NUM_HASHES seeded hash functions, the smallest hash of any shingle
 *   estimated Jaccard(A, B) = share of signature positions where A and B agree
 *
 * Written here rather than taken from npm: the one MinHash package (`minhash`) computes its
 * permutations (a·x + b mod p) in floating point beyond 2^53, where products lose precision, builds
 * its permutations anew for every document, has no types and no banding; `simhash-js` answers a
 * different question (bit-distance of one 32-bit hash, weak on long texts). This is ~100 lines of
 * integer arithmetic (Math.imul, Uint32Array), deterministic across processes, so signatures stored
 * in the index can be compared with ones computed later.
 */

/** Signature length: the estimate's standard error is √(J(1−J)/128), 0.04 at J = 0.3. */
export const NUM_HASHES = 128;
/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** LSH: BANDS bands of ROWS signature values; a pair whose band agrees anywhere is a candidate. */
export const BANDS = 64;
export const ROWS = NUM_HASHES / BANDS;
/**
 * Articles with fewer shingles than this are not fingerprinted (never clustered): a 12-word wire
 * brief ("Qtly div 10 cts vs 10 cts prior, pay April 1") shares most of its words with every other
 * company's, and is a different story.
 */
export const MIN_SHINGLES = 25;
/**
 * Words fingerprinted, at most: the first 20,000 (a long feature is ~10,000). A 50 MB file read as
 * one article would otherwise cost seconds and hundreds of MB here; its opening decides anyway.
 */
export const MAX_WORDS = 20_000;

/** murmur3's 32-bit finaliser: a bijective mix of 32 bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * FNV-1a hashes of a text's lower-case words (runs of letters and digits), appended to `out`: one
 * pass over the characters, the same words as `words(text)` for the texts news has.
 */
function wordHashes(text: string, out: number[]): void {
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length && out.length < MAX_WORDS; i++) {
    let c = text.charCodeAt(i);
    let isWord: boolean;
    if (c < 128) {
      isWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
      if (c >= 65 && c <= 90) c += 32;
    } else {
      const ch = text[i]!;
      isWord = WORD_CHAR.test(ch);
      if (isWord) c = ch.toLowerCase().charCodeAt(0);
    }
    if (isWord) {
      h ^= c;
      h = Math.imul(h, 0x01000193);
      inWord = true;
    } else if (inWord) {
      out.push(h >>> 0);
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord && out.length < MAX_WORDS) out.push(h >>> 0);
}

/** The distinct hashes of a text's k-word shingles, sorted. */
export function shingleHashes(paragraphs: readonly string[], k = SHINGLE_WORDS): Uint32Array {
  // Shingles run across paragraph breaks: a story re-split into other paragraphs keeps its shingles.
  const hashes: number[] = [];
  for (const p of paragraphs) {
    if (hashes.length >= MAX_WORDS) break;
    wordHashes(p, hashes);
  }
  const count = Math.max(0, hashes.length - k + 1);
  const all = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < k; j++) h = fmix32((h ^ hashes[i + j]!) + j);
    all[i] = h;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < count; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}

/** Seeds of the hash functions: fixed, so every process computes the same signatures. */
const SEEDS = Uint32Array.from({ length: NUM_HASHES }, (_, i) => fmix32(0x5bd1e995 ^ Math.imul(i + 1, 0x27d4eb2d)));

/** The MinHash signature of a set of shingle hashes; null when there are too few to tell. */
export function signature(shingles: Uint32Array, minShingles = MIN_SHINGLES): Uint32Array | null {
  if (shingles.length < minShingles) return null;
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!;
    for (let i = 0; i < NUM_HASHES; i++) {
      // One multiply-xorshift per hash function: x is already a mixed 32-bit hash.
      let h = Math.imul(x ^ SEEDS[i]!, 0x9e3779b1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
}

/** The signature of an article's paragraphs (the headline is left out: rewrites change it first). */
export function articleSignature(paragraphs: readonly string[]): Uint32Array | null {
  return signature(shingleHashes(paragraphs));
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Signatures are stored in article documents as base64 (684 characters). */
export function encodeSignature(sig: Uint32Array | null): string | null {
  return sig ? Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64') : null;
}

export function decodeSignature(text: string | null | undefined): Uint32Array | null {
  if (!text) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== NUM_HASHES * 4) return null;
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer);
}

/** Band `b`'s key: two signatures share it when all ROWS values of that band agree (a 32-bit hash of them). */
export function bandKey(sig: Uint32Array, b: number, bands = BANDS): number {
  const rows = sig.length / bands;
  let h = b + 1;
  for (let r = 0; r < rows; r++) h = fmix32(h ^ sig[b * rows + r]!);
  return h >>> 0;
}
