/** The one place that turns an error into terminal output and an exit code. */
import { isLedeError } from '../errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, skipped: 3 } as const;

export function handleError(error: unknown): number {
  if (isLedeError(error)) {
    process.stderr.write(`lede: ${error.message}\n`);
    if (error.suggestion) process.stderr.write(`  → ${error.suggestion}\n`);
    return error.code === 'usage' || error.code === 'invalid_parameter' ? EXIT.usage : EXIT.failure;
  }
  process.stderr.write(`lede: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write('  → This is a bug in lede; please report it with the command you ran.\n');
  return EXIT.failure;
}
