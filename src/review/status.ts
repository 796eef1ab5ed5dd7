import { uncommitted, type ConfigCommit, type ConfigRepoState, type FileStatus } from '../git/status.js';
import { MANIFEST_PATH } from '../plan/manifest.js';
import type { PlanAction, RootPlan } from '../plan/plan.js';
import { worktreeOf } from '../plan/worktrees.js';
import { BACKEND_KEY } from './risks.js';

/*
 * What `ccm status` reports per output root, apart from its printing: the web UI's status page
 * shows the same thing.
 */

export interface RootStatus {
  project: string;
  dir: string;
  upToDate: boolean;
  counts: Record<PlanAction, number>;
  /** Files a build would create, update or delete, and files edited by hand. */
  changes: { path: string; action: PlanAction }[];
  /** Generated files that differ from HEAD of the project's repository; null when it is not in git. */
  uncommitted: FileStatus[] | null;
  builtFrom: string | null;
  /** Config commits since `builtFrom` (touching the config folder); null when unknown. */
  commitsSinceBuild: ConfigCommit[] | null;
  /**
   * Those of them whose changes the outputs do not have yet: the commits after the one holding
   * exactly the config that was built (`builtInputs`); none while the outputs are up to date.
   */
  unbuiltCommits: ConfigCommit[] | null;
}

/** One output root's status from its plan and the config repo's git state. */
export async function rootStatus(plan: RootPlan, config: ConfigRepoState | undefined): Promise<RootStatus> {
  const counts: Record<PlanAction, number> = { create: 0, update: 0, delete: 0, unchanged: 0, drifted: 0 };
  for (const f of plan.files) counts[f.action]++;
  const changes = plan.files.filter((f) => f.action !== 'unchanged').map((f) => ({ path: f.path, action: f.action }));
  const upToDate = !plan.createDir && !plan.manifestChanged && changes.length === 0;
  // Files ccm only patches are the app's, and a task worktree's .env copy lives in the worktree's own working tree.
  const generated = [...plan.files.filter((f) => !f.patched && !worktreeOf(f.path)).map((f) => f.path), MANIFEST_PATH];
  const git = await uncommitted(plan.root.dir, generated);
  const builtFrom = plan.manifest.builtFrom ?? null;
  const since = builtFrom && config ? ((await config.sinceBuild(builtFrom, { ...(plan.manifest.builtInputs ? { inputs: plan.manifest.builtInputs } : {}), ...(plan.manifest.builtTree ? { tree: plan.manifest.builtTree } : {}) })) ?? null) : null;
  return {
    project: plan.root.kind === 'project' ? plan.root.project : BACKEND_KEY,
    dir: plan.root.dir,
    upToDate,
    counts,
    changes,
    uncommitted: git ?? null,
    builtFrom,
    commitsSinceBuild: since?.since ?? null,
    unbuiltCommits: since === null ? null : upToDate ? [] : since.unbuilt,
  };
}
