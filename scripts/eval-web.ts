/**
 * HTML reading evaluation (issue 15): `npm run eval:web [-- --misses] [--no-baseline]`.
 *
 * Reads every page of ../shared/web/pages.jsonl with the current HTML reader and with the reader
 * as it was before issue 15 (scripts/lib/html-baseline.ts), both followed by the pipeline's
 * cleaning, and prints side by side:
 *   - date: the published date within a day of the expected one (compared as instants; an
 *     expected date without a zone is read as UTC), over the pages that have one;
 *   - title: the headline equal to the expected one (case, quotes, dashes and spacing aside);
 *   - author: the byline's names equal to the expected ones (same normalisation, "By" and e-mail
 *     addresses aside);
 *   - language: the primary subtag equal to the page's;
 *   - body F1: word-overlap F1 of the body against the expected text (bag of words), its mean over
 *     the pages with a full expected text, plus precision and recall;
 *   - body start: the expected first words found at the start of the body (pages with a prefix);
 *   - must contain / must not contain: trafilatura's human-made segments kept / dropped.
 * The reader sees the page's HTML only (not the URL it was saved from), as `lede index` does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanArticle } from '../src/ingest/clean.js';
import { decodeText } from '../src/ingest/decode.js';
import { parseHtml } from '../src/ingest/readers/html.js';
import type { RawArticle } from '../src/ingest/types.js';
import { parseHtmlBaseline } from './lib/html-baseline.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, '../shared/web');
const showMisses = process.argv.includes('--misses');

interface Page {
  html: string;
  repo: string;
  site: string;
  site_name?: string;
  lang?: string;
  title?: string;
  author?: string;
  date?: string;
  text?: string;
  text_prefix?: string;
  must_contain?: string[];
  must_not_contain?: string[];
}

type Reader = (html: string, id: string, origin: RawArticle['origin']) => RawArticle;

interface Tally {
  date: [number, number];
  title: [number, number];
  author: [number, number];
  lang: [number, number];
  f1: number[];
  precision: number[];
  recall: number[];
  start: [number, number];
  mustContain: [number, number];
  mustNotContain: [number, number];
  failed: number;
  titleSuffixed: number;
  misses: string[];
}

function newTally(): Tally {
  return { date: [0, 0], title: [0, 0], author: [0, 0], lang: [0, 0], f1: [], precision: [], recall: [], start: [0, 0], mustContain: [0, 0], mustNotContain: [0, 0], failed: 0, titleSuffixed: 0, misses: [] };
}

export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/\s*[\u2010-\u2015\u2212-]+\s*/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}][\p{L}\p{M}\p{N}']*/gu;

export function words(text: string): string[] {
  return normalise(text).match(WORD) ?? [];
}

/** Word-overlap precision, recall and F1 of `got` against `want`, as bags of words. */
export function overlap(got: string[], want: string[]): { precision: number; recall: number; f1: number } {
  const counts = new Map<string, number>();
  for (const w of want) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of got) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  const precision = got.length ? common / got.length : 0;
  const recall = want.length ? common / want.length : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

function parseExpectedDate(value: string): number {
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : `${value}Z`;
  return Date.parse(zoned);
}

function authorNames(value: string): string {
  return normalise(value)
    .replace(/\S+@\S+/g, ' ')
    .replace(/^by\s+/, '')
    .split(/\s*(?:,|\band\b|&|\|)\s*/)
    .map((name) => name.replace(/[^\p{L}\p{N}' -]/gu, '').trim())
    .filter(Boolean)
    .sort()
    .join('; ');
}

/** `want` is `got` and a short tail after a separator: "Headline | Site", "Headline_section_site". */
function hasSuffix(want: string, got: string): boolean {
  const w = normalise(want);
  const g = normalise(got);
  if (!g || !w.startsWith(g) || w === g) return false;
  const tail = w.slice(g.length);
  return /^\s*[|_\-[(（:»·•/]/.test(tail) && tail.length <= 40;
}

function score(page: Page, read: Reader, tally: Tally, label: string): void {
  const bytes = readFileSync(join(webDir, page.html));
  let article: RawArticle;
  try {
    const raw = read(decodeText(bytes).text, 'page', { path: page.html });
    article = { ...cleanArticle(raw), authors: raw.authors, language: raw.language, section: raw.section } as RawArticle;
  } catch (error) {
    tally.failed++;
    article = { id: 'page', title: '', paragraphs: [], origin: { path: page.html } };
    if (showMisses) tally.misses.push(`${label} ${page.html}: failed: ${(error as Error).message}`);
  }
  const miss = (what: string, got: unknown, want: unknown) => {
    if (showMisses) tally.misses.push(`${label} ${page.html} ${what}: got ${JSON.stringify(got)?.slice(0, 120)} want ${JSON.stringify(want)?.slice(0, 120)}`);
  };
  if (page.date) {
    tally.date[1]++;
    const want = parseExpectedDate(page.date);
    const got = article.publishedAt ? Date.parse(article.publishedAt) : NaN;
    if (Math.abs(got - want) <= 86_400_000) tally.date[0]++;
    else miss('date', article.publishedAt, page.date);
  }
  if (page.title) {
    tally.title[1]++;
    if (normalise(article.title) === normalise(page.title)) tally.title[0]++;
    else if (hasSuffix(page.title, article.title)) {
      // Readability's expectations keep some site suffixes ("… - Breitbart", "…_科技_腾讯网"): the
      // issue asks for the headline without it, so such a page counts as right, counted apart.
      tally.title[0]++;
      tally.titleSuffixed++;
    } else miss('title', article.title, page.title);
  }
  if (page.author) {
    tally.author[1]++;
    const got = authorNames((article.authors ?? []).join(', '));
    if (got === authorNames(page.author)) tally.author[0]++;
    else miss('author', article.authors, page.author);
  }
  if (page.lang) {
    tally.lang[1]++;
    const primary = (tag: string | undefined) => tag?.toLowerCase().split(/[-_]/)[0];
    if (primary(article.language) === primary(page.lang)) tally.lang[0]++;
    else miss('lang', article.language, page.lang);
  }
  const body = article.paragraphs.join('\n');
  if (page.text) {
    const o = overlap(words(body), words(page.text));
    tally.f1.push(o.f1);
    tally.precision.push(o.precision);
    tally.recall.push(o.recall);
    if (o.f1 < 0.9) miss(`body F1 ${o.f1.toFixed(2)} (P ${o.precision.toFixed(2)} R ${o.recall.toFixed(2)})`, body.slice(0, 100), page.text.slice(0, 100));
  } else if (page.text_prefix) {
    tally.start[1]++;
    const want = words(page.text_prefix).slice(0, 30);
    const got = words(body).slice(0, want.length * 2 + 10);
    if (overlap(want, got).precision >= 0.8) tally.start[0]++;
    else miss('body start', body.slice(0, 100), page.text_prefix.slice(0, 100));
  }
  const flat = normalise(body);
  for (const segment of page.must_contain ?? []) {
    tally.mustContain[1]++;
    if (flat.includes(normalise(segment))) tally.mustContain[0]++;
    else miss('must contain', '', segment);
  }
  for (const segment of page.must_not_contain ?? []) {
    tally.mustNotContain[1]++;
    if (!flat.includes(normalise(segment))) tally.mustNotContain[0]++;
    else miss('must not contain', '', segment);
  }
}

function share([right, all]: [number, number]): string {
  return all ? `${((100 * right) / all).toFixed(1)}% (${right}/${all})` : '—';
}

function mean(values: number[]): string {
  return values.length ? (values.reduce((a, b) => a + b, 0) / values.length).toFixed(3) : '—';
}

function main(): void {
  const index = join(webDir, 'pages.jsonl');
  if (!existsSync(index)) {
    console.log(`eval:web skipped: ${index} not found (the shared web pages live beside the repository, in ../shared/web)`);
    return;
  }
  const pages = readFileSync(index, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Page);
  const baseline = newTally();
  const current = newTally();
  const started = performance.now();
  if (!process.argv.includes('--no-baseline')) for (const page of pages) score(page, parseHtmlBaseline as Reader, baseline, 'baseline');
  const baselineMs = performance.now() - started;
  for (const page of pages) score(page, parseHtml, current, 'lede');
  const currentMs = performance.now() - started - baselineMs;

  console.log(`${pages.length} pages of ../shared/web (${[...new Set(pages.map((p) => p.repo))].join(', ')})\n`);
  const rows: Array<[string, string, string, string]> = [
    ['date within a day', share(baseline.date), share(current.date), '≥ 95%'],
    ['title', share(baseline.title), share(current.title), '≥ 95%'],
    ['title: of which expected with a site suffix, got without', String(baseline.titleSuffixed), String(current.titleSuffixed), ''],
    ['author', share(baseline.author), share(current.author), ''],
    ['language', share(baseline.lang), share(current.lang), ''],
    [`body F1, mean (${current.f1.length} pages)`, mean(baseline.f1), mean(current.f1), '≥ 0.96'],
    ['body precision, mean', mean(baseline.precision), mean(current.precision), ''],
    ['body recall, mean', mean(baseline.recall), mean(current.recall), ''],
    ['body starts right (prefix pages)', share(baseline.start), share(current.start), ''],
    ['must-contain segments kept', share(baseline.mustContain), share(current.mustContain), ''],
    ['must-not-contain segments dropped', share(baseline.mustNotContain), share(current.mustNotContain), ''],
    ['pages refused', String(baseline.failed), String(current.failed), ''],
    ['time for all pages', `${(baselineMs / 1000).toFixed(1)} s`, `${(currentMs / 1000).toFixed(1)} s`, ''],
  ];
  console.log('| measure | baseline (reader before issue 15) | lede | target |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  if (showMisses) {
    console.log('\nMisses of lede:');
    for (const line of current.misses) console.log(line);
  }
}

main();
