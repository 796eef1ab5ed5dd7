import { describe, expect, it } from 'vitest';
import { eachLimited } from '../../src/io/pool.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('eachLimited', () => {
  it('runs at most `limit` calls at once and returns the results in the order of the items', async () => {
    let running = 0;
    let most = 0;
    const items = Array.from({ length: 50 }, (_, i) => i);
    const results = await eachLimited(items, 4, async (n) => {
      running++;
      most = Math.max(most, running);
      for (let t = 0; t < (n * 7) % 5; t++) await tick();
      running--;
      return n * 2;
    });
    expect(results).toEqual(items.map((n) => n * 2));
    expect(most).toBe(4);
  });

  it('starts nothing after a failure and rejects only once every started call has settled', async () => {
    const started: number[] = [];
    let settled = 0;
    const err = await eachLimited(Array.from({ length: 40 }, (_, i) => i), 5, async (n) => {
      started.push(n);
      for (let t = 0; t < 3; t++) await tick();
      settled++;
      if (n === 7) throw new Error('seven');
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('seven');
    expect(settled).toBe(started.length);
    expect(started.length).toBeLessThan(40);
  });

  it('handles no items', async () => {
    expect(await eachLimited([], 8, async () => 1)).toEqual([]);
  });
});
