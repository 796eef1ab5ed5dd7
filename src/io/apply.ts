import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH, serializeManifest } from '../plan/manifest.js';
import type { RootPlan } from '../plan/plan.js';

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
  const staged: { temp: string; target: string }[] = [];
  const result: ApplyResult = { written: [], deleted: [] };
  const suffix = `.ccm-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const stage = async (target: string, content: Uint8Array | string, mode?: number): Promise<void> => {
    await mkdir(dirname(target), { recursive: true });
    const temp = target + suffix;
    const handle = await open(temp, 'wx', mode ?? 0o666);
    staged.push({ temp, target });
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  };
  try {
    for (const plan of plans) {
      for (const f of plan.files) {
        if ((f.action === 'create' || f.action === 'update') && f.content) {
          // Files holding secrets are readable by their owner only.
          await stage(join(plan.root.dir, f.path), f.content, f.secret ? 0o600 : undefined);
        }
      }
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw err;
  }
  for (const s of staged) {
    await rename(s.temp, s.target);
    result.written.push(s.target);
  }
  for (const plan of plans) {
    for (const f of plan.files) {
      if (f.action !== 'delete') continue;
      const abs = join(plan.root.dir, f.path);
      await rm(abs, { force: true });
      result.deleted.push(abs);
      await removeEmptyParents(plan.root.dir, dirname(abs));
    }
  }
  for (const plan of plans) {
    if (!plan.manifestChanged) continue;
    const target = join(plan.root.dir, MANIFEST_PATH);
    await mkdir(dirname(target), { recursive: true });
    const temp = target + suffix;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(serializeManifest(plan.manifest));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  }
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
