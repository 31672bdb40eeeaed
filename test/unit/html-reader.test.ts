/**
 * The HTML reader on real news pages (../shared/web, skipped with a message where absent) and its
 * metadata rules on small inputs. Expected values are the shared set's own (pages.jsonl).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/ingest/clean.js';
import { decodeText } from '../../src/ingest/decode.js';
import { parseHtml } from '../../src/ingest/readers/html.js';
import { contentBlocks, isFurniture } from '../../src/ingest/readers/html-boilerplate.js';
import { bySlug, cleanSection, dateFromUrl, parsePageDate, readMetadata, slugWords, splitByline, stripSiteName } from '../../src/ingest/readers/html-meta.js';
import { detectLanguage } from '../../src/ingest/readers/language.js';
import { parseHTML } from 'linkedom';

const webDir = path.resolve(__dirname, '../../../shared/web');
const haveWeb = existsSync(path.join(webDir, 'pages.jsonl'));
if (!haveWeb) console.warn(`html-reader tests on real pages skipped: ${webDir} not found (the shared web pages live in ../shared/web)`);

interface Page {
  html: string;
  title?: string;
  author?: string;
  date?: string;
  lang?: string;
  text?: string;
  must_not_contain?: string[];
}

function pages(): Page[] {
  return readFileSync(path.join(webDir, 'pages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Page);
}

function read(page: Page) {
  return parseHtml(decodeText(readFileSync(path.join(webDir, page.html))).text, 'page', { path: page.html });
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s*[\u2010-\u2015-]+\s*/g, '-').replace(/\s+/g, ' ').trim();
const instant = (v: string) => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${v}Z`);

describe.skipIf(!haveWeb)('HTML reader on real pages', () => {
  // One page per way a page gives its date and headline: JSON-LD, Open Graph over microdata,
  // a broken `datetime` with readable text, `value=` meta tags, the <h1> over a rewritten og:title.
  const chosen = ['readability/nytimes-1-source.html', 'postlight/www.westernjournalism.com.html', 'postlight/qz.com.html', 'postlight/www.miamiherald.com.html', 'readability/guardian-1-source.html', 'readability/lemonde-1-source.html'];

  it.each(chosen)('%s: date, headline and byline as expected', (file) => {
    const page = pages().find((p) => p.html.endsWith(file))!;
    expect(page).toBeDefined();
    const article = read(page);
    if (page.date) expect(Math.abs(Date.parse(article.publishedAt!) - instant(page.date))).toBeLessThanOrEqual(86_400_000);
    if (page.title) expect(norm(page.title).startsWith(norm(cleanArticle(article).title))).toBe(true);
    if (page.author) {
      for (const name of article.authors ?? []) expect(norm(page.author)).toContain(norm(name));
      expect(article.authors?.length).toBeGreaterThan(0);
    }
    if (page.lang) expect(article.language?.split('-')[0]).toBe(page.lang.toLowerCase().split('-')[0]);
  });

  it('drops the furniture trafilatura marks as not belonging on its pages, keeping the body', () => {
    const marked = pages().filter((p) => p.must_not_contain?.length && /nationnews|wsvn|haitiantimes/.test(p.html));
    expect(marked.length).toBeGreaterThan(0);
    for (const page of marked) {
      const body = norm(cleanArticle(read(page)).paragraphs.join('\n'));
      expect(body.length).toBeGreaterThan(300);
      for (const segment of page.must_not_contain!) expect(body).not.toContain(norm(segment));
    }
  });

  it('reads the printed date where the datetime attribute is broken', () => {
    const page = pages().find((p) => p.html.endsWith('postlight/www.al.com.html'))!;
    expect(Math.abs(Date.parse(read(page).publishedAt!) - instant(page.date!))).toBeLessThanOrEqual(86_400_000);
  });

  it('trusts Open Graph over a stale microdata date', () => {
    const page = pages().find((p) => p.html.endsWith('readability/bug-1255978-source.html'))!;
    expect(read(page).publishedAt).toBe(new Date(instant(page.date!)).toISOString());
  });

  it('keeps the site name out of a headline that carries it in <title> only', () => {
    const page = pages().find((p) => p.html.endsWith('readability/breitbart-source.html'))!;
    const title = read(page).title;
    expect(page.title).toMatch(/ - Breitbart$/);
    expect(title).not.toMatch(/Breitbart/);
    expect(norm(page.title!)).toContain(norm(title));
  });
});

describe('page metadata rules', () => {
  it('reads dates as pages write them', () => {
    expect(parsePageDate('2016-12-23T07:18:32-07:00')?.toISOString()).toBe('2016-12-23T14:18:32.000Z');
    expect(parsePageDate('2021-11-01T10:52:50+0100')?.toISOString()).toBe('2021-11-01T09:52:50.000Z');
    expect(parsePageDate('20150917')?.toISOString()).toBe('2015-09-17T00:00:00.000Z');
    expect(parsePageDate('Thursday, December 22, 2016, 06:47 PM')?.toISOString()).toBe('2016-12-22T18:47:00.000Z');
    expect(parsePageDate('Tue, 04 Jun 2013 17:55:13 GMT')?.toISOString()).toBe('2013-06-04T17:55:13.000Z');
    expect(parsePageDate('yesterday')).toBeUndefined();
    expect(parsePageDate('1899-01-01')).toBeUndefined();
  });

  it('finds a date in an article URL and nowhere else', () => {
    expect(dateFromUrl('https://www.latimes.com/politics/story/2020-02-19/mike-bloomberg')?.toISOString().slice(0, 10)).toBe('2020-02-19');
    expect(dateFromUrl('http://uk.reuters.com/article/2014/12/30/uk-indonesia-airplane')?.toISOString().slice(0, 10)).toBe('2014-12-30');
    expect(dateFromUrl('https://example.com/news/12345678/story')).toBeUndefined();
  });

  it('splits bylines into names', () => {
    expect(splitByline('By Jane Doe and John Roe, Reuters')).toEqual(['Jane Doe', 'John Roe']);
    expect(splitByline('Mike Cason | mcason@al.com')).toEqual(['Mike Cason']);
    expect(splitByline('Martin Untersinger (avec Damien Leloup et Morgane Tual)')).toEqual(['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']);
    expect(splitByline('Par Sébastien Farcis')).toEqual(['Sébastien Farcis']);
    // A role run into the name by adjacent elements, and an agency's code after the name.
    expect(splitByline('By Howard BlumeStaff Writer')).toEqual(['Howard Blume']);
    expect(splitByline('Saibal Dasgupta / TNN / ')).toEqual(['Saibal Dasgupta']);
    // Names in capitals with a space, and capitals inside a name, stay.
    expect(splitByline('By JOE HILDEBRAND')).toEqual(['JOE HILDEBRAND']);
    expect(splitByline('Tom McDonald and DeShawn Watson')).toEqual(['Tom McDonald', 'DeShawn Watson']);
  });

  it('strips the site name from either end of a headline', () => {
    expect(stripSiteName('Mike Bloomberg takes the stage - Los Angeles Times', ['Los Angeles Times'], 'www.latimes.com')).toBe('Mike Bloomberg takes the stage');
    expect(stripSiteName('BBC News - Storms batter the coast', ['BBC News'], 'www.bbc.co.uk')).toBe('Storms batter the coast');
    expect(stripSiteName('War and peace: a history', ['The Review'], 'review.example')).toBe('War and peace: a history');
  });

  it("reads the words of a URL's slug, not its ids or dates", () => {
    expect([...slugWords('https://www.vox.com/2017-in-review/2017/12/15/16751138/best-movies-2017-streaming-how-to-watch')]).toEqual(['best', 'movies', 'streaming', 'how', 'to', 'watch']);
    expect([...slugWords('https://www.cnet.com/es/noticias/twitter-lite-américa-latina/')]).toEqual(['twitter', 'lite', 'america', 'latina']);
    expect(slugWords('https://example.com/news/12345678/story').size).toBe(0);
    expect(slugWords(undefined).size).toBe(0);
  });

  it('settles disagreeing titles by the slug, and only on a clear lead', () => {
    const url = 'https://news.example/2023/06/05/vision-pro-headset-hands-on-demo';
    // More of the slug's words: the editors' headline wins over the <h1>.
    expect(bySlug('Vision Pro is the display moment', ['Vision Pro hands-on: the display moment'], url, 'more')).toBe('Vision Pro hands-on: the display moment');
    // As many: the <h1> stays.
    expect(bySlug('Vision Pro headset hands-on', ['Hands-on with the Vision Pro headset'], url, 'more')).toBe('Vision Pro headset hands-on');
    // Without an <h1>, only a title holding the whole slug replaces the most trusted one.
    expect(bySlug('A headset review', ['The headset demo: Vision Pro hands-on'], url, 'all')).toBe('The headset demo: Vision Pro hands-on');
    expect(bySlug('A headset review', ['Vision Pro demo'], url, 'all')).toBe('A headset review');
    expect(bySlug('Same title', ['Other title'], undefined, 'more')).toBe('Same title');
  });

  it("prefers the <h1> to a <title> rewritten for search, and the slug's headline to both", () => {
    const page = (url: string) =>
      parseHTML(`<html><head><title>Storm batters coast: what we know | Daily Example</title><meta property="og:site_name" content="Daily Example"><link rel="canonical" href="${url}"><meta property="og:title" content="Coast hit by the storm of the decade"></head><body><h1>Storm of the decade hits the coast</h1></body></html>`).document;
    expect(readMetadata(page('https://daily.example/news/1234')).title).toBe('Storm of the decade hits the coast');
    expect(readMetadata(page('https://daily.example/news/coast-hit-by-storm-of-the-decade')).title).toBe('Coast hit by the storm of the decade');
  });

  it('cleans sections', () => {
    expect(cleanSection('/world/middle_east')).toBe('middle east');
    expect(cleanSection('undefined')).toBeUndefined();
    expect(cleanSection('Politics')).toBe('Politics');
  });

  it('removes news furniture after Readability, not reporting', () => {
    expect(isFurniture('Advertisement')).toBe(true);
    expect(isFurniture('Sign up for our daily newsletter, delivered to your inbox')).toBe(true);
    expect(isFurniture('Related Coverage')).toBe(true);
    expect(isFurniture('4 Min Read')).toBe(true);
    expect(isFurniture('The minister said the newsletter he wrote in 1998 was the start of his career in politics, and that he had kept writing for forty years afterwards despite the cost to his family and health.')).toBe(false);
    const { document } = parseHTML('<html><body><p>The council voted on Tuesday to close the bridge for repairs.</p><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul><figure><figcaption>The bridge at dawn. Photo: A. Person</figcaption></figure><p>Read more: the bridge</p></body></html>');
    expect(contentBlocks(document).map((b) => b.text)).toEqual(['The council voted on Tuesday to close the bridge for repairs.']);
  });

  it('detects the language, keeping a declared region when the text agrees', () => {
    const english = 'The government announced on Tuesday that it would raise interest rates for the third time this year, citing persistent inflation and a labour market that has remained strong despite slowing growth across the economy.';
    const french = "Le gouvernement a annoncé mardi qu'il relèverait les taux d'intérêt pour la troisième fois cette année, invoquant une inflation persistante et un marché du travail resté solide malgré le ralentissement de la croissance.";
    expect(detectLanguage(english, 'en-GB')).toBe('en-GB');
    expect(detectLanguage(french, 'en')).toBe('fr');
    expect(detectLanguage('Too short', 'de')).toBe('de');
  });
});
