import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// End-to-end tests run the real CLI from dist/, so compile once before any test starts. Type
// errors are `npm run typecheck`'s job (CI runs it); tsc still emits, so tests can run meanwhile.
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`tsc reported problems (run \`npm run typecheck\`):\n${r.stdout}${r.stderr}`);
  if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('tsc did not produce dist/cli/main.js');
  // As `npm run build` does: the CLI under test is the bundle, with the precompiled schema validators and templates.
  for (const script of ['scripts/compile-validators.mjs', 'scripts/precompile-templates.mjs', 'scripts/bundle.mjs']) {
    const v = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    if (v.status !== 0) throw new Error(`${script} failed:\n${v.stdout}${v.stderr}`);
  }
}
