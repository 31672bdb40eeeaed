import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { articleIdFromField, articleIdFromPath, paragraphId } from '../../src/ingest/article-id.js';
import { decodeText } from '../../src/ingest/decode.js';
import { listSources, readSource, type ReadItem } from '../../src/ingest/readers/index.js';
import { parseMarkdown } from '../../src/ingest/readers/markdown.js';

async function readAll(dir: string): Promise<ReadItem[]> {
  const { files } = await listSources([dir]);
  const items: ReadItem[] = [];
  for (const file of files) for await (const item of readSource(file)) items.push(item);
  return items;
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'lede-readers-'));
}

describe('article ids', () => {
  it('derives stable ids from the path relative to the root', () => {
    expect(articleIdFromPath('business/001.txt')).toBe('business-001');
    expect(articleIdFromPath('000_736e09f0b2d7f6d7.txt')).toBe('000_736e09f0b2d7f6d7');
  });
  it('keeps valid id fields and makes others valid and unique', () => {
    expect(articleIdFromField('reuters21578-5')).toBe('reuters21578-5');
    expect(articleIdFromField(42)).toBe('42');
    const a = articleIdFromField('https://x.com/a?b');
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(articleIdFromField('https://x.com/a?c'));
  });
  it('makes paragraph ids whose last part is the position', () => {
    expect(paragraphId('business-001', 3)).toBe('business-001-p3');
  });
});

describe('decoding', () => {
  it('reads Windows-1252 with a warning', () => {
    const decoded = decodeText(iconv.encode('Caf\u00e9 \u201cquoted\u201d', 'windows-1252'));
    expect(decoded.text).toBe('Caf\u00e9 \u201cquoted\u201d');
    expect(decoded.warning).toMatch(/Windows-1252/);
  });
  it('reads UTF-16 with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Kyiv talks', 'utf-16le')]);
    expect(decodeText(bytes).text).toBe('Kyiv talks');
  });
  it('refuses binary data', () => {
    expect(() => decodeText(Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256))).toThrow(/binary/);
  });
});

describe('readers', () => {
  it('reads every format and reports bad inputs with path, line and reason', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), '\n\nTitle A\n\nFirst paragraph.\n\nSecond\nwrapped line.\n');
    writeFileSync(path.join(dir, 'b.md'), '---\ntitle: Title B\ndate: 2025-08-19\n---\nIntro with **bold** and [a link](https://x).\n\n## Sub\n\nMore text.\n');
    writeFileSync(path.join(dir, 'c.json'), JSON.stringify([{ id: 'c1', title: 'C1', body: 'Body one.', publishedAt: '2025-01-02T03:04:05', desk: 'world' }, { title: 5, body: 'x' }]));
    writeFileSync(path.join(dir, 'd.jsonl'), `${JSON.stringify({ id: 'd1', title: 'D1', paragraphs: ['P1', 'P2'] })}\n{broken\n\n${JSON.stringify({ title: 'D3', body: 'B' })}\n`);
    writeFileSync(path.join(dir, 'e.txt'), '');
    writeFileSync(path.join(dir, 'notes.pdf'), 'x');
    writeFileSync(path.join(dir, 'README.TXT'), 'About this corpus\n\nNot an article.');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'f.txt'), 'Nested title\n\nNested body.');

    expect((await listSources([dir])).ignored).toBe(2);
    const items = await readAll(dir);
    const articles = items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
    const skips = items.flatMap((i) => (i.kind === 'skip' ? [i] : []));

    expect(articles.map((a) => a.id)).toEqual(['a', 'b', 'c1', 'd1', 'd-L4', 'sub-f']);
    expect(articles[0]).toMatchObject({ title: 'Title A', paragraphs: ['First paragraph.', 'Second\nwrapped line.'] });
    expect(articles[1]).toMatchObject({ title: 'Title B', publishedAt: '2025-08-19T00:00:00.000Z' });
    expect(articles[1]!.paragraphs[0]).toBe('Intro with bold and a link.');
    expect(articles[2]).toMatchObject({ publishedAt: '2025-01-02T03:04:05.000Z', metadata: { desk: 'world' } });
    expect(articles[3]!.paragraphs).toEqual(['P1', 'P2']);

    expect(skips.map((s) => [path.basename(s.origin.path), s.origin.line ?? null])).toEqual([
      ['c.json', null],
      ['d.jsonl', 2],
      ['e.txt', null],
    ]);
    expect(skips[0]!.reason).toMatch(/record 1: .*"title"/);
    expect(skips[1]!.reason).toMatch(/invalid JSON/);
    expect(skips[2]!.reason).toMatch(/empty/);
  });

  it('reports missing paths and unreadable files without stopping', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ok.txt'), 'T\n\nBody.');
    const locked = path.join(dir, 'locked.txt');
    writeFileSync(locked, 'T\n\nBody.');
    chmodSync(locked, 0o000);
    const walk = await listSources([dir, path.join(dir, 'missing')]);
    expect(walk.problems).toEqual([{ path: path.join(dir, 'missing'), reason: 'no such file or directory' }]);
    const items = [];
    for (const file of walk.files) for await (const item of readSource(file)) items.push(item);
    const okArticles = items.filter((i) => i.kind === 'article');
    expect(okArticles.length).toBeGreaterThanOrEqual(1);
    // Root can read anything; elsewhere the locked file is reported with a reason.
    if (process.getuid?.() !== 0) expect(items.find((i) => i.kind === 'skip')).toMatchObject({ reason: expect.stringMatching(/permission denied/) });
  });

  it('parses markdown front matter, headings and inline markup', () => {
    const article = parseMarkdown('# Kyiv talks\n\n*Nato* said `x`.\n\n- item one\n', 'k', { path: 'k.md' });
    expect(article.title).toBe('Kyiv talks');
    expect(article.paragraphs).toEqual(['Nato said x.', 'item one']);
  });
});
