/**
 * Story clusters end to end: `lede index`'s clustering writes `cluster` to articles and their
 * paragraphs, article search shows one hit per story with its other versions ("N versions"),
 * `cluster=false` shows every version, and an article indexed later (as the push API does) joins
 * the story it repeats.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import type { ArticleRecord } from '../../src/ingest/documents.js';
import type { ParagraphDocument } from '../../src/ingest/types.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('clusters');
const deps = { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog };
const dir = mkdtempSync(path.join(tmpdir(), 'lede-clusters-'));
let server: TestServer;

const seed = readFileSync(path.join(repoRoot, 'seeds/000_736e09f0b2d7f6d7.txt'), 'utf8').split(/\n\s*\n/).slice(1).map((p) => p.trim()).filter((p) => p.length > 40);
/** Every `every`-th word replaced, paragraphs in reverse: a rewrite of the same story. */
const rewrite = (every: number) => {
  let i = 0;
  return seed.map((p) => p.split(' ').map((w) => (++i % every === 0 ? 'reportedly' : w)).join(' ')).reverse();
};
const record = (id: string, title: string, paragraphs: string[], publishedAt: string, source: string) => JSON.stringify({ id, title, paragraphs, publishedAt, source, url: `https://example.com/${id}` });

beforeAll(async () => {
  writeFileSync(
    path.join(dir, 'first.jsonl'),
    [
      record('wire-story', 'US, Nato planners start to craft Ukraine security guarantee options', seed, '2025-08-19T10:00:00Z', 'wire'),
      record('site-rewrite', 'Pentagon weighs how to guarantee Ukraine security after any deal', rewrite(9), '2025-08-20T08:00:00Z', 'site'),
      record('other-story', 'Security guarantees for Ukraine dominate talks in Brussels', [
        'European foreign ministers met in Brussels on Thursday to discuss security guarantees for Ukraine, with several saying any plan needed American backing to be credible.',
        'The ministers did not agree on troop numbers, and diplomats said the talks would continue next week in Copenhagen alongside defence officials from Nordic countries.',
      ], '2025-08-21T12:00:00Z', 'paper'),
    ].join('\n'),
  );
  const summary = await indexArticles(deps, { paths: [path.join(dir, 'first.jsonl')] });
  expect(summary.skipped).toEqual([]);
  expect(summary.clusters).toMatchObject({ articles: 3, clusters: 1, clustered: 2, changed: 1 });
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function clusters(): Promise<Record<string, string>> {
  const { results } = await meili.admin.index<ArticleRecord>(meili.names.articles).getDocuments({ fields: ['id', 'cluster'], limit: 100 });
  return Object.fromEntries(results.map((r) => [r.id, r.cluster]));
}

describe('story clusters', () => {
  it('are written to the articles and to every paragraph of theirs; the earliest version names the cluster', async () => {
    expect(await clusters()).toEqual({ 'wire-story': 'wire-story', 'site-rewrite': 'wire-story', 'other-story': 'other-story' });
    const { results } = await meili.admin.index<ParagraphDocument>(meili.names.paragraphs).getDocuments({ fields: ['articleId', 'cluster'], limit: 1000 });
    const rewriteParagraphs = results.filter((p) => p.articleId === 'site-rewrite');
    const [rewritten] = (await meili.admin.index<ArticleRecord>(meili.names.articles).getDocuments({ filter: 'id = "site-rewrite"', fields: ['paragraphCount'] })).results;
    expect(rewriteParagraphs.length).toBe(rewritten!.paragraphCount);
    expect(rewriteParagraphs.length).toBeGreaterThan(10);
    expect(new Set(rewriteParagraphs.map((p) => p.cluster))).toEqual(new Set(['wire-story']));
  });

  it('fold a story into one hit with its other versions; cluster=false lists every version', async () => {
    const folded = await getJson(server.url, '/api/search?q=security%20guarantees');
    expect(folded.status).toBe(200);
    // Folding changes what is listed, not what is counted: three articles, shown as two stories.
    expect(folded.body.totalHits).toBe(3);
    expect(folded.body.hits).toHaveLength(2);
    const story = folded.body.hits.find((h: { cluster: string }) => h.cluster === 'wire-story');
    expect(folded.body.hits.map((h: { articleId: string }) => h.articleId).filter((id: string) => id !== 'other-story')).toHaveLength(1);
    const other = story.articleId === 'wire-story' ? 'site-rewrite' : 'wire-story';
    expect(story.versions).toEqual([
      expect.objectContaining({ articleId: other, source: other === 'wire-story' ? 'wire' : 'site', url: `https://example.com/${other}` }),
    ]);
    expect(folded.body.hits.find((h: { articleId: string }) => h.articleId === 'other-story').versions).toEqual([]);

    const all = await getJson(server.url, '/api/search?q=security%20guarantees&cluster=false');
    expect(all.body.totalHits).toBe(3);
    expect(all.body.hits.map((h: { articleId: string }) => h.articleId).sort()).toEqual(['other-story', 'site-rewrite', 'wire-story']);
    expect(all.body.hits.every((h: { versions?: unknown }) => h.versions === undefined)).toBe(true);

    // Newest first, folded: still one hit per story.
    const newest = await getJson(server.url, '/api/search?q=security%20guarantees&sort=newest');
    expect(newest.body.hits).toHaveLength(2);
    expect((await getJson(server.url, '/api/search?cluster=maybe')).body.error.param).toBe('cluster');
  });

  it('take in an article indexed later (a push): it joins the story it repeats', async () => {
    writeFileSync(path.join(dir, 'later.jsonl'), record('late-copy', 'UPDATE 2-Ukraine security guarantee options', [...rewrite(7), 'Reporting by the news desk; editing by the copy desk.'], '2025-08-22T09:00:00Z', 'agency'));
    const summary = await indexArticles(deps, { paths: [path.join(dir, 'later.jsonl')], deferDerived: true });
    expect(summary.articles.added).toBe(1);
    expect((await clusters())['late-copy']).toBe('wire-story');
    const folded = await getJson(server.url, '/api/search?q=security%20guarantees');
    const story = folded.body.hits.find((h: { cluster: string }) => h.cluster === 'wire-story');
    expect(story.versions).toHaveLength(2);
    // Oldest first.
    expect(story.versions.map((v: { publishedAt: string }) => v.publishedAt)).toEqual([...story.versions.map((v: { publishedAt: string }) => v.publishedAt)].sort());
  });
});

describe('related coverage', () => {
  it('never returns a version of the article’s own story, and finds the other story on the subject', async () => {
    for (const id of ['wire-story', 'site-rewrite', 'late-copy']) {
      const { status, body } = await getJson(server.url, `/api/articles/${id}/related?limit=5`);
      expect(status).toBe(200);
      expect(body.id).toBe(id);
      const ids = body.related.map((r: { articleId: string }) => r.articleId);
      expect(ids).not.toContain('wire-story');
      expect(ids).not.toContain('site-rewrite');
      expect(ids).not.toContain('late-copy');
      expect(body.related.every((r: { cluster: string }) => r.cluster !== 'wire-story')).toBe(true);
      expect(ids[0], JSON.stringify(body)).toBe("other-story");
    }
    const other = await getJson(server.url, '/api/articles/other-story/related');
    // One article per other story: the three versions count once.
    expect(other.body.related.filter((r: { cluster: string }) => r.cluster === 'wire-story')).toHaveLength(1);
  });

  it('answers 404 for an unknown article and 400 for a bad limit', async () => {
    expect((await getJson(server.url, '/api/articles/nope/related')).status).toBe(404);
    const bad = await getJson(server.url, '/api/articles/wire-story/related?limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('limit');
  });
});
