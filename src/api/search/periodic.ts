/**
 * Runs a refresh now and then every `everyMs`, off the request path (the timer does not keep the
 * process alive). The refresh catches its own errors: a failed read keeps the last copy.
 */
export async function refreshPeriodically(refresh: () => Promise<void>, everyMs: number): Promise<{ stop(): void }> {
  await refresh();
  const timer = setInterval(() => void refresh(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
