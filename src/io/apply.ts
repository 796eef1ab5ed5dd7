import { rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, serializeManifest } from '../plan/manifest.js';
import type { RootPlan } from '../plan/plan.js';
import { writeFilesAtomically, type FileWrite } from './atomic-files.js';

export interface ApplyResult {
  written: string[];
  deleted: string[];
}

/**
 * The `apply` stage: every new file is first written beside its target under a temporary name;
 * only when all of them exist are they renamed into place (atomic per file), then orphans are
 * deleted, then each manifest is written. A failure while staging removes the staged files and
 * leaves every output as it was.
 */
export async function applyPlans(plans: readonly RootPlan[]): Promise<ApplyResult> {
  const result: ApplyResult = { written: [], deleted: [] };
  const writes: FileWrite[] = [];
  for (const plan of plans) {
    for (const f of plan.files) {
      if ((f.action === 'create' || f.action === 'update') && f.content) {
        // Files holding secrets are readable by their owner only; a skill's script stays runnable.
        const mode = f.secret ? 0o600 : f.executable ? 0o755 : undefined;
        writes.push({ path: join(plan.root.dir, f.path), content: f.content, ...(mode !== undefined ? { mode } : {}) });
      }
    }
  }
  await writeFilesAtomically(writes);
  result.written.push(...writes.map((w) => w.path));
  for (const plan of plans) {
    for (const f of plan.files) {
      if (f.action !== 'delete') continue;
      const abs = join(plan.root.dir, f.path);
      await rm(abs, { force: true });
      result.deleted.push(abs);
      await removeEmptyParents(plan.root.dir, dirname(abs));
    }
  }
  // Manifests last: until they are written, the previous ones still describe what is on disk.
  await writeFilesAtomically(plans.filter((p) => p.manifestChanged).map((p) => ({ path: join(p.root.dir, MANIFEST_PATH), content: serializeManifest(p.manifest) })));
  return result;
}

/** After deleting an orphan, drop folders it leaves empty (never the root itself). */
async function removeEmptyParents(root: string, dir: string): Promise<void> {
  let current = dir;
  while (current.startsWith(root + '/') && current !== root) {
    try {
      await rmdir(current);
    } catch {
      return;
    }
    current = dirname(current);
  }
}
