import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, CLI, tempDir, tempTree } from '../helpers/cli.js';
import { entrySnapshot } from '../helpers/tree.js';
import { exampleWithSecret, git, projectRepo } from '../helpers/secrets.js';

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
async function expectRefused(s: { base: string; repo: string; home: string }, expected: RegExp): Promise<void> {
  const before = entrySnapshot(s.base);
  for (const command of ['validate', 'build']) {
    const r = await ccm([command], { cwd: s.repo, env: { HOME: s.home } });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toMatch(/^ {2}hint: \S/m);
  }
  expect(entrySnapshot(s.base)).toEqual(before);
}

describe('output roots', () => {
  it('refuses the file system root, the home folder, the config repo and the folders ccm reads from it', async () => {
    await expectRefused(setup({ app: '/' }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: project "app" would write into \/, which is the root of the file system$/m);
    const s = setup({ app: '"~"' });
    await expectRefused(s, /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: project "app" would write into .*\/home, which is your home folder$/m);
    await expectRefused(setup({ app: '.' }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: .* which is the config repo itself$/m);
    for (const inside of ['./components', 'projects/x', 'secrets', 'templates/claude-code', '.git', '.ccm']) {
      await expectRefused(setup({ app: inside }), /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_UNSAFE: .* which is a folder of the config repo that ccm reads or owns$/m);
    }
  });

  it('refuses a project inside another project, and an Auto-Claude backend inside a project, at the inner path', async () => {
    await expectRefused(setup({ app: '../app', api: '../app/packages/api' }), /^projects\/api\.yaml:1:7: error OUTPUT_CLASH: project "api" writes into .*\/app\/packages\/api, inside the folder of project "app"/m);
    await expectRefused(setup({ app: '../app' }, 'version: 1\nautoClaude:\n  backendPath: ../app/Auto-Claude/apps/backend\n'),
      /^ccm\.config\.yaml:3:16: error OUTPUT_CLASH: the Auto-Claude backend writes into .*, inside the folder of project "app"/m);
    await expectRefused(setup({ app: '../app', other: '../app/' }), /^projects\/other\.yaml:1:7: error OUTPUT_CLASH: project "other" writes into the same folder as project "app"/m);
  });

  it('expands ~ to the home folder, with a warning that it differs per teammate; a folder inside the config repo that ccm does not read is fine', async () => {
    const s = setup({ app: '~/code/app', local: 'out/local' });
    const r = await ccm(['build'], { cwd: s.repo, env: { HOME: s.home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^projects\/app\.yaml:1:7: warning PATH_TILDE_EXPANDED: project "app": "~" in "~\/code\/app" is expanded to this user's home folder \(.*\/home\/code\/app\)$/m);
    expect(readFileSync(join(s.home, 'code/app/CLAUDE.md'), 'utf8')).toBe('# Notes\n');
    expect(readFileSync(join(s.repo, 'out/local/CLAUDE.md'), 'utf8')).toBe('# Notes\n');
    expect(existsSync(join(s.repo, '~'))).toBe(false);
  });

  it('refuses a path that is a file, or that goes through one', async () => {
    const s = setup({ app: '../app', api: '../file/api' });
    writeFileSync(join(s.base, 'app'), 'not a folder\n');
    writeFileSync(join(s.base, 'file'), 'not a folder\n');
    await expectRefused(s, /^projects\/app\.yaml:1:7: error OUTPUT_ROOT_NOT_FOLDER: project "app" would write into .*\/app, which is a file, not a folder$/m);
    await expectRefused(s, /^projects\/api\.yaml:1:7: error OUTPUT_ROOT_NOT_FOLDER: project "api" would write into .*\/file\/api, but .*\/file on the way is a file, not a folder$/m);
  });

  it('refuses a folder this user may not write to, in validate already, instead of failing half way', () => {
    const s = setup({ app: '../app', fresh: '../locked/fresh' });
    mkdirSync(join(s.base, 'app'));
    mkdirSync(join(s.base, 'locked'));
    chmodSync(join(s.base, 'app'), 0o555);
    chmodSync(join(s.base, 'locked'), 0o555);
    // root ignores modes: then the CLI runs as nobody, who may read the repo but write nowhere here.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) for (const dir of [s.base, s.repo, join(s.repo, 'projects'), join(s.repo, 'components'), join(s.repo, 'components/claude-md')]) chmodSync(dir, 0o755);
    const before = entrySnapshot(s.base);
    for (const command of ['validate', 'build']) {
      const args = [CLI, command, '--cwd', s.repo];
      const r = asRoot
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: s.home } })
        : spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: s.home } });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^projects\/app\.yaml:1:7: error OUTPUT_ROOT_NOT_WRITABLE: project "app" would write into .*\/app, which you may not write to$/m);
      expect(r.stderr).toMatch(/^projects\/fresh\.yaml:1:7: error OUTPUT_ROOT_NOT_WRITABLE: project "fresh" would create .*\/locked\/fresh, but you may not write to .*\/locked$/m);
      expect(r.stderr).not.toContain('INTERNAL');
    }
    expect(entrySnapshot(s.base)).toEqual(before);
  });

  it('refuses to create a project folder outside any git repository when decrypted secrets would go into it; with the folder a git repo, builds', async () => {
    const { config, out, alice } = await exampleWithSecret('lin_api_9f8e7d6c5b4a');
    const before = entrySnapshot(out.replace(/\/out$/, ''));
    for (const command of ['validate', 'build']) {
      const r = await alice.run([command, '--cwd', config]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^projects\/web-app\.yaml:\d+:\d+: error OUTPUT_ROOT_MISSING: project "web-app" would create .*\/out\/web-app and write decrypted secrets into it, but the folder does not exist and is in no git repository$/m);
      expect(r.stderr).not.toContain('lin_api_9f8e7d6c5b4a');
    }
    expect(entrySnapshot(out.replace(/\/out$/, ''))).toEqual(before);
    projectRepo(join(out, 'web-app'), '.auto-claude/\n');
    git(join(out, 'web-app'), 'status');
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'web-app/.auto-claude/.env'), 'utf8')).toContain('lin_api_9f8e7d6c5b4a');
  });
});
