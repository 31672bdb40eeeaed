/**
 * The indexer against the real Meilisearch: documents, facets, settings, re-runs, changes, rebuilds.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources, synonymsFromAliases } from '../../src/ingest/entities/index.js';
import type { ParagraphDocument } from '../../src/ingest/types.js';
import { indexArticles, type IndexSummary } from '../../src/indexer/indexer.js';
import { ARTICLE_SETTINGS, paragraphSettings, settingsDiff } from '../../src/meili/settings.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';

const meili = testMeili('indexer');
const resources = loadEntityResources();
const deps = { admin: meili.admin, prefix: meili.prefix, resources, log: quietLog };

async function allParagraphs(): Promise<ParagraphDocument[]> {
  const page = await meili.admin.index<ParagraphDocument>(meili.names.paragraphs).getDocuments({ limit: 10_000 });
  return page.results.sort((a, b) => a.id.localeCompare(b.id));
}

function expectCountsAddUp(s: IndexSummary) {
  const a = s.articles;
  expect(a.added + a.updated + a.unchanged + a.empty + a.duplicate + a.copies + a.failed).toBe(a.read);
}

describe('indexing the seed', () => {
  let dir: string;
  let first: IndexSummary;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lede-index-'));
    cpSync(path.join(repoRoot, 'seeds'), dir, { recursive: true });
    first = await indexArticles(deps, { paths: [dir] });
  });
  afterAll(() => meili.cleanup());

  it('makes one document per kept paragraph with the documented fields', async () => {
    expect(first.articles).toMatchObject({ read: 1, added: 1 });
    expectCountsAddUp(first);
    const docs = await allParagraphs();
    expect(docs).toHaveLength(22);
    expect(first.paragraphs.indexed).toBe(22);
    const lead = docs.find((d) => d.position === 0)!;
    expect(lead).toMatchObject({
      id: '000_736e09f0b2d7f6d7-p0',
      articleId: '000_736e09f0b2d7f6d7',
      title: 'US, Nato planners start to craft Ukraine security guarantee options',
      publishedAt: null,
      source: null,
    });
    expect(lead.wordCount).toBe(lead.text.split(/\s+/).length);
    for (const key of ['people', 'organizations', 'places', 'countries'] as const) expect(Array.isArray(lead[key])).toBe(true);
  });

  it('tags paragraphs with canonical entities that can be filtered on', async () => {
    const trump = await meili.admin.index(meili.names.paragraphs).search('', { filter: 'people = "Donald Trump"', limit: 100 });
    // "Mr Trump" paragraphs count as Donald Trump: more than the one paragraph with the full name.
    expect(trump.hits.length).toBeGreaterThan(5);
    const nato = await meili.admin.index(meili.names.paragraphs).search('', { filter: 'organizations = "NATO"', limit: 100 });
    expect(nato.hits.length).toBeGreaterThan(2);
    const us = await meili.admin.index(meili.names.paragraphs).search('', { filter: 'countries = "United States"', limit: 100 });
    expect(us.hits.length).toBeGreaterThan(3);
  });

  it('applies the settings as code, synonyms from the alias table included', async () => {
    const actual = await meili.admin.index(meili.names.paragraphs).getSettings();
    expect(settingsDiff(paragraphSettings(synonymsFromAliases(resources)), actual)).toEqual({});
    expect(settingsDiff(ARTICLE_SETTINGS, await meili.admin.index(meili.names.articles).getSettings())).toEqual({});
    expect(Object.keys(actual.synonyms ?? {}).length).toBeGreaterThan(10);
  });

  it('finds a paragraph by a synonym from the alias table', async () => {
    // Meilisearch matches multi-word synonyms of up to three words (not "North Atlantic Treaty Organization").
    const result = await meili.admin.index(meili.names.paragraphs).search('Atlantic Alliance', { limit: 5 });
    expect(result.hits.length).toBeGreaterThan(0);
  });

  it('skips unchanged articles on a re-run and leaves the same documents', async () => {
    const before = await allParagraphs();
    const again = await indexArticles(deps, { paths: [dir] });
    expect(again.articles).toMatchObject({ read: 1, unchanged: 1, added: 0, updated: 0 });
    expect(again.paragraphs.indexed).toBe(0);
    expect(await allParagraphs()).toEqual(before);
  });

  it('re-sends unchanged articles in place with --force, leaving the same documents', async () => {
    const before = await allParagraphs();
    const forced = await indexArticles(deps, { paths: [dir], force: true });
    expect(forced.articles).toMatchObject({ read: 1, unchanged: 0, added: 0, updated: 1 });
    expect(forced.paragraphs).toEqual({ indexed: before.length, staleDeleted: 0 });
    expect(await allParagraphs()).toEqual(before);
  });

  it('replaces a changed article and deletes its stale paragraphs', async () => {
    writeFileSync(path.join(dir, '000_736e09f0b2d7f6d7.txt'), 'A shorter version\n\nOnly one paragraph about Nato remains.\n\nAnd a second one.\n');
    const changed = await indexArticles(deps, { paths: [dir] });
    expect(changed.articles).toMatchObject({ read: 1, updated: 1 });
    expect(changed.paragraphs).toEqual({ indexed: 2, staleDeleted: 20 });
    const docs = await allParagraphs();
    expect(docs.map((d) => d.id)).toEqual(['000_736e09f0b2d7f6d7-p0', '000_736e09f0b2d7f6d7-p1']);
    expect(docs[0]!.title).toBe('A shorter version');
  });

  it('rebuilds into a fresh index and swaps it in, leaving no staging index', async () => {
    writeFileSync(path.join(dir, 'second.txt'), 'Second article\n\nThe Kremlin said on Monday that talks would go on.\n');
    const rebuilt = await indexArticles(deps, { paths: [dir], rebuild: true });
    expect(rebuilt).toMatchObject({ rebuilt: true, articles: { read: 2, added: 2 } });
    const docs = await allParagraphs();
    expect(new Set(docs.map((d) => d.articleId))).toEqual(new Set(['000_736e09f0b2d7f6d7', 'second']));
    const { results } = await meili.admin.getRawIndexes({ limit: 1000 });
    expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(meili.prefix)).sort()).toEqual(Object.values(meili.names).sort());
  });
});

describe('the same story filed twice', () => {
  const copies = testMeili('copies');
  afterAll(() => copies.cleanup());

  it('indexes it once, says which article it repeats, and keeps doing so on re-runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lede-copies-'));
    const story = 'Port strike ends\n\nDock workers in Rotterdam returned to work on Monday.\n\nThe union said talks would resume in June.\n';
    writeFileSync(path.join(dir, 'a.txt'), story);
    writeFileSync(path.join(dir, 'b.txt'), story);
    // Same text under another title, and same title with other text: different stories.
    writeFileSync(path.join(dir, 'c.txt'), story.replace('Port strike ends', 'Rotterdam dockers back'));
    writeFileSync(path.join(dir, 'd.txt'), story.replace('June', 'July'));
    // The same words with the paragraphs broken differently: a copy too.
    writeFileSync(path.join(dir, 'f.txt'), story.replace('Monday.\n\nThe union', 'Monday. The union'));
    const run = () => indexArticles({ ...deps, admin: copies.admin, prefix: copies.prefix }, { paths: [dir] });

    const first = await run();
    expectCountsAddUp(first);
    expect(first.articles).toMatchObject({ read: 5, added: 3, copies: 2 });
    // Listed, but not as a skipped input: nothing is lost, and the exit code stays 0.
    expect(first.skipped).toEqual([]);
    expect(first.copies.map((c) => ({ file: path.basename(c.path), of: c.of, ofWhere: path.basename(c.ofWhere) }))).toEqual([
      { file: 'b.txt', of: 'a', ofWhere: 'a.txt' },
      { file: 'f.txt', of: 'a', ofWhere: 'a.txt' },
    ]);
    const ids = async () => (await copies.admin.index(copies.names.articles).getDocuments({ limit: 10 })).results.map((r) => r.id).sort();
    expect(await ids()).toEqual(['a', 'c', 'd']);
    const rotterdam = await copies.admin.index(copies.names.paragraphs).search('rotterdam dock workers', { distinct: 'articleId', limit: 10 });
    expect(rotterdam.hits.map((h) => h.articleId).sort()).toEqual(['a', 'c', 'd']);

    // Re-run: the original is unchanged and known to the index; the copy is still skipped.
    const second = await run();
    expectCountsAddUp(second);
    expect(second.articles).toMatchObject({ read: 5, unchanged: 3, copies: 2, added: 0 });
    expect(second.copies.map((c) => c.of)).toEqual(['a', 'a']);

    // A later run that brings only a new copy finds the original in the index.
    const more = mkdtempSync(path.join(tmpdir(), 'lede-copies-more-'));
    writeFileSync(path.join(more, 'e.txt'), story);
    const third = await indexArticles({ ...deps, admin: copies.admin, prefix: copies.prefix }, { paths: [more] });
    expect(third.articles).toMatchObject({ read: 1, added: 0, copies: 1 });
    expect(third.copies.map((c) => [c.of, c.ofWhere])).toEqual([['a', 'the index']]);
    expect(await ids()).toEqual(['a', 'c', 'd']);
  });
});

describe('bad inputs in a batch', () => {
  const bad = testMeili('badinput');
  afterAll(() => bad.cleanup());

  it('indexes every good article and reports each bad input with its reason; counts add up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lede-bad-'));
    writeFileSync(path.join(dir, 'good.txt'), 'Good article\n\nThe European Central Bank raised rates in Frankfurt.\n');
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256)));
    writeFileSync(path.join(dir, 'boiler.txt'), 'Title\n\nSign up now: Get our newsletters\n\nFollow topic:\n');
    writeFileSync(path.join(dir, 'lines.jsonl'), `${JSON.stringify({ id: 'j1', title: 'J1', body: 'Body of j1.' })}\n{oops\n${JSON.stringify({ id: 'j1', title: 'again', body: 'dup' })}\n`);
    const summary = await indexArticles({ ...deps, admin: bad.admin, prefix: bad.prefix }, { paths: [dir, path.join(dir, 'nope.txt')] });
    expectCountsAddUp(summary);
    expect(summary.articles).toMatchObject({ read: 4, added: 2, empty: 1, duplicate: 1 });
    const reasons = summary.skipped.map((s) => `${path.basename(s.path)}${s.line ? `:${s.line}` : ''} ${s.reason}`).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^binary\.txt binary data/),
      expect.stringMatching(/^boiler\.txt no body text/),
      expect.stringMatching(/^empty\.txt empty file/),
      expect.stringMatching(/^lines\.jsonl:2 invalid JSON/),
      expect.stringMatching(/^lines\.jsonl:3 duplicate article id "j1"/),
      expect.stringMatching(/^nope\.txt no such file/),
    ]);
    const stats = await bad.admin.index(bad.names.articles).getDocuments({ limit: 10 });
    expect(stats.results.map((r) => r.id).sort()).toEqual(['good', 'j1']);
  });
});
