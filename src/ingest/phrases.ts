/**
 * Key phrases of an article, for typeahead query completions: two- and three-word phrases that
 * neither start nor end on a stop word (natural's English list), scored by how often the article
 * uses them, with a bonus for the headline and the lead. The index counts, per phrase, how many
 * articles carry it; that count ranks completions.
 *   "… security guarantees for Ukraine … security guarantees …" → ["security guarantees", …]
 */
import { createRequire } from 'node:module';
import type { CleanArticle } from './types.js';

// The stop-word list alone: `require('natural')` as a whole loads storage back-ends that read .env.
const { words: STOP_WORDS } = createRequire(import.meta.url)('natural/lib/natural/util/stopwords.js') as { words: string[] };
const STOP = new Set([...STOP_WORDS, 'said', 'says', 'told', 'would', 'could', 'also', 'mln', 'pct', 'dlrs', 'cts', 'vs', 'mr', 'mrs', 'ms', 'inc', 'corp', 'ltd', 'co']);

export const MAX_PHRASES = 10;
/** Stop words that may sit inside a three-word phrase: "bank of japan", "stake in aol". */
const LINKING = new Set(['of', 'in', 'on', 'for', 'de', 'to']);

const TOKEN = /[\p{L}][\p{L}\p{N}'’-]*[\p{L}\p{N}]|[\p{L}]/gu;
/** The same for ASCII text, several times faster than the Unicode-aware pattern. */
const ASCII_TOKEN = /[a-z][a-z0-9'-]*[a-z0-9]|[a-z]/g;
const CLAUSE_BREAK = /[.,;:!?()"\u201c\u201d[\]{}]+|\s[-–—]\s/;

function tokenize(text: string): string[][] {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  const token = /^[\x00-\x7f]*$/.test(lower) ? ASCII_TOKEN : TOKEN;
  // Phrases never cross sentence or clause punctuation.
  return lower.split(CLAUSE_BREAK).map((clause) => clause.match(token) ?? []);
}

function usable(word: string): boolean {
  const first = word.charCodeAt(0);
  return word.length >= 2 && !(first >= 48 && first <= 57) && !STOP.has(word) && !word.endsWith("'s");
}

export function keyPhrases(article: CleanArticle, max = MAX_PHRASES): string[] {
  const scores = new Map<string, { score: number; first: number }>();
  let order = 0;
  const bump = (phrase: string, weight: number) => {
    const entry = scores.get(phrase);
    if (entry) entry.score += weight;
    else scores.set(phrase, { score: weight, first: order++ });
  };
  const add = (text: string, weight: number) => {
    for (const clause of tokenize(text)) {
      const ok = clause.map(usable);
      for (let i = 0; i + 1 < clause.length; i++) {
        if (!ok[i]) continue;
        if (ok[i + 1]) bump(`${clause[i]} ${clause[i + 1]}`, weight);
        if (i + 2 < clause.length && ok[i + 2] && (ok[i + 1] || LINKING.has(clause[i + 1]!))) {
          bump(`${clause[i]} ${clause[i + 1]} ${clause[i + 2]}`, weight);
        }
      }
    }
  };
  add(article.title, 1.5);
  article.paragraphs.forEach((paragraph, position) => add(paragraph, position < 2 ? 1.25 : 1));
  return [...scores.entries()]
    .sort((a, b) => b[1].score - a[1].score || a[1].first - b[1].first)
    .slice(0, max)
    .map(([phrase]) => phrase);
}
