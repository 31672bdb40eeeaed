/**
 * The HTTP server: connects to Meilisearch, creates the search-only key, builds the app and
 * listens. On SIGTERM/SIGINT it stops accepting connections, lets in-flight requests finish, then
 * stops the embedded engine it started.
 */
import { PushService } from './api/admin/push.js';
import { loadEntityResources } from './ingest/entities/index.js';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchService } from './api/search/service.js';
import { keepSynonymsFresh } from './api/search/synonyms.js';
import { createApp } from './api/app.js';
import type { Config } from './config.js';
import { onShutdown } from './lifecycle.js';
import type { Logger } from './log.js';
import { createClient, indexNames, revokeSearchKey, rotateSearchKey } from './meili/client.js';
import type { MeiliConnection } from './meili/embedded.js';

/** A search taking longer than this means the engine is in trouble: answer 503 rather than hang. */
const SEARCH_TIMEOUT_MS = 5_000;
/** The built web page (see scripts/build-web.ts), next to `dist/` and `src/`. */
export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public');

export interface RunningServer {
  server: Server;
  url: string;
}

export async function startServer(config: Config, log: Logger, connection: MeiliConnection): Promise<RunningServer> {
  const admin = createClient({ url: connection.url, apiKey: connection.masterKey });
  const { key: searchKey, uid: searchKeyUid } = await rotateSearchKey(admin, config.indexPrefix);
  const searchClient = createClient({ url: connection.url, apiKey: searchKey, timeoutMs: SEARCH_TIMEOUT_MS, pooled: true });
  const indexes = indexNames(config.indexPrefix);
  const search = new SearchService({ client: searchClient, indexes, concurrentSearches: config.http.searchConcurrency, suggestCacheMs: config.http.suggestCacheMs });
  const synonyms = await keepSynonymsFresh({ service: search, admin, indexUid: indexes.paragraphs, log });
  // The push API writes with the master key, in this process only; it is off without a token.
  const push = config.adminToken
    ? {
        token: config.adminToken,
        service: new PushService({ admin, prefix: config.indexPrefix, resources: loadEntityResources({ aliasFile: config.aliasFile }), log, onChange: () => search.clearCaches() }),
      }
    : undefined;
  const app = createApp({ config, log, search, publicDir: PUBLIC_DIR, push });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.http.port, config.http.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${port}`;
  onShutdown(async () => {
    synonyms.stop();
    await revokeSearchKey(admin, searchKeyUid);
  });
  onShutdown(
    () =>
      new Promise<void>((resolve) => {
        log.info('shutting down: finishing in-flight requests');
        server.close(() => resolve());
        server.closeIdleConnections();
        // Requests still running after 10 s are cut, so a stuck client cannot hold the shutdown.
        setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, 10_000).unref();
      }),
  );
  return { server, url };
}
