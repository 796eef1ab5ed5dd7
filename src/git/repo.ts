import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { SimpleGit } from 'simple-git';

/**
 * The few git questions ccm asks, over simple-git (loaded lazily, only by the commands that need
 * git). A git hook runs ccm with GIT_DIR, GIT_INDEX_FILE and friends set for the repository being
 * committed to; questions about *another* repository (a project directory elsewhere) must not
 * inherit them, so `foreign` clients run with every GIT_* variable removed.
 */
export async function gitAt(dir: string, options: { foreign?: boolean; indexFile?: string } = {}): Promise<SimpleGit> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: dir });
  if (options.indexFile) return git.env({ ...foreignEnv(), GIT_INDEX_FILE: options.indexFile });
  return options.foreign ? git.env(foreignEnv()) : git;
}

function foreignEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  // simple-git refuses to pass editor, pager and similar variables explicitly; none matters here.
  const refused = new Set(['EDITOR', 'PAGER', 'PREFIX', 'SSH_ASKPASS']);
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^GIT_/i.test(k) || refused.has(k.toUpperCase())) continue;
    env[k] = v;
  }
  return env;
}

/** The nearest folder of `dir` that exists (outputs may not have been written yet). */
export function nearestExisting(dir: string): string {
  let d = dir;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

export interface RepoInfo {
  /** Real path of the working tree's top level. */
  top: string;
  /** POSIX path of the asked folder inside the working tree ('' at the top). */
  prefix: string;
}

/** The working tree holding `dir`, or undefined when it is in none (or git is missing). */
export async function repoOf(dir: string, options: { foreign?: boolean } = {}): Promise<RepoInfo | undefined> {
  const base = nearestExisting(dir);
  try {
    const git = await gitAt(base, options);
    const top = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
    if (!top) return undefined;
    const realTop = realpathSync(top);
    const rel = relative(realTop, realpathSync(base)).split(sep).join('/');
    const rest = relative(base, dir).split(sep).join('/');
    const prefix = [rel, rest].filter((p) => p !== '').join('/');
    if (prefix === '..' || prefix.startsWith('../')) return undefined;
    return { top: realTop, prefix };
  } catch {
    return undefined;
  }
}

/** The commit HEAD points at, or undefined outside git and before the first commit. */
export async function headCommit(dir: string): Promise<string | undefined> {
  try {
    const git = await gitAt(nearestExisting(dir));
    const sha = (await git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** `prefix/path` inside the working tree, without a leading slash. */
export function inRepo(prefix: string, path: string): string {
  return prefix ? `${prefix}/${path}` : path;
}

/**
 * The git tree id the config folder would have if it were committed now, uncommitted and untracked
 * (not ignored) files included: built with a throwaway index, so the real index is not touched.
 */
export async function worktreeTree(dir: string): Promise<string | undefined> {
  const repo = await repoOf(dir, { foreign: true });
  if (!repo) return undefined;
  const temp = mkdtempSync(join(tmpdir(), 'ccm-index-'));
  try {
    const git = await gitAt(repo.top, { indexFile: join(temp, 'index') });
    await git.raw(['add', '-A', '--', `:(literal)${repo.prefix || '.'}`]);
    const tree = (await git.raw(['write-tree', ...(repo.prefix ? [`--prefix=${repo.prefix}/`] : [])])).trim();
    return /^[0-9a-f]{40,64}$/.test(tree) ? tree : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The tree id of `dir`'s folder at `commit` (undefined when the folder does not exist there). */
export async function treeAt(top: string, commit: string, prefix: string): Promise<string | undefined> {
  try {
    const git = await gitAt(top, { foreign: true });
    const tree = (await git.raw(['rev-parse', '--verify', '--quiet', `${commit}:${prefix}`])).trim();
    return /^[0-9a-f]{40,64}$/.test(tree) ? tree : undefined;
  } catch {
    return undefined;
  }
}
