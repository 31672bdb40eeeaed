/**
 * Connects lede to Meilisearch: the server named by `MEILI_URL`, or an embedded one that lede
 * starts from a binary with its own data dir, master key and port.
 *
 * Several lede processes may share one data dir (`lede serve` running while `lede index` runs).
 * The first starts the engine and records `{ pid, url }` in `<dataDir>/meili.json`; the others find
 * it healthy and attach. Each attached process leaves a file in `<dataDir>/clients/`; whoever
 * detaches last stops the engine, so no process is orphaned and no lock is left stale.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../config.js';
import { LedeError } from '../errors.js';
import type { Logger } from '../log.js';
import { checkVersion, resolveBinary } from './binary.js';
import { deprioritizeIndexing } from './priority.js';

export interface MeiliConnection {
  url: string;
  /** Master key: stays in this process; never logged, never sent to a browser. */
  masterKey: string;
  /** Whether this process started or attached to an embedded engine (false for MEILI_URL). */
  embedded: boolean;
  /** The embedded engine's process id (benchmarks read its CPU time); absent for MEILI_URL. */
  pid?: number;
  /** Detaches; stops the embedded engine when no other lede process uses it. Idempotent. */
  release(): Promise<void>;
}

interface EngineState {
  pid: number;
  url: string;
  version: string;
}

const HEALTH_TIMEOUT_MS = 30_000;

export async function connectMeili(config: Config, log: Logger): Promise<MeiliConnection> {
  if (config.meili.mode === 'external') {
    return { url: config.meili.url, masterKey: config.meili.masterKey, embedded: false, release: async () => {} };
  }
  const connection = await startOrAttachEmbedded(config.meili.dataDir, config.meili.port, config.meili.binary, log);
  // Every process attached to the engine keeps its indexing threads behind its searches (idempotent).
  const priority = deprioritizeIndexing(connection.pid, config.meili.indexingNice, log);
  return {
    ...connection,
    release: async () => {
      priority.stop();
      await connection.release();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isHealthy(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

function readMasterKey(dataDir: string): string {
  const file = path.join(dataDir, 'master.key');
  if (!existsSync(file)) {
    // `wx` fails if another process created it meanwhile; then read theirs.
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function readState(file: string): EngineState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EngineState;
  } catch {
    return undefined;
  }
}

async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo;
        server.close(() => resolve(address.port));
      });
    });
  try {
    return await tryListen(preferred);
  } catch {
    return tryListen(0);
  }
}

/** A lock around start-up so two processes starting at once do not both launch an engine. */
async function withStartLock<T>(dataDir: string, fn: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, 'start.lock');
  const deadline = Date.now() + HEALTH_TIMEOUT_MS + 5_000;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      writeFileSync(lockFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8') || 0);
      if (holder && !isAlive(holder)) rmSync(lockFile, { force: true });
      else if (Date.now() > deadline) rmSync(lockFile, { force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

async function startOrAttachEmbedded(dataDir: string, preferredPort: number, explicitBinary: string | undefined, log: Logger): Promise<MeiliConnection & { pid: number }> {
  mkdirSync(path.join(dataDir, 'clients'), { recursive: true });
  const masterKey = readMasterKey(dataDir);
  const stateFile = path.join(dataDir, 'meili.json');

  const state = await withStartLock(dataDir, async () => {
    const existing = readState(stateFile);
    if (existing && isAlive(existing.pid) && (await isHealthy(existing.url))) {
      log.info({ url: existing.url, pid: existing.pid }, 'attached to the running embedded Meilisearch');
      return existing;
    }
    if (existing && isAlive(existing.pid)) {
      // Alive but not answering: it may still be opening its database.
      if (await waitHealthy(existing.url, existing.pid, HEALTH_TIMEOUT_MS)) return existing;
      throw new LedeError({
        code: 'engine_start_failed',
        message: `The embedded Meilisearch (pid ${existing.pid}) in ${dataDir} is running but not answering on ${existing.url}.`,
        suggestion: `Stop it (kill ${existing.pid}) and run the command again.`,
      });
    }
    return launch(dataDir, preferredPort, explicitBinary, masterKey, stateFile, log);
  });

  const clientFile = path.join(dataDir, 'clients', String(process.pid));
  writeFileSync(clientFile, String(state.pid));

  let released = false;
  const releaseSync = (): boolean => {
    if (released) return false;
    released = true;
    rmSync(clientFile, { force: true });
    const others = readdirSync(path.join(dataDir, 'clients')).filter((name) => {
      const pid = Number(name);
      if (pid && isAlive(pid)) return true;
      rmSync(path.join(dataDir, 'clients', name), { force: true });
      return false;
    });
    if (others.length > 0) return false;
    if (isAlive(state.pid)) process.kill(state.pid, 'SIGTERM');
    return true;
  };
  // Last resort on a plain exit (process.exit, uncaught error): synchronous, so only signals the engine.
  // Only our engine's state file: after a restart another process may have written a new one.
  const forgetState = () => {
    if (readState(stateFile)?.pid === state.pid) rmSync(stateFile, { force: true });
  };
  const onExit = () => {
    if (releaseSync()) forgetState();
  };
  process.once('exit', onExit);

  return {
    url: state.url,
    masterKey,
    embedded: true,
    pid: state.pid,
    async release() {
      process.removeListener('exit', onExit);
      if (!releaseSync()) return;
      const stopped = await waitExit(state.pid, 10_000);
      if (!stopped && isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
      await waitExit(state.pid, 5_000);
      forgetState();
      log.info({ pid: state.pid }, 'stopped the embedded Meilisearch');
    },
  };
}

async function waitExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

async function waitHealthy(url: string, pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return false;
    if (await isHealthy(url)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function launch(dataDir: string, preferredPort: number, explicitBinary: string | undefined, masterKey: string, stateFile: string, log: Logger): Promise<EngineState> {
  const binary = resolveBinary(explicitBinary, dataDir);
  const version = await checkVersion(binary.path);
  const port = await freePort(preferredPort);
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(dataDir, 'meilisearch.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    binary.path,
    [
      '--db-path', path.join(dataDir, 'data.ms'),
      '--dump-dir', path.join(dataDir, 'dumps'),
      '--snapshot-dir', path.join(dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      '--log-level', 'WARN',
    ],
    {
      // The key goes by environment, not argv, so it does not show in `ps`. Nothing else of ours is inherited.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, MEILI_MASTER_KEY: masterKey },
      stdio: ['ignore', out, out],
      // Its own process group: a terminal's Ctrl-C reaches lede, which then stops the engine in order.
      detached: true,
    },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) {
    throw new LedeError({ code: 'engine_start_failed', message: `Could not start ${binary.path}.`, suggestion: 'Check that the binary runs on this machine, or set MEILI_URL.' });
  }
  log.info({ binary: binary.path, from: binary.from, version, url, pid }, 'starting the embedded Meilisearch');
  if (!(await waitHealthy(url, pid, HEALTH_TIMEOUT_MS))) {
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n');
    throw new LedeError({
      code: 'engine_start_failed',
      message: `The embedded Meilisearch did not become healthy on ${url} within ${HEALTH_TIMEOUT_MS / 1000} s. Its log ends:\n${tail}`,
      suggestion: `Read ${logFile}; if another Meilisearch holds ${path.join(dataDir, 'data.ms')}, stop it, or set MEILI_URL to use it.`,
    });
  }
  const state: EngineState = { pid, url, version };
  writeFileSync(stateFile, JSON.stringify(state));
  return state;
}
