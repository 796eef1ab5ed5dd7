import { homeFolder } from '../run-environment.js';
import { dirname, resolve, sep } from 'node:path';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { ConfigRepo } from '../load/model.js';
import { READ_ROOTS } from '../load/read-tree.js';
import { positionOf } from '../load/yaml-file.js';
import type { OutputRoot } from '../render/types.js';

/** Folders of the config repo that ccm reads back as config, or keeps its own state in, or git's. */
const OWN_FOLDERS = [...READ_ROOTS, '.ccm', '.git'].map((f) => f.toLowerCase());

/**
 * Where output roots may not be. Two roots in one folder, or one inside another, would share
 * files and each delete the other's as orphans (a backend inside a project rewrote that project on
 * every build). A root at `/`, the home folder, the config repo itself or one of the folders ccm
 * reads from it would put generated files, and a decrypted `.env`, where nobody expects them, or
 * feed them back into the next build. Another folder inside the config repo (`out/`) is fine. Folders are compared ignoring case,
 * since they may be on macOS or Windows.
 */
export function rootDiagnostics(repo: ConfigRepo, roots: readonly OutputRoot[], home = homeFolder()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, OutputRoot>();
  const key = (dir: string): string => resolve(dir).toLowerCase();
  const configRepo = key(repo.root);
  for (const root of roots) {
    // Only for a diagnostic: a position parses the file again when it came from the parse cache.
    const at = (): ReturnType<typeof positionFor> => positionFor(repo, root);
    const raw = rawPath(repo, root);
    if (raw !== undefined && /^~(\/|$)/.test(raw)) {
      out.push(warning('PATH_TILDE_EXPANDED', `${describeRoot(root)}: "~" in ${JSON.stringify(raw)} is expanded to this user's home folder (${root.dir})`, at(),
        'each teammate\'s home folder differs: a path relative to the config repo (../app) works the same for everyone'));
    }
    const k = key(root.dir);
    const unsafe = k === key(dirname(k)) ? 'the root of the file system'
      : k === key(home) ? 'your home folder'
        : k === configRepo ? 'the config repo itself'
          : OWN_FOLDERS.some((f) => k === `${configRepo}${sep}${f}` || k.startsWith(`${configRepo}${sep}${f}${sep}`)) ? 'a folder of the config repo that ccm reads or owns' : undefined;
    if (unsafe) {
      out.push(error('OUTPUT_ROOT_UNSAFE', `${describeRoot(root)} would write into ${root.dir}, which is ${unsafe}`, at(),
        'point it at the project\'s own folder, e.g. `path: ../my-app` (relative to the config repo); to keep the config inside the project, put it in a subfolder and use `path: ..`'));
      continue;
    }
    const first = seen.get(k);
    if (first) {
      out.push(error('OUTPUT_CLASH', `${describeRoot(root)} writes into the same folder as ${describeRoot(first)} (${first.dir})`, at(),
        'give each project (and the Auto-Claude backend) a folder of its own'));
      continue;
    }
    seen.set(k, root);
  }
  // One root inside another: checked against each root's parent folders, so linear in the roots.
  for (const [k, root] of seen) {
    for (let parent = dirname(k); parent !== dirname(parent); parent = dirname(parent)) {
      const outer = seen.get(parent);
      if (!outer) continue;
      out.push(error('OUTPUT_CLASH', `${describeRoot(root)} writes into ${root.dir}, inside the folder of ${describeRoot(outer)} (${outer.dir})`, positionFor(repo, root),
        'give each its own folder, side by side; a CLAUDE.md for a subdirectory is a claude-md section with `directory:`'));
      break;
    }
  }
  return out;
}

function rawPath(repo: ConfigRepo, root: OutputRoot): string | undefined {
  const value = root.kind === 'project' ? repo.projects.get(root.project)?.value['path'] : (repo.config?.value['autoClaude'] as Record<string, unknown> | undefined)?.['backendPath'];
  return typeof value === 'string' ? value : undefined;
}

export function positionFor(repo: ConfigRepo, root: OutputRoot): ReturnType<typeof positionOf> | undefined {
  const file = root.kind === 'project' ? repo.projects.get(root.project) : repo.config;
  return file ? positionOf(file, root.kind === 'project' ? ['path'] : ['autoClaude', 'backendPath']) : undefined;
}

export function describeRoot(root: OutputRoot): string {
  return root.kind === 'project' ? `project "${root.project}"` : 'the Auto-Claude backend';
}
