import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YamlCache } from '../../src/load/yaml-cache.js';
import { DiskCache } from '../../src/plan/disk-state.js';
import { tempDir } from '../helpers/cli.js';

const enc = new TextEncoder();

describe('YamlCache', () => {
  it('reuses the parsed file while the bytes are the same and parses again when they change', () => {
    const cache = new YamlCache();
    const first = cache.parse('a.yaml', enc.encode('description: one\n'));
    expect(cache.parse('a.yaml', enc.encode('description: one\n')).file).toBe(first.file);
    const changed = cache.parse('a.yaml', enc.encode('description: two\n'));
    expect(changed.file).not.toBe(first.file);
    expect(changed.file?.value).toEqual({ description: 'two' });
  });

  it('keeps diagnostics of a cached invalid file, and forgets files not parsed since the last sweep', () => {
    const cache = new YamlCache();
    const bad = enc.encode('a: [1\n');
    expect(cache.parse('bad.yaml', bad).diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    cache.sweep();
    expect(cache.parse('bad.yaml', bad).diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    const kept = cache.parse('b.yaml', enc.encode('x: 1\n')).file;
    cache.sweep();
    cache.sweep();
    expect(cache.parse('b.yaml', enc.encode('x: 1\n')).file).not.toBe(kept);
  });
});

describe('DiskCache', () => {
  it('returns the remembered bytes while lstat reports the same file, and the new bytes after any write', () => {
    const file = join(tempDir(), 'out.md');
    writeFileSync(file, 'aaaa');
    const cache = new DiskCache(() => Date.now() + 60_000);
    const first = cache.read(file, lstatSync(file));
    expect(Buffer.from(first).toString()).toBe('aaaa');
    expect(cache.read(file, lstatSync(file))).toBe(first);
    // Same size, written right away: a hand edit must still be seen.
    writeFileSync(file, 'bbbb');
    expect(Buffer.from(cache.read(file, lstatSync(file))).toString()).toBe('bbbb');
  });

  it('never trusts a file modified within the last seconds (coarse timestamps)', () => {
    const file = join(tempDir(), 'out.md');
    writeFileSync(file, 'aaaa');
    const cache = new DiskCache();
    const info = lstatSync(file);
    const first = cache.read(file, info);
    writeFileSync(file, 'bbbb');
    // The same stat as before, as a file system with 1-second timestamps could report it.
    expect(Buffer.from(cache.read(file, info)).toString()).toBe('bbbb');
    expect(cache.read(file, info)).not.toBe(first);
  });
});
