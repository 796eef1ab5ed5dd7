import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcmError } from '../../src/errors.js';
import { SYNC_FS_FROM, syncFiles, syncFileSystems, syncFolders } from '../../src/io/durability.js';
import { tempDir } from '../helpers/cli.js';

function files(dir: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `f-${i}`);
    writeFileSync(path, `file ${i}\n`);
    return path;
  });
}

describe('durability: syncing staged files and folders', () => {
  it.runIf(process.platform === 'linux')('syncs whole file systems through coreutils on Linux, and calls a path gone meanwhile nothing to sync', async () => {
    const dir = tempDir();
    expect(await syncFileSystems([dir, join(dir, 'missing')])).toBe(true);
    expect(await syncFileSystems([join(dir, 'missing')])).toBe(true);
  });

  it('syncs a small step file by file and a big one by file system, and skips what is gone either way', async () => {
    const dir = tempDir();
    for (const n of [3, SYNC_FS_FROM + 1]) {
      const step = join(dir, String(n));
      mkdirSync(step);
      await expect(syncFiles([...files(step, n), join(step, 'gone')])).resolves.toBeUndefined();
      const folders = Array.from({ length: n }, (_, i) => join(step, `d-${i}`));
      for (const folder of folders) mkdirSync(folder);
      await expect(syncFolders([...folders, join(step, 'gone')])).resolves.toBeUndefined();
    }
  });

  it('never syncs through a link: a staged name that is a link is an IO error naming it', async () => {
    const dir = tempDir();
    const target = files(dir, 1)[0]!;
    symlinkSync(target, join(dir, 'link'));
    const err = await syncFiles([join(dir, 'link')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CcmError);
    expect((err as CcmError).code).toBe('IO');
    expect((err as CcmError).message).toContain(join(dir, 'link'));
  });
});
