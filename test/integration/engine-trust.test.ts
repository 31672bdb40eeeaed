/**
 * The embedded engine's state is trusted only after the recorded process proves it is ours; the
 * start lock is held atomically; the data dir and its files are private. Real engines, each in a
 * data dir of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createClient } from '../../src/meili/client.js';
import { connectMeili, prepareDataDir } from '../../src/meili/embedded.js';
import { startTimeOf, whyNotOurEngine } from '../../src/meili/engine-process.js';
import { isAlive } from '../helpers/cli.js';
import { quietLog } from '../helpers/meili.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lede-trust-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const runningAsRoot = process.getuid?.() === 0;

/** A process that is not an engine, as found after a reboot under a recorded pid. */
function stranger(args: string[] = ['-e', 'setTimeout(() => {}, 120000)'], uid?: number): ChildProcess {
  const child = spawn(process.execPath, args, { stdio: 'ignore', ...(uid !== undefined && { uid, gid: uid }) });
  children.push(child);
  return child;
}

/** Something else answering on a port: it records the Authorization headers it is sent. */
async function impostor(): Promise<{ server: Server; url: string; authorizations: string[] }> {
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"available"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

async function waitStarted(child: ChildProcess): Promise<number> {
  for (let i = 0; i < 100 && !startTimeOf(child.pid!); i++) await new Promise((r) => setTimeout(r, 20));
  return child.pid!;
}

describe('a stale meili.json', () => {
  it('is not trusted: no master key to whatever answers on the recorded port, no signal to the recorded pid', async () => {
    const dir = dataDir();
    const fake = await impostor();
    const pid = await waitStarted(stranger());
    // The state an engine left before a crash, its pid now another process's and its port another server's.
    writeFileSync(
      path.join(dir, 'meili.json'),
      JSON.stringify({ pid, url: fake.url, version: '1.21.0', startTime: startTimeOf(pid), nonce: 'a'.repeat(32), dbPath: path.join(dir, 'data.ms') }),
    );
    const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' }), quietLog);
    try {
      expect(connection.url).not.toBe(fake.url);
      expect(connection.pid).not.toBe(pid);
      // The key works on the engine lede started instead.
      expect(await createClient({ url: connection.url, apiKey: connection.masterKey }).getKeys()).toBeDefined();
    } finally {
      await connection.release();
      fake.server.close();
    }
    expect(fake.authorizations).toEqual([]);
    expect(isAlive(pid)).toBe(true);
  });

  it('names why a recorded process is not our engine: reused pid, another user, not our database, nonce, port', async () => {
    const dir = dataDir();
    const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' }), quietLog);
    try {
      const state = JSON.parse(readFileSync(path.join(dir, 'meili.json'), 'utf8'));
      const identity = { ...state, dbPath: path.join(dir, 'data.ms') };
      expect(whyNotOurEngine(identity)).toBeUndefined();
      expect(whyNotOurEngine({ ...identity, startTime: '1' })).toMatch(/start time differs/);
      expect(whyNotOurEngine({ ...identity, dbPath: '/elsewhere/data.ms' })).toMatch(/not a Meilisearch on/);
      expect(whyNotOurEngine({ ...identity, nonce: 'b'.repeat(32) })).toMatch(/nonce differs/);
      expect(whyNotOurEngine({ ...identity, url: 'http://127.0.0.1:1' })).toMatch(/not the one listening on port 1/);
      expect(whyNotOurEngine({ pid: state.pid, url: state.url })).toMatch(/incomplete/);
    } finally {
      await connection.release();
    }
  });

  it.skipIf(!runningAsRoot)('counts a process of another user as not ours (EPERM is not "alive")', async () => {
    const dbPath = path.join(dataDir(), 'data.ms');
    // Its command line even names our database: ownership alone must decide.
    const pid = await waitStarted(stranger(['-e', 'setTimeout(() => {}, 120000)', '--', '--db-path', dbPath], 65534));
    expect(whyNotOurEngine({ pid, url: 'http://127.0.0.1:1', startTime: startTimeOf(pid), nonce: 'x', dbPath })).toMatch(/belongs to another user/);
  });
});

describe('the start lock', () => {
  it('is respected while its holder is alive, longer than it takes to go stale, and taken once released', async () => {
    const dir = dataDir();
    prepareDataDir(dir);
    // The holder refreshes the lock every second; held past the 10 s after which an unrefreshed lock is stale.
    const release = await lockfile.lock(dir, { lockfilePath: path.join(dir, 'start.lock'), realpath: false, update: 1_000 });
    let connectedAt = 0;
    const connecting = connectMeili(loadConfig({ LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' }), quietLog).then((c) => {
      connectedAt = Date.now();
      return c;
    });
    await new Promise((r) => setTimeout(r, 12_000));
    expect(connectedAt).toBe(0);
    const releasedAt = Date.now();
    await release();
    const connection = await connecting;
    expect(connectedAt).toBeGreaterThanOrEqual(releasedAt);
    await connection.release();
  }, 60_000);

  it('is taken over when its holder died without releasing it (not refreshed for longer than it takes to go stale)', async () => {
    const dir = dataDir();
    prepareDataDir(dir);
    const lock = path.join(dir, 'start.lock');
    mkdirSync(lock);
    const longAgo = new Date(Date.now() - 30_000);
    utimesSync(lock, longAgo, longAgo);
    const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' }), quietLog);
    try {
      expect(await createClient({ url: connection.url, apiKey: connection.masterKey }).isHealthy()).toBe(true);
    } finally {
      await connection.release();
    }
  });
});

describe('file permissions', () => {
  it('keeps the data dir 0700 and its state, log and key files 0600', async () => {
    const dir = dataDir();
    statSync(dir);
    const connection = await connectMeili(loadConfig({ LEDE_DATA_DIR: dir, LEDE_MEILI_PORT: '0' }), quietLog);
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(path.join(dir, 'clients')).mode & 0o777).toBe(0o700);
      for (const file of ['meili.json', 'meilisearch.log', 'master.key']) expect(statSync(path.join(dir, file)).mode & 0o777, file).toBe(0o600);
    } finally {
      await connection.release();
    }
  });

  it('refuses a master.key that is a symbolic link', () => {
    const dir = dataDir();
    const elsewhere = path.join(dataDir(), 'key');
    writeFileSync(elsewhere, 'planted', { mode: 0o600 });
    symlinkSync(elsewhere, path.join(dir, 'master.key'));
    expect(lstatSync(path.join(dir, 'master.key')).isSymbolicLink()).toBe(true);
    expect(() => prepareDataDir(dir)).toThrow(/master\.key: it is a symbolic link/);
  });

  it.skipIf(!runningAsRoot)('refuses a master.key that another user owns', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'master.key'), 'planted', { mode: 0o600 });
    chownSync(path.join(dir, 'master.key'), 65534, 65534);
    expect(() => prepareDataDir(dir)).toThrow(/belongs to another user/);
  });
});
