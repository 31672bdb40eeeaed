/**
 * Markdown: optional front matter (title, date/publishedAt, url, source), the first `# heading` or
 * first line as the title, blocks separated by blank lines as paragraphs, markup removed:
 *   "**Kyiv** said [more](https://x)" → "Kyiv said more"
 */
import type { RawArticle } from '../types.js';
import { parseDate, splitBlocks } from './record.js';

function parseFrontMatter(text: string): { fields: Record<string, string>; rest: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (!match) return { fields: {}, rest: text };
  const fields: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (kv) fields[kv[1]!] = kv[2]!.replace(/^["']|["']$/g, '').trim();
  }
  return { fields, rest: text.slice(match[0].length) };
}

export function stripInlineMarkdown(block: string): string {
  return block
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>\n]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](\S(?:.*?\S)?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/, ''))
    .join('\n');
}

export function parseMarkdown(text: string, id: string, origin: RawArticle['origin']): RawArticle {
  const { fields, rest } = parseFrontMatter(text.replace(/^\uFEFF/, ''));
  let blocks = splitBlocks(rest).filter((b) => b.trim() !== '' && !/^\s*(```|~~~|---+\s*$|\*\*\*+\s*$)/.test(b));
  let title = fields.title ?? '';
  if (!title && blocks.length > 0) {
    const first = blocks[0]!.trim();
    const heading = /^#\s+(.+)$/m.exec(first);
    title = stripInlineMarkdown(heading ? heading[1]! : first.split('\n')[0]!).trim();
    blocks = blocks.slice(1);
  }
  const date = fields.publishedAt ?? fields.date;
  return {
    id,
    title,
    paragraphs: blocks.map(stripInlineMarkdown),
    publishedAt: date ? parseDate(date)?.toISOString() : undefined,
    url: fields.url,
    source: fields.source,
    origin,
  };
}
