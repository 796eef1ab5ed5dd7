import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { entrySnapshot } from '../helpers/tree.js';

/** A config repo in `<base>/config` with the given project files; one CLAUDE.md section selected by every project. */
function setup(projects: Record<string, string>, config = 'version: 1\n'): { base: string; repo: string; home: string } {
  const base = tempDir();
  const home = join(base, 'home');
  const files: Record<string, string> = {
    'ccm.config.yaml': config,
    'components/claude-md/notes.yaml': 'description: Notes\n',
    'components/claude-md/notes.md': '# Notes\n',
  };
  for (const [name, path] of Object.entries(projects)) files[`projects/${name}.yaml`] = `path: ${path}\ntargets: [claude-code]\ncomponents:\n  claude-md: [notes]\n`;
  tempTree({ '.keep': '' }, home);
  return { base, repo: tempTree(files, join(base, 'config')), home };
}

/** validate and build both refuse with `expected` at its position, and nothing is written anywhere under base or home. */
function expectRefused(s: { base: string; repo: string; home: string }, expected: RegExp): void {
  const before = entrySnapshot(s.base);
  for (const command of ['validate', 'build']) {
    const r = ccm([command], { cwd: s.repo, env: { HOME: s.home } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toMatch(/^ {2}hint: \S/m);
  }
  expect(entrySnapshot(s.base)).toEqual(before);
}

describe('output roots', () => {
  it('refuses the file system root, the home folder, the config repo and the folders ccm reads from it', () => {
    expectRefused(setup({ app: '/' }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: project "app" would write into \/, which is the root of the file system$/m);
    const s = setup({ app: '"~"' });
    expectRefused(s, /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: project "app" would write into .*\/home, which is your home folder$/m);
    expectRefused(setup({ app: '.' }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: .* which is the config repo itself$/m);
    for (const inside of ['./components', 'projects/x', 'secrets', 'templates/claude-code', '.git', '.ccm']) {
      expectRefused(setup({ app: inside }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: .* which is a folder of the config repo that ccm reads or owns$/m);
    }
  });

  it('refuses a project inside another project, and an Auto-Claude backend inside a project, at the inner path', () => {
    expectRefused(setup({ app: '../app', api: '../app/packages/api' }), /^projects\/api\.yaml:1:7: error OUTPUT_CLASH: project "api" writes into .*\/app\/packages\/api, inside the folder of project "app"/m);
    expectRefused(setup({ app: '../app' }, 'version: 1\nautoClaude:\n  backendPath: ../app/Auto-Claude/apps/backend\n'),
      /^ccm\.config\.yaml:3:16: error OUTPUT_CLASH: the Auto-Claude backend writes into .*, inside the folder of project "app"/m);
    expectRefused(setup({ app: '../app', other: '../app/' }), /^projects\/other\.yaml:1:7: error OUTPUT_CLASH: project "other" writes into the same folder as project "app"/m);
  });

  it('expands ~ to the home folder, with a warning that it differs per teammate; a folder inside the config repo that ccm does not read is fine', () => {
    const s = setup({ app: '~/code/app', local: 'out/local' });
    const r = ccm(['build'], { cwd: s.repo, env: { HOME: s.home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^projects\/app\.yaml:1:7: warning PATH_TILDE_EXPANDED: project "app": "~" in "~\/code\/app" is expanded to this user's home folder \(.*\/home\/code\/app\)$/m);
    expect(readFileSync(join(s.home, 'code/app/CLAUDE.md'), 'utf8')).toBe('# Notes\n');
    expect(readFileSync(join(s.repo, 'out/local/CLAUDE.md'), 'utf8')).toBe('# Notes\n');
    expect(existsSync(join(s.repo, '~'))).toBe(false);
  });
});
