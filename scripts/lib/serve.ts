/** `lede serve` in its own process for the benchmarks: the process, and its URL once it listens. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './corpus.js';

export function serveLede(env: Record<string, string>): { server: ChildProcess; url: Promise<string> } {
  const server = spawn(process.execPath, [path.join(repoRoot, 'bin/lede.js'), 'serve', '--port', '0'], {
    env: { ...process.env, LEDE_RATE_LIMIT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      const match = /serving on (http:\/\/\S+)/.exec(String(chunk));
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`lede serve exited with ${code}`)));
  });
  return { server, url };
}
