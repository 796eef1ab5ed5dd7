import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import { gitResult, runGit } from '../git/git.js';
import { displayPath } from '../plan/plan.js';
import type { OutputFile, OutputRoot } from '../render/types.js';

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
    const secret = files.filter((f) => f.secret === true);
    if (secret.length === 0) continue;
    // The directory may not exist before the first build; git can answer from its nearest ancestor.
    let base = root.dir;
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
      if (base !== root.dir) continue;
      for (const f of secret) {
        diagnostics.push(warning('SECRET_UNCHECKED', 'this file holds decrypted secrets, but its directory is not in a git repository, so ccm cannot check that git ignores it',
          { file: displayPath(root, f.path) }, 'if the project becomes a git repo, add `.auto-claude/` to its .gitignore before committing'));
      }
      continue;
    }
    for (const f of secret) {
      const path = rel(f);
      const at = { file: displayPath(root, f.path) };
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
  }
  return diagnostics;
}
