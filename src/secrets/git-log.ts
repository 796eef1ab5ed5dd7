import { runGit } from '../git/git.js';

export interface LastChange {
  /** ISO date of the last commit that touched the file. */
  date: string;
  author: string;
  commit: string;
}

/**
 * When each file was last changed according to git (`git log -1`), by repo-relative path; null for
 * a file not committed yet. Returns undefined when `root` is not in a git repository (or git is
 * missing).
 */
export async function lastChanges(root: string, paths: readonly string[]): Promise<Map<string, LastChange | null> | undefined> {
  try {
    if ((await runGit(root, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return undefined;
  } catch {
    return undefined;
  }
  const out = new Map<string, LastChange | null>();
  for (const path of paths) {
    try {
      const line = (await runGit(root, ['log', '-1', '--format=%aI%x00%an%x00%H', '--', `:(literal)${path}`])).trim();
      const [date, author, hash] = line.split('\0');
      out.set(path, line && date && author !== undefined && hash ? { date, author, commit: hash.slice(0, 12) } : null);
    } catch {
      // A repository without commits yet: git log fails.
      out.set(path, null);
    }
  }
  return out;
}
