import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import lockfile from 'proper-lockfile';
import { describe, expect, it } from 'vitest';
import { takeDirLock, type DirLockOptions } from '../../src/io/dir-lock.js';
import { PROJECT_ROOT, tempDir } from '../helpers/cli.js';

const options = (over: Partial<DirLockOptions> = {}): DirLockOptions => ({ staleMs: 10_000, updateMs: 2_000, onCompromised: () => undefined, ...over });

async function until(check: () => boolean, limitMs = 5_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe('the folder lock', () => {
  it('is a folder while held, excludes a second taker, and is gone once released', () => {
    const path = join(tempDir(), 'build.lock');
    const lock = takeDirLock(path, options());
    expect(lock).toBeDefined();
    expect(statSync(path).isDirectory()).toBe(true);
    expect(takeDirLock(path, options())).toBeUndefined();
    lock!.release();
    expect(existsSync(path)).toBe(false);
    const again = takeDirLock(path, options());
    expect(again).toBeDefined();
    again!.release();
  });

  it('takes over a lock left unrefreshed for longer than staleMs, and not a fresh one', () => {
    const path = join(tempDir(), 'build.lock');
    mkdirSync(path);
    expect(takeDirLock(path, options())).toBeUndefined();
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
    const lock = takeDirLock(path, options());
    expect(lock).toBeDefined();
    expect(statSync(path).mtimeMs).toBeGreaterThan(past.getTime() + 30_000);
    lock!.release();
  });

  it('excludes and is excluded by a holder using proper-lockfile, the protocol earlier ccm versions spoke', async () => {
    const dir = tempDir();
    const path = join(dir, 'build.lock');
    const theirs = await lockfile.lock(dir, { lockfilePath: path, realpath: false, stale: 10_000, update: 2_000 });
    expect(takeDirLock(path, options())).toBeUndefined();
    await theirs();
    const ours = takeDirLock(path, options());
    expect(ours).toBeDefined();
    const err = await lockfile.lock(dir, { lockfilePath: path, realpath: false, stale: 10_000, retries: 0 }).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('ELOCKED');
    ours!.release();
  });

  it('refreshes its mtime while held', async () => {
    const path = join(tempDir(), 'build.lock');
    let lost: Error | undefined;
    const held = takeDirLock(path, options({ updateMs: 20, onCompromised: (err) => (lost = err) }))!;
    const first = statSync(path).mtimeMs;
    await until(() => statSync(path).mtimeMs > first);
    expect(statSync(path).mtimeMs).toBeGreaterThan(first);
    // Its own refreshes are never taken for another holder's.
    await new Promise((r) => setTimeout(r, 100));
    expect(lost).toBeUndefined();
    held.release();
  });

  it('reports itself lost when its folder is removed or taken over, and then never removes the new holder', async () => {
    for (const steal of ['remove', 'take over'] as const) {
      const path = join(tempDir(), 'build.lock');
      let lost: Error | undefined;
      const lock = takeDirLock(path, options({ updateMs: 20, onCompromised: (err) => (lost = err) }))!;
      if (steal === 'remove') {
        rmdirSync(path);
        mkdirSync(path);
      } else {
        const other = new Date(Date.now() + 60_000);
        utimesSync(path, other, other);
      }
      // A removed folder made again has another mtime than the one the holder set: both are a takeover.
      await until(() => lost !== undefined);
      expect(lost?.message, steal).toMatch(/was (removed|taken over by another process)/);
      lock.release();
      expect(existsSync(path), steal).toBe(true);
      rmdirSync(path);
    }
  });

  it('is removed when the process ends by exit or by a signal nothing else handles', async () => {
    const module = pathToFileURL(join(PROJECT_ROOT, 'dist/io/dir-lock.js')).href;
    for (const end of ['process.exit(3)', 'SIGTERM', 'SIGINT'] as const) {
      const path = join(tempDir(), 'build.lock');
      const script = `const { takeDirLock } = await import(${JSON.stringify(module)});
        takeDirLock(${JSON.stringify(path)}, { staleMs: 10000, updateMs: 2000, onCompromised() {} });
        console.log('held');
        ${end === 'process.exit(3)' ? end : 'setInterval(() => {}, 1000);'}`;
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      if (end !== 'process.exit(3)') child.kill(end);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      expect(existsSync(path), end).toBe(false);
      // It still ends as it would have: the exit code, or killed by the signal.
      if (end === 'process.exit(3)') expect(code).toBe(3);
      else expect(signal, end).toBe(end);
    }
  });
});
