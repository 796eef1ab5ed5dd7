import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';

/** A config repo whose project `app` (written to ../out) selects settings fragment `s` and hooks component `h` when given. */
function repo(files: { settings?: string; hooks?: string; config?: string }): { dir: string; out: string } {
  const base = tempDir();
  const tree: Record<string, string> = { 'ccm.config.yaml': files.config ?? 'version: 1\n' };
  const selected: string[] = [];
  if (files.settings !== undefined) {
    tree['components/settings/s.yaml'] = files.settings;
    selected.push('settings: [s]');
  }
  if (files.hooks !== undefined) {
    tree['components/hooks/h.yaml'] = files.hooks;
    selected.push('hooks: [h]');
  }
  tree['projects/app.yaml'] = `path: ../out\ntargets: [claude-code]\ncomponents:\n${selected.map((l) => `  ${l}\n`).join('')}`;
  return { dir: tempTree(tree, join(base, 'config')), out: join(base, 'out') };
}

describe('ccm build: Claude Code settings', () => {
  it.each([
    ['a wrong type in a known field', { settings: 'model: sonnet\ncleanupPeriodDays: thirty\n' }, 'components/settings/s.yaml:2:20: error SCHEMA_TYPE: cleanupPeriodDays: expected an integer, found the string "thirty"'],
    ['a malformed permission rule', { settings: 'permissions:\n  allow:\n    - Read\n    - Bash(npm run test\n' }, 'components/settings/s.yaml:4:7: error SCHEMA_PATTERN: permissions.allow[1]: "Bash(npm run test" is not in the required form'],
    ['a prompt hook on SessionStart', { hooks: 'hooks:\n  SessionStart:\n    - hooks:\n        - type: prompt\n          prompt: Is the repo clean? $ARGUMENTS\n' }, 'components/hooks/h.yaml:4:17: error HOOK_NOT_FOR_EVENT: SessionStart does not run "prompt" hooks'],
  ])('refuses %s at its position, with a hint, and writes nothing', async (_name, files, expected) => {
    const { dir, out } = repo(files);
    const r = await ccm(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(expected);
    expect(r.stderr.split('\n')[r.stderr.split('\n').findIndex((l) => l.startsWith(expected.split(': error')[0]!)) + 1]).toMatch(/^ {2}hint: \S/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes a key it does not know unchanged, in place, with one UNKNOWN_FIELD warning naming file:line:col', async () => {
    const { dir, out } = repo({ settings: '$schema: https://www.schemastore.org/claude-code-settings.json\nmodel: sonnet\nnewSetting:\n  level: 2\n' });
    const r = await ccm(['build'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^components\/settings\/s\.yaml:3:1: warning UNKNOWN_FIELD: unknown key "newSetting" is kept and written as is$/m);
    // $schema is kept as written, with a warning: Claude Code is reported to take only its one URL.
    expect(r.stderr).toMatch(/^components\/settings\/s\.yaml:1:10: warning SETTINGS_SCHEMA_URL: /m);
    expect(readFileSync(join(out, '.claude/settings.json'), 'utf8')).toBe(
      '{\n  "$schema": "https://www.schemastore.org/claude-code-settings.json",\n  "model": "sonnet",\n  "newSetting": {\n    "level": 2\n  }\n}\n',
    );
  });

  it('refuses that key under strict: true, and writes nothing', async () => {
    const { dir, out } = repo({ config: 'version: 1\nstrict: true\n', settings: 'newSetting: 1\n' });
    const r = await ccm(['build'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^components\/settings\/s\.yaml:1:1: error UNKNOWN_FIELD: /m);
    expect(existsSync(out)).toBe(false);
  });

  it('imports a settings.json with unknown keys, $schema and nothing else as it is, and builds it back', async () => {
    for (const settings of ['{}\n', '{"$schema":"https://www.schemastore.org/claude-code-settings.json","someFutureKey":{"a":1},"permissions":{"allow":["mcp__ide__getDiagnostics"]}}\n']) {
      const base = tempDir();
      const project = tempTree({ '.claude/settings.json': settings }, join(base, 'proj'));
      const config = join(base, 'config');
      mkdirSync(config);
      const imported = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: config });
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/Round trip: `ccm build` reproduces 1 of 1 imported files\./);
      renameSync(project, `${project}.orig`);
      mkdirSync(project);
      const build = await ccm(['build'], { cwd: config });
      expect(build.code, build.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(project, '.claude/settings.json'), 'utf8'))).toEqual(JSON.parse(settings));
    }
  });
});
