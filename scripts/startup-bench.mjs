#!/usr/bin/env node
// Prints what a CLI start costs: medians of `node -e 0`, `ccm --version`, `ccm validate` of an empty
// `ccm init` repo and a no-op `ccm build` of examples/team-config, as ms and as ratios to `node -e 0`,
// plus how many module files each loads. Measures; asserts nothing. The machine may be noisy, so the
// commands run interleaved, round after round, and only ratios within one run are compared.
// Usage: node scripts/startup-bench.mjs [runs=20] [other/bin/ccm.js …]  (after `npm run build`); each
// other launcher (e.g. of a checkout of main) is timed in the same rounds, for a before/after ratio.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleLogPreload } from './module-log.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [runsArg, ...others] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const clis = [join(root, 'bin/ccm.js'), ...others.map((p) => resolve(p))];
const work = mkdtempSync(join(tmpdir(), 'ccm-startup-'));

function run(args, cwd, env = {}) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r;
}

try {
  const cases = [{ name: 'node -e 0', args: ['-e', '0'], cwd: work }];
  clis.forEach((cli, k) => {
    // Each launcher gets its own repos: a build's manifests are its own.
    const empty = join(work, `empty-${k}`);
    run([cli, 'init', empty], work);
    const team = join(work, `base-${k}`, 'team-config');
    cpSync(join(root, 'examples/team-config'), team, { recursive: true });
    run([cli, 'build'], team);
    const label = clis.length > 1 ? ` [${k}]` : '';
    cases.push(
      { name: `ccm --version${label}`, cli, args: [cli, '--version'], cwd: work },
      { name: `ccm validate (empty init repo)${label}`, cli, args: [cli, 'validate'], cwd: empty },
      { name: `ccm build (no-op, team-config)${label}`, cli, args: [cli, 'build'], cwd: team },
    );
  });
  const samples = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    cases.forEach((c, j) => {
      const start = performance.now();
      run(c.args, c.cwd);
      samples[j].push(performance.now() - start);
    });
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const base = median(samples[0]);
  process.stdout.write(`startup bench: median of ${runs} runs each (node ${process.versions.node})\n`);
  clis.forEach((cli, k) => process.stdout.write(`  [${k}] ${cli}\n`));
  cases.forEach((c, j) => {
    const m = median(samples[j]);
    const files = c.cli ? moduleFiles(c.cli, c.args, c.cwd) : 0;
    process.stdout.write(`  ${c.name.padEnd(38)} ${m.toFixed(1).padStart(7)} ms  ${(m / base).toFixed(2).padStart(5)}×  ${String(files).padStart(4)} module files\n`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * The module files one run loads: ESM through a loader hook (which runs in its own thread, so it
 * appends to a file), CommonJS from require.cache at exit (require() does not pass the ESM hooks).
 */
function moduleFiles(cli, args, cwd) {
  const log = join(work, `modules-${Math.random().toString(36).slice(2)}.log`);
  const preload = moduleLogPreload(log, cli);
  run(['--import', preload, ...args], cwd);
  const urls = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
  urls.delete(pathToFileURL(cli).href);
  return urls.size;
}
