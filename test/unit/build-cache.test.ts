import { describe, expect, it } from 'vitest';
import { ParseCache, type ParseResult } from '../../src/load/parse-cache.js';
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
