import { join } from 'node:path';
import { INTENT_PATH } from '../plan/intent.js';
import { MANIFEST_PATH, serializeManifest } from '../plan/manifest.js';
import type { RootPlan } from '../plan/plan.js';
import { sweepStaging } from './staging.js';
import { type FileWrite, removeFile, removeFiles, type Staged, WriteTransaction } from './transaction.js';

/** Files under a folder that is no output root (the config repo), written in the same transaction. */
export interface OtherWrites {
  root: string;
  writes: readonly FileWrite[];
  deletes: readonly string[];
}

export interface ApplyResult {
  written: string[];
  deleted: string[];
}

/**
 * The `apply` stage, in an order that a crash at any point leaves recoverable:
 * 1. every new file and manifest is staged, many at a time (a failure here changes no output), and
 *    the data of all of them is synced in one step;
 * 2. each root's intent record (its next manifest) is put in place;
 * 3. the staged outputs are renamed into place, each atomic; orphans are deleted;
 * 4. the manifests are renamed into place, and the intent records removed.
 * Killed during 3 or 4, the next run takes each file as old-owned or new-owned (plan/intent.ts).
 * `others` (an import's config repo files) are staged with the outputs, renamed with them and
 * deleted with the orphans: a failure while staging any of them writes nothing anywhere.
 */
export async function applyPlans(plans: readonly RootPlan[], others: readonly OtherWrites[] = []): Promise<ApplyResult> {
  const result: ApplyResult = { written: [], deleted: [] };
  const tx = new WriteTransaction();
  try {
    const outputs: Staged[] = [];
    const manifests: Staged[] = [];
    const intents: Staged[] = [];
    for (const plan of plans) {
      const dir = plan.root.dir;
      const writes: FileWrite[] = [];
      for (const f of plan.files) {
        if ((f.action !== 'create' && f.action !== 'update') || !f.content) continue;
        // Files holding secrets are readable by their owner only; a skill's script stays runnable.
        const mode = f.secret ? 0o600 : f.executable ? 0o755 : undefined;
        writes.push({ path: f.path, content: f.content, ...(mode !== undefined ? { mode } : {}) });
        result.written.push(join(dir, f.path));
      }
      const manifest = plan.manifestChanged ? serializeManifest(plan.manifest) : undefined;
      if (manifest !== undefined) writes.push({ path: MANIFEST_PATH, content: manifest }, { path: INTENT_PATH, content: manifest });
      const staged = await tx.stageAll(dir, writes);
      if (manifest !== undefined) {
        intents.push(staged.pop() as Staged);
        manifests.push(staged.pop() as Staged);
      }
      outputs.push(...staged);
    }
    for (const other of others) {
      outputs.push(...(await tx.stageAll(other.root, other.writes)));
      result.written.push(...other.writes.map((w) => join(other.root, w.path)));
    }
    // All staged data at once; the renames below keep their order.
    await tx.syncData([...intents, ...outputs, ...manifests]);
    await tx.commit(intents);
    await tx.commit(outputs);
    for (const plan of plans) {
      const gone = plan.files.filter((f) => f.action === 'delete').map((f) => f.path);
      await removeFiles(plan.root.dir, gone);
      result.deleted.push(...gone.map((p) => join(plan.root.dir, p)));
    }
    for (const other of others) {
      await removeFiles(other.root, other.deletes);
      result.deleted.push(...other.deletes.map((p) => join(other.root, p)));
    }
    await tx.commit(manifests);
    for (const plan of plans) if (plan.manifestChanged) await removeFile(plan.root.dir, INTENT_PATH);
  } finally {
    await tx.close();
  }
  return result;
}

/** Instead of `applyPlans` when there is nothing to write: clears what a killed build left in each root's staging folder (see sweepStaging). */
export async function sweepPlans(plans: readonly RootPlan[]): Promise<void> {
  for (const plan of plans) await sweepStaging(plan.root.dir);
}
