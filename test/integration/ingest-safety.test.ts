/**
 * Ingest findings of issue 14, indexed into the real Meilisearch and read back through the API:
 * links out of an indexed folder are not followed, path-derived ids do not collide, and only
 * http(s) article URLs are stored and served.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFromPath } from '../../src/ingest/article-id.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { webUrl } from '../../src/ingest/url.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { runTask } from '../../src/meili/client.js';
import { quietLog, testMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

const meili = testMeili('ingestsafety');
const resources = loadEntityResources();
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-safety-'));
  dirs.push(dir);
  return dir;
}
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
});
afterAll(async () => {
  await server?.close();
  await meili.cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const article = (title: string, word: string) => `${title}\n\nA paragraph about ${word} for the safety tests, long enough to be kept as text.\n`;

describe('symbolic links in an indexed folder', () => {
  it('are not followed out of the folder; they are skipped with the reason; --follow-symlinks follows them', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret.txt'), article('Secret outside', 'zanzibarite'));
    const root = tempDir();
    writeFileSync(path.join(root, 'inside.txt'), article('Inside the folder', 'quokkaland'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
    symlinkSync(path.join(root, 'inside.txt'), path.join(root, 'alias.txt'));

    const summary = await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources, log: quietLog }, { paths: [root] });
    expect(summary.skipped).toEqual([expect.objectContaining({ path: path.join(root, 'leak.txt'), reason: expect.stringMatching(/symbolic link to .*secret\.txt, outside .*: not followed \(pass --follow-symlinks/) })]);
    expect((await getJson(server.url, '/api/search?q=zanzibarite')).body.totalHits).toBe(0);
    // A link that stays inside the folder is read.
    expect((await getJson(server.url, '/api/search?q=quokkaland')).body.totalHits).toBeGreaterThan(0);

    const followed = await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources, log: quietLog }, { paths: [root], followSymlinks: true });
    expect(followed.skipped).toEqual([]);
    expect((await getJson(server.url, '/api/search?q=zanzibarite')).body.totalHits).toBe(1);
  });
});

describe('ids derived from paths', () => {
  it('differ for a/b.txt and a-b.txt, so neither is dropped as a duplicate', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'a'));
    writeFileSync(path.join(root, 'a', 'b.txt'), article('Nested file', 'wombatine'));
    writeFileSync(path.join(root, 'a-b.txt'), article('Hyphenated file', 'wombatine'));
    const summary = await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources, log: quietLog }, { paths: [root] });
    expect(summary.articles.duplicate).toBe(0);
    const { body } = await getJson(server.url, '/api/search?q=wombatine');
    expect(body.hits.map((h: { articleId: string }) => h.articleId).sort()).toEqual([articleIdFromPath('a-b.txt'), 'a-b'].sort());
  });

  it('are injective: distinct paths never share an id, and simple paths keep their readable id', () => {
    expect(articleIdFromPath('bbc/business/001.txt')).toBe('bbc-business-001');
    expect(articleIdFromPath('000_736e09f0b2d7f6d7.txt')).toBe('000_736e09f0b2d7f6d7');
    const segment = fc.stringMatching(/^[A-Za-z0-9_ .-]{1,6}$/).filter((s) => !s.includes('.'));
    const relativePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `${parts.join('/')}.txt`);
    // Each path against the paths an id scheme most easily confuses it with.
    const lookalikes = (p: string) => [p.replace(/\//g, '-'), p.replace(/-/g, '/'), p.replace(/ /g, '_'), p.replace(/_/g, ' ')];
    fc.assert(
      fc.property(relativePath, relativePath, (a, b) => {
        for (const other of [b, ...lookalikes(a)]) if (other !== a) expect(articleIdFromPath(other)).not.toBe(articleIdFromPath(a));
        expect(articleIdFromPath(a)).toMatch(/^[A-Za-z0-9_-]{1,400}$/);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('article URLs', () => {
  it('keeps http(s) URLs and drops javascript:, data: and relative ones, at ingest and when served', async () => {
    const root = tempDir();
    const records = [
      { id: 'evil-1', title: 'Script link', body: 'An article about okapiville with a script link.', url: 'javascript:alert(document.domain)' },
      { id: 'evil-2', title: 'Data link', body: 'An article about okapiville with a data link.', url: 'data:text/html,<script>alert(1)</script>' },
      { id: 'evil-3', title: 'Relative link', body: 'An article about okapiville with a relative link.', url: '/local/path' },
      { id: 'good-1', title: 'Web link', body: 'An article about okapiville with a web link.', url: 'https://www.example.com/news/1' },
    ];
    writeFileSync(path.join(root, 'links.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
    await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources, log: quietLog }, { paths: [root] });
    for (const id of ['evil-1', 'evil-2', 'evil-3']) expect((await getJson(server.url, `/api/articles/${id}`)).body.url, id).toBeNull();
    expect((await getJson(server.url, '/api/articles/good-1')).body.url).toBe('https://www.example.com/news/1');
    const hits = (await getJson(server.url, '/api/search?q=okapiville')).body.hits as Array<{ articleId: string; url: string | null }>;
    expect(Object.fromEntries(hits.map((h) => [h.articleId, h.url]))).toEqual({ 'evil-1': null, 'evil-2': null, 'evil-3': null, 'good-1': 'https://www.example.com/news/1' });

    // A record indexed before URLs were checked is not served as a link either.
    await runTask(meili.admin, () => meili.admin.index(meili.names.articles).updateDocuments([{ id: 'good-1', url: 'javascript:alert(1)' }]));
    expect((await getJson(server.url, '/api/articles/good-1')).body.url).toBeNull();
  });

  it('webUrl keeps only absolute http(s) URLs', () => {
    expect(webUrl(' https://a.example/x ')).toBe('https://a.example/x');
    expect(webUrl('http://a.example')).toBe('http://a.example');
    for (const bad of ['JavaScript:alert(1)', 'vbscript:x', 'file:///etc/passwd', '//a.example', 'a.example/x', '', undefined, null]) expect(webUrl(bad)).toBeNull();
  });
});
