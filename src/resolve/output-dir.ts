import { homeFolder } from '../run-environment.js';
import { resolve } from 'node:path';

/** `~` and `~/…` mean the home folder, as in a shell; anything else is relative to the config repo. */
export function outputDir(repoRoot: string, path: string, home = homeFolder()): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return resolve(home, path.slice(2));
  return resolve(repoRoot, path);
}
