/**
 * A document the engine rejects: the batch is retried in halves (read back from its spill file),
 * the bad article is reported with Meilisearch's own message, and every other article gets in.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { toDocuments } from '../../src/ingest/documents.js';
import type { PreparedArticle } from '../../src/ingest/pipeline.js';
import type { CleanArticle } from '../../src/ingest/types.js';
import { BatchSender } from '../../src/indexer/batches.js';
import { ARTICLE_SETTINGS, applySettings, paragraphSettings } from '../../src/meili/settings.js';
import { quietLog, testMeili } from '../helpers/meili.js';

const meili = testMeili('batches');
afterAll(() => meili.cleanup());

function prepared(id: string, paragraphs: string[]): PreparedArticle {
  const article: CleanArticle = { id, title: `Title ${id}`, paragraphs, origin: { path: `${id}.txt` } };
  const empty = { people: [], organizations: [], places: [], countries: [], mentions: [] };
  return { article, hash: 'h', ...toDocuments(article, paragraphs.map(() => empty), [], { hash: 'h', textHash: 't' }) };
}

describe('a batch the engine rejects', () => {
  it('isolates the bad article, reports the engine message, and indexes the rest', async () => {
    await applySettings(meili.admin, meili.names.paragraphs, paragraphSettings({}));
    await applySettings(meili.admin, meili.names.articles, ARTICLE_SETTINGS);
    const indexed: string[] = [];
    const rejected: Array<{ id: string; reason: string }> = [];
    const sender = new BatchSender({
      admin: meili.admin,
      target: meili.names,
      log: quietLog,
      batchSize: 1_000,
      outcome: { indexed: (record) => indexed.push(record.id), rejected: (id, _origin, reason) => rejected.push({ id, reason }) },
    });
    try {
      for (const article of [prepared('a', ['One.', 'Two.']), prepared('b', ['Three.']), prepared('bad id!', ['Four.']), prepared('c', ['Five.', 'Six.'])]) {
        await sender.add(article);
      }
      await sender.finish();
    } finally {
      sender.close();
    }
    expect(indexed.sort()).toEqual(['a', 'b', 'c']);
    expect(rejected).toEqual([{ id: 'bad id!', reason: expect.stringMatching(/identifier .*bad id!.* is invalid/i) }]);
    const docs = await meili.admin.index(meili.names.paragraphs).getDocuments({ limit: 100, fields: ['id'] });
    expect(docs.results.map((d) => d.id).sort()).toEqual(['a-p0', 'a-p1', 'b-p0', 'c-p0', 'c-p1']);
    const records = await meili.admin.index(meili.names.articles).getDocuments({ limit: 100, fields: ['id'] });
    expect(records.results.map((d) => d.id).sort()).toEqual(['a', 'b', 'c']);
  });
});
