/**
 * Connects lede to Meilisearch: the server named by `MEILI_URL`, or an embedded one that lede
 * starts from a binary with its own data dir, master key and port.
 *
 * Several lede processes may share one data dir (`lede serve` running while `lede index` runs).
 * The first starts the engine and records `{ pid, url, startTime, nonce }` in `<dataDir>/meili.json`;
 * the others check that the recorded process is still that engine (engine-process.ts) and attach. Each attached process leaves a file in `<dataDir>/clients/`; whoever
 * detaches last stops the engine, so no process is orphaned and no lock is left stale.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Config } from '../config.js';
import { LedeError } from '../errors.js';
import type { Logger } from '../log.js';
import lockfile from 'proper-lockfile';
import { checkVersion, resolveBinary } from './binary.js';
import { NONCE_VARIABLE, isSameProcess, startTimeOf, whyNotOurEngine, type EngineIdentity } from './engine-process.js';
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

interface EngineState extends EngineIdentity {
  version: string;
}

/** One attachment of this process to one engine. */
interface EngineHandle {
  state: EngineState;
  /** Detaches; stops the engine when no other lede process uses it. */
  release(): Promise<void>;
  /** Detaches from an engine that has died: nothing to stop, its state file is removed. */
  forget(): void;
}

const HEALTH_TIMEOUT_MS = 30_000;
/** How often a supervised engine is checked, and the longest wait between restart attempts. */
const SUPERVISE_EVERY_MS = 1_000;
const MAX_RESTART_BACKOFF_MS = 30_000;

export interface ConnectOptions {
  /**
   * Watch the embedded engine and start it again when it exits (`lede serve`): with backoff,
   * re-attaching to an engine another lede process restarted first, and logging each step.
   */
  supervise?: boolean;
}

export async function connectMeili(config: Config, log: Logger, options: ConnectOptions = {}): Promise<MeiliConnection> {
  if (config.meili.mode === 'external') {
    return { url: config.meili.url, masterKey: config.meili.masterKey, embedded: false, release: async () => {} };
  }
  const { dataDir, binary, indexingNice } = config.meili;
  const masterKey = prepareDataDir(dataDir);
  let handle = await startOrAttachEmbedded(dataDir, config.meili.port, binary, masterKey, log);
  // Every process attached to the engine keeps its indexing threads behind its searches (idempotent).
  let priority = deprioritizeIndexing(handle.state.pid, indexingNice, log);
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const restart = async () => {
    const dead = handle.state;
    log.warn({ pid: dead.pid, url: dead.url }, 'the embedded Meilisearch exited; restarting it');
    priority.stop();
    handle.forget();
    // The same port first, so clients holding the URL keep working.
    const port = Number(new URL(dead.url).port);
    for (let attempt = 0; !released; attempt++) {
      try {
        const next = await startOrAttachEmbedded(dataDir, port, binary, masterKey, log);
        if (released) {
          await next.release();
          return;
        }
        handle = next;
        priority = deprioritizeIndexing(next.state.pid, indexingNice, log);
        if (next.state.url !== dead.url) log.error({ was: dead.url, now: next.state.url }, 'the embedded Meilisearch came back on another port; restart lede to use it');
        log.info({ pid: next.state.pid, url: next.state.url, attempt: attempt + 1 }, 'the embedded Meilisearch is running again');
        return;
      } catch (error) {
        const delay = Math.min(MAX_RESTART_BACKOFF_MS, 500 * 2 ** attempt);
        log.error({ err: error, attempt: attempt + 1, retryInMs: delay }, 'could not restart the embedded Meilisearch');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };
  if (options.supervise) {
    timer = setInterval(() => {
      if (released || restarting || isSameProcess(handle.state.pid, handle.state.startTime)) return;
      restarting = restart().finally(() => (restarting = undefined));
    }, SUPERVISE_EVERY_MS);
    timer.unref();
  }

  return {
    get url() {
      return handle.state.url;
    },
    masterKey,
    embedded: true,
    get pid() {
      return handle.state.pid;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await restarting;
      priority.stop();
      await handle.release();
    },
  };
}

/**
 * Creates the data dir (0700: it holds the master key and the engine's database), tightens one
 * that is more open, and returns the master key, creating it on first use.
 *
 * @throws LedeError(`invalid_config`) when `master.key` is a symbolic link or belongs to another user.
 */
export function prepareDataDir(dataDir: string): string {
  mkdirSync(path.join(dataDir, 'clients'), { recursive: true, mode: 0o700 });
  for (const dir of [dataDir, path.join(dataDir, 'clients')]) {
    const info = statSync(dir);
    if ((info.mode & 0o077) !== 0 && info.uid === process.getuid?.()) chmodSync(dir, 0o700);
  }
  return readMasterKey(dataDir);
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
  const info = lstatSync(file);
  const refuse = (why: string) =>
    new LedeError({
      code: 'invalid_config',
      message: `Refusing ${file}: it ${why}.`,
      suggestion: `Remove it (lede creates a new key), or replace it with a regular file you own, mode 0600.`,
    });
  // A link could make lede hand someone else's file to the engine as its key, or read a key planted elsewhere.
  if (info.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!info.isFile()) throw refuse('is not a regular file');
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) throw refuse(`belongs to another user (uid ${info.uid})`);
  if ((info.mode & 0o077) !== 0) chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

function readState(file: string): Partial<EngineState> | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<EngineState>;
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (rename), readable by its owner only. */
function writePrivate(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
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

/**
 * A lock around start-up so two processes starting at once do not both launch an engine.
 * proper-lockfile takes it atomically (mkdir) and keeps it fresh while held, so a waiter never
 * removes a live holder's lock, and only a lock not refreshed for `stale` ms counts as abandoned.
 */
async function withStartLock<T>(dataDir: string, log: Logger, fn: () => Promise<T>): Promise<T> {
  const lockPath = path.join(dataDir, 'start.lock');
  // An earlier lede's lock was a plain file; one left by a crash long ago would never clear.
  try {
    const info = lstatSync(lockPath);
    if (info.isFile() && Date.now() - info.mtimeMs > 60_000) rmSync(lockPath, { force: true });
  } catch {
    // No lock there.
  }
  let unlock: () => Promise<void>;
  try {
    unlock = await lockfile.lock(dataDir, {
      lockfilePath: lockPath,
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: { retries: 10_000, factor: 1, minTimeout: 100, maxTimeout: 100, maxRetryTime: HEALTH_TIMEOUT_MS + 30_000 },
      onCompromised: (error) => log.error({ err: error }, 'the start lock was taken over while held'),
    });
  } catch (cause) {
    throw new LedeError({
      code: 'engine_start_failed',
      message: `Another lede process has been starting the engine in ${dataDir} for over ${(HEALTH_TIMEOUT_MS + 30_000) / 1000} s.`,
      suggestion: 'Wait for it, or stop it, and run the command again.',
      cause,
    });
  }
  try {
    return await fn();
  } finally {
    await unlock().catch(() => {});
  }
}

async function startOrAttachEmbedded(dataDir: string, preferredPort: number, explicitBinary: string | undefined, masterKey: string, log: Logger): Promise<EngineHandle> {
  const stateFile = path.join(dataDir, 'meili.json');
  const dbPath = path.join(dataDir, 'data.ms');

  const state = await withStartLock(dataDir, log, async () => {
    const existing = readState(stateFile);
    if (existing) {
      // Never send the master key, or a signal, to a process that has not proved it is our engine.
      const notOurs = whyNotOurEngine({ ...existing, dbPath });
      if (notOurs === undefined) {
        const ours = existing as EngineState;
        if (await isHealthy(ours.url)) {
          log.info({ url: ours.url, pid: ours.pid }, 'attached to the running embedded Meilisearch');
          return ours;
        }
        // Alive but not answering: it may still be opening its database.
        if (await waitHealthy(ours, HEALTH_TIMEOUT_MS)) return ours;
        throw new LedeError({
          code: 'engine_start_failed',
          message: `The embedded Meilisearch (pid ${ours.pid}) in ${dataDir} is running but not answering on ${ours.url}.`,
          suggestion: `Stop it (kill ${ours.pid}) and run the command again.`,
        });
      }
      log.info({ reason: notOurs }, 'ignoring a stale engine state file');
      rmSync(stateFile, { force: true });
    }
    return launch(dataDir, preferredPort, explicitBinary, masterKey, stateFile, log);
  });

  // A client is recorded with its start time, so a reused pid does not keep the engine running.
  const clientFile = path.join(dataDir, 'clients', String(process.pid));
  writePrivate(clientFile, startTimeOf(process.pid) ?? '');

  const ours = () => isSameProcess(state.pid, state.startTime);
  let released = false;
  const detach = (): boolean => {
    if (released) return false;
    released = true;
    process.removeListener('exit', onExit);
    rmSync(clientFile, { force: true });
    const others = readdirSync(path.join(dataDir, 'clients')).filter((name) => {
      const pid = Number(name);
      let started: string | undefined;
      try {
        started = readFileSync(path.join(dataDir, 'clients', name), 'utf8');
      } catch {
        return false;
      }
      if (pid && isSameProcess(pid, started || startTimeOf(pid))) return true;
      rmSync(path.join(dataDir, 'clients', name), { force: true });
      return false;
    });
    return others.length === 0;
  };
  // Only our engine's state file: after a restart another process may have written a new one.
  const forgetState = () => {
    const current = readState(stateFile);
    if (current?.pid === state.pid && current.startTime === state.startTime) rmSync(stateFile, { force: true });
  };
  // Last resort on a plain exit (process.exit, uncaught error): synchronous, so only signals the engine.
  function onExit() {
    if (!detach()) return;
    if (ours()) process.kill(state.pid, 'SIGTERM');
    forgetState();
  }
  process.once('exit', onExit);

  return {
    state,
    forget() {
      detach();
      forgetState();
    },
    async release() {
      if (!detach()) return;
      if (ours()) process.kill(state.pid, 'SIGTERM');
      const stopped = await waitExit(state, 10_000);
      if (!stopped && ours()) process.kill(state.pid, 'SIGKILL');
      await waitExit(state, 5_000);
      forgetState();
      log.info({ pid: state.pid }, 'stopped the embedded Meilisearch');
    },
  };
}

async function isHealthy(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    // No key: /health is public, and the key only goes to a verified engine.
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitExit(engine: Pick<EngineState, 'pid' | 'startTime'>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isSameProcess(engine.pid, engine.startTime)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isSameProcess(engine.pid, engine.startTime);
}

async function waitHealthy(engine: Pick<EngineState, 'pid' | 'startTime' | 'url'>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isSameProcess(engine.pid, engine.startTime)) return false;
    if (await isHealthy(engine.url)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

async function launch(dataDir: string, preferredPort: number, explicitBinary: string | undefined, masterKey: string, stateFile: string, log: Logger): Promise<EngineState> {
  const binary = resolveBinary(explicitBinary, dataDir);
  const version = await checkVersion(binary.path);
  const port = await freePort(preferredPort);
  const url = `http://127.0.0.1:${port}`;
  const dbPath = path.join(dataDir, 'data.ms');
  const logFile = path.join(dataDir, 'meilisearch.log');
  const out = openSync(logFile, 'a', 0o600);
  fchmodSync(out, 0o600);
  const nonce = randomBytes(16).toString('hex');
  const child = spawn(
    binary.path,
    [
      '--db-path', dbPath,
      '--dump-dir', path.join(dataDir, 'dumps'),
      '--snapshot-dir', path.join(dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--env', 'production',
      '--no-analytics',
      '--log-level', 'WARN',
    ],
    {
      // The key goes by environment, not argv, so it does not show in `ps`. Nothing else of ours is
      // inherited. The nonce lets a later lede check that the process it finds is this one.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dataDir, MEILI_MASTER_KEY: masterKey, [NONCE_VARIABLE]: nonce },
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
  const startTime = startTimeOf(pid) ?? '';
  log.info({ binary: binary.path, from: binary.from, version, url, pid }, 'starting the embedded Meilisearch');
  if (!(await waitHealthy({ pid, startTime, url }, HEALTH_TIMEOUT_MS))) {
    if (isSameProcess(pid, startTime)) process.kill(pid, 'SIGKILL');
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-8).join('\n');
    throw new LedeError({
      code: 'engine_start_failed',
      message: `The embedded Meilisearch did not become healthy on ${url} within ${HEALTH_TIMEOUT_MS / 1000} s. Its log ends:\n${tail}`,
      suggestion: `Read ${logFile}; if another Meilisearch holds ${dbPath}, stop it, or set MEILI_URL to use it.`,
    });
  }
  const state: EngineState = { pid, url, version, startTime, nonce, dbPath };
  writePrivate(stateFile, JSON.stringify(state));
  return state;
}
