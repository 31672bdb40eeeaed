/**
 * The search-only key (issue 14, finding 9): scoped to exactly lede's indexes for its prefix, not
 * `<prefix>_*`, and rotated at every start, against the real Meilisearch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, rotateSearchKey, runTask } from '../../src/meili/client.js';
import { testMeili } from '../helpers/meili.js';

const meili = testMeili('searchkey');
const neighbour = `${meili.prefix}_staging`;

beforeAll(async () => {
  for (const uid of [meili.names.paragraphs, `${neighbour}_paragraphs`]) {
    await runTask(meili.admin, () => meili.admin.createIndex(uid, { primaryKey: 'id' }));
  }
});
afterAll(() => meili.cleanup());

async function canSearch(key: string, index: string): Promise<boolean | string> {
  try {
    await createClient({ url: meili.url, apiKey: key }).index(index).search('', { limit: 0 });
    return true;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code ?? String(error);
  }
}

describe('the search key', () => {
  it('searches exactly the indexes of its prefix: not those of a longer prefix on the same engine', async () => {
    const { key, uid } = await rotateSearchKey(meili.admin, meili.prefix);
    const stored = await meili.admin.getKey(uid);
    expect(stored.actions).toEqual(['search']);
    expect([...stored.indexes].sort()).toEqual([meili.names.articles, meili.names.entities, meili.names.paragraphs, meili.names.phrases].sort());
    expect(await canSearch(key, meili.names.paragraphs)).toBe(true);
    expect(await canSearch(key, `${neighbour}_paragraphs`)).toBe('invalid_api_key');
  });

  it('is replaced at each start: the previous key stops working', async () => {
    const first = await rotateSearchKey(meili.admin, meili.prefix);
    const second = await rotateSearchKey(meili.admin, meili.prefix);
    expect(second.key).not.toBe(first.key);
    expect(await canSearch(second.key, meili.names.paragraphs)).toBe(true);
    expect(await canSearch(first.key, meili.names.paragraphs)).toBe('invalid_api_key');
    const { results } = await meili.admin.getKeys({ limit: 1_000 });
    expect(results.filter((k) => k.name === `lede search (${meili.prefix})`).map((k) => k.uid)).toEqual([second.uid]);
  });
});
