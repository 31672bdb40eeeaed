/**
 * Finds the words of a paragraph that a query matches, the way Meilisearch matches them, so the
 * layer can mark shown paragraphs without asking the engine for match positions. Asking costs the
 * engine about 0.15 ms per document (it re-tokenizes every displayed field), which for the 10–30
 * paragraphs of a page was a third of a search's time; doing it here costs microseconds.
 *
 * Meilisearch's rules, as configured in settings.ts:
 * - words are runs of letters and digits, compared lower-cased and without accents
 *   ("no-fly" is "no" + "fly"; "Zelenskiy's" is "zelenskiy" + "s");
 * - the last word is also a prefix unless the query ends with a space: "ukr" marks "<Ukr>aine";
 * - typos by query word length: 1 from 5 letters, 2 from 9 (Damerau-Levenshtein, a typo on the first
 *   letter counting twice); none on numbers;
 * - `"exact phrase"` matches its words in order, exactly; `-word` excludes and is never marked;
 * - synonyms (from the alias table, read back from the index) match as exact word sequences:
 *   "us" marks "United States" and "U.S.";
 * - a query word also matches split in two ("its" in "It's"), adjacent query words joined
 *   ("air port" in "airport") or re-split ("taxs ystem" in "tax system").
 * Not reproduced: of several splits, Meilisearch keeps only the most frequent in its index; this
 * marks any that occurs ("287" also marks "28.7"). The agreement with the engine's own positions
 * is measured on the corpus (test/integration/corpus.test.ts keeps it above 96%; 98.9% measured).
 */
import { TYPO_TOLERANCE } from '../../meili/contract.js';
import type { Span } from './highlight.js';

export interface TypoSettings {
  oneTypo: number;
  twoTypos: number;
}

/** The searched indexes' typo settings (TYPO_TOLERANCE). */
export const DEFAULT_TYPOS: TypoSettings = TYPO_TOLERANCE.minWordSizeForTypos;

interface Word {
  text: string;
  /** Prefix matches allowed (the query's last word). */
  prefix: boolean;
  typos: number;
}

export interface QueryMatcher {
  /** Matched spans of `text`, as string indices, in order. */
  spans(text: string): Span[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without accents: "Déjà" → "deja". */
function foldWord(word: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

interface Token {
  start: number;
  end: number;
  folded: string;
  /** Folding kept the length, so a prefix can be marked exactly. */
  sameLength: boolean;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    out.push({ start: m.index, end: m.index + m[0].length, folded, sameLength: folded.length === m[0].length });
  }
  return out;
}

function words(text: string): string[] {
  return tokens(text).map((t) => t.folded);
}

/**
 * The query's parts: plain words, phrases and exclusions, as Meilisearch reads them.
 *   'nato "air defence" -drill kyi' → words [nato, kyi (prefix)], phrases [[air, defence]]
 */
export function parseQuery(q: string, typos: TypoSettings = DEFAULT_TYPOS): { words: Word[]; phrases: string[][] } {
  const phrases: string[][] = [];
  const plain: string[] = [];
  // A quote that is never closed is read as if it were (Meilisearch does the same).
  const parts = q.match(/-?"[^"]*"?|\S+/g) ?? [];
  for (const part of parts) {
    if (part.startsWith('-')) continue;
    if (part.startsWith('"')) {
      const phrase = words(part);
      if (phrase.length > 0) phrases.push(phrase);
      continue;
    }
    plain.push(...words(part));
  }
  const lastIsPlain = parts.length > 0 && !/^-?"/.test(parts.at(-1)!) && !parts.at(-1)!.startsWith('-');
  const prefixLast = lastIsPlain && !/\s$/.test(q) && !/[^\p{L}\p{N}]$/u.test(q);
  const result: Word[] = plain.map((text, i) => ({
    text,
    prefix: prefixLast && i === plain.length - 1,
    typos: /^\p{N}+$/u.test(text) ? 0 : text.length >= typos.twoTypos ? 2 : text.length >= typos.oneTypo ? 1 : 0,
  }));
  return { words: result, phrases };
}

/** Optimal string alignment distance, giving up past `max`; a differing first letter costs one more. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const firstLetter = a[0] === b[0] ? 0 : 1;
  if (firstLetter > max) return max + 1;
  const width = b.length + 1;
  let before = new Uint8Array(width);
  let previous = new Uint8Array(width);
  let current = new Uint8Array(width);
  for (let j = 0; j < width; j++) previous[j] = Math.min(j, 255);
  for (let i = 1; i <= a.length; i++) {
    current[0] = Math.min(i, 255);
    let best = current[0]!;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2]! + 1);
      current[j] = Math.min(d, 255);
      if (d < best) best = d;
    }
    if (best + firstLetter > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]! + firstLetter;
}

/**
 * How many characters of `token` a query word matches (0: none), marked as Meilisearch marks them:
 * the whole token, except for the query's last word, which marks the typed prefix ("ukr" →
 * "<Ukr>aine") or, when only a prefix matches with a typo, that prefix ("ukrian" → "<Ukrain>ian").
 */
function matchLength(token: string, word: Word): number {
  if (token === word.text) return token.length;
  if (word.prefix && token.startsWith(word.text)) return word.text.length;
  if (word.typos === 0 || /^\p{N}+$/u.test(token)) return 0;
  const whole = typoDistance(token, word.text, word.typos) <= word.typos;
  if (whole || !word.prefix) return whole ? token.length : 0;
  let best = 0;
  let bestDistance = word.typos + 1;
  for (let n = Math.max(1, word.text.length - word.typos); n <= Math.min(token.length, word.text.length + word.typos); n++) {
    const d = typoDistance(token.slice(0, n), word.text, word.typos);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return best;
}

/**
 * Meilisearch's word splitting and joining: a query word also matches as two adjacent words ("its"
 * in "It's", "2936" in "2,936"), and adjacent query words as one word ("air port" in "airport") or
 * re-split ("taxs ystem" in "tax system").
 */
function splitsAndJoins(queryWords: string[]): string[][] {
  const out: string[][] = [];
  for (const w of queryWords) for (let k = 1; k < w.length; k++) out.push([w.slice(0, k), w.slice(k)]);
  for (let i = 0; i + 1 < queryWords.length; i++) {
    for (let n = 2; n <= 3 && i + n <= queryWords.length; n++) {
      const joined = queryWords.slice(i, i + n).join('');
      out.push([joined]);
      // Re-splits elsewhere than where the user split ("taxs ystem" → "tax system").
      if (n === 2) for (let k = 1; k < joined.length; k++) if (k !== queryWords[i]!.length) out.push([joined.slice(0, k), joined.slice(k)]);
    }
  }
  return out;
}

/**
 * Synonym word sequences the query brings in: every run of 1–3 query words that is a synonym key
 * ("us", "north atlantic treaty organization" is too long for Meilisearch and is left out there too).
 */
function synonymPhrases(queryWords: string[], synonyms: ReadonlyMap<string, string[][]>): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < queryWords.length; i++) {
    for (let n = 1; n <= 3 && i + n <= queryWords.length; n++) {
      out.push(...(synonyms.get(queryWords.slice(i, i + n).join(' ')) ?? []));
    }
  }
  return out;
}

/** Synonyms keyed by their folded words: { "us": [["united", "states"], ["u", "s"]] }. */
export function compileSynonyms(synonyms: Record<string, string[]>): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [key, values] of Object.entries(synonyms)) {
    const folded = words(key).join(' ');
    if (!folded) continue;
    const list = out.get(folded) ?? [];
    for (const value of values) {
      const w = words(value);
      if (w.length > 0) list.push(w);
    }
    out.set(folded, list);
  }
  return out;
}

export function compileQuery(q: string, synonyms: ReadonlyMap<string, string[][]> = new Map(), typos: TypoSettings = DEFAULT_TYPOS): QueryMatcher {
  const parsed = parseQuery(q, typos);
  const plain = parsed.words.map((w) => w.text);
  const phrases = [...parsed.phrases, ...synonymPhrases(plain, synonyms), ...splitsAndJoins(plain)].filter((p) => p.length > 0);
  const phrasesByFirstWord = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const list = phrasesByFirstWord.get(phrase[0]!);
    if (list) list.push(phrase);
    else phrasesByFirstWord.set(phrase[0]!, [phrase]);
  }
  // Paragraphs repeat their words: each distinct word is compared with the query once.
  const known = new Map<string, number>();
  return {
    spans(text: string): Span[] {
      if (parsed.words.length === 0 && phrasesByFirstWord.size === 0) return [];
      const list = tokens(text);
      const spans: Span[] = [];
      for (let i = 0; i < list.length; i++) {
        const token = list[i]!;
        let best = known.get(token.folded);
        if (best === undefined) {
          best = 0;
          for (const word of parsed.words) {
            best = Math.max(best, matchLength(token.folded, word));
            if (best === token.folded.length) break;
          }
          known.set(token.folded, best);
        }
        if (best > 0) spans.push({ start: token.start, end: best === token.folded.length || !token.sameLength ? token.end : token.start + best });
        for (const phrase of phrasesByFirstWord.get(token.folded) ?? []) {
          if (i + phrase.length > list.length) continue;
          if (phrase.every((w, k) => list[i + k]!.folded === w)) spans.push({ start: token.start, end: list[i + phrase.length - 1]!.end });
        }
      }
      spans.sort((a, b) => a.start - b.start || b.end - a.end);
      return spans.filter((s, i) => i === 0 || s.start !== spans[i - 1]!.start || s.end !== spans[i - 1]!.end);
    },
  };
}
