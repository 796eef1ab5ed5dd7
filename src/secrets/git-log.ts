export interface LastChange {
  /** ISO date of the last commit that touched the file. */
  date: string;
  author: string;
  commit: string;
}

/**
 * When each file was last changed according to git (`git log -1`), by repo-relative path; null for
 * a file not committed yet. Returns undefined when `root` is not in a git repository (or git is
 * missing). `simple-git` is loaded only here.
 */
export async function lastChanges(root: string, paths: readonly string[]): Promise<Map<string, LastChange | null> | undefined> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root });
  try {
    if (!(await git.checkIsRepo())) return undefined;
  } catch {
    return undefined;
  }
  const out = new Map<string, LastChange | null>();
  for (const path of paths) {
    try {
      const log = await git.log({ file: path, maxCount: 1 });
      const latest = log.latest;
      out.set(path, latest ? { date: latest.date, author: latest.author_name, commit: latest.hash.slice(0, 12) } : null);
    } catch {
      // A repository without commits yet: git log fails.
      out.set(path, null);
    }
  }
  return out;
}
