/**
 * Offset-keeping tokenizer for entity extraction. natural's tokenizers drop offsets, which the
 * mentions need, and cost a regex pass per sentence; one sticky regex here does the whole paragraph.
 *
 *   "Russia's Foreign Ministry"  → Russia (possessive) · Foreign · Ministry
 *   "the U.S. Treasury"          → the · U.S. · Treasury
 *   "Mr. Trump"                  → Mr · . · Trump      (the dot after a title does not end a sentence)
 */

export interface Token {
  text: string;
  /** UTF-16 offsets into the paragraph; for a possessive, `end` stops before the "'s". */
  start: number;
  end: number;
  /** Normalised form used for every lookup (see `normaliseKey`). */
  key: string;
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Two or more letters, all upper case ("NATO", "U.S.", "TI-CARO"). */
  upper: boolean;
  possessive: boolean;
  /** First word of a sentence (or of a quotation, or of a table line). */
  sentenceStart: boolean;
  /** A line break comes before it (inside the paragraph: a table's rows, a list, an address). */
  lineStart: boolean;
  /** Key of the word right before this one ('' after punctuation or at the start). */
  prevKey: string;
}

// A dotted acronym (U.S., U.K., D.C.), a Nordic company suffix (A/S, I/S), a word with inner
// hyphens/apostrophes/ampersands (Coca-Cola, Russia's, AT&T), or any single non-space character.
const TOKEN = /(?:\p{Lu}\.){2,}|[AI]\/S(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’&-][\p{L}\p{M}\p{N}]+)*|\S/gu;
const POSSESSIVE = /['’]s$/i;
const HAS_LOWER = /\p{Ll}/u;
const UPPER_START = /^\p{Lu}/u;
const LETTERS = /\p{L}/gu;
const MARKS = /\p{M}/gu;
const DOTS_APOSTROPHES = /[.'’]/g;
const PLAIN_PHRASE = /^[\p{L}\p{M} ]+$/u;
const CAMEL_BRAND = /^[a-z]\p{Lu}\p{Ll}/u;

/** Lower case, no diacritics, no dots or apostrophes: "Kraków" → "krakow", "U.S." → "us". */
export function normaliseKey(text: string): string {
  const lower = text.toLowerCase();
  // Most tokens are plain ASCII: skip the costly normalisation for them.
  const folded = /[^\x00-\x7f]/.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
  return folded.replace(DOTS_APOSTROPHES, '');
}

/** Words after which a full stop is an abbreviation point, not the end of a sentence. */
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'mt', 'ft', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'sgt', 'prof', 'jr', 'sr', 'rev', 'messrs', 'no', 'vs']);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let sentenceStart = true;
  let match: RegExpExecArray | null;
  let previousEnd = 0;
  while ((match = TOKEN.exec(text)) !== null) {
    const start = match.index;
    let raw = match[0];
    const lineStart = text.slice(previousEnd, start).includes('\n');
    if (lineStart) sentenceStart = true;
    previousEnd = start + raw.length;
    const first = raw.charCodeAt(0);
    const isWord = raw.length > 1 || /[\p{L}\p{N}]/u.test(raw);
    if (!isWord) {
      // "Cable & Wireless" and wire copy's "Cable and Wireless" key alike.
      tokens.push({ text: raw, start, end: start + raw.length, key: raw === '&' ? 'and' : raw, word: false, cap: false, upper: false, possessive: false, sentenceStart: false, lineStart, prevKey: '' });
      if (raw === '!' || raw === '?' || raw === '"' || raw === '“' || raw === '(' || raw === ':') sentenceStart = true;
      else if (raw === '.') sentenceStart = !isAbbreviationPoint(tokens);
      continue;
    }
    let possessive = false;
    if (raw.length > 2 && POSSESSIVE.test(raw)) {
      possessive = true;
      raw = raw.slice(0, -2);
    } else if (raw.endsWith('s') && (text[start + raw.length] === "'" || text[start + raw.length] === '’')) {
      // "Workers' Union": a plural possessive; the apostrophe is skipped with the word.
      possessive = true;
      TOKEN.lastIndex = start + raw.length + 1;
    }
    // "eBay", "iPod": a brand in camel case is a capitalised name too.
    const cap = (first < 128 ? first >= 65 && first <= 90 : UPPER_START.test(raw)) || CAMEL_BRAND.test(raw);
    const letters = raw.match(LETTERS);
    const upper = cap && letters !== null && letters.length >= 2 && !HAS_LOWER.test(raw);
    const previous = tokens[tokens.length - 1];
    const prevKey = previous?.word ? previous.key : '';
    tokens.push({ text: raw, start, end: start + raw.length, key: normaliseKey(raw), word: true, cap, upper, possessive, sentenceStart, lineStart, prevKey });
    sentenceStart = false;
  }
  return tokens;
}

/** A full stop after "Mr", an initial ("W.") or a dotted acronym does not end the sentence. */
function isAbbreviationPoint(tokens: Token[]): boolean {
  const dot = tokens[tokens.length - 1]!;
  const before = tokens[tokens.length - 2];
  if (!before || !before.word || before.end !== dot.start) return false;
  if (before.text.length === 1 && before.cap) return true;
  return ABBREVIATIONS.has(before.key);
}

/** Splits a phrase from the alias table or a gazetteer the same way as text, and keys it. */
export function phraseKey(phrase: string): string {
  // Most gazetteer names are plain words and spaces: key them without tokenizing (start-up time).
  if (PLAIN_PHRASE.test(phrase)) return normaliseKey(phrase.trim()).split(/\s+/).join(' ');
  return tokenize(phrase)
    .filter((t) => t.word || t.text === '&')
    .map((t) => t.key)
    .join(' ');
}
