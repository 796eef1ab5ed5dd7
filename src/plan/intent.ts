import { STAGING_DIR } from '../io/staging.js';
import type { DiskFile } from './disk-state.js';
import type { Manifest } from './manifest.js';
import { holdsEntry } from './secret-entry.js';

/**
 * The intent record: before the first output of a root is renamed into place, the manifest the
 * build is moving to is written here. Until the new manifest replaces the old one, a crash leaves
 * each output either as the old manifest describes it or as the intent does; the next run reads
 * both and takes, for each file, the entry its bytes match (see recoverManifest), so a crash is
 * never mistaken for a hand edit. Beside the staged files, so git ignores it too.
 */
export const INTENT_PATH = `${STAGING_DIR}/manifest.pending.json`;

/**
 * The manifest that describes the disk after a build stopped between its renames: per file, the
 * entry (old or intended) that the bytes on disk match. A file that matches neither keeps the old
 * entry, so real drift is still seen as drift; a file only the intent knows and that is not there
 * (the crash came before its rename) is not listed.
 */
export function recoverManifest(old: Manifest, intent: Manifest, files: ReadonlyMap<string, DiskFile>): Manifest {
  const recovered: Manifest = { ...old, files: {} };
  for (const path of new Set([...Object.keys(old.files), ...Object.keys(intent.files)])) {
    const before = old.files[path];
    const after = intent.files[path];
    const disk = files.get(path);
    if (after && disk?.kind === 'file' && holdsEntry(disk.bytes, after)) recovered.files[path] = after;
    else if (before) recovered.files[path] = before;
  }
  return recovered;
}
