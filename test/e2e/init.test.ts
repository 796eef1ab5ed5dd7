import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySnapshot } from '../helpers/tree.js';
import { ccm, PROJECT_ROOT, tempDir, tempTree } from '../helpers/cli.js';

/** `ccm init` through the real CLI: what it creates, and that it never overwrites anything. */

const COMPONENT_FOLDERS = [
  'components/mcp-servers',
  'components/subagents',
  'components/skills',
  'components/commands',
  'components/hooks',
  'components/settings',
  'components/claude-md',
  'components/output-styles',
  'components/rules',
  'components/auto-claude/prompts',
  'components/auto-claude/agent-configs',
  'components/auto-claude/model-profiles',
];

/** What README.md documents: the config, every component folder, profiles/base.yaml, .gitignore, a README, .vscode/settings.json. */
const EXPECTED_FILES = [
  'ccm.config.yaml',
  'profiles/base.yaml',
  '.gitignore',
  'README.md',
  '.vscode/settings.json',
  ...[...COMPONENT_FOLDERS, 'projects', 'secrets', 'templates'].map((f) => `${f}/.gitkeep`),
].sort();

const filesOf = (dir: string): string[] => Object.keys(entrySnapshot(dir)).filter((p) => !p.endsWith('/')).sort();

describe('ccm init', () => {
  it('creates the documented files in an empty folder', async () => {
    const dir = tempDir();
    const run = await ccm(['init'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`Created a ccm config repo in ${dir} (${EXPECTED_FILES.length} files).`);
    expect(filesOf(dir)).toEqual(EXPECTED_FILES);
    expect(readFileSync(join(dir, 'ccm.config.yaml'), 'utf8')).toMatch(/^version: 1$/m);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it('creates the folder it is given, nested folders included', async () => {
    const parent = tempDir();
    const run = await ccm(['init', 'configs/team'], { cwd: parent });
    expect(run.code, run.stderr).toBe(0);
    expect(filesOf(join(parent, 'configs/team'))).toEqual(EXPECTED_FILES);
  });

  it('starts every YAML file with a yaml-language-server line that resolves to an existing schema', async () => {
    const dir = tempDir();
    expect((await ccm(['init', dir])).code).toBe(0);
    const yamlFiles = filesOf(dir).filter((f) => f.endsWith('.yaml'));
    expect(yamlFiles).toEqual(['ccm.config.yaml', 'profiles/base.yaml']);
    const expectedSchema: Record<string, string> = { 'ccm.config.yaml': 'ccm.config.schema.json', 'profiles/base.yaml': 'profile.schema.json' };
    for (const file of yamlFiles) {
      const first = readFileSync(join(dir, file), 'utf8').split('\n')[0]!;
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, `${file}: ${first}`).not.toBeNull();
      const rel = m![1]!;
      expect(rel.startsWith('/')).toBe(false);
      const schema = resolve(dirname(join(dir, file)), rel);
      expect(existsSync(schema), `${file} → ${schema}`).toBe(true);
      expect(schema.endsWith(`/schemas/${expectedSchema[file]}`)).toBe(true);
    }
  });

  it('maps every folder to an existing schema in .vscode/settings.json', async () => {
    const dir = tempDir();
    expect((await ccm(['init', dir])).code).toBe(0);
    const settings = JSON.parse(readFileSync(join(dir, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string[]> };
    const globs = Object.values(settings['yaml.schemas']).flat();
    for (const folder of COMPONENT_FOLDERS) expect(globs.some((g) => g.startsWith(`${folder}/`)), folder).toBe(true);
    expect(globs).toEqual(expect.arrayContaining(['ccm.config.yaml', 'profiles/*.yaml', 'projects/*.yaml', 'components/skills/*/skill.yaml']));
    for (const schema of Object.keys(settings['yaml.schemas'])) expect(existsSync(resolve(dir, schema)), schema).toBe(true);
  });

  it('creates a repo that `ccm validate` accepts', async () => {
    const dir = tempDir();
    expect((await ccm(['init', dir])).code).toBe(0);
    const run = await ccm(['validate', '--cwd', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 components, 1 profile, 0 projects are valid');
  });

  it('writes a README that names the package to install and every component folder it creates', async () => {
    const dir = tempDir();
    expect((await ccm(['init', dir])).code).toBe(0);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { name: string };
    expect(readme).toContain(`npm install --save-dev ${pkg.name}`);
    expect(readme).toContain(`https://www.npmjs.com/package/${pkg.name})`);
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    for (const folder of COMPONENT_FOLDERS) {
      const shown = folder.startsWith('components/auto-claude/') ? 'components/auto-claude/' : folder === 'components/skills' ? 'components/skills/<name>/' : `${folder}/`;
      expect(rows.some((r) => r.startsWith(`| \`${shown}\` |`)), folder).toBe(true);
    }
  });

  it('refuses to run twice and changes nothing', async () => {
    const dir = tempDir();
    expect((await ccm(['init', dir])).code).toBe(0);
    const before = entrySnapshot(dir);
    const run = await ccm(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error INIT_TARGET_NOT_EMPTY: ${dir} already has ccm.config.yaml (it is a ccm config repo already); ccm init never overwrites files`);
    expect(run.stderr).toContain('hint: edit the existing config repo, or run `ccm init <new folder>`');
    expect(entrySnapshot(dir)).toEqual(before);
  });

  it('refuses a folder whose README.md it would have to overwrite, and creates nothing', async () => {
    // ccm init refuses only when a file it would create exists; README.md is one of them.
    const dir = tempTree({ 'README.md': '# My notes\n' });
    const before = entrySnapshot(dir);
    const run = await ccm(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error INIT_TARGET_NOT_EMPTY: ${dir} already has README.md; ccm init never overwrites files`);
    expect(run.stderr).toContain('hint: run it in an empty folder, or move those files away first');
    expect(entrySnapshot(dir)).toEqual(before);
  });

  it('names only the first few of many existing files', async () => {
    const dir = tempTree(Object.fromEntries(['README.md', '.gitignore', ...COMPONENT_FOLDERS.map((f) => `${f}/.gitkeep`)].map((p) => [p, 'x'])));
    const run = await ccm(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`already has (\\S+, ){4}\\S+ and ${COMPONENT_FOLDERS.length + 2 - 5} more; ccm init never overwrites files`));
  });

  it('creates its files beside unrelated ones and leaves those untouched', async () => {
    const dir = tempTree({ 'notes.txt': 'keep me\n', 'docs/plan.md': '# plan\n' });
    const run = await ccm(['init', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(readFileSync(join(dir, 'docs/plan.md'), 'utf8')).toBe('# plan\n');
    expect(filesOf(dir)).toEqual([...EXPECTED_FILES, 'docs/plan.md', 'notes.txt'].sort());
  });

  it('refuses, without writing anything, when a file sits where it needs a folder', async () => {
    const dir = tempTree({ templates: 'not a folder\n' });
    const before = entrySnapshot(dir);
    const run = await ccm(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error INIT_TARGET_NOT_EMPTY: in ${dir}, templates is a file, but ccm init needs a folder there`);
    expect(run.stderr).not.toContain('INTERNAL');
    expect(entrySnapshot(dir)).toEqual(before);
  });

  it('refuses a target that is a file', async () => {
    const parent = tempTree({ 'file.txt': 'x' });
    const run = await ccm(['init', join(parent, 'file.txt')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error INIT_TARGET_NOT_EMPTY: ${join(parent, 'file.txt')} is a file, but ccm init needs a folder there`);
  });

  it('counts a dangling symlink as an existing file', async () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'nowhere'), join(dir, 'README.md'));
    const before = entrySnapshot(dir);
    const run = await ccm(['init', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('already has README.md');
    expect(entrySnapshot(dir)).toEqual(before);
  });

  it('--json prints one document listing the files', async () => {
    const dir = tempDir();
    const run = await ccm(['init', dir, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout) as { ok: boolean; command: string; data: { root: string; files: string[] } };
    expect(doc).toMatchObject({ ok: true, command: 'init', data: { root: dir } });
    expect([...doc.data.files].sort()).toEqual(EXPECTED_FILES);
  });
});
