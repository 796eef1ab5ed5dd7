import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BuildScheduler } from '../../src/watch/scheduler.js';

/** A scheduler whose builds end only when the test says so. */
function harness(debounceMs = 50) {
  const runs: string[][] = [];
  const finish: (() => void)[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const errors: unknown[] = [];
  const scheduler = new BuildScheduler({
    debounceMs,
    run: (changes) => {
      runs.push([...changes]);
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      return new Promise<void>((resolve) => finish.push(() => {
        concurrent--;
        resolve();
      }));
    },
    onError: (err) => errors.push(err),
  });
  /** Ends the oldest running build and lets its continuation run. */
  const end = async (): Promise<void> => {
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { scheduler, runs, end, errors, maxConcurrent: () => maxConcurrent };
}

describe('BuildScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for the debounce after the last change, then builds once with every change, without repeats', async () => {
    const { scheduler, runs } = harness(50);
    scheduler.notify('a');
    await vi.advanceTimersByTimeAsync(30);
    scheduler.notify('b');
    await vi.advanceTimersByTimeAsync(30);
    scheduler.notify('a');
    await vi.advanceTimersByTimeAsync(49);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([['a', 'b']]);
  });

  it('runs one build at a time and coalesces changes made during a build into exactly one follow-up', async () => {
    const h = harness(50);
    h.scheduler.notify('a');
    await vi.advanceTimersByTimeAsync(50);
    expect(h.runs).toEqual([['a']]);
    expect(h.scheduler.building).toBe(true);
    for (const c of ['b', 'c', 'd']) {
      h.scheduler.notify(c);
      await vi.advanceTimersByTimeAsync(60); // each debounce elapses while the build still runs
    }
    expect(h.runs).toHaveLength(1);
    await h.end();
    expect(h.runs).toEqual([['a'], ['b', 'c', 'd']]);
    await h.end();
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.runs).toHaveLength(2);
    expect(h.maxConcurrent()).toBe(1);
  });

  it('lets the follow-up wait for its own debounce when changes are still arriving at the end of a build', async () => {
    const h = harness(50);
    h.scheduler.notify('a');
    await vi.advanceTimersByTimeAsync(50);
    h.scheduler.notify('b');
    await vi.advanceTimersByTimeAsync(10);
    await h.end();
    expect(h.runs).toEqual([['a']]);
    h.scheduler.notify('c');
    await vi.advanceTimersByTimeAsync(49);
    expect(h.runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.runs).toEqual([['a'], ['b', 'c']]);
  });

  it('runNow builds at once with no changes (the initial build), or right after the running build', async () => {
    const h = harness(50);
    h.scheduler.runNow();
    expect(h.runs).toEqual([[]]);
    h.scheduler.runNow();
    expect(h.runs).toHaveLength(1);
    await h.end();
    expect(h.runs).toEqual([[], []]);
  });

  it('reports a failed build and carries on', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new BuildScheduler({
      debounceMs: 10,
      run: () => (++calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve()),
      onError: (err) => errors.push(err),
    });
    scheduler.notify('a');
    await vi.advanceTimersByTimeAsync(10);
    expect(errors).toEqual([new Error('boom')]);
    scheduler.notify('b');
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toBe(2);
  });

  it('idle resolves once nothing runs or waits; close waits for the running build and drops pending changes', async () => {
    const h = harness(50);
    let idle = false;
    h.scheduler.notify('a');
    void h.scheduler.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(idle).toBe(false);
    h.scheduler.notify('b');
    let closed = false;
    void h.scheduler.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(closed).toBe(false);
    await h.end();
    expect(closed).toBe(true);
    expect(idle).toBe(true);
    expect(h.runs).toEqual([['a']]);
    h.scheduler.notify('c');
    await vi.advanceTimersByTimeAsync(100);
    expect(h.runs).toEqual([['a']]);
  });
});
