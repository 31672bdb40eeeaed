/**
 * The HTTP layer's audit findings (issue 14): production by default (no stack traces), one
 * deadline per request with the work cancelled when the client leaves, HTTPS-only headers only
 * over TLS, /health rate-limited, and a warning when X-Forwarded-For arrives while proxies are not
 * trusted. The app is the real one; the engine is the shared test Meilisearch, or for the failure
 * cases an address where nothing answers (a closed port) or where a hung engine is simulated by a
 * TCP server that accepts connections and never replies.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchService } from '../../src/api/search/service.js';
import { createApp } from '../../src/api/app.js';
import { loadConfig } from '../../src/config.js';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { createLogger } from '../../src/log.js';
import { createClient, indexNames } from '../../src/meili/client.js';
import { getJson, startTestServer, type TestServer } from '../helpers/server.js';
import { quietLog, repoRoot, testMeili } from '../helpers/meili.js';

/** The app on port 0 with its own env (NODE_ENV unset unless given), against `meiliUrl`. */
async function appOn(meiliUrl: string, env: Record<string, string> = {}, prefix = 'none') {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ LEDE_INDEX_PREFIX: prefix, LEDE_RATE_LIMIT: '0', ...env });
  const search = new SearchService({
    client: createClient({ url: meiliUrl, apiKey: 'unused', timeoutMs: 5_000, pooled: true }),
    indexes: indexNames(prefix),
    concurrentSearches: config.http.searchConcurrency,
  });
  const server = createApp({ config, log: createLogger('info', sink), search }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logs,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** A hung engine: accepts connections, reads requests, never answers. Counts the connections open. */
async function hungEngine() {
  const sockets = new Set<net.Socket>();
  let closed = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      closed++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => sockets.size,
    closed: () => closed,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function closedPort(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('NODE_ENV unset', () => {
  it('behaves as production: a 503 body carries no stack trace', async () => {
    expect(loadConfig({}).env).toBe('production');
    const app = await appOn(await closedPort());
    try {
      const { status, body } = await getJson(app.url, '/api/search?q=nato');
      expect(status).toBe(503);
      expect(body.error.code).toBe('search_unavailable');
      expect(body).not.toHaveProperty('stack');
      expect(JSON.stringify(body)).not.toMatch(/\.ts:|\.js:|node_modules/);
    } finally {
      await app.close();
    }
  });
});

describe('the request deadline', () => {
  let engine: Awaited<ReturnType<typeof hungEngine>>;
  beforeAll(async () => {
    engine = await hungEngine();
  });
  afterAll(() => engine.close());

  it('answers 503 at the deadline, for the request searching and for those waiting for a slot', async () => {
    const app = await appOn(engine.url, { LEDE_REQUEST_TIMEOUT_MS: '400', LEDE_SEARCH_CONCURRENCY: '1' });
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => getJson(app.url, `/api/search?q=nato${i}`)));
      const elapsed = Date.now() - started;
      for (const { status, body, headers } of answers) {
        expect(status).toBe(503);
        expect(body.error.code).toBe('timeout');
        expect(headers.get('retry-after')).toBe('5');
      }
      // One deadline for all five, not five (or three per search) 5 s client time-outs in a row.
      expect(elapsed).toBeLessThan(2_500);
      // The cancelled calls do not stay open on the engine.
      await new Promise((r) => setTimeout(r, 200));
      expect(engine.open()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('cancels the work when the client goes away', async () => {
    const app = await appOn(engine.url, { LEDE_REQUEST_TIMEOUT_MS: '30000' });
    try {
      const before = engine.closed();
      const client = new AbortController();
      const request = fetch(`${app.url}/api/search?q=nato`, { signal: client.signal }).catch(() => 'aborted');
      for (let i = 0; i < 100 && engine.open() === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(engine.open()).toBeGreaterThan(0);
      client.abort();
      expect(await request).toBe('aborted');
      for (let i = 0; i < 100 && engine.open() > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(engine.open()).toBe(0);
      expect(engine.closed()).toBeGreaterThan(before);
    } finally {
      await app.close();
    }
  });
});

describe('headers, limits and proxies', () => {
  const meili = testMeili('hardening');
  let server: TestServer;
  beforeAll(async () => {
    await indexArticles({ admin: meili.admin, prefix: meili.prefix, resources: loadEntityResources(), log: quietLog }, { paths: [path.join(repoRoot, 'seeds')] });
    server = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: meili.prefix });
  });
  afterAll(async () => {
    await server?.close();
    await meili.cleanup();
  });

  it('sends HSTS and upgrade-insecure-requests only over TLS, or when configured', async () => {
    const plain = await fetch(`${server.url}/api/openapi.json`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    expect(plain.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    expect(plain.headers.get('content-security-policy')).toMatch(/script-src 'self'/);

    // Prefixes of their own: each start rotates its prefix's search key.
    const behindTls = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: `${meili.prefix}tls`, env: { LEDE_TRUST_PROXY: '1' } });
    const always = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: `${meili.prefix}hsts`, env: { LEDE_HSTS: '1' } });
    try {
      const overTls = await fetch(`${behindTls.url}/api/openapi.json`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(overTls.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(overTls.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
      const configured = await fetch(`${always.url}/api/openapi.json`);
      expect(configured.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await behindTls.close();
      await always.close();
    }
  });

  it('rate-limits /health like /api', async () => {
    const limited = await startTestServer({ meiliUrl: meili.url, masterKey: meili.masterKey, prefix: `${meili.prefix}limit`, env: { LEDE_RATE_LIMIT: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/health`)).status);
      // (Its prefix has no indexes, so /health may say unavailable; what counts here is the 429s.)
      expect(statuses.map((s) => s === 429)).toEqual([false, false, false, true, true]);
    } finally {
      await limited.close();
    }
  });

  it('warns once when requests carry X-Forwarded-For while LEDE_TRUST_PROXY=0', async () => {
    const warnings = () => server.logs.filter((line) => /X-Forwarded-For but LEDE_TRUST_PROXY=0/.test(line));
    expect(warnings()).toHaveLength(0);
    for (let i = 0; i < 3; i++) await fetch(`${server.url}/health`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0]!).level).toBe(40);
  });
});
