import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../helpers/cli.js';

/**
 * The shared/ folder beside the clone (or $CCM_SHARED_DIR). The conformance suite exists to read
 * it, so a missing folder fails the suite loudly instead of skipping it.
 */
export function sharedDir(): string {
  const dir = resolve(process.env['CCM_SHARED_DIR'] ?? join(PROJECT_ROOT, '..', 'shared'));
  if (!existsSync(join(dir, 'external', 'schemastore'))) {
    throw new Error(`the conformance suite needs shared/external/schemastore: not found under ${dir} (set CCM_SHARED_DIR to the shared/ folder)`);
  }
  return dir;
}

export const schemastoreDir = (): string => join(sharedDir(), 'external', 'schemastore');
