import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CLOCK_TICK_MS } from '../../src/cache/stat-key.js';
import { ccmProcess, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { bigConfig, killBuild, leftovers, outputs } from './workload.js';

const BODIES = 12;
// A kill after the locks are taken leaves them to go stale (10 s) before the next build proceeds: few rounds.
const KILLS = 15;
const PROBE = pathToFileURL(join(PROJECT_ROOT, 'test/fixtures/probes/loaded-modules.mjs')).href;
const tick = () => sleep(2 * CLOCK_TICK_MS);

/** A build of the real bundle that rendered nothing: a replay (src/pipeline/replay.ts). */
function replayed(config: string): boolean {
  const report = join(tempDir(), 'loaded.json');
  const run = ccmProcess(['build'], { cwd: config, env: { NODE_OPTIONS: `--import=${PROBE}`, CCM_TEST_LOADED: report } });
  expect(run.code, run.stderr).toBe(0);
  return !(JSON.parse(readFileSync(report, 'utf8')) as { files: string[] }).files.some((f) => f.endsWith(`${sep}render${sep}templates.cjs`));
}

describe('kill -9 during a replayed build', () => {
  it(`leaves every output whole, and the next build finishes the job with no drift (${BODIES} bodies, ${KILLS} kills)`, async () => {
    const base = tempDir();
    const config = join(base, 'config');
    const out = join(base, 'out');
    bigConfig(config, out, 'r', BODIES);
    const bodies = ['subagents', 'commands'].flatMap((kind) => readdirSync(join(config, 'components', kind)).filter((f) => f.endsWith('.md')).map((f) => join(config, 'components', kind, f)));
    expect(bodies).toHaveLength(BODIES);
    const setBodies = (version: string): void => {
      for (const path of bodies) writeFileSync(path, `Version ${version} of this body.\n\n${'Instructions of a realistic length. '.repeat(30)}\n`);
    };
    const versions: Record<'a' | 'b', Map<string, string>> = { a: new Map(), b: new Map() };
    for (const v of ['a', 'b'] as const) {
      setBodies(v);
      await tick();
      expect(ccmProcess(['build'], { cwd: config }).code).toBe(0);
      versions[v] = outputs(out);
    }
    await tick();
    // Only bodies change from here on: every build that finishes is a replay.
    setBodies('a');
    expect(replayed(config)).toBe(true);
    const started = Date.now();
    setBodies('b');
    expect(replayed(config)).toBe(true);
    const buildMs = Date.now() - started;

    let current: 'a' | 'b' = 'b';
    for (let i = 0; i < KILLS; i++) {
      current = current === 'a' ? 'b' : 'a';
      setBodies(current);
      await tick();
      await killBuild(i, config, out, buildMs);

      const after = outputs(out);
      expect(after.size, `kill ${i}: files appeared or vanished`).toBe(BODIES);
      for (const [path, text] of after) {
        expect(text === versions.a.get(path) || text === versions.b.get(path), `kill ${i}: ${path} is torn`).toBe(true);
      }
      // The bundle, as the killed builds: its cache is not the one a build from src/ keeps.
      const next = ccmProcess(['build'], { cwd: config });
      expect(next.code, `kill ${i}: ${next.stderr}`).toBe(0);
      expect(next.stderr).not.toContain('DRIFTED');
      expect(outputs(out)).toEqual(versions[current]);
      expect(leftovers(out), `kill ${i}`).toEqual([]);
    }
    // Still replaying after all that: the state a killed replay leaves is one the next build recovers from.
    setBodies(current === 'a' ? 'b' : 'a');
    await tick();
    expect(replayed(config)).toBe(true);
  });
});
