import { describe, expect, it } from 'vitest';
import { YamlCache } from '../../src/load/yaml-cache.js';

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
