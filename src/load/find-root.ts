import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CcmError } from '../errors.js';
import { CONFIG_FILE } from '../core/kinds.js';

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
