import type { RootPlan } from '../plan/plan.js';
import { readHead } from './head.js';
import { inputsFingerprint, type BlobIds, type InputFile } from './inputs.js';

/**
 * Records the config repo's HEAD commit as `builtFrom`, and the fingerprint of the config files
 * as built (`builtInputs`, uncommitted changes included), in the manifest of every root this
 * build writes. A build usually runs before its config change is committed; the fingerprint
 * tells `ccm status` later which commit holds what was built. No git process runs: HEAD is read
 * from the repository's files and the fingerprint from the bytes the build read (blob ids of files
 * known by their stat come from `blobs`, this machine's record, so they are not read). Roots the build
 * leaves alone keep what they had, so a config commit that changes nothing in a project does not
 * touch that project's files.
 */
export function stampBuiltFrom(configRoot: string, plans: readonly RootPlan[], inputs: readonly InputFile[], blobs?: BlobIds): void {
  stampBuiltInputs(configRoot, plans, () => inputsFingerprint(inputs, blobs));
}

/** {@link stampBuiltFrom} with the fingerprint of the inputs computed by the caller (a replayed build knows every blob id). */
export function stampBuiltInputs(configRoot: string, plans: readonly RootPlan[], fingerprintOf: () => string): void {
  const written = plans.filter((p) => p.manifestChanged || p.files.some((f) => f.action === 'create' || f.action === 'update' || f.action === 'delete'));
  if (written.length === 0) return;
  const head = readHead(configRoot);
  if (!head) return;
  const fingerprint = fingerprintOf();
  for (const p of written) {
    if (p.manifest.builtFrom === head && p.manifest.builtInputs === fingerprint && p.manifest.builtTree === undefined) continue;
    p.manifest.builtFrom = head;
    p.manifest.builtInputs = fingerprint;
    // The record of older versions (a git tree id), which this one replaces.
    delete p.manifest.builtTree;
    p.manifestChanged = true;
  }
}
