/**
 * Faults, with the real CLI and the real embedded Meilisearch, each in a data dir of its own:
 * - Meilisearch killed (-9) in the middle of `lede index` (of the BBC folder, or where the shared
 *   corpus is absent a generated folder of the same order of size): the command restarts it and resumes, and
 *   the index ends up holding exactly the documents a clean run produces;
 * - `lede index --rebuild` killed: the live index keeps its content; the next run removes the
 *   half-built one;
 * - a second command on the same data dir attaches to the running engine; the last one stops it;
 * - `lede serve` stopped by SIGTERM under load: in-flight requests finish, exit 0, no process left.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEntityResources } from '../../src/ingest/entities/index.js';
import { indexArticles } from '../../src/indexer/indexer.js';
import { createClient } from '../../src/meili/client.js';
import { engineState, isAlive, spawnLede, waitFor } from '../helpers/cli.js';
import { faultInput, quietLog, repoRoot, testMeili } from '../helpers/meili.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-faults-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) {
    const state = engineState(dir);
    if (state && isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

function adminFor(dir: string) {
  const state = engineState(dir)!;
  return createClient({ url: state.url, apiKey: readFileSync(path.join(dir, 'master.key'), 'utf8').trim() });
}

async function paragraphIds(admin: ReturnType<typeof createClient>, index: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await admin.index(index).getDocuments({ fields: ['id'], limit: 10_000, offset });
    ids.push(...page.results.map((d) => d.id as string));
    if (page.results.length < 10_000) return ids.sort();
  }
}

const input = faultInput();
if (input.generated) dirs.push(input.dir);

describe(`Meilisearch killed during lede index of ${input.label}`, () => {
  const clean = testMeili('clean');
  afterAll(() => clean.cleanup());

  it('restarts the engine it started, resumes, and ends with exactly the documents of a clean run', async () => {
    const dir = dataDir();
    const run = spawnLede(['index', input.dir, '--batch-size', '500'], { LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' });
    const first = await waitFor(() => engineState(dir), 60_000, 'the embedded engine');
    const admin = createClient({ url: first.url, apiKey: readFileSync(path.join(dir, 'master.key'), 'utf8').trim() });
    // Kill it once the first batch has been accepted and indexed.
    await waitFor(async () => {
      try {
        return (await admin.index('lede_paragraphs').getStats()).numberOfDocuments > 0 || undefined;
      } catch {
        return undefined;
      }
    }, 120_000, 'the first batch');
    process.kill(first.pid, 'SIGKILL');

    const { code } = await run.exited;
    expect(run.stderr()).toMatch(/Meilisearch went away during indexing; reconnecting and resuming/);
    expect(code, run.stderr().slice(-2000)).toBe(0);
    expect(run.stdout()).toMatch(new RegExp(`articles\\s+${input.articles} read`));

    // The same input, indexed cleanly elsewhere.
    await indexArticles({ admin: clean.admin, prefix: clean.prefix, resources: loadEntityResources(), log: quietLog }, { paths: [input.dir] });
    const expected = await paragraphIds(clean.admin, clean.names.paragraphs);

    const resumed = spawnLede(['stats', '--json'], { LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' });
    expect((await resumed.exited).code).toBe(0);
    const stats = JSON.parse(resumed.stdout());
    expect(stats.documents).toBe(expected.length);
    // Attach to the (restarted) engine to compare ids one by one.
    const check = spawnLede(['serve', '--port', '0'], { LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' });
    await waitFor(() => /serving on/.test(check.stdout()) || undefined, 60_000, 'lede serve');
    expect(await paragraphIds(adminFor(dir), 'lede_paragraphs')).toEqual(expected);
    check.child.kill('SIGTERM');
    expect((await check.exited).code).toBe(0);
  }, 600_000);
});

describe('lede index --rebuild interrupted', () => {
  it('keeps the live index serving the old content and cleans up the half-built one on the next run', async () => {
    const dir = dataDir();
    const env = { LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' };
    const seeds = path.join(repoRoot, 'seeds');
    const initial = spawnLede(['index', seeds], env);
    expect((await initial.exited).code).toBe(0);

    // Hold the engine with a server so it outlives the killed rebuild, as in production.
    const server = spawnLede(['serve', '--port', '0'], env);
    await waitFor(() => /serving on (\S+)/.exec(server.stdout())?.[1], 60_000, 'lede serve');
    const base = /serving on (\S+)/.exec(server.stdout())![1]!;
    const before = (await (await fetch(`${base}/api/search?q=nato&group=paragraph`)).json()) as { totalHits: number };

    const rebuild = spawnLede(['index', '--rebuild', input.dir, '--batch-size', '500'], env);
    const admin = adminFor(dir);
    await waitFor(async () => {
      try {
        return (await admin.index('lede_paragraphs_next').getStats()).numberOfDocuments > 0 || undefined;
      } catch {
        return undefined;
      }
    }, 120_000, 'the staging index to fill');
    rebuild.child.kill('SIGKILL');
    await rebuild.exited;

    const during = (await (await fetch(`${base}/api/search?q=nato&group=paragraph`)).json()) as { totalHits: number };
    expect(during.totalHits).toBe(before.totalHits);
    expect((await admin.index('lede_articles').getStats()).numberOfDocuments).toBe(1);

    const next = spawnLede(['index', seeds], env);
    expect((await next.exited).code).toBe(0);
    expect(next.stderr()).toMatch(/removing a half-built index left by an interrupted --rebuild/);
    const { results } = await admin.getRawIndexes();
    expect(results.map((i) => i.uid).filter((uid) => uid.endsWith('_next'))).toEqual([]);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 600_000);
});

describe('sharing and stopping the embedded engine', () => {
  it('lets a second command attach to the running engine, and the last one out stops it', async () => {
    const dir = dataDir();
    const env = { LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' };
    const server = spawnLede(['serve', '--index', path.join(repoRoot, 'seeds'), '--port', '0'], env);
    const base = await waitFor(() => /serving on (\S+)/.exec(server.stdout())?.[1], 90_000, 'lede serve');
    const engine = engineState(dir)!;

    const stats = spawnLede(['stats', '--json'], env);
    expect((await stats.exited).code).toBe(0);
    expect(JSON.parse(stats.stdout())).toMatchObject({ documents: 22, articles: 1 });
    expect(stats.stderr()).toMatch(/attached to the running embedded Meilisearch/);
    // The engine outlived the second command because the server still uses it.
    expect(isAlive(engine.pid)).toBe(true);

    // SIGTERM under load: every request already sent is answered.
    const inFlight = Array.from({ length: 40 }, (_, i) => fetch(`${base}/api/search?q=${['nato', 'trump', 'ukraine', 'kyiv'][i % 4]}`).then((r) => r.status, () => 'refused'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);
    expect(statuses.filter((s) => s !== 200 && s !== 'refused')).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const { code } = await server.exited;
    expect(code).toBe(0);
    await waitFor(() => !isAlive(engine.pid) || undefined, 15_000, 'the engine to stop');
    expect(engineState(dir)).toBeUndefined();
    // Its master key stays in the data dir, readable by its owner only.
    expect(statSync(path.join(dir, 'master.key')).mode & 0o077).toBe(0);
    expect(server.stdout() + server.stderr()).not.toContain(readFileSync(path.join(dir, 'master.key'), 'utf8').trim());
  }, 180_000);
});

