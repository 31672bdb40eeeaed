/**
 * `lede index --sync`: the articles whose source under the synced paths is gone are deleted from
 * the real engine, and only those: not those of other paths, not those of a file that could not
 * be read this time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { goneArticles } from '../../src/indexer/sync.js';
import { quietLog, testMeili } from '../helpers/meili.js';

const meili = testMeili('sync');
afterAll(() => meili.cleanup());
const deps = { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog };

async function articleIds(): Promise<string[]> {
  const page = await meili.admin.index(meili.names.articles).getDocuments({ limit: 1000, fields: ['id'] });
  return page.results.map((d) => String(d.id)).sort();
}

async function paragraphArticleIds(): Promise<string[]> {
  const page = await meili.admin.index(meili.names.paragraphs).getDocuments({ limit: 1000, fields: ['articleId'] });
  return [...new Set(page.results.map((d) => String(d.articleId)))].sort();
}

describe('lede index --sync', () => {
  it('deletes exactly the articles whose source is gone', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lede-sync-'));
    const other = mkdtempSync(path.join(tmpdir(), 'lede-sync-other-'));
    const story = (title: string) => `${title}\n\nThe council met on Tuesday to discuss ${title.toLowerCase()}.\n`;
    writeFileSync(path.join(dir, 'a.txt'), story('Bridge closes'));
    writeFileSync(path.join(dir, 'b.txt'), story('Port reopens'));
    writeFileSync(path.join(dir, 'wire.jsonl'), ['w1', 'w2', 'w3'].map((id) => JSON.stringify({ id, title: `Wire ${id}`, body: `Wire story ${id} about the harbour.` })).join('\n'));
    writeFileSync(path.join(dir, 'desk.json'), JSON.stringify({ id: 'desk1', title: 'Desk note', body: 'A note from the desk about rail fares.' }));
    writeFileSync(path.join(other, 'elsewhere.txt'), story('Elsewhere story'));
    await indexArticles(deps, { paths: [dir] });
    await indexArticles(deps, { paths: [other] });
    expect(await articleIds()).toEqual(['a', 'b', 'desk1', 'elsewhere', 'w1', 'w2', 'w3']);

    rmSync(path.join(dir, 'a.txt'));
    // A line taken out of a file read whole: gone. A file broken this time: kept.
    writeFileSync(path.join(dir, 'wire.jsonl'), ['w1', 'w3'].map((id) => JSON.stringify({ id, title: `Wire ${id}`, body: `Wire story ${id} about the harbour.` })).join('\n'));
    writeFileSync(path.join(dir, 'desk.json'), '{ "id": "desk1", broken');

    const plain = await indexArticles(deps, { paths: [dir] });
    expect(plain.deleted).toBeUndefined();
    expect(await articleIds()).toEqual(['a', 'b', 'desk1', 'elsewhere', 'w1', 'w2', 'w3']);

    const synced = await indexArticles(deps, { paths: [dir], sync: true });
    expect(synced.deleted).toMatchObject({ articles: 2, ids: ['a', 'w2'] });
    expect(synced.deleted!.paragraphs).toBeGreaterThanOrEqual(2);
    expect(await articleIds()).toEqual(['b', 'desk1', 'elsewhere', 'w1', 'w3']);
    expect(await paragraphArticleIds()).toEqual(['b', 'desk1', 'elsewhere', 'w1', 'w3']);
    // Nothing more is gone on the next run.
    const again = await indexArticles(deps, { paths: [dir], sync: true });
    expect(again.deleted).toMatchObject({ articles: 0, ids: [] });
  });

  it('leaves feed URLs, unrecorded sources and other roots alone', () => {
    const known = new Map([
      ['gone', { sourcePath: '/data/news/gone.txt' }],
      ['outside', { sourcePath: '/data/other/x.txt' }],
      ['feed', { sourcePath: 'https://example.org/feed' }],
      ['old', {}],
      ['kept', { sourcePath: '/data/news/kept.txt' }],
    ]);
    const exists = (file: string) => file === '/data/news/kept.txt' || file === '/data/other/x.txt';
    expect(goneArticles(known, ['/data/news'], new Set(['kept']), new Set(['/data/news/kept.txt']), exists)).toEqual(['gone']);
    expect(goneArticles(known, ['/data/news/gone.txt', 'https://example.org/feed'], new Set(), new Set(), exists)).toEqual(['gone']);
  });
});
