/**
 * Starts one real Meilisearch for the whole test run, with lede's own embedded-engine code, in a
 * temp data dir on a free port; stops it afterwards. Tests reach it through `inject('meili')`, and
 * each test file uses its own index prefix, so files can run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { connectMeili } from '../../src/meili/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    meili: { url: string; masterKey: string; dataDir: string };
  }
}

export default async function setup(project: TestProject) {
  if (process.env.MEILI_URL) {
    project.provide('meili', { url: process.env.MEILI_URL, masterKey: process.env.MEILI_MASTER_KEY ?? '', dataDir: '' });
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lede-test-meili-'));
  const config = loadConfig({ LEDE_DATA_DIR: dataDir, LEDE_MEILI_PORT: '0' });
  const connection = await connectMeili(config, createLogger('warn'));
  project.provide('meili', { url: connection.url, masterKey: connection.masterKey, dataDir });
  return async () => {
    await connection.release();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
