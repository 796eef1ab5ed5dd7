import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isMapping, secretName } from '../../src/core/values.js';

describe('isMapping', () => {
  it('is true for what a YAML mapping or a JSON object parses to, nothing else', () => {
    const parsed = parseDocument('map: {a: 1}\nbinary: !!binary aGVsbG8=\ndate: !!timestamp 2001-12-14\nset: !!set {x: null}\nlist: [1]\n').toJS() as Record<string, unknown>;
    expect(isMapping(parsed['map'])).toBe(true);
    expect(isMapping(JSON.parse('{"a": 1}'))).toBe(true);
    expect(isMapping(Object.create(null))).toBe(true);
    for (const key of ['binary', 'date', 'set', 'list']) expect([key, isMapping(parsed[key])]).toEqual([key, false]);
    expect(isMapping(null)).toBe(false);
    expect(isMapping('text')).toBe(false);
    expect(isMapping(new (class Ref { secret = 'X'; })())).toBe(false);
  });

  it('makes a secret reference only of a one-key mapping', () => {
    expect(secretName({ secret: 'TOKEN' })).toBe('TOKEN');
    expect(secretName({ secret: 'TOKEN', other: 1 })).toBeUndefined();
    expect(secretName(new (class Ref { secret = 'TOKEN'; })())).toBeUndefined();
  });
});
