/** Shared helpers for integration tests against the real Meilisearch of the global setup. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
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
