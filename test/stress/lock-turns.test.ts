// Ten rounds of two real builds at once into one project (test/e2e/lock.test.ts has the rest of the lock):
// seconds of real processes, so it runs with the stress suite, not in `npm test`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, CLI, tempDir, tempTree } from '../helpers/cli.js';
import { snapshot } from '../helpers/tree.js';

/**
 * Two config repos, `a` and `b`, whose project `app` is the same folder `out`, each writing a
 * different set of files (a subagent of its own, different settings), so that a mix of both builds
 * is visible in the tree.
 */
function twoConfigs(): { a: string; b: string; out: string } {
  const base = tempDir();
  const config = (name: string, model: string): string =>
    tempTree({
      'ccm.config.yaml': 'version: 1\n',
      [`components/subagents/${name}.yaml`]: `description: Agent ${name}.\n`,
      [`components/subagents/${name}.md`]: `You are ${name}.\n`,
      'components/settings/s.yaml': `model: ${model}\n`,
      'projects/app.yaml': `path: ../out\ntargets: [claude-code]\ncomponents:\n  subagents: [${name}]\n  settings: [s]\n`,
    }, join(base, name));
  return { a: config('alpha', 'sonnet'), b: config('beta', 'opus'), out: join(base, 'out') };
}

/** The CLI in its own process, without blocking the test's event loop (which may be holding a lock). */
function spawnCcm(args: readonly string[], cwd: string, onStderr?: (all: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      onStderr?.(stderr);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

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
