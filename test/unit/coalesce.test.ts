/** The push API's coalesced refreshes (src/api/admin/push.ts): one run at a time, each call answered by a run that started after it. */
import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/api/admin/push.js';

/** A refresh that records when each run starts and finishes, and ends when told. */
function gatedWork() {
  const runs: Array<{ started: number; release: () => void }> = [];
  let clock = 0;
  const work = () =>
    new Promise<void>((resolve) => {
      runs.push({ started: ++clock, release: resolve });
    });
  return { runs, work };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesce', () => {
  it('runs once for a call made while idle', async () => {
    const { runs, work } = gatedWork();
    const refresh = coalesce(work);
    const done = refresh();
    expect(runs).toHaveLength(1);
    runs[0]!.release();
    await done;
  });

  it('answers calls made during a run with one later run, never a queue of them', async () => {
    const { runs, work } = gatedWork();
    const refresh = coalesce(work);
    const first = refresh();
    let laterDone = 0;
    const later = [refresh(), refresh(), refresh()].map((p) => p.then(() => laterDone++));
    await tick();
    expect(runs).toHaveLength(1);
    runs[0]!.release();
    await first;
    await tick();
    // The calls made during the first run wait for a second run, which saw their changes.
    expect(runs).toHaveLength(2);
    expect(laterDone).toBe(0);
    runs[1]!.release();
    await Promise.all(later);
    expect(laterDone).toBe(3);
    expect(runs).toHaveLength(2);
  });

  it('goes on after a failed run, and the failure reaches only its own callers', async () => {
    let calls = 0;
    const refresh = coalesce(async () => {
      calls++;
      if (calls === 1) throw new Error('engine away');
    });
    const failing = refresh();
    const next = refresh();
    await expect(failing).rejects.toThrow('engine away');
    await expect(next).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
