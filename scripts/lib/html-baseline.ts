/**
 * The HTML reader as it was before issue 15 (Readability + og/article meta tags), kept as the
 * baseline that `npm run eval:web` prints beside the current reader. Not used by lede itself.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from '../../src/ingest/input-error.js';
import type { RawArticle } from '../../src/ingest/types.js';
import { parseDate } from '../../src/ingest/readers/record.js';

const BLOCKS = 'p, li, blockquote, h2, h3, h4, pre, td';
const MIN_ARTICLE_CHARS = 80;

type HtmlDocument = ReturnType<typeof parseHTML>['document'];

function meta(document: HtmlDocument, ...names: string[]): string | undefined {
  for (const name of names) {
    const element = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = element?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

export function parseHtmlBaseline(html: string, id: string, origin: RawArticle['origin']): RawArticle {
  const { document } = parseHTML(html);
  const publishedAt = meta(document, 'article:published_time', 'datePublished', 'date', 'pubdate');
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, 'og:url');
  const source = meta(document, 'og:site_name');
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  if (!article?.content) {
    throw new InputError('no article text found in this HTML page', 'Index the article page itself, not an index or navigation page.');
  }
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const blocks = [...content.querySelectorAll(`h1, ${BLOCKS}`)]
    // A block inside another block (p inside li or blockquote) is read with its parent.
    .filter((el) => !el.parentElement?.closest(BLOCKS));
  let title = meta(document, 'og:title') ?? (article.title ?? '').trim();
  // Readability keeps the page's headline as the first heading of the content: it is the title.
  const first = blocks[0];
  if (first && /^H[12]$/.test(first.tagName)) {
    title = (first.textContent ?? '').trim() || title;
    blocks.shift();
  }
  const paragraphs = blocks.map((el) => el.textContent ?? '');
  if (paragraphs.join('').trim().length < MIN_ARTICLE_CHARS) {
    throw new InputError('no article text found in this HTML page', 'Index the article page itself, not an index or navigation page.');
  }
  return {
    id,
    title,
    paragraphs,
    publishedAt: publishedAt ? parseDate(publishedAt)?.toISOString() : undefined,
    url: url ?? undefined,
    source: source ?? undefined,
    origin,
  };
}
