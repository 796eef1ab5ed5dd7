import { lstatSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type StatKey, statKeyOf, statMatches } from '../../src/cache/stat-key.js';
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

describe('statMatches', () => {
  it('holds for the lstat a key was taken of, and fails when any of its five parts changed', () => {
    const dir = tempDir();
    const path = join(dir, 'file.md');
    writeFileSync(path, 'text\n');
    const key = statKeyOf(lstatSync(path));
    expect(statMatches(key, lstatSync(path))).toBe(true);
    for (let i = 0; i < 5; i++) {
      const other = key.map((part, j) => (j === i ? part + 1 : part)) as unknown as StatKey;
      expect(statMatches(other, lstatSync(path)), `part ${i}`).toBe(false);
    }
    // An edit that keeps the size and sets the mtime back still changes the ctime.
    const before = lstatSync(path);
    writeFileSync(path, 'TEXT\n');
    utimesSync(path, before.atime, before.mtime);
    expect(statMatches(key, lstatSync(path))).toBe(false);
  });
});
