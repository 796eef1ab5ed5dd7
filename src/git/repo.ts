import { existsSync, realpathSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { runGit } from './git.js';

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
export async function repoOf(dir: string): Promise<RepoInfo | undefined> {
  const base = nearestExisting(dir);
  try {
    const top = (await runGit(base, ['rev-parse', '--show-toplevel'])).trim();
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

/** `prefix/path` inside the working tree, without a leading slash. */
export function inRepo(prefix: string, path: string): string {
  return prefix ? `${prefix}/${path}` : path;
}

/** The tree id of `dir`'s folder at `commit` (undefined when the folder does not exist there). */
export async function treeAt(top: string, commit: string, prefix: string): Promise<string | undefined> {
  try {
    const tree = (await runGit(top, ['rev-parse', '--verify', '--quiet', `${commit}:${prefix}`])).trim();
    return /^[0-9a-f]{40,64}$/.test(tree) ? tree : undefined;
  } catch {
    return undefined;
  }
}
