/**
 * HTML: the article's main text, found by Mozilla's Readability (the engine of Firefox's reader
 * view) rather than our own heuristics, on a light DOM (linkedom), with news furniture removed
 * after it (html-boilerplate.ts). Headline, dates, byline, section and site come from the page's
 * structured data (html-meta.ts); the language is the page's, checked against its text.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from '../input-error.js';
import type { RawArticle } from '../types.js';
import { contentBlocks } from './html-boilerplate.js';
import { readMetadata, splitByline } from './html-meta.js';
import { detectLanguage } from './language.js';

const MIN_ARTICLE_CHARS = 80;

function comparable(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function parseHtml(html: string, id: string, origin: RawArticle['origin']): RawArticle {
  const { document } = parseHTML(html);
  // Readability changes the document it reads: the metadata is read first.
  const declaredTitle = document.querySelector('title')?.textContent ?? undefined;
  const metadata = readMetadata(document);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  if (!article?.content) {
    throw new InputError('no article text found in this HTML page', 'Index the article page itself, not an index or navigation page.');
  }
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const blocks = contentBlocks(content);
  let title = metadata.title ?? (article.title || declaredTitle || '').trim();
  // Readability keeps the page's headline as the first heading of the content: it is the title,
  // not a paragraph. When the page had no headline of its own, that heading is it.
  const first = blocks[0];
  if (first && first.heading && /^H[12]$/.test(first.tag)) {
    if (!title || comparable(first.text) === comparable(title)) {
      title = title || first.text.replace(/\s+/g, ' ').trim();
      blocks.shift();
    }
  }
  const paragraphs = blocks.map((block) => block.text);
  if (paragraphs.join('').trim().length < MIN_ARTICLE_CHARS) {
    throw new InputError('no article text found in this HTML page', 'Index the article page itself, not an index or navigation page.');
  }
  // Readability's own byline (from the DOM: "By …" beside the headline) where the page's data named none.
  const sources = new Set([metadata.source, article.siteName].filter((s): s is string => !!s).map(comparable));
  const authors = metadata.authors.length ? metadata.authors : splitByline(article.byline ?? '').filter((name) => !sources.has(comparable(name)));
  return {
    id,
    title,
    paragraphs,
    publishedAt: metadata.publishedAt,
    modifiedAt: metadata.modifiedAt,
    url: metadata.url,
    source: metadata.source ?? article.siteName ?? undefined,
    authors: authors.length ? authors : undefined,
    section: metadata.section,
    language: detectLanguage(paragraphs.join('\n'), metadata.declaredLanguage ?? article.lang ?? undefined),
    origin,
  };
}
