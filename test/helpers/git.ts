import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempCopy } from './cli.js';

/** The environment of git in tests: no repository variables inherited (tests may run inside a hook), a fixed identity. */
export function gitEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^GIT_/.test(k)) env[k] = v;
  return { ...env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t', GIT_CONFIG_NOSYSTEM: '1' };
}

/** For `ccm(args, {env})`: unsets every GIT_* variable of this process, as `gitEnv` does. */
export function noGitVars(): Record<string, undefined> {
  return Object.fromEntries(Object.keys(process.env).filter((k) => /^GIT_/.test(k)).map((k) => [k, undefined]));
}

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git in `cwd` (as `git -c user.email=t@t -c user.name=t …`); does not throw. */
export function git(cwd: string, ...args: string[]): GitRun {
  const r = spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: gitEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like `git`, but throws with git's output when it fails. */
export function gitOk(cwd: string, ...args: string[]): string {
  const r = git(cwd, ...args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed (${r.code}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/**
 * A temp copy of examples/ as one git repository with one commit: the config repo is
 * `team-config/`, and every project (and the Auto-Claude backend) writes into `out/` inside the
 * same repository (the copy's .gitignore of out/ is removed).
 */
export function exampleRepo(): { base: string; config: string; out: string } {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  rmSync(join(base, '.gitignore'), { force: true });
  gitOk(base, 'init', '-q');
  gitOk(base, 'add', '-A');
  gitOk(base, 'commit', '-q', '-m', 'example config');
  return { base, config: join(base, 'team-config'), out: join(base, 'out') };
}
