import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import buildCli from '../helpers/global-setup.js';

// What `npm run build` does: the CLI (for the real server) and the client bundle in dist/client/.
export default function setup(): void {
  buildCli();
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}${r.stderr}`);
}
