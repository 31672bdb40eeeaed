/**
 * Hostile inputs indexed in one run beside good files, against the real Meilisearch: each bad input
 * is reported with its path (and line, for JSONL) and a reason, every good article is indexed (the
 * counts in Meilisearch match what was generated), the summary's counts add up, and memory stays
 * bounded (peak RSS printed).
 */
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFromPath } from '../../src/ingest/article-id.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../../src/ingest/types.js';
import { MAX_PARAGRAPH_CHARS } from '../../src/ingest/split.js';
import { indexArticles, type IndexSummary } from '../../src/indexer/indexer.js';
import { quietLog, testMeili } from '../helpers/meili.js';
import { mulberry32 } from '../../scripts/lib/stats.js';

const meili = testMeili('hostile');

/** Peak resident memory allowed for the test process (vitest's own share included). */
const MAX_RSS_BYTES = 1.5 * 1024 ** 3;

const JSONL_LINES = 100_000;
const JSONL_BROKEN_EVERY = 1_000;
const HUGE_BYTES = 50 * 1024 * 1024;
/** Every sentence of the huge file has exactly this length, so its paragraph count is known in advance. */
const SENTENCE_CHARS = 99;

const runningAsRoot = process.getuid?.() === 0;

const WORDS = (
  'market trading shares prices rose fell sharply during morning session while analysts said demand ' +
  'remained steady across several sectors including energy banking retail and transport with investors ' +
  'watching interest rates closely ahead of talks between officials about growth and inflation'
).split(' ');

/** "The market rose … steady." — capital first letter, one full stop, exactly `length` characters. */
function sentence(rng: () => number, length: number): string {
  let s = 'The';
  while (s.length < length) s += ` ${WORDS[Math.floor(rng() * WORDS.length)]}`;
  s = s.slice(0, length - 1);
  if (s.endsWith(' ')) s = `${s.slice(0, -1)}x`;
  return `${s}.`;
}

/** Writes a file chunk by chunk, never holding it whole as one string. */
function writeStreaming(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

interface Generated {
  dir: string;
  paths: string[];
  /** Articles that must be indexed, with their paragraph counts. */
  good: Map<string, number>;
  /** Inputs that must be reported: base name, line (JSONL), and a pattern the reason must match. */
  bad: Array<{ file: string; line?: number; reason: RegExp }>;
  cp1252Path: string;
  utf16Path: string;
}

function generate(): Generated {
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-hostile-'));
  const good = new Map<string, number>();
  const bad: Generated['bad'] = [];
  const rng = mulberry32(6_2026);

  // Good files of each kind.
  writeFileSync(path.join(dir, 'good-text.txt'), 'Central bank raises rates\n\nThe European Central Bank raised rates in Frankfurt on Thursday.\n\nEconomists had expected the move.\n');
  good.set(articleIdFromPath('good-text.txt'), 2);
  writeFileSync(path.join(dir, 'good-markdown.md'), '---\ntitle: Port strike ends\ndate: 2024-05-01\n---\n\nDock workers in Rotterdam **returned** to work.\n\nThe union said talks would resume in June.\n');
  good.set(articleIdFromPath('good-markdown.md'), 2);
  writeFileSync(path.join(dir, 'good-record.json'), JSON.stringify({ id: 'good-json', title: 'Harvest forecast', body: 'Farmers expect a larger wheat harvest.\n\nPrices eased on the news.' }));
  good.set('good-json', 2);
  // An array with one good record and one with wrong types: the good one is indexed.
  writeFileSync(path.join(dir, 'mixed.json'), JSON.stringify([{ id: 'mixed-good', title: 'Mixed good', body: 'This record of the array is fine.' }, { id: 'mixed-bad', title: 17, body: null }]));
  good.set('mixed-good', 1);
  bad.push({ file: 'mixed.json', reason: /^record 1: invalid article record: .*"title"/ });

  // Windows-1252 (not valid UTF-8): indexed, with a warning.
  const cp1252Path = path.join(dir, 'cp1252.txt');
  writeFileSync(cp1252Path, iconv.encode('Café owners in Zürich protest\n\nThe café owners said the crème brûlée tax cost €5 a plate.\n\nThe city council will vote in März.\n', 'windows-1252'));
  good.set('cp1252', 2);
  // UTF-16LE with a byte-order mark: indexed, no warning needed.
  const utf16Path = path.join(dir, 'utf16.txt');
  writeFileSync(utf16Path, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Über die Brücke in Köln\n\nDie Brücke über den Rhein wird im Sommer saniert.\n\nDer Verkehr wird umgeleitet.\n', 'utf-16le')]));
  good.set('utf16', 2);

  // 50 MB of prose lines and not one blank line: one article, split into chunks of whole sentences.
  const title = 'A very long file with no blank lines';
  const sentences = Math.floor((HUGE_BYTES - title.length - 1) / (SENTENCE_CHARS + 1));
  writeStreaming(
    path.join(dir, 'huge.txt'),
    (function* () {
      yield `${title}\n`;
      for (let i = 0; i < sentences; i++) yield `${sentence(rng, SENTENCE_CHARS)}\n`;
    })(),
  );
  const perChunk = Math.floor((MAX_PARAGRAPH_CHARS + 1) / (SENTENCE_CHARS + 1));
  good.set('huge', Math.ceil(sentences / perChunk));

  // JSONL: 100,000 tiny articles, every 1,000th line broken.
  writeStreaming(
    path.join(dir, 'wire.jsonl'),
    (function* () {
      for (let line = 1; line <= JSONL_LINES; line++) {
        if (line % JSONL_BROKEN_EVERY === 0) {
          yield `{"id": "wire-${line}", "title": "Broken line ${line}\n`;
          bad.push({ file: 'wire.jsonl', line, reason: /^invalid JSON/ });
        } else {
          yield `${JSON.stringify({ id: `wire-${line}`, title: `Wire ${line}`, body: `Trading note ${line} was filed before the close.` })}\n`;
          good.set(`wire-${line}`, 1);
        }
      }
    })(),
  );

  // Bad inputs.
  const noise = Buffer.alloc(64 * 1024);
  for (let i = 0; i < noise.length; i++) noise[i] = Math.floor(rng() * 256);
  writeFileSync(path.join(dir, 'random.txt'), noise);
  bad.push({ file: 'random.txt', reason: /binary data/ });
  writeFileSync(path.join(dir, 'empty.txt'), '');
  bad.push({ file: 'empty.txt', reason: /empty file/ });
  writeFileSync(path.join(dir, 'boilerplate.txt'), 'Sign up now: Get our newsletters delivered to your inbox\n\nFollow topic:\n\nSign up here for breaking news alerts\n\nPHOTO: REUTERS\n');
  bad.push({ file: 'boilerplate.txt', reason: /no body text/ });
  writeFileSync(path.join(dir, 'wrong-types.json'), JSON.stringify({ id: 7.5, title: ['not', 'a', 'string'], body: 42, publishedAt: 'yesterday' }));
  bad.push({ file: 'wrong-types.json', reason: /^invalid article record: .*"(id|title|body|publishedAt)"/ });
  writeFileSync(
    path.join(dir, 'navigation.html'),
    `<!doctype html><html><head><title>Home</title></head><body><nav><ul>${['World', 'Business', 'Sport', 'Culture', 'Travel', 'Weather'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('')}</ul></nav><footer><a href="/about">About us</a></footer></body></html>`,
  );
  bad.push({ file: 'navigation.html', reason: /no article text/ });
  // An entry of the folder that cannot be read: a dangling symlink (root reads every file, so a
  // permission test says nothing when running as root).
  symlinkSync('/nonexistent', path.join(dir, 'dangling.txt'));
  bad.push({ file: 'dangling.txt', reason: /no such file/ });
  if (runningAsRoot) {
    console.warn('hostile-inputs: running as root, which can read any file: a file with mode 000 is not tested; checking a dangling symlink instead');
  } else {
    writeFileSync(path.join(dir, 'locked.txt'), 'Locked\n\nNobody may read this.\n');
    chmodSync(path.join(dir, 'locked.txt'), 0o000);
    bad.push({ file: 'locked.txt', reason: /permission denied/ });
  }
  // A path named on the command line that does not exist.
  const missing = path.join(dir, 'missing', 'nope.txt');
  bad.push({ file: 'nope.txt', reason: /no such file/ });

  return { dir, paths: [dir, missing], good, bad, cp1252Path, utf16Path };
}

describe('hostile inputs in one indexing run', () => {
  let input: Generated;
  let summary: IndexSummary;

  beforeAll(async () => {
    input = generate();
    summary = await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: input.paths });
    // 50 MB of prose and 100,000 articles through the tagger: minutes on a quiet machine, more on a
    // shared one. The bound is for a hung run, not a speed check (speed is in the benchmarks).
  }, 900_000);

  afterAll(async () => {
    if (input) rmSync(input.dir, { recursive: true, force: true });
    await meili.cleanup();
  });

  it('reports each bad input with its path, line where relevant, and a reason', () => {
    const reported = summary.skipped.map((s) => ({ file: path.basename(s.path), line: s.line, reason: s.reason }));
    for (const skip of summary.skipped) {
      expect(path.isAbsolute(skip.path) || skip.path.startsWith(input.dir), skip.path).toBe(true);
      expect(skip.reason.length, JSON.stringify(skip)).toBeGreaterThan(5);
    }
    const key = (s: { file: string; line?: number }) => `${s.file}${s.line ? `:${s.line}` : ''}`;
    expect(reported.map(key).sort()).toEqual(input.bad.map(key).sort());
    for (const expected of input.bad) {
      const found = reported.find((r) => key(r) === key(expected))!;
      expect(found.reason, key(expected)).toMatch(expected.reason);
    }
    // Every 1,000th JSONL line, by number.
    const brokenLines = summary.skipped.filter((s) => path.basename(s.path) === 'wire.jsonl').map((s) => s.line);
    expect(brokenLines).toEqual(Array.from({ length: JSONL_LINES / JSONL_BROKEN_EVERY }, (_, i) => (i + 1) * JSONL_BROKEN_EVERY));
  });

  it('counts add up: read = added + updated + unchanged + empty + duplicate + copies + failed', () => {
    const a = summary.articles;
    expect(a.added + a.updated + a.unchanged + a.empty + a.duplicate + a.copies + a.failed).toBe(a.read);
    expect(a).toMatchObject({ added: input.good.size, updated: 0, unchanged: 0, empty: 1, duplicate: 0, copies: 0, failed: 0 });
    expect(summary.paragraphs.indexed).toBe([...input.good.values()].reduce((s, n) => s + n, 0));
  });

  it('indexes every good article with the paragraphs generated', async () => {
    const expectedParagraphs = [...input.good.values()].reduce((s, n) => s + n, 0);
    const [articles, paragraphs] = await Promise.all([meili.admin.index(meili.names.articles).getStats(), meili.admin.index(meili.names.paragraphs).getStats()]);
    expect(articles.numberOfDocuments).toBe(input.good.size);
    expect(paragraphs.numberOfDocuments).toBe(expectedParagraphs);

    // Per article: the paragraph count recorded, for the files and a sample of JSONL lines.
    // A file name with '-' gets a hashed id (article-id.ts), so it cannot meet a nested path's.
    const sample = [articleIdFromPath('good-text.txt'), articleIdFromPath('good-markdown.md'), 'good-json', 'mixed-good', 'cp1252', 'utf16', 'huge', 'wire-1', 'wire-999', 'wire-1001', 'wire-99999'];
    const records = await meili.admin.index(meili.names.articles).getDocuments({ filter: `id IN [${sample.map((id) => `"${id}"`).join(', ')}]`, fields: ['id', 'paragraphCount'], limit: 100 });
    expect(Object.fromEntries(records.results.map((r) => [r.id, r.paragraphCount]))).toEqual(Object.fromEntries(sample.map((id) => [id, input.good.get(id)])));
    const brokenIds = await meili.admin.index(meili.names.articles).getDocuments({ filter: 'id IN ["wire-1000", "wire-100000", "mixed-bad"]', limit: 10 });
    expect(brokenIds.results).toEqual([]);
  });

  it('decodes Windows-1252 with a warning and UTF-16LE with a BOM without one', async () => {
    expect(summary.warnings).toContainEqual({ path: input.cp1252Path, message: expect.stringMatching(/Windows-1252/) });
    expect(summary.warnings.filter((w) => w.path !== input.cp1252Path)).toEqual([]);
    const docs = await meili.admin.index<ParagraphDocument>(meili.names.paragraphs).getDocuments({ filter: 'articleId IN ["cp1252", "utf16"]', limit: 10 });
    const text = (id: string) => docs.results.find((d) => d.id === id);
    expect(text('cp1252-p0')).toMatchObject({ title: 'Café owners in Zürich protest', text: 'The café owners said the crème brûlée tax cost €5 a plate.' });
    expect(text('utf16-p0')).toMatchObject({ title: 'Über die Brücke in Köln', text: 'Die Brücke über den Rhein wird im Sommer saniert.' });
  });

  it('stays within bounded memory', () => {
    // Linux reports maxRSS in kilobytes.
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(`hostile-inputs: peak RSS of the test process ${(peak / 1024 ** 2).toFixed(0)} MB (bound ${(MAX_RSS_BYTES / 1024 ** 2).toFixed(0)} MB); indexing took ${(summary.durationMs / 1000).toFixed(1)} s`);
    expect(peak).toBeLessThan(MAX_RSS_BYTES);
  });
});
