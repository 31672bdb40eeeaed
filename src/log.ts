/** Structured logging (pino). Secrets are redacted by path so no key reaches a log line. */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const redactPaths = [
  'masterKey',
  'apiKey',
  '*.masterKey',
  '*.apiKey',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * Logs go to stderr by default so that CLI output on stdout (`lede stats --json`) stays
 * machine-readable. Tests pass their own stream to read what was logged.
 */
export function createLogger(level: string, stream?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' }, base: undefined };
  return pino(options, stream ?? pino.destination({ dest: 2, sync: true }));
}
