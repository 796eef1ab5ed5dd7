import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { exampleRepo, noGitVars } from '../helpers/git.js';
import { mtimes, readTreeFiles } from '../helpers/tree.js';

/** Permission bits of a file. */
const mode = (abs: string): number => statSync(abs).mode & 0o777;
/** What a file created with `wanted` gets under this process's umask (the CLI inherits it). */
const masked = (wanted: number): number => wanted & ~process.umask();

const SCRIPT = '#!/bin/sh\necho collected\n';
const SKILL = 'description: Collects things.\n';

/** A config repo with one skill holding an executable script, built into ../app. */
function repoWith(extra: Record<string, string> = {}): { repo: string; app: string; script: string; out: string } {
  const base = tempDir();
  const repo = tempTree({
    'ccm.config.yaml': 'version: 1\n',
    'projects/app.yaml': 'description: app\npath: ../app\ntargets: [claude-code]\nprofiles: [base]\n',
    'profiles/base.yaml': 'description: base\ncomponents:\n  skills: [collect]\n',
    'components/skills/collect/skill.yaml': SKILL,
    'components/skills/collect/SKILL.md': 'Run `./scripts/collect.sh`.\n',
    'components/skills/collect/scripts/collect.sh': SCRIPT,
    'components/skills/collect/notes.md': 'plain notes\n',
    ...extra,
  }, join(base, 'config'));
  const script = join(repo, 'components/skills/collect/scripts/collect.sh');
  chmodSync(script, 0o755);
  const app = join(base, 'app');
  mkdirSync(app);
  return { repo, app, script, out: join(app, '.claude/skills/collect/scripts/collect.sh') };
}

function manifest(app: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(readFileSync(join(app, '.ccm/manifest.json'), 'utf8')) as { files: Record<string, Record<string, unknown>> }).files;
}

describe('the executable bit of a skill file', () => {
  it('travels from the source to the output, and the manifest records it', async () => {
    const { repo, app, out } = repoWith();
    const r = await ccm(['build'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(mode(out)).toBe(masked(0o755));
    expect(mode(join(app, '.claude/skills/collect/notes.md'))).toBe(masked(0o666));
    expect(mode(join(app, '.claude/skills/collect/SKILL.md'))).toBe(masked(0o666));
    const files = manifest(app);
    expect(files['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String), executable: true });
    expect(files['.claude/skills/collect/notes.md']).toEqual({ sha256: expect.any(String) });
  });

  it('a mode change alone is an update: --check fails before the build and passes after it; a second build writes nothing', async () => {
    const { repo, app, script, out } = repoWith();
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);

    chmodSync(script, 0o644);
    const check = await ccm(['build', '--check'], { cwd: repo });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`update  ${out} (mode 755 → 644)`);
    expect(check.stdout).toContain('0 created, 1 updated');
    const diff = await ccm(['diff'], { cwd: repo });
    expect(diff.stdout).toBe('old mode 100755\nnew mode 100644\n--- a/app/.claude/skills/collect/scripts/collect.sh\n+++ b/app/.claude/skills/collect/scripts/collect.sh\n');
    expect(mode(out)).toBe(masked(0o755));

    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/0 created, 1 updated, 0 deleted, \d+ unchanged/);
    expect(mode(out)).toBe(masked(0o644));
    expect(readFileSync(out, 'utf8')).toBe(SCRIPT);
    expect(manifest(app)['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String) });
    expect((await ccm(['build', '--check'], { cwd: repo })).code).toBe(0);

    const before = mtimes(app);
    const again = await ccm(['build'], { cwd: repo });
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted/);
    expect(mtimes(app)).toEqual(before);

    chmodSync(script, 0o700);
    expect((await ccm(['build', '--check'], { cwd: repo })).code).toBe(1);
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);
    expect(mode(out)).toBe(masked(0o755));
  });

  it('an output chmodded by hand is set back by the next build (an update, not drift)', async () => {
    const { repo, out } = repoWith();
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);
    chmodSync(out, 0o644);
    const check = await ccm(['build', '--check'], { cwd: repo });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`update  ${out} (mode 644 → 755)`);
    const build = await ccm(['build'], { cwd: repo });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(mode(out)).toBe(masked(0o755));
  });

  it('reads manifests written before modes were recorded, and makes the old 0644 copy executable', async () => {
    const { repo, app, out } = repoWith();
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);
    // What earlier versions left: the script written 0644, its entry without `executable`.
    const path = join(app, '.ccm/manifest.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/,\n\s*"executable": true/, ''));
    chmodSync(out, 0o644);
    expect(manifest(app)['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String) });
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/0 created, 1 updated/);
    expect(mode(out)).toBe(masked(0o755));
    expect(manifest(app)['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String), executable: true });
  });

  it('a file ccm did not write, with the right bytes but not the right mode, is taken over and given the mode', async () => {
    const { repo, app, out } = repoWith();
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, SCRIPT);
    chmodSync(out, 0o644);
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(0);
    expect(mode(out)).toBe(masked(0o755));
    expect(manifest(app)['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String), executable: true });
  });

  it('ccm diff --base shows a mode change in the config repo as git mode lines', async () => {
    const { config } = exampleRepo();
    const script = join(config, 'components/skills/release-notes/scripts/collect.sh');
    expect(mode(script) & 0o111).not.toBe(0);
    chmodSync(script, 0o644);
    const r = await ccm(['diff', '--base', 'HEAD'], { cwd: config, env: { ...noGitVars() } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('old mode 100755\nnew mode 100644\n--- a/web-app/.claude/skills/release-notes/scripts/collect.sh\n');
    expect(r.stdout).toContain('old mode 100755\nnew mode 100644\n--- a/api-service/.claude/skills/release-notes/scripts/collect.sh\n');
  });
});

describe('every file of a skill folder is a supporting file', () => {
  it('dot-files and README.md are built; .DS_Store, .git, editor litter and the files ccm reads itself are not', async () => {
    const { repo, app } = repoWith({
      'components/skills/collect/.notes.md.swp': 'vim swap',
      'components/skills/collect/notes.md~': 'backup',
      'components/skills/collect/4913': 'vim probe',
      'components/skills/collect/.#notes.md': 'emacs lock',
      'components/skills/collect/README.md': '# About this skill\n',
      'components/skills/collect/.env.example': 'TOKEN=\n',
      'components/skills/collect/config/.prettierrc': '{}\n',
      'components/skills/collect/.DS_Store': 'finder',
      'components/skills/collect/Thumbs.db': 'explorer',
      'components/skills/collect/.git/HEAD': 'ref: refs/heads/main\n',
      'components/skills/README.md': 'Skills of the team.\n',
      'components/subagents/README.md': 'Agents of the team.\n',
    });
    const r = await ccm(['build'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const skill = join(app, '.claude/skills/collect');
    expect([...readTreeFiles(skill).keys()]).toEqual(['.env.example', 'README.md', 'SKILL.md', 'config/.prettierrc', 'notes.md', 'scripts/collect.sh']);
    expect(readFileSync(join(skill, 'README.md'), 'utf8')).toBe('# About this skill\n');
    expect(readFileSync(join(skill, '.env.example'), 'utf8')).toBe('TOKEN=\n');
    expect(existsSync(join(app, '.claude/skills/README.md'))).toBe(false);
    expect(existsSync(join(app, '.claude/agents'))).toBe(false);
  });
});

describe('ccm import claude and file modes', () => {
  /** A Claude Code project whose skill has an executable script, a README.md, a dot-file and things that are not skill files. */
  function project(): { proj: string; repo: string } {
    const base = tempDir();
    const proj = join(base, 'proj');
    const skill = join(proj, '.claude/skills/collect');
    tempTree({
      '.claude/skills/collect/SKILL.md': '---\nname: collect\ndescription: Collects things.\n---\nRun `./scripts/collect.sh`.\n',
      '.claude/skills/collect/scripts/collect.sh': SCRIPT,
      '.claude/skills/collect/README.md': '# About\n',
      '.claude/skills/collect/.env.example': 'TOKEN=\n',
      '.claude/skills/collect/.DS_Store': 'finder',
      '.claude/skills/collect/.SKILL.md.swp': 'vim swap',
      '.claude/skills/collect/.git/HEAD': 'ref: refs/heads/main\n',
    }, proj);
    chmodSync(join(skill, 'scripts/collect.sh'), 0o755);
    writeFileSync(join(base, 'private.txt'), 'PRIVATE-CONTENT\n');
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(base, 'elsewhere/secret.txt'), 'PRIVATE-FOLDER\n');
    symlinkSync(join(base, 'private.txt'), join(skill, 'link-out.txt'));
    symlinkSync(join(base, 'elsewhere'), join(skill, 'linked-dir'));
    const repo = join(base, 'config');
    mkdirSync(repo);
    return { proj, repo };
  }

  it('copies the executable bit, dot-files and README.md; does not follow links out of the skill folder; the round trip and a build in place agree', async () => {
    const { proj, repo } = project();
    const r = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Round trip: `ccm build` reproduces 4 of 4 imported files.');
    expect(r.stderr).toMatch(/^\.\.\/proj\/\.claude\/skills\/collect\/link-out\.txt:1:1: warning IMPORT_SKIPPED: symbolic link points outside the skill folder \(to \.\.\/private\.txt\), so ccm does not follow it; it is not imported$/m);
    expect(r.stderr).toMatch(/^\.\.\/proj\/\.claude\/skills\/collect\/linked-dir:1:1: warning IMPORT_SKIPPED: symbolic link points outside the skill folder \(to \.\.\/elsewhere\)/m);

    const dir = join(repo, 'components/skills/collect');
    const files = readTreeFiles(dir);
    expect([...files.keys()]).toEqual(['.env.example', 'README.md', 'SKILL.md', 'scripts/collect.sh', 'skill.yaml']);
    expect(mode(join(dir, 'scripts/collect.sh'))).toBe(masked(0o755));
    expect(mode(join(dir, 'README.md'))).toBe(masked(0o666));
    for (const [path, bytes] of readTreeFiles(repo)) expect(bytes.toString('utf8'), path).not.toMatch(/PRIVATE/);

    // The import took over the files it reproduces: a build in place keeps them, the mode included.
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/0 updated/);
    expect(mode(join(proj, '.claude/skills/collect/scripts/collect.sh'))).toBe(masked(0o755));
    expect(manifest(proj)['.claude/skills/collect/scripts/collect.sh']).toEqual({ sha256: expect.any(String), executable: true });

    // Into an empty project: the same files and modes.
    const fresh = join(repo, '..', 'fresh');
    mkdirSync(fresh);
    writeFileSync(join(repo, 'projects/proj.yaml'), readFileSync(join(repo, 'projects/proj.yaml'), 'utf8').replace(/^path: .*$/m, 'path: ../fresh'));
    expect((await ccm(['build'], { cwd: repo })).code).toBe(0);
    const built = join(fresh, '.claude/skills/collect');
    expect([...readTreeFiles(built).keys()]).toEqual(['.env.example', 'README.md', 'SKILL.md', 'scripts/collect.sh']);
    expect(mode(join(built, 'scripts/collect.sh'))).toBe(masked(0o755));
  });

  it('imports a link that stays inside the skill folder as a regular file (and says so); skips a link loop and a FIFO', async () => {
    const { proj, repo } = project();
    const skill = join(proj, '.claude/skills/collect');
    symlinkSync('scripts/collect.sh', join(skill, 'run'));
    symlinkSync('.', join(skill, 'scripts/loop'));
    execFileSync('mkfifo', [join(skill, 'pipe')]);
    const r = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('../proj/.claude/skills/collect/run:1:1: warning IMPORT_NOT_EXACT: this supporting file is reached through a symbolic link');
    expect(r.stderr).toContain('../proj/.claude/skills/collect/scripts/loop:1:1: warning IMPORT_SKIPPED: symbolic link points to a folder that contains it; it is not imported');
    expect(r.stderr).toContain('../proj/.claude/skills/collect/pipe:1:1: warning IMPORT_SKIPPED: not a regular file; it is not imported');
    const copy = join(repo, 'components/skills/collect/run');
    expect(lstatSync(copy).isFile()).toBe(true);
    expect(readFileSync(copy, 'utf8')).toBe(SCRIPT);
    expect(mode(copy)).toBe(masked(0o755));
    expect(existsSync(join(repo, 'components/skills/collect/pipe'))).toBe(false);
  });

  it('compares the mode in its round trip: a repo skill that differs only in the bit is a clash, kept and reported; --on-clash overwrite sets the bit', async () => {
    const { repo } = project();
    expect((await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo })).code).toBe(0);
    const copy = join(repo, 'components/skills/collect/scripts/collect.sh');
    chmodSync(copy, 0o644);

    const kept = await ccm(['import', 'claude', '../proj', '--yes'], { cwd: repo });
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain('../proj/.claude/skills/collect/scripts/collect.sh:1:1: warning IMPORT_NOT_EXACT: `ccm build` of the imported repo writes this file differently: without the executable bit the source has');
    expect(mode(copy)).toBe(masked(0o644));

    const over = await ccm(['import', 'claude', '../proj', '--yes', '--on-clash', 'overwrite'], { cwd: repo });
    expect(over.code).toBe(0);
    expect(over.stderr).not.toContain('IMPORT_NOT_EXACT');
    expect(mode(copy)).toBe(masked(0o755));
  });
});

