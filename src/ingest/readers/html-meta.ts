/**
 * What a news page says about itself: headline, published and modified dates, byline, section,
 * site and language. Read from the page's structured data in order of trust:
 *
 *   1. JSON-LD (schema.org NewsArticle, Article, BlogPosting …, also inside `@graph`);
 *   2. microdata and `<time datetime>` next to the headline;
 *   3. the usual meta tags (Open Graph `article:*`, Dublin Core, Parse.ly, Sailthru, `name=author`);
 *   4. the URL (`/2016/12/22/`, `/2020-02-19/`);
 *   5. what Mozilla Readability found (its byline, site name and title heuristics), as a last resort.
 *
 * Dates in words ("December 22, 2016 5:47 PM") are read by chrono-node. Pure: a DOM in, fields out.
 */
import * as chrono from 'chrono-node';
import type { parseHTML } from 'linkedom';

type HtmlDocument = ReturnType<typeof parseHTML>['document'];
type HtmlElement = NonNullable<ReturnType<HtmlDocument['querySelector']>>;

export interface PageMetadata {
  /** Headline without the site's name. */
  title?: string;
  publishedAt?: string;
  modifiedAt?: string;
  authors: string[];
  section?: string;
  /** The publication's name (og:site_name, the JSON-LD publisher). */
  source?: string;
  url?: string;
  /** The language the page declares (`<html lang>`, og:locale, JSON-LD inLanguage). */
  declaredLanguage?: string;
}

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|BlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|VideoObject)$/;

function types(node: Json): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
}

/** Every object of the page's JSON-LD blocks, `@graph` and nested `mainEntity` included. */
export function jsonLdNodes(document: HtmlDocument): Json[] {
  const nodes: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as Json;
    nodes.push(node);
    visit(node['@graph'], depth + 1);
    visit(node.mainEntity, depth + 1);
    visit(node.mainEntityOfPage, depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = (script.textContent ?? '')
      .replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .trim();
    if (!text) continue;
    try {
      visit(JSON.parse(text), 0);
    } catch {
      // Sites ship JSON-LD with raw line breaks inside strings; one more try without them.
      try {
        visit(JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ')), 0);
      } catch {
        // Unreadable structured data is no reason to refuse the page: the other sources remain.
      }
    }
  }
  return nodes;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === 'object') return text((value as Json)['@value'] ?? (value as Json).name);
  return undefined;
}

function names(value: unknown): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'string') return splitByline(value);
  if (typeof value === 'object') {
    const node = value as Json;
    const name = text(node.name) ?? [text(node.givenName), text(node.familyName)].filter(Boolean).join(' ');
    return name ? splitByline(name) : [];
  }
  return [];
}

const BYLINE_NOISE = [
  /\S+@\S+\.\w+/g, // e-mail addresses
  /https?:\/\/\S+/g,
  /\b(?:twitter|follow)\b.*$/i,
  /@\w+/g,
];

/** "By Jane Doe and John Roe, Reuters | jane@x.com" → ["Jane Doe", "John Roe"]. */
export function splitByline(byline: string): string[] {
  // Text run together from adjacent elements: "Howard BlumeStaff Writer" is "Howard Blume, Staff Writer".
  let value = byline.replace(/(\p{Ll})((?:(?:Staff|Senior|Chief|Special|Contributing|Political|Foreign)\s+)?(?:Writer|Editor|Reporter|Correspondent|Columnist|Contributor))\b/gu, '$1, $2').replace(/\s+/g, ' ').trim();
  for (const noise of BYLINE_NOISE) value = value.replace(noise, ' ');
  value = value.replace(/\(\s*(?:avec|with|mit|con)\s+([^)]*)\)/gi, ', $1').replace(/^(?:written |story |words |text |reporting )?by[:\s]+/i, '').replace(/^(?:von|par|por|di|door|av)\s+/i, '');
  const parts = value
    .split(/\s*(?:,|;|\||\/|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\bwith\b|\bavec\b|\bcon\b|\bmit\b)\s*/i)
    .map((part) => part.replace(/^[\s\-–—:·•]+|[\s\-–—:·•.]+$/g, '').trim())
    .filter((part) => part.length > 1 && part.length <= 60 && /\p{L}/u.test(part));
  // What follows the names is often the desk or the agency ("…, Reuters", "…, Staff Writer", "… in Kyiv").
  const desk = /^(?:reuters|ap|afp|associated press|bloomberg|staff|staff writer|staff reporter|special correspondent|correspondent|contributor|editor|reporter|news|cnn|bbc news|the associated press|updated|published)$/i;
  // A one-word capital code is an agency or a desk ("TNN", "PTI", "AFP"), not a person.
  const people = parts.filter((part) => !desk.test(part) && !/^(?:updated|published|posted)\b/i.test(part) && !/\d/.test(part) && !/^\p{Lu}{2,5}$/u.test(part));
  const bare = people.map((p) =>
    p
      .replace(/\s+(?:in|at)\s+[A-Z][\p{L} ]+$/u, '')
      // "Damian Carrington Environment editor", "Jason Burke Africa correspondent"
      .replace(/(\s+\p{Lu}\p{Ll}+)?\s+(?:editor|correspondent|reporter|writer|columnist|critic)$/u, '')
      .replace(/\s*\((?:now|earlier|updated)\)$/i, ''),
  );
  return [...new Set(bare.filter((p) => p.length > 1))];
}

const YEAR_MIN = 1990;

function plausible(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= YEAR_MIN && date.getTime() <= Date.now() + 2 * 86_400_000;
}

/** A date as pages write it: ISO 8601 (zone or not), RFC 2822, Unix time, or in words. */
export function parsePageDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  if (/^\d{10}(\d{3})?$/.test(trimmed)) {
    const n = Number(trimmed);
    const date = new Date(trimmed.length === 10 ? n * 1000 : n);
    return plausible(date) ? date : undefined;
  }
  const iso = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(trimmed);
  if (iso) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = iso;
    let offset = 'Z';
    if (zone && zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
    }
    const date = new Date(`${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s}${offset}`);
    return plausible(date) ? date : undefined;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed) || /^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4}/.test(trimmed)) {
    const date = new Date(trimmed);
    if (plausible(date)) return date;
  }
  const parsed = chrono.parseDate(trimmed, { instant: new Date(), timezone: 'UTC' }, { forwardDate: false });
  if (parsed && plausible(parsed) && /\d{4}/.test(trimmed)) return parsed;
  return undefined;
}

const metaCache = new WeakMap<object, Map<string, string>>();

/** The page's meta tags by lower-cased name (property, name, itemprop, http-equiv), the first of each. */
function metaTags(document: HtmlDocument): Map<string, string> {
  let tags = metaCache.get(document);
  if (tags) return tags;
  tags = new Map();
  for (const element of document.querySelectorAll('meta')) {
    // Some saved pages write `value=` for `content=`.
    const content = (element.getAttribute('content') ?? element.getAttribute('value'))?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = element.getAttribute(attribute)?.toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  metaCache.set(document, tags);
  return tags;
}

function meta(document: HtmlDocument, keys: string[]): string | undefined {
  const tags = metaTags(document);
  for (const key of keys) {
    const value = tags.get(key);
    if (value) return value;
  }
  return undefined;
}

/** Meta tag names, lower-cased, in order of trust. */
const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'og:published_time', 'published_time', 'datepublished',
  'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'original-publish-date', 'article.published',
  'displaydate', 'release_date', 'cxenseparse:recs:publishtime', 'article_date_original', 'eomportal-lastupdate', 'og:updated_time',
];
const MODIFIED_META = ['article:modified_time', 'og:article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified', 'lastmod', 'article.updated'];
const AUTHOR_META = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'cxenseparse:author', 'og:article:author', 'twitter:creator:name'];
const SECTION_META = ['article:section', 'og:article:section', 'parsely-section', 'section', 'article.section', 'cxenseparse:recs:category', 'dc.subject', 'category'];
const TITLE_META = ['og:title', 'twitter:title', 'parsely-title', 'sailthru.title', 'dc.title', 'headline', 'title'];

/** A date in the path of the article's URL: /2016/12/22/, /2020-02-19/, /20161222/. */
export function dateFromUrl(url: string | undefined): Date | undefined {
  if (!url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url, 'http://x.invalid').pathname;
  } catch {
    return undefined;
  }
  const m = /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:\/|-|\.|$|[a-z])/i.exec(pathname) ?? /[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(pathname);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return plausible(date) ? date : undefined;
}

type DateKind = 'published' | 'modified' | 'near-headline';

function classOf(element: HtmlElement | null | undefined): string {
  return element ? `${element.getAttribute('class') ?? ''} ${element.getAttribute('data-testid') ?? ''}`.toLowerCase() : '';
}

/** Whether an element within three levels up has a class naming `word`. */
function nearClass(element: HtmlElement, word: RegExp): boolean {
  let current: HtmlElement | null = element.parentElement;
  for (let depth = 0; current && depth < 3; depth++, current = current.parentElement) {
    if (word.test(classOf(current))) return true;
  }
  return false;
}

/** Rules in order of trust, per kind: microdata, then a <time> marked or placed as the article's. */
const TIME_RULES: Record<DateKind, Array<(el: HtmlElement) => boolean>> = {
  published: [
    (el) => el.getAttribute('itemprop') === 'datePublished',
    (el) => el.tagName === 'TIME' && el.hasAttribute('pubdate'),
    (el) => el.tagName === 'TIME' && /publish/.test(classOf(el)),
    (el) => el.tagName === 'TIME' && nearClass(el, /publish|dateline|byline/),
  ],
  modified: [
    (el) => el.getAttribute('itemprop') === 'dateModified',
    (el) => el.tagName === 'TIME' && /updat|modif/.test(classOf(el)),
    (el) => el.tagName === 'TIME' && nearClass(el, /updat/),
  ],
  // Weaker: a <time> in the article's header, which may be a related story's.
  'near-headline': [(el) => el.tagName === 'TIME' && !!el.closest('header, article')],
};

/** `<time datetime>` and microdata dates beside the headline (not the sidebar's other stories). */
function timeElementDate(document: HtmlDocument, kind: DateKind): Date | undefined {
  // One query, then the rules in JS: linkedom walks the whole tree for each selector.
  const elements = [...document.querySelectorAll('time, [itemprop="datePublished"], [itemprop="dateModified"]')].filter(
    // Microdata on a <meta> is a meta tag, read with the others, after Open Graph's.
    (el: HtmlElement) => el.tagName !== 'META',
  );
  for (const rule of TIME_RULES[kind]) {
    for (const element of elements) {
      if (!rule(element)) continue;
      const value = element.getAttribute('datetime') ?? element.getAttribute('content');
      // A broken `datetime` may still sit on a readable "Published: Dec. 22, 2016, 6:47 p.m.".
      const date = parsePageDate(value ?? undefined) ?? (element.tagName === 'TIME' ? parsePageDate(shortText(element)) : undefined);
      if (date) return date;
    }
  }
  return undefined;
}

function shortText(element: HtmlElement): string | undefined {
  const value = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  return value.length > 0 && value.length <= 80 ? value : undefined;
}

/**
 * The date as the page prints it beside the headline ("December 12, 2016 7:00 AM" in a
 * `published-date` paragraph), where nothing structured gives one. The first element whose class
 * names a date and whose short text holds a year is read.
 */
function printedDate(document: HtmlDocument): Date | undefined {
  const names = /publish|pub-?date|posted|dateline|entry-date|article-date|story-date|timestamp|byline|date/i;
  // One pass over the elements with a class or id: a selector list of substring matches costs
  // linkedom a walk of the whole tree per selector.
  for (const element of document.querySelectorAll('[class], [id]')) {
    if (!names.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`)) continue;
    const value = shortText(element);
    if (!value || !/\b(19|20)\d{2}\b/.test(value)) continue;
    const date = parsePageDate(value.replace(/^(published|posted|updated|last updated|date)\s*(on|:)?\s*/i, ''));
    if (date) return date;
  }
  return undefined;
}

const SEPARATORS = /\s+[|\-–—:·•»›~/]\s+|\s+::\s+/;

function comparable(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The headline without the site's name: "Mike Bloomberg … debate - Los Angeles Times" → "Mike
 * Bloomberg … debate". A part is the site's when it names the site (og:site_name, publisher) or
 * its domain, or when it is the part the page's other titles lack.
 */
export function stripSiteName(title: string, siteNames: string[], host: string | undefined, others: string[] = []): string {
  let current = title.replace(/\s+/g, ' ').trim();
  const sites = siteNames.map(comparable).filter(Boolean);
  const hostWords = host ? comparable(host.replace(/^www\./, '').replace(/\.(com|co\.uk|org|net|de|fr|co|jp|cz|es|it|uk|au|nz|in|ca|io)$/i, '')) : undefined;
  const isSite = (part: string) => {
    const c = comparable(part);
    if (!c) return true;
    if (sites.some((site) => c === site || (site.length > 3 && (c.includes(site) || site.includes(c)) && c.split(' ').length <= site.split(' ').length + 2))) return true;
    if (hostWords && (c.replace(/ /g, '') === hostWords.replace(/ /g, '') || (hostWords.length > 3 && c.replace(/ /g, '').includes(hostWords.replace(/ /g, '')) && c.split(' ').length <= 4))) return true;
    return /^(home|news|homepage|latest news|breaking news)$/.test(c);
  };
  for (let guard = 0; guard < 3; guard++) {
    const parts = current.split(SEPARATORS);
    if (parts.length < 2) break;
    const separators = current.match(new RegExp(SEPARATORS.source, 'g')) ?? [];
    const last = parts[parts.length - 1]!;
    const first = parts[0]!;
    if (isSite(last)) {
      current = current.slice(0, current.length - last.length - separators[separators.length - 1]!.length).trim();
    } else if (isSite(first)) {
      current = current.slice(first.length + separators[0]!.length).trim();
    } else break;
  }
  // Another of the page's titles (og:title, the JSON-LD headline, the <h1>) may be the headline alone.
  const c = comparable(current);
  for (const other of others) {
    const o = comparable(other);
    if (o && o !== c && o.length >= 15 && c.startsWith(o) && SEPARATORS.test(current.slice(other.trim().length - 1, other.trim().length + 3))) return other.trim();
  }
  return current;
}

function contentWords(value: string): Set<string> {
  return new Set(comparable(value).match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]{4,}/gu) ?? []);
}

/**
 * The page's own headline is its <h1> when one is about the same story as the shared titles: the
 * og:title and JSON-LD headline are often rewritten for search and social ("… - Quartz Africa"),
 * the <h1> is what readers see. An <h1> that shares no words with them is a logo or a section.
 */
export function headlineFromH1(h1s: string[], titles: string[]): string | undefined {
  let best: { text: string; share: number } | undefined;
  const titleWords = titles.map(contentWords);
  for (const h1 of h1s) {
    const words = contentWords(h1);
    if (words.size < 2 || h1.split(/\s+/).length < 3 && words.size < 8) continue;
    for (const title of titleWords) {
      let common = 0;
      for (const w of words) if (title.has(w)) common++;
      const share = common / words.size;
      if (share >= 0.25 && (!best || share > best.share)) best = { text: h1, share };
    }
  }
  return best?.text;
}

/** Words of the URL's slug ("/2017/12/15/16751138/best-movies-2017-streaming-how-to-watch"), at least three, or none. */
export function slugWords(url: string | undefined): Set<string> {
  if (!url) return new Set();
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x.invalid').pathname);
  } catch {
    return new Set();
  }
  const segments = pathname.split('/').map((s) => s.replace(/\.(html?|cms|php|aspx?|shtml)$/i, '')).filter((s) => /[-_]/.test(s));
  const longest = segments.sort((a, b) => b.split(/[-_]+/).length - a.split(/[-_]+/).length)[0] ?? '';
  const words = longest.split(/[-_]+/).map(plain).filter((w) => w && !/^\d+$/.test(w));
  return words.length >= 3 ? new Set(words) : new Set();
}

/** Lower case without diacritics or apostrophes: "América" → "america", "Let’s" → "lets". */
function plain(value: string): string {
  return comparable(value.normalize('NFD').replace(/\p{M}+/gu, ''));
}

function slugScore(title: string, slug: Set<string>): number {
  let score = 0;
  for (const word of new Set(plain(title).split(' '))) if (slug.has(word)) score++;
  return score;
}

/**
 * Titles that disagree are settled by the URL's slug, made from the headline when the story was
 * filed. Against the page's visible headline (`more`), another title wins when strictly more of
 * the slug's words are its words; where the page shows none (`all`), only a title that holds every
 * word of a slug of four or more, where `chosen` does not, replaces the most trusted one.
 */
export function bySlug(chosen: string | undefined, alternatives: string[], url: string | undefined, rule: 'more' | 'all'): string | undefined {
  const slug = slugWords(url);
  if (slug.size === 0 || !chosen) return chosen;
  let best = chosen;
  let bestScore = slugScore(chosen, slug);
  for (const alternative of alternatives) {
    const score = slugScore(alternative, slug);
    if (rule === 'more' ? score > bestScore : score === slug.size && slug.size >= 4 && bestScore < slug.size) [best, bestScore] = [alternative, score];
  }
  return best;
}

/** "/world/middle_east" → "middle east"; template placeholders ("undefined", "tags") are no section. */
export function cleanSection(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let section = value.trim();
  if (/^https?:/.test(section)) return undefined;
  if (section.startsWith('/')) section = (section.split('/').filter(Boolean).pop() ?? '').replace(/[_-]+/g, ' ');
  section = section.replace(/\s+/g, ' ').trim();
  if (!section || section.length > 60 || /^(undefined|null|none|tags?|article|articles|story|default|index|home|page|post|content)$/i.test(section)) return undefined;
  return section;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

export interface ReadabilityHints {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  lang?: string | null;
}

export function readMetadata(document: HtmlDocument, hints: ReadabilityHints = {}): PageMetadata {
  const nodes = jsonLdNodes(document);
  const articles = nodes.filter((node) => types(node).some((t) => ARTICLE_TYPES.test(t)));
  const dated = nodes.filter((node) => text(node.datePublished) || text(node.dateCreated));
  const article = articles.find((node) => text(node.datePublished)) ?? articles[0] ?? dated[0];

  const url =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href')?.trim() ||
    meta(document, ['og:url', 'twitter:url', 'parsely-link']) ||
    text(article?.url) ||
    undefined;
  const host = hostOf(url);

  // Dates, in order of trust.
  const published =
    parsePageDate(text(article?.datePublished) ?? text(article?.dateCreated)) ??
    timeElementDate(document, 'published') ??
    parsePageDate(meta(document, PUBLISHED_META)) ??
    dateFromUrl(url) ??
    parsePageDate(hints.publishedTime ?? undefined) ??
    timeElementDate(document, 'near-headline') ??
    printedDate(document);
  const modified = parsePageDate(text(article?.dateModified)) ?? timeElementDate(document, 'modified') ?? parsePageDate(meta(document, MODIFIED_META));
  // A page that says only when it last changed was published by then: the nearest date there is.
  const publishedOrModified = published ?? modified;

  // Byline.
  let authors = names(article?.author ?? article?.creator);
  if (authors.length === 0) {
    const metaAuthor = meta(document, AUTHOR_META);
    // A URL or a user name ("mikecason") is no byline.
    if (metaAuthor && !/^https?:\/\//.test(metaAuthor) && !/^[a-z0-9_.-]+$/.test(metaAuthor)) authors = splitByline(metaAuthor);
  }
  if (authors.length === 0) {
    const microdata = [...document.querySelectorAll('[itemprop="author"]')]
      .map((el: HtmlElement) => el.querySelector('[itemprop="name"]')?.getAttribute('content') ?? el.querySelector('[itemprop="name"]')?.textContent ?? el.getAttribute('content') ?? el.textContent ?? '')
      .flatMap(splitByline);
    authors = [...new Set(microdata)].slice(0, 6);
  }
  if (authors.length === 0) {
    const rel = [...document.querySelectorAll('a[rel="author"]')].map((el: HtmlElement) => el.textContent ?? '').flatMap(splitByline);
    authors = [...new Set(rel)].slice(0, 6);
  }
  if (authors.length === 0 && hints.byline) authors = splitByline(hints.byline);

  const publisher = article?.publisher as Json | undefined;
  const source = meta(document, ['og:site_name', 'application-name', 'al:ios:app_name']) ?? text(publisher?.name) ?? hints.siteName ?? undefined;
  // Templates put the publisher in `author` ("Condé Nast"): a company is not a byline.
  const organisations = nodes.filter((node) => types(node).some((t) => /Organization$|^Corporation$/.test(t))).map((node) => text(node.name));
  const publishers = new Set([source, text(publisher?.name), ...organisations].filter((n): n is string => !!n).map(comparable));
  const copyright = comparable(meta(document, ['copyright', 'dcterms.rightsholder', 'dc.rights']) ?? '');
  authors = authors.filter((name) => !publishers.has(comparable(name)) && !(copyright && copyright.includes(comparable(name))));

  const section = cleanSection(text(article?.articleSection) ?? meta(document, SECTION_META));

  // Headline: the JSON-LD headline and og:title are written for sharing, so they rarely carry the
  // site's name; <title> nearly always does. Each is cleaned, and the <h1> settles a tie.
  const siteNames = [source, text(publisher?.name), hints.siteName ?? undefined].filter((s): s is string => !!s);
  const h1s = [...document.querySelectorAll('h1')].map((el: HtmlElement) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter((t) => t.length > 0 && t.length < 300);
  const candidates = [text(article?.headline), meta(document, TITLE_META), document.querySelector('title')?.textContent ?? undefined, hints.title ?? undefined]
    .filter((t): t is string => !!t && t.trim().length > 0)
    .map((t) => t.replace(/\s+/g, ' ').trim());
  const others = [...candidates, ...h1s];
  const clean = (candidate: string) => stripSiteName(candidate, siteNames, host, others);
  const cleaned = candidates.map(clean);
  const h1 = headlineFromH1(h1s, cleaned);
  // Every title written for sharing, not only the first: a page may hold a social headline in
  // og:title and its editors' headline in another tag.
  const shared = [text(article?.headline), ...TITLE_META.map((key) => metaTags(document).get(key))].filter((t): t is string => !!t && t.trim().length > 0).map(clean);
  const title = bySlug(h1 ?? cleaned[0], h1 ? shared : [...shared, ...cleaned], url, h1 ? 'more' : 'all');

  const declaredLanguage =
    text(article?.inLanguage) ??
    document.documentElement?.getAttribute('lang') ??
    meta(document, ['content-language', 'og:locale', 'dc.language', 'language']) ??
    hints.lang ??
    undefined;

  return {
    title,
    publishedAt: publishedOrModified?.toISOString(),
    modifiedAt: modified?.toISOString(),
    authors,
    section,
    source,
    url: url || undefined,
    declaredLanguage: declaredLanguage?.trim().replace(/_/g, '-') || undefined,
  };
}
