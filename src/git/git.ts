import type { ChildProcessByStdio } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { perRun, runEnv } from '../run-environment.js';
import { childProcess } from '../core/lazy-builtins.js';

/**
 * The one way ccm runs git. Every call names the folder whose repository it asks about, and git
 * runs there with the variables that pin a repository removed (`git rev-parse --local-env-vars`,
 * the list git itself drops when it enters a submodule). A pre-commit hook gets GIT_DIR and
 * GIT_INDEX_FILE for the repository being committed to; inherited by a call about another folder
 * they would make git answer for the wrong repository (in a linked worktree, GIT_DIR without
 * GIT_WORK_TREE makes the asked folder the top of the hook's repository, so its .gitignore rules
 * vanish). Only the index (and the `git -c` options of the commit) is carried over, and only into
 * the hook's own working tree: the commit being made reads that index, so staging must write to it.
 */

const REPOSITORY_VARIABLES = new Set([
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_INTERNAL_SUPER_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  'GIT_QUARANTINE_PATH',
  'GIT_NAMESPACE',
]);

/** Whether a variable pins git to a repository (GIT_CONFIG_KEY_n/VALUE_n go with GIT_CONFIG_COUNT). */
export function isRepositoryVariable(name: string): boolean {
  return REPOSITORY_VARIABLES.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name);
}

export interface GitOptions {
  /** A throwaway index instead of the repository's (or the hook's). */
  indexFile?: string;
  /** Exit codes that are answers rather than failures (check-ignore exits 1 when nothing is ignored). */
  okCodes?: readonly number[];
  /** Written to git's stdin (`--stdin` modes). */
  input?: string;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** git exited with a code the caller did not expect, or could not be started. */
export class GitFailed extends Error {
  constructor(
    message: string,
    readonly exitCode: number | undefined,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Runs `git args…` in `dir` and returns its stdout; throws GitFailed unless the exit code is 0 (or in okCodes). */
export async function runGit(dir: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  return (await gitResult(dir, args, options)).stdout;
}

/** Like runGit, but returns the exit code too. */
export async function gitResult(dir: string, args: readonly string[], options: GitOptions = {}): Promise<GitResult> {
  const env = await envFor(dir, options);
  return new Promise((done, fail) => {
    const child = childProcess().execFile('git', [...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : undefined) : 0;
      if (code !== undefined && (code === 0 || options.okCodes?.includes(code))) return done({ code, stdout, stderr });
      const why = code === undefined ? (err?.message ?? 'git could not be started') : `exit code ${code}${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`;
      fail(new GitFailed(`git ${args[0] ?? ''} in ${dir} failed (${why})`, code, stderr));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

/** Starts `git args…` in `dir` with stdout as a stream (`git archive`); same environment rules as runGit. */
export async function spawnGit(dir: string, args: readonly string[]): Promise<ChildProcessByStdio<null, Readable, Readable>> {
  return childProcess().spawn('git', [...args], { cwd: dir, env: await envFor(dir, {}), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git --version`, asked outside any repository; undefined when git is not on the PATH. */
export async function gitVersion(): Promise<string | undefined> {
  return new Promise((done) => {
    childProcess().execFile('git', ['--version'], { env: isolatedEnv(), encoding: 'utf8' }, (err, stdout) => done(err ? undefined : stdout.trim()));
  });
}

// ---------------------------------------------------------------------------------------------
// environment

/**
 * The environment of every git process: without the variables that pin a repository, and without
 * ccm's own (`CCM_AGE_IDENTITY` is a private key), since git runs filters, hooks and helpers.
 */
function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(runEnv().env)) if (v !== undefined && !isRepositoryVariable(k) && !k.startsWith('CCM_')) env[k] = v;
  return env;
}

async function envFor(dir: string, options: GitOptions): Promise<NodeJS.ProcessEnv> {
  const env = isolatedEnv();
  if (options.indexFile) env['GIT_INDEX_FILE'] = options.indexFile;
  else {
    const hook = await hookRepository();
    if (hook && (await topOf(dir)) === hook.top) Object.assign(env, hook.carried);
  }
  return env;
}

interface HookRepository {
  /** Real path of the top level of the working tree the inherited variables name. */
  top: string;
  /** What carries over into the hook's own working tree: GIT_INDEX_FILE as an absolute path (git gives hooks a relative one in the main worktree) and the `git -c` options. */
  carried: Record<string, string>;
}

const HOOK_REPOSITORY = Symbol('hook repository');

/** The repository git started ccm for (a hook), from the inherited variables; undefined when none are set. */
function hookRepository(): Promise<HookRepository | undefined> {
  return perRun(HOOK_REPOSITORY, async () => {
    const { env: runVariables, cwd } = runEnv();
    const inherited = Object.keys(runVariables).filter(isRepositoryVariable);
    if (inherited.length === 0) return undefined;
    const top = await new Promise<string | undefined>((done) => {
      childProcess().execFile('git', ['rev-parse', '--show-toplevel'], { cwd, env: { ...isolatedEnv(), ...Object.fromEntries(inherited.map((k) => [k, runVariables[k]])) }, encoding: 'utf8' }, (err, stdout) => done(err ? undefined : stdout.trim() || undefined));
    });
    if (!top) return undefined;
    const carried: Record<string, string> = {};
    for (const [k, v] of Object.entries(runVariables)) {
      if (v !== undefined && (k === 'GIT_CONFIG_PARAMETERS' || k === 'GIT_CONFIG_COUNT' || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(k))) carried[k] = v;
    }
    const index = runVariables['GIT_INDEX_FILE'];
    if (index) carried['GIT_INDEX_FILE'] = resolve(cwd, index);
    return { top: real(top), carried };
  });
}

const TOP_LEVELS = Symbol('top levels');

/** Real path of the top level of the working tree holding `dir`, found without the inherited variables. */
function topOf(dir: string): Promise<string | undefined> {
  const topCache = perRun(TOP_LEVELS, () => new Map<string, Promise<string | undefined>>());
  let found = topCache.get(dir);
  if (!found) {
    found = new Promise((done) => {
      childProcess().execFile('git', ['rev-parse', '--show-toplevel'], { cwd: dir, env: isolatedEnv(), encoding: 'utf8' }, (err, stdout) => done(err || !stdout.trim() ? undefined : real(stdout.trim())));
    });
    topCache.set(dir, found);
  }
  return found;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
