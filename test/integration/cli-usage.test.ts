/**
 * Bad CLI options and a malformed alias file, through the built CLI: a usage error (exit 2) or a
 * clear error naming what is wrong, never a stack trace, "This is a bug" or a silent default.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAliasFile } from '../../src/ingest/entities/load.js';
import { engineState, isAlive, spawnLede } from '../helpers/cli.js';
import { repoRoot } from '../helpers/meili.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lede-cli-'));
afterAll(() => {
  const state = engineState(dir);
  if (state && isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
const env = { LEDE_DATA_DIR: path.join(dir, 'data'), LEDE_MEILI_PORT: '0' };

function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/This is a bug|unexpected error|\n\s+at .+\.(js|ts):\d+/);
}

describe('option values', () => {
  for (const [args, reason] of [
    [['serve', '--port', 'abc'], /--port "abc": must be a whole number from 0 to 65535/],
    [['serve', '--port', '70000'], /--port "70000": must be from 0 to 65535/],
    [['search', 'nato', '--limit', 'abc'], /--limit "abc": must be a whole number from 1 to 100/],
    [['search', 'nato', '--limit', '0'], /--limit "0": must be from 1 to 100/],
    [['stats', '--top', 'abc'], /--top "abc": must be a whole number from 1 to 100/],
    [['index', 'seeds', '--batch-size', '1.5'], /--batch-size "1.5": must be a whole number/],
    [['watch', 'seeds', '--every', 'bogus'], /--every: not an interval: "bogus"/],
  ] as const) {
    it(`lede ${args.join(' ')}: usage error, exit 2`, async () => {
      const run = spawnLede([...args], env);
      const { code } = await run.exited;
      expect(code, run.stderr()).toBe(2);
      expect(run.stderr()).toMatch(reason);
      expect(run.stderr()).toMatch(/lede \w+ --help/);
      expectNoTrace(run.stderr());
    });
  }
});

describe('a malformed alias file', () => {
  it('is named with the bad entry and field, not reported as a bug', async () => {
    const file = path.join(dir, 'aliases.json');
    writeFileSync(file, JSON.stringify([{ canonical: 'Bank of England', type: 'organization', aliases: ['BoE'] }, { canonical: 'NATO', type: 'club', aliases: [] }]));
    const run = spawnLede(['index', path.join(repoRoot, 'seeds')], { ...env, LEDE_ALIASES: file });
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toMatch(/aliases\.json: entry 1 \("NATO"\): type: /);
    expectNoTrace(run.stderr());
  });

  it('names the field of each kind of mistake', () => {
    expect(() => parseAliasFile({}, 'a.json')).toThrow(/a\.json: expected an array/);
    expect(() => parseAliasFile([{ canonical: ' ', type: 'person', aliases: [] }], 'a.json')).toThrow(/entry 0 \(" "\): canonical: must not be blank/);
    expect(() => parseAliasFile([{ canonical: 'X', type: 'person', aliases: [1] }], 'a.json')).toThrow(/entry 0 \("X"\): aliases\.0: /);
    expect(() => parseAliasFile([null], 'a.json')).toThrow(/entry 0: /);
    expect(parseAliasFile([{ canonical: 'X', type: 'person', aliases: ['Y'], note: 'kept' }], 'a.json')).toEqual([{ canonical: 'X', type: 'person', aliases: ['Y'], note: 'kept' }]);
  });

  it('that is not JSON says so', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '[{"canonical": "NATO",');
    const run = spawnLede(['index', path.join(repoRoot, 'seeds')], { ...env, LEDE_ALIASES: file });
    expect((await run.exited).code).toBe(1);
    expect(run.stderr()).toMatch(/broken\.json \(LEDE_ALIASES\): not valid JSON/);
    expectNoTrace(run.stderr());
  });
});
