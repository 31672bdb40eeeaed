/** Starts the real app on a random port against the test Meilisearch, with a search-only key. */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SearchService } from '../../src/api/search/service.js';
import { keepSynonymsFresh } from '../../src/api/search/synonyms.js';
import { createApp } from '../../src/api/app.js';
import { PushService } from '../../src/api/admin/push.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createClient, indexNames, rotateSearchKey } from '../../src/meili/client.js';

export interface TestServer {
  url: string;
  /** Everything the app logged, one JSON line each. */
  logs: string[];
  searchKey: string;
  close(): Promise<void>;
}

export async function startTestServer(options: {
  meiliUrl: string;
  masterKey: string;
  prefix: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Serve the built web page from here (see scripts/build-web.ts). */
  publicDir?: string;
}): Promise<TestServer> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config: Config = loadConfig({ LEDE_INDEX_PREFIX: options.prefix, NODE_ENV: 'production', LEDE_RATE_LIMIT: '0', ...options.env });
  const admin = createClient({ url: options.meiliUrl, apiKey: options.masterKey });
  const { key: searchKey } = await rotateSearchKey(admin, options.prefix);
  const search = new SearchService({
    client: createClient({ url: options.meiliUrl, apiKey: searchKey, timeoutMs: options.timeoutMs ?? 5_000, pooled: true }),
    indexes: indexNames(options.prefix),
  });
  const synonyms = await keepSynonymsFresh({ service: search, admin, indexUid: indexNames(options.prefix).paragraphs });
  const log = createLogger('info', sink);
  // The push API, as `lede serve` mounts it when LEDE_ADMIN_TOKEN is set.
  const push = config.adminToken
    ? { token: config.adminToken, service: new PushService({ admin, prefix: options.prefix, resources: loadEntityResources(), log, onChange: () => search.clearCaches() }) }
    : undefined;
  const app = createApp({ config, log, search, publicDir: options.publicDir, push });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    searchKey,
    close: () =>
      new Promise<void>((resolve) => {
        synonyms.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** GET a path and parse JSON, with the status and headers. */
export async function getJson<T = any>(base: string, pathAndQuery: string): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${base}${pathAndQuery}`);
  const text = await response.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    body = text as unknown as T;
  }
  return { status: response.status, body, headers: response.headers };
}
