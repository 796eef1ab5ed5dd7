import { runGit } from './git.js';
import { inputsAt } from './inputs.js';
import { inRepo, repoOf, treeAt } from './repo.js';

export interface FileStatus {
  /** Path relative to the folder that was asked about. */
  path: string;
  /** git's two-letter porcelain code, e.g. ` M`, `M `, `??`, ` D`. */
  code: string;
}

/**
 * Which of `paths` (relative to `dir`) differ from HEAD in the repository holding `dir`: modified,
 * staged, deleted or untracked (ignored files are not reported). Undefined when `dir` is in no
 * git repository.
 */
export async function uncommitted(dir: string, paths: readonly string[]): Promise<FileStatus[] | undefined> {
  const repo = await repoOf(dir);
  if (!repo) return undefined;
  if (paths.length === 0) return [];
  const byRepoPath = new Map(paths.map((p) => [inRepo(repo.prefix, p), p]));
  const out: FileStatus[] = [];
  const all = [...byRepoPath.keys()];
  for (let i = 0; i < all.length; i += 200) {
    const chunk = all.slice(i, i + 200).map((p) => `:(literal)${p}`);
    const raw = await runGit(repo.top, ['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all', '--', ...chunk]);
    for (const entry of raw.split('\0')) {
      if (entry.length < 4) continue;
      const path = byRepoPath.get(entry.slice(3));
      if (path !== undefined) out.push({ path, code: entry.slice(0, 2) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface ConfigCommit {
  commit: string;
  subject: string;
}

export interface ConfigRepoState {
  head: string | undefined;
  /** Files of the config repo folder that differ from HEAD. */
  uncommitted: FileStatus[];
  /**
   * Config commits after `builtFrom` that touch the config folder (newest first), and those of
   * them that come after the one holding exactly what was built (`builtInputs`, or `builtTree` of
   * older manifests); undefined when
   * `builtFrom` is not in HEAD's history.
   */
  sinceBuild(builtFrom: string, built: { inputs?: string; tree?: string }): Promise<{ since: ConfigCommit[]; unbuilt: ConfigCommit[] } | undefined>;
}

/** Git facts about the config repo; undefined when it is not in a git repository. */
export async function configRepoState(root: string): Promise<ConfigRepoState | undefined> {
  const repo = await repoOf(root);
  if (!repo) return undefined;
  const git = (args: string[]): Promise<string> => runGit(root, args);
  let head: string | undefined;
  try {
    head = (await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() || undefined;
  } catch {
    head = undefined;
  }
  const changes: FileStatus[] = [];
  for (const entry of (await git(['status', '--porcelain=v1', '-z', '--no-renames', '--untracked-files=all', '--', '.'])).split('\0')) {
    if (entry.length >= 4) changes.push({ path: entry.slice(3), code: entry.slice(0, 2) });
  }
  return {
    head,
    uncommitted: changes,
    async sinceBuild(builtFrom, built) {
      if (!head || !/^[0-9a-f]{4,64}$/.test(builtFrom)) return undefined;
      try {
        await git(['merge-base', '--is-ancestor', builtFrom, head]);
      } catch {
        return undefined;
      }
      const log = await git(['log', '--format=%H%x09%s', `${builtFrom}..${head}`, '--', '.']);
      const since = log
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const tab = line.indexOf('\t');
          return { commit: line.slice(0, tab), subject: line.slice(tab + 1) };
        });
      let unbuilt = since;
      // What identifies the config as built: its inputs' fingerprint, or (older manifests) its tree id.
      const record = built.inputs ?? built.tree;
      const at = (commit: string): Promise<string | undefined> => (built.inputs ? inputsAt(repo.top, commit, repo.prefix) : treeAt(repo.top, commit, repo.prefix));
      if (record && (await at(builtFrom)) !== record) {
        // Built from uncommitted changes: the newest commit holding exactly that config is built.
        for (let i = 0; i < Math.min(since.length, 100); i++) {
          if ((await at(since[i]!.commit)) === record) {
            unbuilt = since.slice(0, i);
            break;
          }
        }
      }
      return { since, unbuilt };
    },
  };
}
