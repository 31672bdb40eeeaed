/**
 * Orderly shutdown: cleanups registered here run once, newest first, on SIGINT/SIGTERM or when a
 * command finishes, so the embedded Meilisearch is always stopped and nothing is left behind.
 */
type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];
let shuttingDown: Promise<void> | undefined;
let installed = false;
/** Exit code after a signal; `undefined` means the shell convention (130 for SIGINT, 143 for SIGTERM). */
let signalExitCode: number | undefined;

/**
 * For long-running services, a signal is the normal way to stop: once cleanups succeed the
 * process exits with this code (0) instead of the interrupted-command convention.
 */
export function exitCleanlyOnSignal(code = 0): void {
  signalExitCode = code;
}

export function onShutdown(cleanup: Cleanup): void {
  cleanups.push(cleanup);
  if (!installed) {
    installed = true;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void shutdown().finally(() => process.exit(signalExitCode ?? (signal === 'SIGINT' ? 130 : 143)));
      });
    }
  }
}

/** Runs every registered cleanup once; later calls wait for the same run. */
export function shutdown(): Promise<void> {
  shuttingDown ??= (async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`lede: cleanup failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return shuttingDown;
}
