import { join } from 'node:path';
import { applyPlans, type OtherWrites } from '../io/apply.js';
import { withBuildLocks, type LockOptions } from '../pipeline/build-locks.js';
import { readRootState } from '../plan/disk-state.js';
import type { PlanOptions, RootPlan } from '../plan/plan.js';
import { planTakeover, type Takeover } from '../plan/takeover.js';
import type { OutputRoot } from '../render/types.js';

/** Files of one output root that an import (or upgrade) records in its manifest as they are. */
export interface RootTakeover {
  root: OutputRoot;
  files: Takeover[];
}

export interface ImportWriteOptions {
  lock: LockOptions;
  /** Secret values the taken files may hold, kept out of the manifest's hashes. */
  secretValues: PlanOptions['secretValues'];
  /** See planTakeover: an import takes files ccm does not own yet, an upgrade re-owns those it does. */
  which: 'unlisted' | 'listed';
}

/**
 * Writes an import as a build writes: under the build locks of the config repo and of every root
 * with a file to take over, each root's disk state is read as the build reads it, the takeover is
 * planned as a manifest-only plan, and the config repo's files and those manifests go through the
 * build's apply (io/apply.ts) in one transaction. Returns the absolute paths taken over.
 */
export async function writeImport(repo: OtherWrites, takeovers: readonly RootTakeover[], options: ImportWriteOptions): Promise<string[]> {
  const wanted = takeovers.filter((t) => t.files.length > 0);
  return withBuildLocks([repo.root, ...wanted.map((t) => t.root.dir)], options.lock, async (locks) => {
    const plans: RootPlan[] = [];
    const taken: string[] = [];
    for (const t of wanted) {
      const state = readRootState(t.root.dir, t.files.map((f) => f.path), false);
      const planned = planTakeover(t.root, state, t.files, options.secretValues, options.which);
      if (!planned.plan.manifestChanged) continue;
      plans.push(planned.plan);
      taken.push(...planned.taken.map((p) => join(t.root.dir, p)));
    }
    locks.assertHeld();
    await applyPlans(plans, [repo]);
    return taken;
  });
}
