import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statKeyOf } from '../../src/cache/stat-key.js';
import { keptStat } from '../../src/core/entry-stat.js';
import { tempDir } from '../helpers/cli.js';

describe('keptStat', () => {
  it('answers as the lstat it keeps, for a file, a script, a folder and a link, and gives the same stat key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.md'), 'text\n');
    writeFileSync(join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    mkdirSync(join(dir, 'folder'));
    symlinkSync('file.md', join(dir, 'link'));
    for (const name of ['file.md', 'run.sh', 'folder', 'link']) {
      const info = lstatSync(join(dir, name));
      const kept = keptStat(info);
      expect([kept.isFile(), kept.isDirectory(), kept.isSymbolicLink()], name).toEqual([info.isFile(), info.isDirectory(), info.isSymbolicLink()]);
      expect(statKeyOf(kept), name).toEqual(statKeyOf(info));
    }
    expect(keptStat(lstatSync(join(dir, 'link'))).isFile()).toBe(false);
  });
});
