import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plainYaml, toYaml } from '../../src/render/helpers.js';

const library = (value: unknown): string => stringify(value, { lineWidth: 0, minContentWidth: 0, indent: 2, version: '1.1' });

/** A small deterministic generator (mulberry32), so a failure names a reproducible input. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every character the fast path allows, and many it must refuse.
const CHARS = "abcXYZ019_-./()',: #!&*?|>%@`\"[]{}~=+\\\t\nä";
const WORDS = ['yes', 'No', 'on', 'OFF', 'true', 'null', 'y', 'n', '~', '.inf', '0x1F', '1e3', '12', '2024-01-01', '1:20', '-', '_', 'Read', 'Bash(git *)', "it's", 'a,b', '', ' '];

function text(rand: () => number): string {
  if (rand() < 0.3) return WORDS[Math.floor(rand() * WORDS.length)]!;
  let s = '';
  const n = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) s += rand() < 0.8 ? CHARS[Math.floor(rand() * 10)]! : CHARS[Math.floor(rand() * CHARS.length)]!;
  return s;
}

function value(rand: () => number): unknown {
  const r = rand();
  if (r < 0.5) return text(rand);
  if (r < 0.6) return rand() < 0.5;
  if (r < 0.7) return [0, -3, 42, 1.5, -0, 2 ** 60][Math.floor(rand() * 6)];
  if (r < 0.9) return Array.from({ length: Math.floor(rand() * 4) }, () => text(rand));
  return rand() < 0.5 ? null : { inner: text(rand) };
}

describe('plainYaml, the fast path of the yaml helper', () => {
  it('gives exactly what the yaml library gives, for every input it takes', () => {
    const rand = random(20261203);
    let taken = 0;
    for (let i = 0; i < 60_000; i++) {
      const input = Object.fromEntries(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => [text(rand), value(rand)]));
      const fast = plainYaml(input);
      if (fast === undefined) continue;
      taken++;
      expect(fast, JSON.stringify(input)).toBe(library(input));
    }
    // The generator reaches the fast path often enough for the comparison to mean something.
    expect(taken).toBeGreaterThan(1_000);
  });

  it('takes the usual frontmatter and leaves anything unusual to the library', () => {
    const usual = { name: 'code-reviewer', description: 'Reviews diffs for bugs, style and missing tests', tools: ['Read', 'Grep', 'Bash(git diff)'], maxTurns: 40, 'disable-model-invocation': true, skills: [] };
    expect(plainYaml(usual)).toBe(library(usual));
    for (const unusual of [{ description: 'a: b' }, { on: 'x' }, { model: 'yes' }, { n: 1.5 }, { hooks: { a: 1 } }, { x: null }, {}]) {
      expect(plainYaml(unusual)).toBeUndefined();
      expect(toYaml(unusual)).toBe(library(unusual));
    }
  });
});
