import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';
import { mtimes } from '../helpers/tree.js';
import { bigConfig, killBuild, leftovers, outputs, startCcm } from './workload.js';

const FILES = 500;
const KILLS = 20;

describe('kill -9 during a build', () => {
  it(`leaves no torn file, and the next build finishes the job with no leftovers and no false drift (${FILES} files, ${KILLS} kills)`, async () => {
    const base = tempDir();
    const config = join(base, 'config');
    const out = join(base, 'out');
    const { setVersion } = bigConfig(config, out, 'x', FILES);
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    const versions = { a: outputs(out), b: new Map<string, string>() };
    setVersion('b');
    const started = Date.now();
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    const buildMs = Date.now() - started;
    versions.b = outputs(out);
    expect(versions.b.size).toBe(FILES);

    let current: 'a' | 'b' = 'b';
    let caughtMidRename = 0;
    for (let i = 0; i < KILLS; i++) {
      current = current === 'a' ? 'b' : 'a';
      setVersion(current);
      await killBuild(i, config, out, buildMs);

      const after = outputs(out);
      let fresh = 0;
      let stale = 0;
      for (const [path, text] of after) {
        const isNew = text === versions[current].get(path);
        const isOld = text === versions[current === 'a' ? 'b' : 'a'].get(path);
        expect(isNew || isOld, `kill ${i}: ${path} is torn or foreign`).toBe(true);
        if (isNew) fresh++;
        else stale++;
      }
      expect(after.size, `kill ${i}: files appeared or vanished`).toBe(FILES);
      if (fresh > 0 && stale > 0) caughtMidRename++;

      const next = await ccm(['build'], { cwd: config });
      expect(next.code, `kill ${i}: ${next.stderr}`).toBe(0);
      expect(next.stderr).not.toContain('DRIFTED');
      expect(outputs(out)).toEqual(versions[current]);
      expect(leftovers(out), `kill ${i}`).toEqual([]);
    }
    // The loop proves nothing unless some kills really landed between the renames.
    expect(caughtMidRename).toBeGreaterThan(0);

    const before = mtimes(out);
    const last = await ccm(['build'], { cwd: config });
    expect(last.code).toBe(0);
    expect(mtimes(out)).toEqual(before);
  });
});

describe('two builds at once', () => {
  it(`of two config repos into one project: every time, the project holds exactly one of them (${FILES} files each, 20 rounds)`, async () => {
    const base = tempDir();
    const out = join(base, 'out');
    const a = join(base, 'a');
    const b = join(base, 'b');
    bigConfig(a, out, 'a', FILES);
    bigConfig(b, out, 'b', FILES);
    expect((await ccm(['build'], { cwd: a })).code).toBe(0);
    const onlyA = outputs(out);
    expect((await ccm(['build'], { cwd: b })).code).toBe(0);
    const onlyB = outputs(out);
    for (let round = 0; round < 20; round++) {
      const [ra, rb] = await Promise.all([startCcm(['build'], a).done, startCcm(['build'], b).done]);
      expect(ra.code, ra.stderr).toBe(0);
      expect(rb.code, rb.stderr).toBe(0);
      const now = JSON.stringify([...outputs(out)]);
      const winner = now === JSON.stringify([...onlyA]) ? a : now === JSON.stringify([...onlyB]) ? b : undefined;
      expect(winner, `round ${round}: a mix of both builds`).toBeDefined();
      const check = await ccm(['build', '--check'], { cwd: winner! });
      expect(check.code, check.stdout + check.stderr).toBe(0);
      expect(leftovers(out)).toEqual([]);
    }
  });
});
