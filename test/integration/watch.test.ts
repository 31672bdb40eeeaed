/**
 * `lede watch` against the real engine: a new, a changed and a deleted file; a feed polled with a
 * conditional GET (304 when unchanged) and de-duplicated by guid and link.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { parseInterval, startWatch } from '../../src/indexer/watch.js';
import { waitFor } from '../helpers/cli.js';
import { quietLog, testMeili } from '../helpers/meili.js';

const meili = testMeili('watch');
afterAll(() => meili.cleanup());

async function record(id: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await meili.admin.index(meili.names.articles).getDocument(id)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function rss(items: Array<{ guid: string; link: string; title: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>${items
    .map((i) => `<item><guid isPermaLink="false">${i.guid}</guid><link>${i.link}</link><title>${i.title}</title><description>${i.title}: the full summary of the story.</description><pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`;
}

describe('lede watch', () => {
  it('picks up new, changed and deleted files, and polls a feed conditionally', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lede-watch-'));
    writeFileSync(path.join(dir, 'a.txt'), 'Bridge closes\n\nThe council closed the bridge on Tuesday.\n');
    let feed = { etag: '"v1"', body: rss([{ guid: 'g1', link: 'https://wire.example/1', title: 'First wire story' }]) };
    const requests: Array<{ ifNoneMatch?: string; status: number }> = [];
    const server = createServer((req, res) => {
      const ifNoneMatch = req.headers['if-none-match'];
      const status = ifNoneMatch === feed.etag ? 304 : 200;
      requests.push({ ifNoneMatch, status });
      res.writeHead(status, { etag: feed.etag, 'content-type': 'application/rss+xml' });
      res.end(status === 200 ? feed.body : undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed`;
    const runs: Array<{ reason: string; notModified: string[] }> = [];
    const watcher = startWatch(
      { admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog },
      { paths: [dir, url], everyMs: parseInterval('1s'), debounceMs: 100, onRun: ({ reason, notModified }) => runs.push({ reason, notModified }) },
    );
    try {
      await watcher.ready;
      expect(await record('a')).toMatchObject({ title: 'Bridge closes' });
      expect(await record('g1')).toMatchObject({ title: 'First wire story', source: 'Test Wire' });

      writeFileSync(path.join(dir, 'b.txt'), 'Port reopens\n\nThe port reopened on Wednesday.\n');
      await waitFor(() => record('b'), 20_000, 'the new file indexed');
      writeFileSync(path.join(dir, 'a.txt'), 'Bridge reopens\n\nThe council reopened the bridge on Friday.\n');
      await waitFor(async () => ((await record('a'))?.title === 'Bridge reopens' ? true : undefined), 20_000, 'the changed file re-indexed');
      rmSync(path.join(dir, 'b.txt'));
      await waitFor(async () => ((await record('b')) ? undefined : true), 20_000, 'the deleted file removed');
      const paragraphs = await meili.admin.index(meili.names.paragraphs).search('', { filter: 'articleId = "b"' });
      expect(paragraphs.hits).toHaveLength(0);

      // Unchanged feed: a conditional GET answered 304.
      await waitFor(() => (runs.some((r) => r.reason === 'feeds' && r.notModified.includes(url)) ? true : undefined), 20_000, 'a 304 poll');
      expect(requests.some((r) => r.ifNoneMatch === '"v1"' && r.status === 304)).toBe(true);

      // The feed changes: a new item, and the first item again under a new guid but the same link.
      feed = {
        etag: '"v2"',
        body: rss([
          { guid: 'g2', link: 'https://wire.example/2', title: 'Second wire story' },
          { guid: 'g1-renamed', link: 'https://wire.example/1', title: 'First wire story' },
        ]),
      };
      await waitFor(() => record('g2'), 20_000, 'the new feed item indexed');
      expect(await record('g1')).toBeDefined();
      expect(await record('g1-renamed')).toBeUndefined();
    } finally {
      await watcher.close();
      server.close();
    }
  });

  it('reads intervals', () => {
    expect(parseInterval('5m')).toBe(300_000);
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('90')).toBe(90_000);
    expect(() => parseInterval('5 minutes')).toThrow(/not an interval/);
    expect(() => parseInterval('10ms')).toThrow(/under one second/);
  });
});
