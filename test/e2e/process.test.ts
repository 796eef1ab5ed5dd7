import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ccmProcess, tempCopy, tempDir, tempTree } from '../helpers/cli.js';

/**
 * What only a process of its own shows: the exit code the shell sees (set once, by src/cli/main.ts),
 * a reader that closes the pipe early, and bin/ccm.js refusing a Node.js too old to run ccm. The
 * other end-to-end tests run ccm in process (test/helpers/cli.ts).
 */
describe('the ccm process', () => {
  it('exits 0 on success, 1 on a failure, 2 on a usage error', () => {
    const config = `${tempCopy('examples')}/team-config`;
    expect(ccmProcess(['validate', '--cwd', config]).code).toBe(0);
    const broken = tempTree({ 'ccm.config.yaml': 'version: 1\n', 'components/subagents/a.yaml': 'description: [unclosed\n' });
    const failed = ccmProcess(['validate', '--cwd', broken]);
    expect(failed.stderr).toContain('components/subagents/a.yaml:1:');
    expect(failed.code).toBe(1);
    const usage = ccmProcess(['biuld']);
    expect(usage.stderr).toMatch(/did you mean.*build/);
    expect(usage.code).toBe(2);
    expect(ccmProcess(['validate', '--cwd', tempDir()]).code).toBe(1);
  });

  it('ends quietly with exit 0 when the reader closes stdout early (`ccm … | head -1`)', async () => {
    // More lines than a pipe holds, so ccm is still writing when the reader goes.
    const files: Record<string, string> = { 'ccm.config.yaml': 'version: 1\n' };
    for (let i = 0; i < 3000; i++) files[`components/subagents/agent-with-a-long-name-${i}.yaml`] = `description: Agent ${i}.\n`;
    const config = tempTree(files);
    const child = spawn(process.execPath, [CLI, 'ls', 'subagents', '--cwd', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let first = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString('utf8');
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toContain('agent-with-a-long-name-');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('refuses a Node.js older than 20.19 before loading anything, with exit 2', () => {
    const old = spawnSync(process.execPath, ['-e', `Object.defineProperty(process.versions, 'node', { value: '20.18.1' }); process.argv[1] = ${JSON.stringify(CLI)}; await import(${JSON.stringify(CLI)});`, '--input-type=module'], { encoding: 'utf8' });
    expect(old.stderr).toBe('ccm needs Node.js >= 20.19 (this is 20.18.1).\n');
    expect(old.status).toBe(2);
  });
});
