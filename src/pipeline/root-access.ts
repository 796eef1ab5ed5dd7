import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { runGit } from '../git/git.js';
import type { ConfigRepo } from '../load/model.js';
import type { OutputFile, OutputRoot } from '../render/types.js';
import { describeRoot, positionFor } from './roots.js';

/**
 * What the disk says about each output root, checked by `validate` and before any build writes:
 * the `path` must name a folder (or a place one can be made) that this user may write. A folder
 * that does not exist yet and is in no git repository is refused when a file holding decrypted
 * secrets would go there: that is most often a typo in `path`, and ccm could not check that git
 * ignores the file (an existing folder outside git gets the SECRET_UNCHECKED warning instead).
 */
export async function rootAccessDiagnostics(repo: ConfigRepo, targets: readonly { root: OutputRoot; files: readonly OutputFile[] }[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const { root, files } of targets) {
    // Only for a diagnostic: a position parses the file again when it came from the parse cache.
    const at = (): ReturnType<typeof positionFor> => positionFor(repo, root);
    let base = root.dir;
    let info = statOrUndefined(base);
    while (!info && dirname(base) !== base) {
      base = dirname(base);
      info = statOrUndefined(base);
    }
    const exists = base === root.dir;
    if (!info?.isDirectory()) {
      out.push(error('OUTPUT_ROOT_NOT_FOLDER', exists ? `${describeRoot(root)} would write into ${root.dir}, which is a file, not a folder`
        : `${describeRoot(root)} would write into ${root.dir}, but ${base} on the way is a file, not a folder`, at(),
      'point `path` at the project\'s folder (check for a typo), or move the file away'));
      continue;
    }
    try {
      accessSync(base, constants.W_OK | constants.X_OK);
    } catch {
      out.push(error('OUTPUT_ROOT_NOT_WRITABLE', exists ? `${describeRoot(root)} would write into ${root.dir}, which you may not write to`
        : `${describeRoot(root)} would create ${root.dir}, but you may not write to ${base}`, at(),
      `check the folder's owner and mode (e.g. \`ls -ld ${base}\`), or point \`path\` at a folder you own`));
      continue;
    }
    if (!exists && files.some((f) => f.secret === true) && !(await inGitRepo(base))) {
      out.push(error('OUTPUT_ROOT_MISSING', `${describeRoot(root)} would create ${root.dir} and write decrypted secrets into it, but the folder does not exist and is in no git repository`, at(),
        'check `path` for a typo; for a new project, create its folder and run `git init` there (ccm then checks that git ignores the secrets) before building'));
    }
  }
  return out;
}

async function inGitRepo(dir: string): Promise<boolean> {
  try {
    return (await runGit(dir, ['rev-parse', '--is-inside-work-tree'])).trim() === 'true';
  } catch {
    return false;
  }
}

function statOrUndefined(abs: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}
