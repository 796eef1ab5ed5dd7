import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache, type ParseResult } from '../../src/load/parse-cache.js';
import { DiskCache } from '../../src/plan/disk-state.js';
import { tempDir } from '../helpers/cli.js';

const enc = new TextEncoder();

describe('ParseCache in memory (ccm watch)', () => {
  const load = (cache: ParseCache, root: string, files: Record<string, string>): Record<string, ParseResult> => {
    cache.begin(root);
    const out = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, cache.parse({ path, bytes: enc.encode(text) })]));
    cache.finish();
    cache.persist();
    return out;
  };

  it('reuses the parsed file while the bytes are the same and parses again when they change', () => {
    const cache = new ParseCache();
    const root = tempDir();
    const first = load(cache, root, { 'a.yaml': 'description: one\n' })['a.yaml']!;
    expect(load(cache, root, { 'a.yaml': 'description: one\n' })['a.yaml']!.file).toBe(first.file);
    const changed = load(cache, root, { 'a.yaml': 'description: two\n' })['a.yaml']!;
    expect(changed.file).not.toBe(first.file);
    expect(changed.file?.value).toEqual({ description: 'two' });
  });

  it('keeps diagnostics of an invalid file, and forgets files the previous load did not use', () => {
    const cache = new ParseCache();
    const root = tempDir();
    const bad = 'a: [1\n';
    expect(load(cache, root, { 'bad.yaml': bad })['bad.yaml']!.diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    expect(load(cache, root, { 'bad.yaml': bad })['bad.yaml']!.diagnostics.map((d) => d.code)).toEqual(['YAML_SYNTAX']);
    const kept = load(cache, root, { 'b.yaml': 'x: 1\n' })['b.yaml']!.file;
    load(cache, root, {});
    expect(load(cache, root, { 'b.yaml': 'x: 1\n' })['b.yaml']!.file).not.toBe(kept);
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
