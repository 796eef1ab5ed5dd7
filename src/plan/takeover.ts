import type { OutputRoot } from '../render/types.js';
import type { RootState } from './disk-state.js';
import { serializeManifest, type Manifest } from './manifest.js';
import { entryFor, type PlanOptions, type RootPlan } from './plan.js';

/** A file on disk to record in its root's manifest as it is. */
export interface Takeover {
  path: string;
  /** The output holding it has secret values (see secret-entry.ts): hashed without them. */
  secret?: boolean;
  secretKeys?: readonly string[];
  /** Taken only while the disk still holds exactly these bytes (what the caller checked). */
  bytes?: Uint8Array;
}

/**
 * The plan that writes no output and records files already on disk in the root's manifest, so the
 * next build owns them and rewrites them in its own form: an import takes over the files it read
 * once a build of the imported repo reproduces them; an upgrade re-owns the prompts an Auto-Claude
 * update replaced. `which: 'unlisted'` takes only files the manifest does not list (those it lists
 * are the build's business); 'listed' only those it lists, their entries set to the disk. A file
 * missing, behind a link, changed since the caller read it, or whose secret value would be left in
 * the hash is not taken; nor is anything in a root whose manifest is not ccm's. Pure.
 */
export function planTakeover(root: OutputRoot, state: RootState, files: readonly Takeover[], secretValues: PlanOptions['secretValues'], which: 'unlisted' | 'listed'): { plan: RootPlan; taken: string[] } {
  const manifest: Manifest = { ...state.manifest, files: { ...state.manifest.files } };
  const taken: string[] = [];
  if (!state.manifestProblem) {
    for (const f of files) {
      if ((manifest.files[f.path] !== undefined) !== (which === 'listed')) continue;
      const disk = state.files.get(f.path);
      if (state.escapes.has(f.path) || disk?.kind !== 'file') continue;
      if (f.bytes && Buffer.compare(disk.bytes, f.bytes) !== 0) continue;
      const entry = entryFor(disk.bytes, f.secret === true, f.secretKeys ?? [], secretValues, disk.executable === true);
      if (!entry) continue;
      manifest.files[f.path] = entry;
      taken.push(f.path);
    }
  }
  const manifestChanged = serializeManifest(manifest) !== serializeManifest(state.manifest) || state.recovered === true;
  return { plan: { root, files: [], manifest, manifestChanged, createDir: false }, taken };
}
