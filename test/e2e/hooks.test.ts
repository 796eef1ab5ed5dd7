import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm as run, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { exampleRepo, git, gitEnv, gitOk, noGitVars } from '../helpers/git.js';

const ccm = async (args: readonly string[], cwd: string) => await run(args, { cwd, env: noGitVars() });

/** Appends a line to a settings fragment, so that the outputs of both projects go stale. */
function touchSettings(config: string): void {
  const file = join(config, 'components/settings/base.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('cleanupPeriodDays: 30', 'cleanupPeriodDays: 31'));
}

function committedFiles(base: string): string[] {
  return gitOk(base, 'show', '--name-only', '--format=', 'HEAD').split('\n').filter(Boolean);
}

describe('ccm hooks install (check mode)', () => {
  it('refuses a commit while outputs are stale, accepts it after ccm build; installing twice changes nothing', async () => {
    const { base, config } = exampleRepo();
    const first = await ccm(['hooks', 'install'], config);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Installed the ccm pre-commit hook in \.git\/hooks/);
    const hook = join(base, '.git/hooks/pre-commit');
    const script = readFileSync(hook, 'utf8');
    expect(script.split('\n')[1]).toMatch(/^# ccm-managed pre-commit hook/);
    expect(statSync(hook).mode & 0o111).not.toBe(0);

    const again = await ccm(['hooks', 'install'], config);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already installed: nothing changed/);
    expect(readFileSync(hook, 'utf8')).toBe(script);

    // No outputs yet: the commit is refused and says what to do.
    writeFileSync(join(base, 'README.md'), 'changed\n');
    gitOk(base, 'add', 'README.md');
    const refused = git(base, 'commit', '-q', '-m', 'readme');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr + refused.stdout).toMatch(/run `ccm build`/);
    expect(gitOk(base, 'log', '--format=%s')).not.toMatch(/^readme/m);

    const build = await ccm(['build'], config);
    expect(build.code, build.stderr).toBe(0);
    gitOk(base, 'add', '-A');
    const ok = git(base, 'commit', '-q', '-m', 'readme and outputs');
    expect(ok.code, ok.stderr).toBe(0);
    expect(committedFiles(base)).toContain('out/web-app/.claude/settings.json');

    // Stale again after a config change.
    touchSettings(config);
    gitOk(base, 'add', 'team-config');
    const stale = git(base, 'commit', '-q', '-m', 'settings');
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/out of date/);
  });

  it('warns when regenerated files are not staged, without refusing the commit', async () => {
    const { base, config } = exampleRepo();
    expect((await ccm(['build'], config)).code).toBe(0);
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'outputs');
    expect((await ccm(['hooks', 'install'], config)).code).toBe(0);
    touchSettings(config);
    expect((await ccm(['build'], config)).code).toBe(0);
    gitOk(base, 'add', 'team-config');
    const r = git(base, 'commit', '-q', '-m', 'settings only');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/not staged/);
    expect(r.stderr).toContain('out/web-app/.claude/settings.json');
  });
});

describe('ccm hooks install --fix', () => {
  it('rebuilds and stages the regenerated files of this repository', async () => {
    const { base, config } = exampleRepo();
    const install = await ccm(['hooks', 'install', '--fix'], config);
    expect(install.code, install.stderr).toBe(0);
    expect(readFileSync(join(base, '.git/hooks/pre-commit'), 'utf8')).toContain('hooks run --cwd "$config_dir" --fix');
    writeFileSync(join(base, 'README.md'), 'changed\n');
    gitOk(base, 'add', 'README.md');
    const first = git(base, 'commit', '-q', '-m', 'first build');
    expect(first.code, first.stderr).toBe(0);
    expect(committedFiles(base)).toEqual(expect.arrayContaining(['README.md', 'out/web-app/.claude/settings.json', 'out/web-app/.ccm/manifest.json', 'out/auto-claude/apps/backend/prompts/coder.md']));

    touchSettings(config);
    gitOk(base, 'add', 'team-config');
    const second = git(base, 'commit', '-q', '-m', 'settings');
    expect(second.code, second.stderr).toBe(0);
    expect(committedFiles(base).sort()).toEqual([
      'out/api-service/.ccm/manifest.json',
      'out/api-service/.claude/settings.json',
      'out/web-app/.ccm/manifest.json',
      'out/web-app/.claude/settings.json',
      'team-config/components/settings/base.yaml',
    ]);
    expect(gitOk(base, 'status', '--porcelain')).toBe('');
  });

  it('reports, and does not stage, outputs of a project in another repository', async () => {
    const { base, config } = exampleRepo();
    const elsewhere = tempDir('ccm-elsewhere-');
    gitOk(elsewhere, 'init', '-q');
    const project = join(config, 'projects/web-app.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('path: ../out/web-app', `path: ${join(elsewhere, 'web-app')}`));
    expect((await ccm(['hooks', 'install', '--fix'], config)).code).toBe(0);
    gitOk(base, 'add', 'team-config');
    const r = git(base, 'commit', '-q', '-m', 'move web-app');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/outputs of web-app are in .*outside this repository/);
    expect(existsSync(join(elsewhere, 'web-app/.claude/settings.json'))).toBe(true);
    expect(committedFiles(base).filter((f) => f.startsWith('out/web-app'))).toEqual([]);
    expect(committedFiles(base)).toContain('out/api-service/.claude/settings.json');
    expect(gitOk(elsewhere, 'status', '--porcelain')).toContain('?? web-app/');
  });
});

describe('ccm hooks with an existing hook', () => {
  it('chains it (it still runs, and can still stop the commit); uninstall restores it', async () => {
    const { base, config } = exampleRepo();
    const hooks = join(base, '.git/hooks');
    mkdirSync(hooks, { recursive: true });
    const own = '#!/bin/sh\necho ran >> "$(git rev-parse --show-toplevel)/marker.txt"\n[ ! -f "$(git rev-parse --show-toplevel)/block" ]\n';
    writeFileSync(join(hooks, 'pre-commit'), own);
    chmodSync(join(hooks, 'pre-commit'), 0o755);

    const install = await ccm(['hooks', 'install'], config);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toMatch(/existing hook is kept as pre-commit\.local and runs first/);
    expect(readFileSync(join(hooks, 'pre-commit.local'), 'utf8')).toBe(own);
    expect((await ccm(['hooks', 'install'], config)).stdout).toMatch(/already installed/);

    expect((await ccm(['build'], config)).code).toBe(0);
    writeFileSync(join(base, 'block'), '');
    gitOk(base, 'add', '-A');
    const blocked = git(base, 'commit', '-q', '-m', 'blocked by own hook');
    expect(blocked.code).not.toBe(0);
    expect(readFileSync(join(base, 'marker.txt'), 'utf8')).toBe('ran\n');

    gitOk(base, 'rm', '-q', '-f', 'block');
    const ok = git(base, 'commit', '-q', '-m', 'outputs');
    expect(ok.code, ok.stderr).toBe(0);
    expect(readFileSync(join(base, 'marker.txt'), 'utf8')).toBe('ran\nran\n');

    const un = await ccm(['hooks', 'uninstall'], config);
    expect(un.code, un.stderr).toBe(0);
    expect(un.stdout).toMatch(/put your own hook \(pre-commit\.local\) back/);
    expect(readFileSync(join(hooks, 'pre-commit'), 'utf8')).toBe(own);
    expect(existsSync(join(hooks, 'pre-commit.local'))).toBe(false);

    const foreign = await ccm(['hooks', 'uninstall'], config);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/HOOK_CONFLICT: .*not installed by ccm/);
    expect(readFileSync(join(hooks, 'pre-commit'), 'utf8')).toBe(own);
  });

  it('refuses when both a foreign pre-commit and pre-commit.local exist', async () => {
    const { base, config } = exampleRepo();
    const hooks = join(base, '.git/hooks');
    mkdirSync(hooks, { recursive: true });
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 0\n');
    writeFileSync(join(hooks, 'pre-commit.local'), '#!/bin/sh\nexit 0\n');
    const r = await ccm(['hooks', 'install'], config);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HOOK_CONFLICT/);
    expect(readFileSync(join(hooks, 'pre-commit'), 'utf8')).toBe('#!/bin/sh\nexit 0\n');
  });

  it('installs into core.hooksPath; uninstall without a hook is a no-op', async () => {
    const { base, config } = exampleRepo();
    gitOk(base, 'config', 'core.hooksPath', '.githooks');
    const r = await ccm(['hooks', 'install', '--json'], config);
    expect(r.code, r.stderr).toBe(0);
    const data = (JSON.parse(r.stdout) as { data: { hook: string; outcome: string } }).data;
    expect(data.outcome).toBe('installed');
    expect(existsSync(join(base, '.githooks/pre-commit'))).toBe(true);
    expect(existsSync(join(base, '.git/hooks/pre-commit'))).toBe(false);
    expect((await ccm(['hooks', 'uninstall'], config)).stdout).toMatch(/Removed/);
    expect(existsSync(join(base, '.githooks/pre-commit'))).toBe(false);
    const none = await ccm(['hooks', 'uninstall'], config);
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/nothing to remove/);
  });

  it('explains what is wrong outside git and with an unknown verb', async () => {
    const { config } = exampleRepo();
    const bad = await ccm(['hooks', 'instal'], config);
    expect(bad.code).toBe(2);
    const notGit = tempDir();
    writeFileSync(join(notGit, 'ccm.config.yaml'), 'version: 1\n');
    const r = await ccm(['hooks', 'install'], notGit);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NOT_A_GIT_REPO/);
  });
});

describe('ccm hooks in a linked git worktree', () => {
  it('checks that secret files are ignored in the worktree, not in a repository the hook variables point at', async () => {
    const { base } = exampleRepo();
    // The secret file is ignored by a rule of the top-level .gitignore, which only the real working tree sees.
    writeFileSync(join(base, '.gitignore'), 'out/*/.auto-claude/.env\n');
    mkdirSync(join(base, 'team-config/secrets'), { recursive: true });
    writeFileSync(join(base, 'team-config/secrets/LINEAR_API_KEY.age'), readFileSync(join(PROJECT_ROOT, 'test/fixtures/age/armored.age')));
    const project = join(base, 'team-config/projects/web-app.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('      teamId: WEB\n', '      teamId: WEB\n      apiKey: { secret: LINEAR_API_KEY }\n'));
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'secret');
    const linked = join(tempDir('ccm-linked-'), 'wt');
    gitOk(base, 'worktree', 'add', '-q', linked);
    const config = join(linked, 'team-config');
    const env = { ...noGitVars(), CCM_AGE_IDENTITY: readFileSync(join(PROJECT_ROOT, 'test/fixtures/age/identity.txt'), 'utf8').trim() };
    const install = await run(['hooks', 'install'], { cwd: config, env });
    expect(install.code, install.stderr).toBe(0);
    const build = await run(['build'], { cwd: config, env });
    expect(build.code, build.stderr).toBe(0);
    gitOk(linked, 'add', '-A');
    const r = spawnSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'from the linked worktree'], { cwd: linked, env: { ...gitEnv(), ...env }, encoding: 'utf8' });
    expect(r.stderr).not.toContain('SECRET_IN_TRACKED_FILE');
    expect(r.status, r.stderr).toBe(0);
    expect(committedFiles(linked)).toContain('out/web-app/.claude/settings.json');
    expect(committedFiles(linked)).not.toContain('out/web-app/.auto-claude/.env');

    // --fix stages into the index of the commit being made in the linked worktree.
    expect((await run(['hooks', 'install', '--fix'], { cwd: config, env })).code).toBe(0);
    touchSettings(config);
    gitOk(linked, 'add', 'team-config');
    const fixed = spawnSync('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'settings'], { cwd: linked, env: { ...gitEnv(), ...env }, encoding: 'utf8' });
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(committedFiles(linked)).toContain('out/web-app/.claude/settings.json');
    expect(gitOk(linked, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(linked, 'out/web-app/.auto-claude/.env'), 'utf8')).toContain('LINEAR_API_KEY=');
  });
});
