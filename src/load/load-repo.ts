import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { CcmError } from '../errors.js';
import { CONFIG_FILE } from '../core/kinds.js';
import type { Diagnostic } from '../diagnostics.js';
import { assembleRepo } from './assemble.js';
import type { ConfigRepo, RawFile } from './model.js';
import { ParseCache } from './parse-cache.js';
import { readTree } from './read-tree.js';

/** Walks up from `cwd` to the folder holding ccm.config.yaml, as git does for .git. */
export function findRepoRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new CcmError('CONFIG_NOT_FOUND', `no ${CONFIG_FILE} found in ${resolve(cwd)} or any parent folder`, {
        hint: 'run `ccm init` to create a config repo here, or pass --cwd <config repo>',
      });
    }
    dir = parent;
  }
}

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
