/**
 * Feeds: RSS 2.0, RSS 0.9/1.0 (RDF) and Atom, as files or URLs, parsed by rss-parser (xml2js
 * underneath). Each item is an article:
 *   id        the guid (Atom id), else the link, else the feed and the item's title;
 *   title     the item's title, markup removed;
 *   body      `content:encoded`, else the content or summary (HTML read block by block); an
 *             item with only a summary is still an article, and one with only a headline has
 *             its headline as its one paragraph;
 *   date      isoDate / pubDate / dc:date;  authors  dc:creator / author;
 *   section   the first category; every category is kept in `metadata.tags`.
 *
 * XML's own rule on encodings is kept: bytes that are not UTF-8 need an encoding declaration
 * (`<?xml version="1.0" encoding="ISO-8859-1"?>`); a feed without one is refused with the reason,
 * and the rest of the batch goes on.
 */
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import Parser from 'rss-parser';
import { articleIdFromField } from '../article-id.js';
import { InputError } from '../input-error.js';
import type { RawArticle } from '../types.js';
import { isFurniture } from './html-boilerplate.js';
import { cleanSection, parsePageDate, splitByline } from './html-meta.js';

/** Largest feed read, from a file or a URL. */
export const MAX_FEED_BYTES = 32 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

type FeedItem = Parser.Item & Record<string, unknown>;

const parser = new Parser<Record<string, unknown>, Record<string, unknown>>({
  customFields: { item: [['dc:date', 'dcDate'], ['dc:subject', 'dcSubject'], ['media:credit', 'mediaCredit']] },
});

/** Whether a text is a feed, by its root element: `<rss>`, `<feed>` (Atom) or `<rdf:RDF>`. */
export function isFeedText(text: string): boolean {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const withoutProlog = head.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!DOCTYPE[^>]*>/i, '');
  return /^\s*<(rss|feed|rdf:RDF|RDF)[\s>]/i.test(withoutProlog);
}

/**
 * Bytes → text by XML's rules: a BOM or an encoding declaration decides; without either the bytes
 * must be UTF-8.
 */
export function decodeFeed(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(buffer.subarray(0, 200).toString('latin1'))?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) {
    if (!iconv.encodingExists(declared)) throw new InputError(`not readable: the feed declares the unknown encoding "${declared}"`);
    return iconv.decode(buffer, declared);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    const at = firstInvalidUtf8(buffer);
    throw new InputError(
      `not well-formed XML: byte ${at.offset} (line ${at.line}) is not UTF-8 and the feed declares no other encoding`,
      'Declare the encoding the feed is written in (<?xml version="1.0" encoding="ISO-8859-1"?>) or save it as UTF-8.',
    );
  }
}

/** Where the first byte that is not UTF-8 is, for the error message. */
function firstInvalidUtf8(buffer: Buffer): { offset: number; line: number } {
  let line = 1;
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) break;
    let ok = true;
    for (let k = 1; k <= extra; k++) if (((buffer[i + k] ?? 0) & 0xc0) !== 0x80) ok = false;
    if (!ok) break;
    if (b === 0x0a) line++;
    i += extra + 1;
  }
  return { offset: i, line };
}

const BLOCKS = 'p, li, blockquote, h2, h3, h4, pre, td';

/** An item's HTML (or plain text) → paragraphs. */
export function htmlToParagraphs(value: string): string[] {
  if (!/<[a-z!/][^>]*>/i.test(value)) {
    return value
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  }
  const { document } = parseHTML(`<!doctype html><html><body>${value}</body></html>`);
  for (const element of document.querySelectorAll('script, style, img, figure, figcaption, iframe')) element.remove();
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.parentElement?.closest(BLOCKS));
  const texts = blocks.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  // Text outside any block ("<p>…</p><a>Continue reading…</a>") is a paragraph of its own.
  for (const el of blocks) el.remove();
  const loose = (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const paragraphs = loose ? (texts.length ? [...texts, loose] : [loose]) : texts;
  return paragraphs.filter((p) => !isFurniture(p));
}

function plainText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return /<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(value) ? (parseHTML(`<html><body>${value}</body></html>`).document.body?.textContent ?? '').replace(/\s+/g, ' ').trim() : value.replace(/\s+/g, ' ').trim();
}

function categoryNames(value: unknown): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list
    .map((c) => (typeof c === 'string' ? c : typeof c === 'object' && c ? ((c as Record<string, unknown>)._ ?? (c as { $?: { term?: string } }).$?.term) : undefined))
    .filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    .map((c) => c.trim())
    // Some CMSs export their category ids ("2840258b-adfc-…"): no use to a reader.
    .filter((c) => !/^[0-9a-f]{8}-[0-9a-f]{4}-|^[0-9a-f]{16,}$|^\d+$/i.test(c));
}

function itemId(item: FeedItem, feedKey: string): string {
  const guid = typeof item.guid === 'string' ? item.guid : typeof item.id === 'string' ? item.id : undefined;
  const key = guid?.trim() || item.link?.trim() || `${feedKey}#${item.title ?? ''}#${item.pubDate ?? ''}`;
  return articleIdFromField(key);
}

export interface FeedParse {
  title?: string;
  articles: RawArticle[];
}

/** Parses a feed's text; every item becomes an article. Throws InputError when it is no feed. */
export async function parseFeed(text: string, origin: RawArticle['origin'], feedKey = origin.path): Promise<FeedParse> {
  if (!isFeedText(text)) throw new InputError('not a feed: the root element is not <rss>, <feed> or <rdf:RDF>');
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(text);
  } catch (error) {
    const message = (error as Error).message.split('\n').join(' ').slice(0, 200);
    throw new InputError(`not well-formed XML: ${message}`);
  }
  const source = plainText(feed.title) || undefined;
  const articles = (feed.items as FeedItem[]).map((item): RawArticle => {
    const body = [item['content:encoded'], item.content, item.summary, item.contentSnippet].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    const title = plainText(item.title);
    let paragraphs = body ? htmlToParagraphs(body) : [];
    if (paragraphs.length === 0 && title) paragraphs = [title];
    const date = parsePageDate(item.isoDate) ?? parsePageDate(item.pubDate) ?? parsePageDate(typeof item.dcDate === 'string' ? item.dcDate : undefined);
    const byline = typeof item.creator === 'string' ? item.creator : typeof item.author === 'string' ? item.author : undefined;
    const authors = byline ? splitByline(byline) : [];
    const tags = [...new Set([...categoryNames(item.categories), ...categoryNames(item.dcSubject)])];
    return {
      id: itemId(item, feedKey),
      title,
      paragraphs,
      publishedAt: date?.toISOString(),
      url: item.link?.trim() || undefined,
      source,
      authors: authors.length ? authors : undefined,
      section: cleanSection(tags[0]),
      metadata: tags.length ? { tags } : undefined,
      origin: { path: origin.path },
    };
  });
  return { title: source, articles };
}

export interface FetchedFeed {
  text: string;
  etag?: string;
  lastModified?: string;
  /** True when the server answered 304 Not Modified to a conditional GET. */
  notModified: boolean;
}

/** Fetches a feed URL, conditionally when `etag`/`lastModified` are given (for `lede watch`). */
export async function fetchFeed(url: string, conditional: { etag?: string; lastModified?: string } = {}): Promise<FetchedFeed> {
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5', 'user-agent': 'lede (feed reader)' };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new InputError(`could not fetch the feed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (response.status === 304) return { text: '', notModified: true, etag: conditional.etag, lastModified: conditional.lastModified };
  if (!response.ok) throw new InputError(`could not fetch the feed: HTTP ${response.status} ${response.statusText}`.trim());
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_FEED_BYTES) throw new InputError(`feed is ${(length / 1048576).toFixed(0)} MB, over the ${MAX_FEED_BYTES / 1048576} MB limit`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_FEED_BYTES) throw new InputError(`feed is over the ${MAX_FEED_BYTES / 1048576} MB limit`);
  let text: string;
  const charset = /charset=([^;\s]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset) && iconv.encodingExists(charset) && !/^\s*<\?xml[^>]*encoding/.test(Buffer.from(bytes.subarray(0, 200)).toString('latin1'))) {
    text = iconv.decode(Buffer.from(bytes), charset);
  } else {
    text = decodeFeed(bytes);
  }
  return { text, notModified: false, etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined };
}
