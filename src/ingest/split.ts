/**
 * Splitting: each kept paragraph becomes one document, except paragraphs too long to be a useful
 * search hit (merged paragraphs in the BBC corpus, text files without blank lines). Those are cut
 * at sentence ends into chunks of at most `maxChars`, and a sentence longer than that at a space.
 *
 *   2,600 chars of prose → ["first sentences … (≤ 1,200)", "next sentences … (≤ 1,200)", "rest"]
 */
import type { CleanArticle } from './types.js';

export const MAX_PARAGRAPH_CHARS = 1_200;

const SENTENCE_END = /(?<=[.!?]["')\]]?)\s+(?=["'(\[]?[A-Z0-9])/g;

function hardCut(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    let cut = rest.lastIndexOf(' ', maxChars);
    if (cut < maxChars / 2) cut = maxChars;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

export function splitParagraph(paragraph: string, maxChars = MAX_PARAGRAPH_CHARS): string[] {
  if (paragraph.length <= maxChars) return [paragraph];
  // A long block with line breaks (a wire table, a file without blank lines): lines are the units.
  const units = paragraph.includes('\n') ? paragraph.split('\n') : paragraph.split(SENTENCE_END);
  const chunks: string[] = [];
  let current = '';
  const joiner = paragraph.includes('\n') ? '\n' : ' ';
  for (const unit of units.flatMap((u) => (u.length > maxChars ? hardCut(u, maxChars) : [u]))) {
    if (current && current.length + joiner.length + unit.length > maxChars) {
      chunks.push(current);
      current = unit;
    } else {
      current = current ? current + joiner + unit : unit;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

export function splitArticle(article: CleanArticle, maxChars = MAX_PARAGRAPH_CHARS): CleanArticle {
  if (article.paragraphs.every((p) => p.length <= maxChars)) return article;
  return { ...article, paragraphs: article.paragraphs.flatMap((p) => splitParagraph(p, maxChars)) };
}
