import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../core/kinds.js';
import type { Diagnostic } from '../diagnostics.js';
import { assembleRepo } from './assemble.js';
import type { ConfigRepo, RawFile } from './model.js';
import { ParseCache, type SchemaVerdicts } from './parse-cache.js';
import { readTree, type TreeListing } from './read-tree.js';

export { findRepoRoot } from './find-root.js';


/**
 * Unsaved files seen in place of the disk's (the web UI's drafts): repo-relative path → content,
 * null for a file taken away. Nothing of it is written anywhere.
 */
export type DraftOverlay = ReadonlyMap<string, Uint8Array | null>;

/**
 * The `load` stage: the only reader of the config repo. `cache` is the parse cache a long-running
 * process keeps between loads; without one, the load reads the one in `.ccm/cache/`. A load
 * never writes it: a writing build does, once it is sure to write (ParseCache.persist).
 * `drafts` replace, add or take away files of the tree as read, so that a draft is checked by the
 * very same load, validate, resolve and render as the saved file will be.
 */
export async function loadRepo(root: string, cache = new ParseCache(), drafts?: DraftOverlay, listing?: TreeListing): Promise<{ repo: ConfigRepo; diagnostics: Diagnostic[]; inputs: RawFile[]; verdicts?: SchemaVerdicts }> {
  const configDraft = drafts?.get(CONFIG_FILE);
  const configBytes = configDraft ?? await readFile(join(root, CONFIG_FILE));
  cache.begin(root);
  const tree = readTree(root, cache, listing);
  const files = drafts ? overlay(tree.files, drafts) : tree.files;
  const { repo, diagnostics } = assembleRepo(root, { path: CONFIG_FILE, bytes: configBytes }, files, cache);
  cache.finish();
  // Every file read, for the fingerprint of what a build was built from (git/inputs.ts).
  return { repo, diagnostics: [...tree.diagnostics, ...diagnostics], inputs: [{ path: CONFIG_FILE, bytes: configBytes }, ...files], verdicts: cache };
}

/**
 * The tree with the drafts in place, in the order readTree reads (folder by folder, each sorted):
 * which of two clashing files is reported depends on it.
 */
function overlay(files: readonly RawFile[], drafts: DraftOverlay): RawFile[] {
  const out: RawFile[] = files.filter((f) => !drafts.has(f.path));
  for (const [path, bytes] of drafts) if (bytes !== null && path !== CONFIG_FILE) out.push({ path, bytes });
  return out.sort((a, b) => compareWalkOrder(a.path, b.path));
}

function compareWalkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
