import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { schemastoreDir } from './shared-dir.js';

/**
 * SchemaStore's own valid and invalid `.claude/settings.json` test files, run through the real CLI:
 * ccm's settings schema (written from Claude Code's documentation) must accept every valid file and
 * reproduce it, and reject every invalid one at a position. The figures go into README "Compatibility".
 */
const TESTS = join(schemastoreDir(), 'tests');
const positives = readdirSync(join(TESTS, 'positive')).filter((f) => f.endsWith('.json')).sort();
const negatives = readdirSync(join(TESTS, 'negative')).filter((f) => f.endsWith('.json')).sort();

/**
 * Invalid only through keys ccm does not know (unknown keys inside a hook, inside
 * sandbox.network.tlsTerminate): ccm keeps such keys with an UNKNOWN_FIELD warning, as Claude Code is
 * open there, and rejects them only with `strict: true`.
 */
const STRICT_ONLY = new Set(['additional-properties-hook.json', 'invalid-tls-terminate-property.json']);

const results = { positive: new Map<string, boolean>(), negative: new Map<string, boolean>(), strict: new Map<string, boolean>() };

afterAll(() => {
  const ok = (m: Map<string, boolean>): number => [...m.values()].filter(Boolean).length;
  process.stdout.write(`\nconformance: positives ${ok(results.positive)}/${positives.length} round-trip, negatives ${ok(results.negative)}/${negatives.length} rejected (${ok(results.negative) + ok(results.strict)}/${negatives.length} with strict: true)\n`);
});

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

describe('SchemaStore positive settings files: ccm import claude, then ccm build into an empty copy, gives the same JSON', () => {
  expect(positives).toHaveLength(21);
  for (const name of positives) {
    it(name, async () => {
      const source = readFileSync(join(TESTS, 'positive', name), 'utf8');
      const base = tempDir();
      const project = tempTree({ '.claude/settings.json': source }, join(base, 'proj'));
      const repo = join(base, 'config');
      mkdirSync(repo);
      const imported = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo });
      expect(imported.code, imported.stderr + imported.stdout).toBe(0);
      expect(imported.stderr, 'the import reproduces the file exactly').not.toMatch(/IMPORT_NOT_EXACT|: error /);

      renameSync(project, `${project}.orig`);
      mkdirSync(project);
      const build = await ccm(['build'], { cwd: repo });
      expect(build.code, build.stderr).toBe(0);
      const built = JSON.parse(readFileSync(join(project, '.claude/settings.json'), 'utf8')) as unknown;
      expect(sortKeys(built)).toEqual(sortKeys(JSON.parse(source)));
      results.positive.set(name, true);
    });
  }
});

/** The invalid file authored as ccm YAML: hooks in a hooks component, the rest in a settings fragment (JSON is YAML). */
function negativeRepo(name: string, strict: boolean): { repo: string; out: string } {
  const settings = JSON.parse(readFileSync(join(TESTS, 'negative', name), 'utf8')) as Record<string, unknown>;
  const { hooks, ...rest } = settings;
  const components: string[] = ['settings: [neg]'];
  const files: Record<string, string> = {
    'ccm.config.yaml': `version: 1\n${strict ? 'strict: true\n' : ''}`,
    'components/settings/neg.yaml': JSON.stringify(rest, null, 2) + '\n',
  };
  if (hooks !== undefined) {
    files['components/hooks/neg.yaml'] = JSON.stringify({ hooks }, null, 2) + '\n';
    components.push('hooks: [neg]');
  }
  files['projects/app.yaml'] = `path: ../out\ntargets: [claude-code]\ncomponents:\n${components.map((c) => `  ${c}\n`).join('')}`;
  const base = tempDir();
  return { repo: tempTree(files, join(base, 'config')), out: join(base, 'out') };
}

function located(errors: readonly Diagnostic[]): Diagnostic[] {
  return errors.filter((d) => d.severity === 'error' && d.file?.startsWith('components/') && (d.line ?? 0) > 0 && (d.col ?? 0) > 0);
}

describe('SchemaStore negative settings files, authored as ccm components: ccm validate exits 1 at a position, and nothing is written', () => {
  expect(negatives).toHaveLength(17);
  for (const name of negatives) {
    it(name, async () => {
      const strict = STRICT_ONLY.has(name);
      const { repo, out } = negativeRepo(name, false);
      const lenient = await ccm(['validate', '--json'], { cwd: repo });
      const lenientDiagnostics = (JSON.parse(lenient.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
      if (strict) {
        // Accepted with UNKNOWN_FIELD warnings at the keys ...
        expect(lenient.code, lenient.stdout).toBe(0);
        expect(lenientDiagnostics.some((d) => d.code === 'UNKNOWN_FIELD' && d.severity === 'warning' && (d.line ?? 0) > 0)).toBe(true);
        // ... and rejected under strict: true.
        const again = negativeRepo(name, true);
        const r = await ccm(['validate', '--json'], { cwd: again.repo });
        expect(r.code, r.stdout).toBe(1);
        expect(located((JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics).length).toBeGreaterThan(0);
        expect((await ccm(['build'], { cwd: again.repo })).code).toBe(1);
        expect(existsSync(again.out)).toBe(false);
        results.strict.set(name, true);
        return;
      }
      expect(lenient.code, lenient.stdout).toBe(1);
      expect(located(lenientDiagnostics).length, lenient.stdout).toBeGreaterThan(0);
      const build = await ccm(['build'], { cwd: repo });
      expect(build.code).toBe(1);
      expect(existsSync(out)).toBe(false);
      results.negative.set(name, true);
    });
  }
});
