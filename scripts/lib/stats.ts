/** Small helpers shared by the benchmarks, evaluations and generated-input tests. */
import { readFileSync } from 'node:fs';

/** A seeded PRNG (mulberry32), so sampled queries and generated inputs are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-th percentile of ascending-sorted values; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, read from
 * /proc/<pid>/stat; undefined where there is no /proc (not Linux) or the process is gone. Clock
 * ticks are taken as 100 per second (USER_HZ on every Linux build we run on).
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
