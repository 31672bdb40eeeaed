/**
 * Searches first, indexing with what is left. On a small machine, Meilisearch's indexing threads
 * and its search threads share the same cores at the same priority, so a re-index can double
 * typeahead latency. Linux sets priorities per thread: this lowers the priority (raises the nice
 * value) of the embedded engine's indexing threads — its `indexing-thread` pool and its
 * `scheduler` threads, whose children inherit it — and leaves the threads that answer HTTP and run
 * searches alone. When no search is waiting, indexing runs at full speed; under load it yields.
 *
 * Lowering a priority needs no privilege. Elsewhere than Linux, or when `/proc` cannot be read, it
 * does nothing. `LEDE_MEILI_INDEXING_NICE=0` turns it off.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { Logger } from '../log.js';

const INDEXING_THREAD = /^(indexing-thread|scheduler)/;
const SCAN_MS = 1_000;

/** Threads of `pid` whose name marks them as indexing work. */
function indexingThreads(pid: number): number[] {
  const tids: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      if (INDEXING_THREAD.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8'))) tids.push(Number(tid));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return tids;
}

/**
 * Keeps the engine's indexing threads at `nice` (re-checked every second, as the engine starts
 * threads per task) until the engine exits or `stop` is called.
 */
export function deprioritizeIndexing(pid: number, nice: number, log: Logger): { stop(): void } {
  const noop = { stop: () => {} };
  if (nice <= 0 || process.platform !== 'linux') return noop;
  let warned = false;
  const scan = (): boolean => {
    let tids: number[];
    try {
      tids = indexingThreads(pid);
    } catch {
      return false; // the engine is gone
    }
    for (const tid of tids) {
      try {
        if (getPriority(tid) < nice) setPriority(tid, nice);
      } catch (error) {
        if (!warned) log.debug({ err: error, tid }, 'could not lower the priority of a Meilisearch indexing thread');
        warned = true;
      }
    }
    return true;
  };
  if (!scan()) return noop;
  const timer = setInterval(() => {
    if (!scan()) clearInterval(timer);
  }, SCAN_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
