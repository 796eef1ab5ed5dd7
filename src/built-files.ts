import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from './paths.js';

/** The folder below the package this code runs from: `dist` when built (modules or bundle), `src` under tests. */
const RUNNING_FROM = relative(PACKAGE_ROOT, fileURLToPath(import.meta.url)).split(sep)[0] ?? '';

/**
 * A file that `npm run build` generates (e.g. `validate/subagent.validator.cjs`): its path in dist/ when
 * running built and the build made it, else undefined. Looked up from the package root rather than
 * next to the calling module, since the bundle puts every module in other places (its chunks).
 */
export function builtFile(path: string): string | undefined {
  if (RUNNING_FROM !== 'dist') return undefined;
  const file = join(PACKAGE_ROOT, 'dist', path);
  return existsSync(file) ? file : undefined;
}
