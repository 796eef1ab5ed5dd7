// Ten rounds of two real builds at once into one project (test/e2e/lock.test.ts has the rest of the lock):
// seconds of real processes, so it runs with the stress suite, not in `npm test`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm } from '../helpers/cli.js';
import { spawnCcm, twoConfigs } from '../helpers/lock.js';
import { snapshot } from '../helpers/tree.js';

const LOCK = '.ccm/build.lock';

describe('the build lock', () => {
  it('lets two builds of different config repos into one project take turns: the project always holds exactly one of them', async () => {
    const { a, b, out } = twoConfigs();
    // What each build alone leaves in the project (manifest included).
    expect((await ccm(['build'], { cwd: a })).code).toBe(0);
    const onlyA = snapshot(out);
    expect((await ccm(['build'], { cwd: b })).code).toBe(0);
    const onlyB = snapshot(out);
    expect(onlyA).not.toEqual(onlyB);
    for (let round = 0; round < 10; round++) {
      const [ra, rb] = await Promise.all([spawnCcm(['build'], a), spawnCcm(['build'], b)]);
      expect(ra.code, ra.stderr).toBe(0);
      expect(rb.code, rb.stderr).toBe(0);
      const now = snapshot(out);
      const winner = JSON.stringify(now) === JSON.stringify(onlyA) ? a : JSON.stringify(now) === JSON.stringify(onlyB) ? b : undefined;
      expect(winner, `round ${round}: a mix of both builds: ${Object.keys(now).join(', ')}`).toBeDefined();
      const check = await ccm(['build', '--check'], { cwd: winner! });
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(existsSync(join(out, LOCK))).toBe(false);
    }
  });
});
