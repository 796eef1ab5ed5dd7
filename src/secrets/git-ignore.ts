import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { gitResult, runGit } from '../git/git.js';
import { outputDisplayPath } from '../plan/display-path.js';
import type { OutputFile, OutputRoot } from '../render/types.js';
import { worktreeOf } from '../plan/worktrees.js';

/**
 * Decrypted values may only go into files git ignores. For every output marked `secret`, asks git
 * (in the output's directory) whether the file is tracked or not ignored: either is an error
 * SECRET_IN_TRACKED_FILE, so the build writes nothing. A directory outside any git repository
 * cannot be checked: that is a warning (SECRET_UNCHECKED), and the file is written.
 * git runs through `runGit`, so a pre-commit hook's GIT_DIR never makes git answer for another
 * repository (or for the folder as if it were the top of the hook's).
 */
export async function checkSecretOutputs(targets: readonly { root: OutputRoot; files: readonly OutputFile[] }[]): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const { root, files } of targets) {
    // A task worktree is a working tree of its own (with its own checkout of .gitignore): its copy
    // of the .env is asked about there, as its agents would commit from there.
    const groups = new Map<string, OutputFile[]>();
    for (const f of files) {
      if (f.secret !== true) continue;
      const folder = worktreeOf(f.path);
      const dir = folder ? join(root.dir, folder) : root.dir;
      groups.set(dir, [...(groups.get(dir) ?? []), f]);
    }
    for (const [dir, secret] of groups) diagnostics.push(...(await checkIgnored(root, dir, secret)));
  }
  return diagnostics;
}

async function checkIgnored(root: OutputRoot, dir: string, secret: readonly OutputFile[]): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  // The directory may not exist before the first build; git can answer from its nearest ancestor.
  let base = dir;
  while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
  const rel = (f: OutputFile): string => relative(base, join(root.dir, f.path)).split(sep).join('/');
  let isRepo: boolean;
  try {
    isRepo = (await runGit(base, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    isRepo = false;
  }
  if (!isRepo) {
    // A folder yet to be made outside git is refused as a whole (OUTPUT_ROOT_MISSING, build/root-access.ts).
    if (base !== dir) return diagnostics;
    for (const f of secret) {
      diagnostics.push(warning('SECRET_UNCHECKED', 'this file holds decrypted secrets, but its directory is not in a git repository, so ccm cannot check that git ignores it',
        { file: outputDisplayPath(root, f.path) }, 'if the project becomes a git repo, add `.auto-claude/` to its .gitignore before committing'));
    }
    return diagnostics;
  }
  for (const f of secret) {
    const path = rel(f);
    const at = { file: outputDisplayPath(root, f.path) };
    try {
      const tracked = (await runGit(base, ['ls-files', '--', `:(literal)${path}`])).trim() !== '';
      if (tracked) {
        diagnostics.push(error('SECRET_IN_TRACKED_FILE', 'this file would hold decrypted secrets, but git tracks it, so they would be committed; nothing was written',
          at, `run \`git rm --cached ${path}\` in ${base}, add \`.auto-claude/\` to the project's .gitignore, and build again`));
        continue;
      }
      // check-ignore exits 1 when the path is not ignored
      const ignored = (await gitResult(base, ['check-ignore', '-q', '--', path], { okCodes: [1] })).code === 0;
      if (!ignored) {
        diagnostics.push(error('SECRET_IN_TRACKED_FILE', 'this file would hold decrypted secrets, but git does not ignore it, so they could be committed; nothing was written',
          at, 'add `.auto-claude/` to the project\'s .gitignore and build again'));
      }
    } catch (err) {
      diagnostics.push(error('SECRET_IN_TRACKED_FILE', `cannot ask git whether this file is ignored (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); nothing was written`,
        at, 'check that git works in the project directory, then build again'));
    }
  }
  return diagnostics;
}
