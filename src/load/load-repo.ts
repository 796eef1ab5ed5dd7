import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../core/kinds.js';
import type { Diagnostic } from '../diagnostics.js';
import { assembleRepo } from './assemble.js';
import type { ConfigRepo, RawFile } from './model.js';
import { ParseCache } from './parse-cache.js';
import { readTree } from './read-tree.js';

export { findRepoRoot } from './find-root.js';


/**
 * The `load` stage: the only reader of the config repo. `cache` is the parse cache a long-running
 * process keeps between loads; without one, the load reads the one in `.ccm/cache/`. A load
 * never writes it: a writing build does, once it is sure to write (ParseCache.persist).
 */
export async function loadRepo(root: string, cache = new ParseCache()): Promise<{ repo: ConfigRepo; diagnostics: Diagnostic[]; inputs: RawFile[] }> {
  const configBytes = await readFile(join(root, CONFIG_FILE));
  cache.begin(root);
  const tree = readTree(root, cache);
  const { repo, diagnostics } = assembleRepo(root, { path: CONFIG_FILE, bytes: configBytes }, tree.files, cache);
  cache.finish();
  // Every file read, for the fingerprint of what a build was built from (git/inputs.ts).
  return { repo, diagnostics: [...tree.diagnostics, ...diagnostics], inputs: [{ path: CONFIG_FILE, bytes: configBytes }, ...tree.files] };
}
