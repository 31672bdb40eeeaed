/** Shared helpers for integration tests against the real Meilisearch of the global setup. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Meilisearch } from 'meilisearch';
import { inject } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createClient, indexNames, runTask, type IndexNames } from '../../src/meili/client.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const hasCorpus = existsSync(path.join(corpusDir, 'reuters-21578.jsonl')) && existsSync(path.join(corpusDir, 'bbc'));
export const corpusSkipMessage = `shared corpus not found at ${corpusDir}: corpus tests skipped`;

export interface TestMeili {
  url: string;
  masterKey: string;
  admin: Meilisearch;
  prefix: string;
  names: IndexNames;
  /** Deletes every index with this test file's prefix. */
  cleanup(): Promise<void>;
}

/** A unique index prefix per test file, on the shared test engine. */
export function testMeili(label: string): TestMeili {
  const { url, masterKey } = inject('meili');
  const admin = createClient({ url, apiKey: masterKey });
  const prefix = `t_${label}_${randomBytes(3).toString('hex')}`;
  return {
    url,
    masterKey,
    admin,
    prefix,
    names: indexNames(prefix),
    async cleanup() {
      const { results } = await admin.getRawIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(`${prefix}_`))) {
        await runTask(admin, () => admin.deleteIndex(index.uid));
      }
    },
  };
}

export const quietLog = createLogger('silent');

/**
 * A Meilisearch of its own (not the shared one), for tests that stop and restart the engine.
 * Restarts reuse the data dir and port, so a client keeps its URL.
 */
export interface DedicatedMeili {
  url: string;
  masterKey: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its data dir. */
  destroy(): Promise<void>;
}

export async function startDedicatedMeili(): Promise<DedicatedMeili> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { loadConfig } = await import('../../src/config.js');
  const { connectMeili } = await import('../../src/meili/embedded.js');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lede-dedicated-'));
  let connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0' }), quietLog);
  const port = new URL(connection.url).port;
  const config = loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: port });
  let running = true;
  const url = connection.url;
  const dedicated: DedicatedMeili = {
    url,
    masterKey: connection.masterKey,
    async stop() {
      if (running) await connection.release();
      running = false;
    },
    async start() {
      if (!running) connection = await connectMeili(config, quietLog);
      running = true;
      if (connection.url !== url) throw new Error(`restarted on ${connection.url}, not ${url}`);
    },
    async destroy() {
      await dedicated.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return dedicated;
}

/**
 * Input for the fault tests: the shared corpus's BBC folder (2,225 articles) where it is present,
 * otherwise a generated folder of the same order of size (2,000 articles of 5 paragraphs, made from
 * the seed article's paragraphs), so the faults are exercised in CI either way.
 */
export function faultInput(): { dir: string; articles: number; label: string; generated: boolean } {
  if (hasCorpus) return { dir: path.join(corpusDir, 'bbc'), articles: 2_225, label: 'the BBC folder', generated: false };
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-generated-'));
  const seed = readFileSync(path.join(repoRoot, 'seeds', readdirSync(path.join(repoRoot, 'seeds')).find((f) => f.endsWith('.txt'))!), 'utf8');
  const paragraphs = seed.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 120);
  const articles = 2_000;
  for (let i = 0; i < articles; i++) {
    const body = Array.from({ length: 5 }, (_, k) => `${paragraphs[(i + k) % paragraphs.length]} (Report ${i}, part ${k}.)`);
    mkdirSync(path.join(dir, String(i % 10)), { recursive: true });
    writeFileSync(path.join(dir, String(i % 10), `${i}.txt`), `Generated article ${i} on security guarantees\n\n${body.join('\n\n')}\n`);
  }
  return { dir, articles, label: 'a generated folder', generated: true };
}
