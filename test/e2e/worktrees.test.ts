import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { exampleWithSecret, git } from '../helpers/secrets.js';
import { entrySnapshot } from '../helpers/tree.js';

/** Auto-Claude's task worktrees get the project's .auto-claude/.env (issue 13, part 1). */

const PLANTED = 'lin_api_WORKTREE_5d8e2a91c3';
const TASK = '.auto-claude/worktrees/tasks/001-add-login';
const LEGACY = '.worktrees/002-old-layout';

/** The example with a secret, web-app a git repository (committed, ignoring what Auto-Claude's init ignores) with two task worktrees. */
async function projectWithWorktrees(): Promise<Awaited<ReturnType<typeof exampleWithSecret>> & { app: string }> {
  const setup = await exampleWithSecret(PLANTED);
  const app = join(setup.out, 'web-app');
  mkdirSync(app, { recursive: true });
  git(app, 'init', '-q');
  writeFileSync(join(app, '.gitignore'), '.auto-claude/\n.worktrees/\n');
  writeFileSync(join(app, 'index.ts'), 'export {};\n');
  git(app, 'add', '-A');
  git(app, 'commit', '-q', '-m', 'app');
  // As core/worktree.py creates them: `git worktree add <path> -b auto-claude/<spec>`.
  git(app, 'worktree', 'add', '-q', TASK, '-b', 'auto-claude/001-add-login');
  git(app, 'worktree', 'add', '-q', LEGACY, '-b', 'auto-claude/002-old-layout');
  return { ...setup, app };
}

const manifestPaths = (app: string): string[] => Object.keys((JSON.parse(readFileSync(join(app, '.ccm/manifest.json'), 'utf8')) as { files: object }).files);

describe('task worktrees', () => {
  it('get the project\'s .auto-claude/.env, secrets included and private, owned through the project\'s manifest', async () => {
    const { config, app, alice } = await projectWithWorktrees();
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    const env = readFileSync(join(app, '.auto-claude/.env'));
    expect(env.toString()).toContain(`LINEAR_API_KEY=${PLANTED}`);
    for (const wt of [TASK, LEGACY]) {
      const copy = join(app, wt, '.auto-claude/.env');
      expect(readFileSync(copy).equals(env), wt).toBe(true);
      expect(statSync(copy).mode & 0o777, wt).toBe(0o600);
    }
    expect(manifestPaths(app)).toEqual(expect.arrayContaining(['.auto-claude/.env', `${TASK}/.auto-claude/.env`, `${LEGACY}/.auto-claude/.env`]));
    // The worktree's own git sees the copy as ignored, so an agent's `git add -A` there cannot commit it.
    expect(git(join(app, TASK), 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(app, '.ccm/manifest.json'), 'utf8')).not.toContain(PLANTED);

    const again = await alice.run(['build', '--cwd', config]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
  });

  it('follow the project\'s .env when it changes, and a removed worktree only loses its manifest entry', async () => {
    const { config, app, alice } = await projectWithWorktrees();
    expect((await alice.run(['build', '--cwd', config])).code).toBe(0);
    const project = join(config, 'projects/web-app.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('DEFAULT_BRANCH: main', 'DEFAULT_BRANCH: develop'));
    const changed = await alice.run(['build', '--cwd', config]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toMatch(/0 created, 3 updated, 0 deleted/);
    expect(readFileSync(join(app, TASK, '.auto-claude/.env'), 'utf8')).toContain('DEFAULT_BRANCH=develop');

    git(app, 'worktree', 'remove', '--force', TASK);
    const before = entrySnapshot(app);
    const removed = await alice.run(['build', '--cwd', config]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
    const after = entrySnapshot(app);
    // Only the manifest changed: the worktree's entry is gone, nothing was deleted or recreated.
    expect({ ...after, '.ccm/manifest.json': '' }).toEqual({ ...before, '.ccm/manifest.json': '' });
    expect(manifestPaths(app)).not.toContain(`${TASK}/.auto-claude/.env`);
    expect(manifestPaths(app)).toContain(`${LEGACY}/.auto-claude/.env`);
    const quiet = await alice.run(['build', '--cwd', config]);
    expect(quiet.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
    expect(entrySnapshot(app)).toEqual(after);
  });

  it('refuse a worktree whose own checkout does not ignore .auto-claude/, writing nothing', async () => {
    const { config, app, alice } = await projectWithWorktrees();
    const wt = join(app, TASK);
    writeFileSync(join(wt, '.gitignore'), 'node_modules/\n');
    const before = entrySnapshot(app);
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${app}/${TASK}/.auto-claude/.env: error SECRET_IN_TRACKED_FILE: this file would hold decrypted secrets, but git does not ignore it`);
    expect(entrySnapshot(app)).toEqual(before);
  });

  it('behind a symbolic link get nothing: a linked worktrees folder or worktree is not walked', async () => {
    const { config, app, alice } = await projectWithWorktrees();
    const outside = tempDir();
    mkdirSync(join(outside, 'tasks/009-evil'), { recursive: true });
    writeFileSync(join(outside, 'tasks/009-evil/.git'), 'gitdir: /nowhere\n');
    const elsewhere = tempDir();
    writeFileSync(join(elsewhere, '.git'), 'gitdir: /nowhere\n');
    git(app, 'worktree', 'remove', '--force', TASK);
    rmSync(join(app, '.auto-claude/worktrees'), { recursive: true, force: true });
    symlinkSync(outside, join(app, '.auto-claude/worktrees'));
    symlinkSync(elsewhere, join(app, '.worktrees/003-linked'));
    const r = await alice.run(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/web-app\/\.auto-claude\/worktrees: warning OUTPUT_PATH_ESCAPES: \.auto-claude\/worktrees is a symbolic link, so ccm writes no \.auto-claude\/\.env behind it/);
    expect(r.stderr).toMatch(/web-app\/\.worktrees\/003-linked: warning OUTPUT_PATH_ESCAPES/);
    expect(readdirSync(join(outside, 'tasks/009-evil'))).toEqual(['.git']);
    expect(readdirSync(elsewhere)).toEqual(['.git']);
    // The real legacy worktree still gets its copy.
    expect(readFileSync(join(app, LEGACY, '.auto-claude/.env'), 'utf8')).toContain(PLANTED);
    expect(manifestPaths(app).filter((p) => p.includes('worktrees'))).toEqual([`${LEGACY}/.auto-claude/.env`]);
  });

  it('are not outputs for ccm validate, which reads nothing outside the config repo', async () => {
    const { config, app, alice } = await projectWithWorktrees();
    const before = entrySnapshot(app);
    const r = await alice.run(['validate', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(entrySnapshot(app)).toEqual(before);
  });
});
