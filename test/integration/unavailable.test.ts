/**
 * Meilisearch stopped while the API serves: 503 with Retry-After, quickly, no crash; and recovery
 * without a restart once it is back.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { createClient } from '../../src/meili/client.js';
import { quietLog, repoRoot, startDedicatedMeili, type DedicatedMeili } from '../helpers/meili.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';

let engine: DedicatedMeili;
let server: TestServer;

beforeAll(async () => {
  engine = await startDedicatedMeili();
  const admin = createClient({ url: engine.url, apiKey: engine.masterKey });
  await indexArticles({ admin, prefix: 'down', resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds')] });
  server = await startTestServer({ meiliUrl: engine.url, masterKey: engine.masterKey, prefix: 'down' });
});
afterAll(async () => {
  await server?.close();
  await engine?.destroy();
});

describe('when Meilisearch goes away', () => {
  it('answers 503 with Retry-After while it is down, and recovers when it is back', async () => {
    expect((await getJson(server.url, '/api/search?q=nato')).status).toBe(200);
    await engine.stop();

    for (const route of ['/api/search?q=nato', '/api/suggest?q=nat', '/api/entities?type=person', `/api/articles/000_736e09f0b2d7f6d7`]) {
      const started = Date.now();
      const { status, body, headers } = await getJson(server.url, route);
      expect(status, route).toBe(503);
      expect(body.error.code).toBe('search_unavailable');
      expect(headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    const health = await getJson(server.url, '/health');
    expect(health.status).toBe(503);
    expect(health.body.meilisearch).toBe('unavailable');

    await engine.start();
    const again = await getJson(server.url, '/api/search?q=nato');
    expect(again.status).toBe(200);
    expect(again.body.totalHits).toBe(1);
    expect((await getJson(server.url, '/health')).status).toBe(200);
  });
});
