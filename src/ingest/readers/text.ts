/** Plain text: the first non-blank line is the title, paragraphs are separated by blank lines. */
import type { RawArticle } from '../types.js';
import { splitBlocks } from './record.js';

export function parsePlainText(text: string, id: string, origin: RawArticle['origin']): RawArticle {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const titleIndex = lines.findIndex((line) => line.trim() !== '');
  const title = titleIndex >= 0 ? lines[titleIndex]!.trim() : '';
  const body = titleIndex >= 0 ? lines.slice(titleIndex + 1).join('\n') : '';
  return { id, title, paragraphs: splitBlocks(body), origin };
}
