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

function tokenize(text: string): string[][] {
  // Phrases never cross sentence or clause punctuation.
  return text
    .toLowerCase()
    .split(/[.,;:!?()"\u201c\u201d[\]{}]+|\s[-–—]\s/)
    .map((clause) => clause.match(TOKEN) ?? []);
}

function usable(word: string): boolean {
  return word.length >= 2 && !STOP.has(word) && !/^\d/.test(word) && !word.endsWith("'s");
}

export function keyPhrases(article: CleanArticle, max = MAX_PHRASES): string[] {
  const scores = new Map<string, { score: number; first: number }>();
  let order = 0;
  const add = (text: string, weight: number) => {
    for (const clause of tokenize(text)) {
      for (let n = 2; n <= 3; n++) {
        for (let i = 0; i + n <= clause.length; i++) {
          const gram = clause.slice(i, i + n);
          if (!usable(gram[0]!) || !usable(gram[n - 1]!)) continue;
          if (n === 3 && !usable(gram[1]!) && !LINKING.has(gram[1]!)) continue;
          const phrase = gram.join(' ');
          const entry = scores.get(phrase);
          if (entry) entry.score += weight;
          else scores.set(phrase, { score: weight, first: order++ });
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
