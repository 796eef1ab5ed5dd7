import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../io/transaction.js';
import { isExecutable } from '../load/read-tree.js';
import { MANIFEST_PATH, emptyManifest, parseManifest, serializeManifest, type Manifest } from '../plan/manifest.js';
import { entryFor } from '../plan/plan.js';
import type { RoundTrip } from './verify.js';

/**
 * After an import, the files it read (a project's `.auto-claude/.env`, `settings.json`, …) still
 * sit where the next build writes. A build reproduces them in value but not always in bytes (ccm's
 * own quoting, key order, comments), and would refuse to overwrite files it does not own. The
 * import checked the round trip, so it records exactly those files, as they are now, in their root's
 * manifest: the next build then owns them and rewrites them in ccm's form. Files already listed,
 * changed since they were read, or in a root whose manifest is not ccm's are left alone.
 */
export async function adoptReproduced(reproduced: RoundTrip['reproduced'], secretValues: ReadonlyMap<string, string>): Promise<string[]> {
  const secrets = [...secretValues].map(([name, value]) => ({ name, value }));
  const byRoot = new Map<string, RoundTrip['reproduced']>();
  for (const r of reproduced) byRoot.set(rootOf(r), [...(byRoot.get(rootOf(r)) ?? []), r]);
  const writes: { root: string; content: string }[] = [];
  const adopted: string[] = [];
  for (const [root, files] of byRoot) {
    const manifest = readManifest(join(root, MANIFEST_PATH));
    if (!manifest) continue;
    let changed = false;
    for (const f of files) {
      if (manifest.files[f.path]) continue;
      let bytes: Uint8Array;
      let executable: boolean;
      try {
        bytes = readFileSync(f.abs);
        executable = isExecutable(statSync(f.abs).mode);
      } catch {
        continue;
      }
      const entry = entryFor(bytes, f.secret, f.secretKeys, secrets, executable);
      // A value outside its KEY= line would be in the hash: the file is left to the next build.
      if (!entry) continue;
      manifest.files[f.path] = entry;
      adopted.push(f.abs);
      changed = true;
    }
    if (changed) writes.push({ root, content: serializeManifest(manifest) });
  }
  for (const w of writes) await writeFilesAtomically(w.root, [{ path: MANIFEST_PATH, content: w.content }]);
  return adopted;
}

/** The output roots the reproduced files sit in, whose manifests an adoption writes. */
export function reproducedRoots(reproduced: RoundTrip['reproduced']): string[] {
  return [...new Set(reproduced.map(rootOf))];
}

function rootOf(r: RoundTrip['reproduced'][number]): string {
  return r.abs.slice(0, r.abs.length - r.path.length).replace(/\/$/, '');
}

/** The root's manifest, an empty one when there is none, undefined when the file is not ccm's. */
export function readManifest(abs: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return emptyManifest();
  }
  return parseManifest(text);
}
