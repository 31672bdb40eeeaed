/**
 * The tagger's features: named, small functions of (the paragraph's tokens, a position), listed in
 * one place (`TEMPLATES`). Each is switchable, so an ablation is a flag (`train:entities --without
 * clusters`) and a new feature is one entry here with a test.
 *
 * Features are strings; the model maps each to a row of weights. At "Vladimir" in
 * "Russian President Vladimir Putin said":
 *
 *   word:       w=Vladimir l=vladimir sh=Xx p3=vla s3=mir c1=0110 fn
 *   context:    l-1=president l+1=putin sh+1=Xx c-1=… l-1|l=president|vladimir
 *   view:       gz=… (a gazetteer phrase over the token), ss|sh=… (sentence start), doc=…
 *
 * Word features depend on one word type only, so `Featurizer` computes them once per (word, case
 * mode) and caches the rows: tagging a paragraph mostly reads cached numbers.
 */
import type { Token } from '../tokenize.js';
import type { Gazetteer, GazetteerEntry } from '../types.js';
import { PAIR_PREFIXES, type PairTemplate } from './table.js';

/** How a sentence is cased: mixed (ordinary prose), all capitals (a wire headline), all lower case. */
export type CaseMode = 'M' | 'U' | 'L';

/** The feature templates, in the order they are computed. */
export const TEMPLATES = [
  /** The word as written, only in mixed-case text where its case means something. */
  'word',
  /** The lower-case word. */
  'lower',
  /** Word shape (Xx, X.X., d-d), marked with the sentence's case mode; the possessive "'s". */
  'shape',
  /** Prefixes and suffixes of one to four letters. */
  'affixes',
  /** Prefixes of the word's cluster path, learned without labels from the corpus. */
  'clusters',
  /** natural's lexicon: the word's first part-of-speech tag as a common word; a known given name. */
  'lexicon',
  /** The words, shapes and clusters one and two places either side. */
  'neighbours',
  /** The word with the one before, and with the one after. */
  'bigrams',
  /** Gazetteer and alias-table phrases over the token and its neighbours. */
  'gazetteer',
  /** The sentence start with the shape; the case mode. */
  'sentence',
  /** How the rest of the article cases the word, for openers and text in capitals or lower case. */
  'document',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/**
 * Word shape, runs collapsed: "Putin" → Xx, "NATO" → X, "U.S." → X.X., "1996-08-22" → d-d-d,
 * "McDonald" → XxXx, "eBay" → xXx.
 */
export function wordShape(text: string): string {
  let shape = '';
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i]!;
    let c: string;
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = ch;
    else c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) shape += c;
    last = c;
  }
  return shape;
}

/**
 * Case mode of each token, decided per sentence: 'U' when no word of two or more letters has a
 * lower-case letter ("BAHIA COCOA REVIEW"), 'L' when no word has a capital, else 'M'.
 */
export function caseModes(tokens: Token[]): CaseMode[] {
  const modes: CaseMode[] = new Array(tokens.length);
  let start = 0;
  const close = (end: number): void => {
    let upper = 0;
    let lower = 0;
    let capital = 0;
    for (let j = start; j < end; j++) {
      const t = tokens[j]!;
      if (!t.word) continue;
      if (t.cap) capital++;
      if (t.upper) upper++;
      else if (t.text.length > 1 && /\p{Ll}/u.test(t.text)) lower++;
    }
    const mode: CaseMode = upper >= 2 && lower === 0 ? 'U' : capital === 0 && lower >= 3 ? 'L' : 'M';
    for (let j = start; j < end; j++) modes[j] = mode;
  };
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.word && tokens[i]!.sentenceStart) {
      close(i);
      start = i;
    }
  }
  close(tokens.length);
  return modes;
}

/** Lower-case form of each token: its key for words, its text for punctuation. */
export function lowerForms(tokens: Token[]): string[] {
  return tokens.map((t) => (t.word ? t.key : t.text));
}

/** Every proper prefix of every gazetteer phrase ("european", "european space"), so a scan stops early. */
const phrasePrefixes = new WeakMap<Gazetteer, Set<string>>();

function prefixesOf(gazetteer: Gazetteer): Set<string> {
  let prefixes = phrasePrefixes.get(gazetteer);
  if (!prefixes) {
    prefixes = new Set();
    for (const key of gazetteer.phrases.keys()) {
      for (let at = key.indexOf(' '); at > 0; at = key.indexOf(' ', at + 1)) prefixes.add(key.slice(0, at));
    }
    phrasePrefixes.set(gazetteer, prefixes);
  }
  return prefixes;
}

/**
 * Longest gazetteer match from each token, as B/I labels with the entry's source and kind:
 * "the European Union 's" → '', 'alias:organization:B', 'alias:organization:I'.
 * Keys are lower case, so it matches text in capitals and in lower case too.
 */
export function gazetteerLabels(
  tokens: Token[],
  lower: string[],
  gazetteer: Gazetteer,
  cached?: (i: number) => { phrase?: GazetteerEntry; opensPhrase: boolean },
): string[] {
  const labels: string[] = new Array(tokens.length).fill('');
  const prefixes = prefixesOf(gazetteer);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.word) continue;
    let key = '';
    let best = -1;
    let bestLabel = '';
    // Most words open no phrase and are none: the word cache answers for them without a lookup.
    const word = cached?.(i);
    if (word && !word.phrase && !word.opensPhrase) continue;
    for (let j = i; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (!t.word && t.text !== '&') break;
      key = j === i ? lower[j]! : `${key} ${t.text === '&' ? 'and' : lower[j]}`;
      const entry = j === i && word ? word.phrase : gazetteer.phrases.get(key);
      // "US", "WHO": an acronym of the alias table counts only in capitals.
      if (entry && (!entry.exactCase || tokens[i]!.upper)) {
        best = j;
        bestLabel = `${entry.source}:${entry.kind}`;
      }
      if (t.possessive || !(j === i && word ? word.opensPhrase : prefixes.has(key))) break;
    }
    if (best >= 0) {
      labels[i] = `${bestLabel}:B`;
      for (let j = i + 1; j <= best; j++) labels[j] = `${bestLabel}:I`;
      i = best;
    }
  }
  return labels;
}

/** Words seen capitalised mid-sentence, and in lower case, in the mixed-case text of an article. */
export interface ArticleCaseEvidence {
  capitalised: Set<string>;
  lowerCase: Set<string>;
}

export function articleCaseEvidence(paragraphs: Array<{ tokens: Token[]; lower: string[]; mode: CaseMode[] }>): ArticleCaseEvidence {
  const capitalised = new Set<string>();
  const lowerCase = new Set<string>();
  for (const p of paragraphs) {
    for (let i = 0; i < p.tokens.length; i++) {
      const t = p.tokens[i]!;
      if (!t.word || p.mode[i] !== 'M') continue;
      if (!t.cap) lowerCase.add(p.lower[i]!);
      else if (!t.sentenceStart) capitalised.add(p.lower[i]!);
    }
  }
  return { capitalised, lowerCase };
}

/** One paragraph prepared for featurizing. */
export interface ParagraphView {
  tokens: Token[];
  lower: string[];
  mode: CaseMode[];
  /** Gazetteer labels (`gazetteerLabels`), computed once per paragraph by whoever needs them first. */
  gazetteer?: string[];
}

export function viewGazetteer(view: ParagraphView, gazetteer: Gazetteer): string[] {
  view.gazetteer ??= gazetteerLabels(view.tokens, view.lower, gazetteer);
  return view.gazetteer;
}

export function paragraphView(tokens: Token[]): ParagraphView {
  return { tokens, lower: lowerForms(tokens), mode: caseModes(tokens) };
}

/** What the templates read besides the tokens. */
export interface FeatureResources {
  gazetteer: Gazetteer;
  /** Lower-case word → bit path of its cluster ("0110100111"). */
  clusters: ReadonlyMap<string, string>;
  /** Cluster path prefix lengths used as features. */
  clusterDepths: readonly number[];
}

/**
 * Feature string → weight row. In training the index grows; a trained model's is fixed and unknown
 * features are skipped (-1). `K` is a word's key for word-pair features, computed once per word type
 * (a model's: the word's hash, so a pair's row needs no string; training's: the word itself).
 */
export interface FeatureIndex<K = unknown> {
  row(feature: string): number;
  pairKey(lower: string): K;
  /** The row of a word-pair feature: template 0 is "l-1|l=a b" (the word before, the word), 1 is "l|l+1=a b". */
  pair(template: PairTemplate, a: K, b: K): number;
}

export { PAIR_PREFIXES };

/** A feature index over a growing or fixed string map (training), pairs looked up as strings. */
export function stringIndex(row: (feature: string) => number): FeatureIndex<string> {
  return { row, pairKey: (lower) => lower, pair: (template, a, b) => row(`${PAIR_PREFIXES[template]}${a} ${b}`) };
}

/** A word's cached features: its own rows, and the rows of what it contributes to its neighbours. */
interface WordEntry {
  self: Int32Array;
  /** The word's key for word-pair features (FeatureIndex.pairKey). */
  pairKey: unknown;
  /** Rows of l-1, l+1, l-2, l+2, sh-1, sh+1, c-1, c+1 for a token that has this word as neighbour. */
  asNeighbour: Int32Array;
  /** Row of the sentence-start feature (`ss|sh`), for when this word opens a sentence. */
  opening: number;
  lower: string;
  /**
   * With weights (tagging): the summed scores per tag of `self`, and of what the word adds as the
   * token before (l-1, sh-1, c-1), after (l+1, sh+1, c+1), two before and two after. Computed once.
   */
  scores?: Float64Array;
  /** The gazetteer entry of the word alone, and whether a longer phrase starts with it. */
  phrase?: GazetteerEntry;
  opensPhrase: boolean;
}

const NEIGHBOUR_SLOTS = ['l-1', 'l+1', 'l-2', 'l+2', 'sh-1', 'sh+1', 'c-1', 'c+1'] as const;
const MODES: readonly CaseMode[] = ['M', 'U', 'L'];
const DOCUMENT_VALUES = ['none', 'cap', 'low', 'both'] as const;

/** A growable Int32Array: a paragraph's rows without a JS array per paragraph. */
class RowBuffer {
  private data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(row: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = row;
  }

  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function pushRow(rows: RowBuffer, row: number): void {
  if (row >= 0) rows.push(row);
}

/** A paragraph's features: token i's rows are rows[offsets[i]] … rows[offsets[i+1] - 1]. */
export interface ParagraphFeatures {
  rows: Int32Array;
  offsets: Int32Array;
}

/**
 * Turns paragraphs into feature rows. One per model (or training run). Looking a feature string up
 * costs about a microsecond here (the string is built, flattened and hashed), so strings are looked
 * up once per word type and kept as rows, and a word pair's row comes from its two words' keys
 * (`FeatureIndex.pairKey`): a paragraph's features are then mostly cached numbers. The cache keeps
 * two generations of `maxCachedWords` entries each (an entry is a form in one case mode, with or
 * without a possessive; about 0.7 KB): when the new one is full it becomes the old one, and a word
 * found in the old one moves up. The words in use survive the turnover, and the memory stays
 * bounded (50,000 entries in one generation held ~35 MB on a whole-corpus run; two of 12,000 hold
 * at most ~17 MB). With 0 (training counts every lookup), nothing is cached beyond the last word.
 */
export class Featurizer {
  private readonly enabled: Set<TemplateName>;
  /** Token text → its entries, one per case mode and possessive (6 slots): this generation, and the one before. */
  private words = new Map<string, Array<WordEntry | undefined>>();
  private previousWords = new Map<string, Array<WordEntry | undefined>>();
  /** Entries computed or moved up into this generation. */
  private wordCount = 0;
  private readonly boundary: WordEntry;
  /** Gazetteer label → rows of gz=, gz-1=, gz+1=. */
  private readonly gazetteerRows = new Map<string, [number, number, number]>();
  private readonly modeRows: Record<CaseMode, number>;
  /** doc= rows, then doc|open= rows, in `DOCUMENT_VALUES` order. */
  private readonly documentRows: number[];

  constructor(
    private readonly index: FeatureIndex<any>, // eslint-disable-line @typescript-eslint/no-explicit-any -- the key type is the index's own
    private readonly resources: FeatureResources,
    templates: readonly TemplateName[],
    private readonly maxCachedWords = 12_000,
  ) {
    this.enabled = new Set(templates);
    this.boundary = this.computeEntry(undefined, 'M');
    this.modeRows = { M: -1, U: index.row('mode=U'), L: index.row('mode=L') };
    this.documentRows = [...DOCUMENT_VALUES.map((v) => index.row(`doc=${v}`)), ...DOCUMENT_VALUES.map((v) => index.row(`doc|open=${v}`))];
  }

  /** The feature strings of token i (for tests and for reading a model; tagging uses `paragraph`). */
  featureStrings(view: ParagraphView, evidence: ArticleCaseEvidence, i: number): string[] {
    const strings: string[] = [];
    const seen = new Map<string, number>();
    const recorder = stringIndex((f) => {
      let r = seen.get(f);
      if (r === undefined) {
        r = strings.length;
        strings.push(f);
        seen.set(f, r);
      }
      return r;
    });
    const probe = new Featurizer(recorder, this.resources, [...this.enabled]);
    const { rows, offsets } = probe.paragraph({ ...view, gazetteer: undefined }, evidence);
    return Array.from(rows.subarray(offsets[i]!, offsets[i + 1]!), (r) => strings[r]!);
  }

  paragraph(view: ParagraphView, evidence: ArticleCaseEvidence): ParagraphFeatures {
    const { tokens, lower, mode } = view;
    const n = tokens.length;
    const entries: WordEntry[] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = this.entryFor(tokens[i]!, mode[i]!);
    const on = this.enabled;
    const gazetteer = on.has('gazetteer') ? this.labels(view, entries) : undefined;
    const neighbours = on.has('neighbours');
    const bigrams = on.has('bigrams');
    const sentence = on.has('sentence');
    const document = on.has('document');
    const rows = new RowBuffer(n * 48);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offsets[i] = rows.length;
      const t = tokens[i]!;
      const entry = entries[i]!;
      const self = entry.self;
      for (let k = 0; k < self.length; k++) rows.push(self[k]!);
      const before = i > 0 ? entries[i - 1]! : this.boundary;
      const after = i + 1 < n ? entries[i + 1]! : this.boundary;
      if (neighbours) {
        const before2 = i > 1 ? entries[i - 2]! : this.boundary;
        const after2 = i + 2 < n ? entries[i + 2]! : this.boundary;
        // Slots: 0 l-1, 1 l+1, 2 l-2, 3 l+2, 4 sh-1, 5 sh+1, 6 c-1, 7 c+1.
        pushRow(rows, before.asNeighbour[0]!);
        pushRow(rows, before.asNeighbour[4]!);
        pushRow(rows, before.asNeighbour[6]!);
        pushRow(rows, after.asNeighbour[1]!);
        pushRow(rows, after.asNeighbour[5]!);
        pushRow(rows, after.asNeighbour[7]!);
        pushRow(rows, before2.asNeighbour[2]!);
        pushRow(rows, after2.asNeighbour[3]!);
      }
      if (bigrams) {
        pushRow(rows, this.index.pair(0, before.pairKey, entry.pairKey));
        pushRow(rows, this.index.pair(1, entry.pairKey, after.pairKey));
      }
      if (gazetteer) {
        if (gazetteer[i]) pushRow(rows, this.gazetteerRow(gazetteer[i]!, 0));
        if (i > 0 && gazetteer[i - 1]) pushRow(rows, this.gazetteerRow(gazetteer[i - 1]!, 1));
        if (i + 1 < n && gazetteer[i + 1]) pushRow(rows, this.gazetteerRow(gazetteer[i + 1]!, 2));
      }
      if (sentence) {
        if (t.word && t.sentenceStart) pushRow(rows, entry.opening);
        pushRow(rows, this.modeRows[mode[i]!]);
      }
      if (document && t.word) {
        const cap = evidence.capitalised.has(lower[i]!);
        const low = evidence.lowerCase.has(lower[i]!);
        const value = (cap ? 1 : 0) + (low ? 2 : 0);
        // Informative where the token's own case is not: a sentence opener, a headline in capitals.
        pushRow(rows, this.documentRows[t.sentenceStart || mode[i] !== 'M' ? 4 + value : value]!);
      }
    }
    offsets[n] = rows.length;
    return { rows: rows.done(), offsets };
  }

  /**
   * Tagging's fast path: the emission scores (tokens × tags) under `weights`, without listing rows.
   * Equal to summing the weights of `paragraph`'s rows; word-level sums come from the cache.
   */
  emissions(view: ParagraphView, evidence: ArticleCaseEvidence, weights: ArrayLike<number>, T: number, scale = 1): Float64Array {
    const { tokens, mode } = view;
    const n = tokens.length;
    const out = new Float64Array(n * T);
    const entries: WordEntry[] = new Array(n);
    for (let i = 0; i < n; i++) entries[i] = this.scoredEntry(this.entryFor(tokens[i]!, mode[i]!), weights, T);
    this.scoredEntry(this.boundary, weights, T);
    const on = this.enabled;
    const gazetteer = on.has('gazetteer') ? this.labels(view, entries) : undefined;
    const bigrams = on.has('bigrams');
    const sentence = on.has('sentence');
    const document = on.has('document');
    const index = this.index;
    const add = (base: number, row: number): void => {
      if (row < 0) return;
      const r = row * T;
      for (let y = 0; y < T; y++) out[base + y]! += weights[r + y]!;
    };
    for (let i = 0; i < n; i++) {
      const base = i * T;
      const t = tokens[i]!;
      const entry = entries[i]!;
      const before = i > 0 ? entries[i - 1]! : this.boundary;
      const after = i + 1 < n ? entries[i + 1]! : this.boundary;
      const before2 = i > 1 ? entries[i - 2]! : this.boundary;
      const after2 = i + 2 < n ? entries[i + 2]! : this.boundary;
      const own = entry.scores!;
      const b1 = before.scores!;
      const a1 = after.scores!;
      const b2 = before2.scores!;
      const a2 = after2.scores!;
      // Score blocks: [0, T) self, [T, 2T) as the token before, [2T, 3T) after, [3T, 4T) two before, [4T, 5T) two after.
      for (let y = 0; y < T; y++) out[base + y] = own[y]! + b1[T + y]! + a1[2 * T + y]! + b2[3 * T + y]! + a2[4 * T + y]!;
      if (bigrams) {
        add(base, index.pair(0, before.pairKey, entry.pairKey));
        add(base, index.pair(1, entry.pairKey, after.pairKey));
      }
      if (gazetteer) {
        if (gazetteer[i]) add(base, this.gazetteerRow(gazetteer[i]!, 0));
        if (i > 0 && gazetteer[i - 1]) add(base, this.gazetteerRow(gazetteer[i - 1]!, 1));
        if (i + 1 < n && gazetteer[i + 1]) add(base, this.gazetteerRow(gazetteer[i + 1]!, 2));
      }
      if (sentence) {
        if (t.word && t.sentenceStart) add(base, entry.opening);
        add(base, this.modeRows[mode[i]!]);
      }
      if (document && t.word) {
        const value = (evidence.capitalised.has(entry.lower) ? 1 : 0) + (evidence.lowerCase.has(entry.lower) ? 2 : 0);
        add(base, this.documentRows[t.sentenceStart || mode[i] !== 'M' ? 4 + value : value]!);
      }
    }
    if (scale !== 1) for (let k = 0; k < out.length; k++) out[k]! *= scale;
    return out;
  }

  /** `gazetteerLabels`, reading one-word phrases from the word cache; kept on the view for the canonical layer. */
  private labels(view: ParagraphView, entries: WordEntry[]): string[] {
    view.gazetteer ??= gazetteerLabels(view.tokens, view.lower, this.resources.gazetteer, (i) => entries[i]!);
    return view.gazetteer;
  }

  private scoredEntry(entry: WordEntry, weights: ArrayLike<number>, T: number): WordEntry {
    if (entry.scores) return entry;
    const scores = new Float64Array(5 * T);
    const sum = (block: number, row: number): void => {
      if (row < 0) return;
      for (let y = 0; y < T; y++) scores[block * T + y]! += weights[row * T + y]!;
    };
    for (const r of entry.self) sum(0, r);
    if (this.enabled.has('neighbours')) {
      // Slots: 0 l-1, 1 l+1, 2 l-2, 3 l+2, 4 sh-1, 5 sh+1, 6 c-1, 7 c+1. As the token before another,
      // a word gives that token its l-1, sh-1 and c-1 features.
      const n = entry.asNeighbour;
      sum(1, n[0]!);
      sum(1, n[4]!);
      sum(1, n[6]!);
      sum(2, n[1]!);
      sum(2, n[5]!);
      sum(2, n[7]!);
      sum(3, n[2]!);
      sum(4, n[3]!);
    }
    entry.scores = scores;
    return entry;
  }

  private gazetteerRow(label: string, slot: 0 | 1 | 2): number {
    let rows = this.gazetteerRows.get(label);
    if (!rows) {
      rows = [this.index.row(`gz=${label}`), this.index.row(`gz-1=${label}`), this.index.row(`gz+1=${label}`)];
      this.gazetteerRows.set(label, rows);
    }
    return rows[slot];
  }

  private entryFor(token: Token, mode: CaseMode): WordEntry {
    let slots = this.words.get(token.text);
    if (!slots) {
      if (this.wordCount >= this.maxCachedWords) {
        this.previousWords = this.words;
        this.words = new Map();
        this.wordCount = 0;
      }
      slots = this.previousWords.get(token.text);
      if (slots) {
        this.previousWords.delete(token.text);
        this.wordCount += slots.reduce((n, entry) => n + (entry ? 1 : 0), 0);
      } else {
        slots = [undefined, undefined, undefined, undefined, undefined, undefined];
      }
      this.words.set(token.text, slots);
    }
    const slot = MODES.indexOf(mode) * 2 + (token.possessive ? 1 : 0);
    let entry = slots[slot];
    if (!entry) {
      entry = this.computeEntry(token, mode);
      slots[slot] = entry;
    }
    return entry;
  }

  private computeEntry(token: Token | undefined, mode: CaseMode): WordEntry {
    const on = this.enabled;
    const { clusters, clusterDepths, gazetteer } = this.resources;
    const lower = token ? (token.word ? token.key : token.text) : '<s>';
    // "Japan's": the possessive is part of the shape, so the next word sees it too (sh-1).
    const shape = token ? `${mode === 'M' ? wordShape(token.text) : `${mode}${wordShape(lower)}`}${token.possessive ? "'s" : ''}` : '<s>';
    const path = clusters.get(lower);
    const strings: string[] = ['bias'];
    if (token) {
      if (on.has('word') && mode === 'M') strings.push(`w=${token.text}`);
      if (on.has('lower')) strings.push(`l=${lower}`);
      if (on.has('shape')) {
        strings.push(`sh=${shape}`);
        if (token.possessive) strings.push('poss');
      }
      if (on.has('affixes') && token.word) {
        for (let k = 1; k <= 4 && k < lower.length; k++) {
          strings.push(`p${k}=${lower.slice(0, k)}`);
          strings.push(`s${k}=${lower.slice(-k)}`);
        }
      }
      if (on.has('clusters') && path) for (const d of clusterDepths) strings.push(`c${d}=${path.slice(0, d)}`);
      if (on.has('lexicon') && token.word) {
        const tags = gazetteer.commonWords.get(lower);
        if (tags) strings.push(`lex=${tags[0]}`);
        if (gazetteer.firstNames.has(lower)) strings.push('fn');
      }
    }
    const self = Int32Array.from(strings.map((f) => this.index.row(f)).filter((r) => r >= 0));
    const asNeighbour = new Int32Array(NEIGHBOUR_SLOTS.length).fill(-1);
    if (on.has('neighbours')) {
      const middle = clusterDepths[Math.floor(clusterDepths.length / 2)] ?? 0;
      const cluster = path ? path.slice(0, middle) : '';
      const values = [lower, lower, lower, lower, shape, shape, cluster, cluster];
      NEIGHBOUR_SLOTS.forEach((slot, s) => {
        if (values[s] !== '' && !(s >= 6 && !on.has('clusters'))) asNeighbour[s] = this.index.row(`${slot}=${values[s]}`);
      });
    }
    const opening = token && on.has('sentence') ? this.index.row(`ss|sh${mode}=${mode === 'M' ? wordShape(token.text) : ''}`) : -1;
    const phrase = token?.word ? gazetteer.phrases.get(lower) : undefined;
    const opensPhrase = token?.word ? prefixesOf(gazetteer).has(lower) : false;
    this.wordCount++;
    return { self, pairKey: this.index.pairKey(lower), asNeighbour, opening, lower, ...(phrase ? { phrase } : {}), opensPhrase };
  }
}
