import type { RootPlan } from '../plan/plan.js';
import { headCommit, worktreeTree } from './repo.js';

/**
 * Records the config repo's HEAD commit as `builtFrom`, and the tree id of the config folder as
 * built (`builtTree`), in the manifest of every root this build writes. A build usually runs
 * before its config change is committed; the tree tells later which commit holds what was built.
 * Roots the build leaves alone keep what they had, so a config commit that changes nothing in a
 * project does not touch that project's files.
 */
export async function stampBuiltFrom(configRoot: string, plans: readonly RootPlan[]): Promise<void> {
  const written = plans.filter((p) => p.manifestChanged || p.files.some((f) => f.action === 'create' || f.action === 'update' || f.action === 'delete'));
  if (written.length === 0) return;
  const head = await headCommit(configRoot);
  if (!head) return;
  const tree = await worktreeTree(configRoot);
  for (const p of written) {
    if (p.manifest.builtFrom === head && p.manifest.builtTree === tree) continue;
    p.manifest.builtFrom = head;
    if (tree) p.manifest.builtTree = tree;
    else delete p.manifest.builtTree;
    p.manifestChanged = true;
  }
}
