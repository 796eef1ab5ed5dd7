// Runs the measured processes: each a whole `node …` process, timed from spawn to exit, as a user or
// a git hook starts it. Peak RSS comes from a preload (rss-preload.mjs) in runs of their own, so the
// extra import never lands in a timing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const ccmBin = join(root, 'bin/ccm.js');
const preload = pathToFileURL(fileURLToPath(new URL('./rss-preload.mjs', import.meta.url))).href;

// Commits need an identity; a bare CI machine has none configured, and the user's own must not leak in.
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'ccm bench', GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'ccm bench', GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd, ...args) {
  const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, env: gitEnv, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench: git ${args.join(' ')} failed in ${cwd}: ${r.stderr || r.error}`);
  return r.stdout;
}

export function gitInitAndCommit(dir) {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'bench fixture');
}

/**
 * One process run: `{ms}` wall time from spawn to exit. With `rss: true` it runs under the preload and
 * also returns `rssMiB` (the process's own peak resident set). A non-zero exit throws with its stderr:
 * a bench that times a failing build measures nothing.
 */
export function run(cmd, args, { cwd = root, env = process.env, rss = false } = {}) {
  const rssFile = rss ? join(root, 'node_modules/.cache/ccm-bench', `rss-${process.pid}-${Date.now()}.txt`) : undefined;
  const argv = rss ? ['--import', preload, ...args] : args;
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd, env: rss ? { ...env, CCM_BENCH_RSS_FILE: rssFile } : env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) {
    throw new Error(`bench: \`${[cmd, ...args].join(' ')}\` exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || String(r.error)).slice(0, 2000)}`);
  }
  if (!rss) return { ms, stdout: r.stdout };
  if (!existsSync(rssFile)) throw new Error(`bench: the RSS preload wrote nothing for \`${[cmd, ...args].join(' ')}\``);
  const kib = Number(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, stdout: r.stdout, rssMiB: kib / 1024 };
}

/** `node bin/ccm.js <args>` with the Node running this script (the one ccm is measured on). */
export function ccm(args, options) {
  return run(process.execPath, [ccmBin, ...args], options);
}
