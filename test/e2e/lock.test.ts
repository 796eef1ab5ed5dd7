import { existsSync, mkdirSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { spawnCcm, twoConfigs } from '../helpers/lock.js';

const LOCK = '.ccm/build.lock';

function holdLock(dir: string): Promise<() => Promise<void>> {
  mkdirSync(join(dir, '.ccm'), { recursive: true });
  return lockfile.lock(dir, { lockfilePath: join(dir, LOCK), realpath: false, stale: 10_000, update: 2_000 });
}

describe('the build lock', () => {
  it('fails at once with LOCKED under --no-wait while another process holds the lock, and writes nothing', async () => {
    const { a, out } = twoConfigs();
    const release = await holdLock(out);
    try {
      const r = await spawnCcm(['build', '--no-wait'], a);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('LOCKED');
      expect(r.stderr).toContain(`another ccm build of ${out} is running`);
      expect(r.stderr).toContain(join(out, LOCK));
      expect(readdirSync(out)).toEqual(['.ccm']);
      expect(readdirSync(join(out, '.ccm'))).toEqual(['build.lock']);
      // Read-only builds take no lock.
      expect((await spawnCcm(['build', '--dry-run'], a)).code).toBe(0);
    } finally {
      await release();
    }
    // The failed build left the config repo's lock free.
    expect(existsSync(join(a, LOCK))).toBe(false);
    expect((await ccm(['build', '--no-wait'], { cwd: a })).code).toBe(0);
  });

  it('waits for a held lock, saying so once on stderr, and builds when it is released', async () => {
    const { a, out } = twoConfigs();
    const release = await holdLock(out);
    let released = false;
    const r = await spawnCcm(['build'], a, (stderr) => {
      if (!released && stderr.includes('waiting for another ccm build')) {
        released = true;
        void release();
      }
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/waiting for another ccm build of (\S+) \(lock held since [^)]+\)/g)).toEqual([expect.stringContaining(out)]);
    expect(existsSync(join(out, '.claude/agents/alpha.md'))).toBe(true);
    expect((await ccm(['build', '--check'], { cwd: a })).code).toBe(0);
  });

  it('takes over the lock a killed build left behind once it is stale', async () => {
    const { a, out } = twoConfigs();
    // A lock whose owner stopped refreshing it a minute ago.
    mkdirSync(join(out, LOCK), { recursive: true });
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(out, LOCK), past, past);
    mkdirSync(join(a, LOCK), { recursive: true });
    utimesSync(join(a, LOCK), past, past);
    const r = await ccm(['build', '--no-wait'], { cwd: a });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, '.claude/agents/alpha.md'))).toBe(true);
    expect(existsSync(join(out, LOCK))).toBe(false);
    expect(existsSync(join(a, LOCK))).toBe(false);
    rmSync(out, { recursive: true, force: true });
  });

  it('makes `ccm import` wait for a build of the config repo, writing nothing until the lock is free', async () => {
    const base = tempDir();
    const repo = join(base, 'config');
    const proj = tempTree({ '.claude/agents/helper.md': '---\nname: helper\ndescription: Helps.\n---\nYou help.\n' }, join(base, 'proj'));
    mkdirSync(repo);
    const release = await holdLock(repo);
    let released = false;
    let writtenWhileLocked: string[] = [];
    const r = await spawnCcm(['import', 'claude', proj, '--yes'], repo, (stderr) => {
      if (!released && stderr.includes('waiting for another ccm build')) {
        released = true;
        writtenWhileLocked = readdirSync(repo);
        void release();
      }
    });
    expect(r.code, r.stderr).toBe(0);
    expect(released).toBe(true);
    expect(writtenWhileLocked).toEqual(['.ccm']);
    expect(existsSync(join(repo, 'components/subagents/helper.yaml'))).toBe(true);
    expect(existsSync(join(repo, LOCK))).toBe(false);
  });
});
