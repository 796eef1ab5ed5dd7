import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CLI, tempDir, tempTree } from './cli.js';

/** For the build-lock tests (test/e2e/lock.test.ts, test/stress/lock-turns.test.ts). */

/**
 * Two config repos, `a` and `b`, whose project `app` is the same folder `out`, each writing a
 * different set of files (a subagent of its own, different settings), so that a mix of both builds
 * is visible in the tree.
 */
export function twoConfigs(): { a: string; b: string; out: string } {
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
export function spawnCcm(args: readonly string[], cwd: string, onStderr?: (all: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
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
