import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The process tests run the real CLI from dist/ and some unit tests read its precompiled files, so
// dist/ must be built from the sources as they are. `npm run build` (also run by `npm ci`) stamps
// what it built from; when the stamp matches, dist/ is current and nothing is rebuilt. Type errors
// are `npm run typecheck`'s job (CI runs it); tsc still emits, so tests can run meanwhile.
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const { isBuildCurrent } = (await import(join(root, 'scripts/build-stamp.mjs'))) as { isBuildCurrent: () => boolean };
  if (isBuildCurrent() && existsSync(join(root, 'dist/ccm.mjs'))) return;
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) process.stderr.write(`tsc reported problems (run \`npm run typecheck\`):\n${r.stdout}${r.stderr}`);
  if (!existsSync(join(root, 'dist/cli/main.js'))) throw new Error('tsc did not produce dist/cli/main.js');
  // As `npm run build` does: the CLI under test is the bundle, with the precompiled schema validators and templates.
  for (const script of ['scripts/compile-validators.mjs', 'scripts/precompile-templates.mjs', 'scripts/bundle.mjs']) {
    const v = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
    if (v.status !== 0) throw new Error(`${script} failed:\n${v.stdout}${v.stderr}`);
  }
}
