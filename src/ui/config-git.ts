import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitCommitRequest, GitCommitResponse, GitDiffResponse, GitStatusResponse } from './api-types.js';
import { ApiFailure, badRequest } from './failure.js';
import type { Workspace } from './workspace.js';

/*
 * The config repo's own git (the commit dialog): status, diff and commit of the config folder
 * only, through simple-git. As every git call of ccm (src/git/git.ts), git runs without the
 * variables that would pin it to another repository (a GIT_DIR inherited from a hook).
 */

/** Untracked files larger than this are listed, not shown, in the diff. */
const MAX_SHOWN_BYTES = 256 * 1024;

/** The commit's identity may come from the environment, as it does for git itself. */
const IDENTITY_VARIABLES = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE'];

/**
 * simple-git drops every other GIT_* variable of the process's environment (its environment
 * guard), the repository ones (GIT_DIR, GIT_INDEX_FILE, …; src/git/git.ts) among them.
 */
function gitFor(ws: Workspace): SimpleGit {
  return simpleGit({ baseDir: ws.root, maxConcurrentProcesses: 2, allowEnvironment: IDENTITY_VARIABLES });
}

/** The config folder's path inside its repository ('' at the top), or undefined outside git. */
async function prefixOf(git: SimpleGit): Promise<string | undefined> {
  try {
    if (!(await git.checkIsRepo())) return undefined;
    return (await git.revparse(['--show-prefix'])).trim();
  } catch {
    return undefined;
  }
}

export async function gitStatus(ws: Workspace): Promise<GitStatusResponse> {
  const git = gitFor(ws);
  const prefix = await prefixOf(git);
  if (prefix === undefined) return { repo: false, branch: null, head: null, files: [] };
  const status = await git.status(['--untracked-files=all', '--', '.']);
  const head = await git.revparse(['--verify', '--quiet', 'HEAD']).then((h) => h.trim() || null, () => null);
  return {
    repo: true,
    branch: status.current ?? null,
    head,
    files: status.files.map((f) => ({ path: f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path, index: f.index, workingDir: f.working_dir })),
  };
}

/** Everything not committed in the config folder, staged or not, new files as additions. Secret files show no content. */
export async function gitDiff(ws: Workspace): Promise<GitDiffResponse> {
  const git = gitFor(ws);
  const prefix = await prefixOf(git);
  if (prefix === undefined) throw new ApiFailure(422, 'NOT_A_GIT_REPO', 'the config repo is not in a git repository', { hint: 'run `git init` there' });
  const hasHead = await git.revparse(['--verify', '--quiet', 'HEAD']).then(() => true, () => false);
  const tracked = hasHead ? await git.diff(['--no-color', '--no-ext-diff', 'HEAD', '--', '.', ':(exclude)secrets/*.age']) : '';
  const status = await git.status(['--untracked-files=all', '--', '.']);
  const files = status.files.map((f) => (f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path));
  const secretNote = files.filter((f) => f.startsWith('secrets/') && f.endsWith('.age')).map((f) => `--- ${f}\n+++ ${f}\n(an encrypted secret changed)\n`);
  const added: string[] = [];
  const untracked = status.files.filter((f) => f.index === '?' || (!hasHead && f.index !== ' ')).map((f) => (f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path));
  for (const path of untracked) {
    if (path.startsWith('secrets/')) continue;
    const bytes = await readFile(join(ws.root, path)).catch(() => undefined);
    if (!bytes) continue;
    const text = bytes.length > MAX_SHOWN_BYTES || bytes.includes(0) ? '(binary or large file)\n' : bytes.toString('utf8');
    added.push(createTwoFilesPatch('/dev/null', `b/${path}`, '', text, '', '', { context: 3 }).split('\n').filter((l) => !l.startsWith('====')).join('\n'));
  }
  return { diff: [tracked, ...added, ...secretNote].filter(Boolean).join('\n'), files };
}

export async function gitCommit(ws: Workspace, request: GitCommitRequest): Promise<GitCommitResponse> {
  if (typeof request.message !== 'string' || request.message.trim() === '') throw badRequest('"message" is required: the commit message');
  return ws.serialized(async () => {
    const git = gitFor(ws);
    const prefix = await prefixOf(git);
    if (prefix === undefined) throw new ApiFailure(422, 'NOT_A_GIT_REPO', 'the config repo is not in a git repository', { hint: 'run `git init` there' });
    const before = await git.status(['--untracked-files=all', '--', '.']);
    if (before.files.length === 0) throw new ApiFailure(409, 'NOTHING_TO_COMMIT', 'the config repo has no changes to commit');
    await git.add(['-A', '--', '.']);
    const result = await git.commit(request.message, ['.']);
    return { commit: result.commit, files: before.files.map((f) => (f.path.startsWith(prefix) ? f.path.slice(prefix.length) : f.path)) };
  });
}
