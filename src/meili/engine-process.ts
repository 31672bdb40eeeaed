/**
 * Is the process recorded in `meili.json` still the engine lede started? A pid is reused after a
 * crash or a reboot, and anything can listen on a recorded port, so before lede sends the master
 * key to a URL or a signal to a pid, the process must prove it is ours:
 *
 * - it belongs to this user;
 * - it started at the recorded time (a reused pid has another start time);
 * - its environment holds the nonce lede gave it at launch (`LEDE_ENGINE_NONCE`, readable only by
 *   its owner), and its command line names our database;
 * - it is the process listening on the recorded port.
 *
 * On Linux all of this is read from `/proc`. Elsewhere `ps` gives the owner, start time and
 * command line; the nonce and the listening socket are not checked there.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** What lede records about an engine it launched. */
export interface EngineIdentity {
  pid: number;
  url: string;
  /** The process's start time as the OS reports it (clock ticks since boot on Linux). */
  startTime: string;
  /** Random, given to the engine in its environment; proves lede launched this process. */
  nonce: string;
  /** The engine's `--db-path`. */
  dbPath: string;
}

export const NONCE_VARIABLE = 'LEDE_ENGINE_NONCE';

const linux = process.platform === 'linux';

/** The start time of `pid`, or undefined when no such process exists (or it is not readable). */
export function startTimeOf(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (linux) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may itself hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19];
    } catch {
      return undefined;
    }
  }
  return ps(pid, 'lstart=');
}

function ps(pid: number, format: string): string | undefined {
  try {
    const out = execFileSync('ps', ['-p', String(pid), '-o', format], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function ownerOf(pid: number): number | undefined {
  if (linux) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
      return uid === undefined ? undefined : Number(uid);
    } catch {
      return undefined;
    }
  }
  const uid = ps(pid, 'uid=');
  return uid === undefined ? undefined : Number(uid);
}

function commandLineOf(pid: number): string[] | undefined {
  if (linux) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    } catch {
      return undefined;
    }
  }
  return ps(pid, 'command=')?.split(/\s+/);
}

function environmentHas(pid: number, entry: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(entry);
  } catch {
    return false;
  }
}

/** Inodes of the sockets listening on `port` (IPv4 or IPv6, any address), from /proc/net/tcp*. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols[1] is local "ADDR:PORT", cols[3] the state (0A = LISTEN), cols[9] the inode.
      if (cols.length > 9 && cols[1]!.endsWith(`:${hexPort}`) && cols[3] === '0A') inodes.add(cols[9]!);
    }
  }
  return inodes;
}

function listensOn(pid: number, port: number): boolean {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  for (const fd of fds) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return true;
    } catch {
      // The descriptor closed meanwhile.
    }
  }
  return false;
}

/** Whether `pid` is still the very process that had `startTime` (not a reuse of its pid). */
export function isSameProcess(pid: number, startTime: string | undefined): boolean {
  return startTime !== undefined && startTimeOf(pid) === startTime;
}

/**
 * Why the recorded engine is not ours (or not any more), or undefined when it is. Checks are
 * ordered from cheap to dear; the first failure is the reason.
 */
export function whyNotOurEngine(identity: Partial<EngineIdentity>): string | undefined {
  const { pid, url, startTime, nonce, dbPath } = identity;
  if (!pid || !url || !startTime || !nonce || !dbPath) return 'the state file is incomplete (written by an older lede?)';
  const started = startTimeOf(pid);
  if (started === undefined) return `no process ${pid}`;
  if (started !== startTime) return `process ${pid} is another process than the one lede started (start time differs)`;
  const uid = process.getuid?.();
  if (uid !== undefined && ownerOf(pid) !== uid) return `process ${pid} belongs to another user`;
  const argv = commandLineOf(pid);
  if (!argv?.includes(dbPath)) return `process ${pid} is not a Meilisearch on ${dbPath}`;
  if (linux) {
    if (!environmentHas(pid, `${NONCE_VARIABLE}=${nonce}`)) return `process ${pid} was not started by lede with this state file (nonce differs)`;
    const port = Number(new URL(url).port);
    if (!listensOn(pid, port)) return `process ${pid} is not the one listening on port ${port}`;
  }
  return undefined;
}
