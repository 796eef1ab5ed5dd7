import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CcmError } from '../errors.js';
import { runGit } from './git.js';
import { repoOf } from './repo.js';

/** The line that marks a pre-commit hook as ccm's own: only such a hook is ever rewritten or removed. */
export const HOOK_MARKER = '# ccm-managed pre-commit hook';
export const LOCAL_HOOK = 'pre-commit.local';

export interface HookScriptOptions {
  /** The config repo folder relative to the working tree's top level ('' when it is the top). */
  configPrefix: string;
  fix: boolean;
  /** Absolute path of the ccm launcher that installed the hook: the fallback when the repo has no local ccm. */
  ccmJs: string;
  /** The Node.js binary that ran the installer. */
  node: string;
}

/**
 * The pre-commit script. It runs an earlier hook kept as `pre-commit.local` first, then
 * `ccm hooks run [--fix]` in the config repo with the first ccm it finds: the repo's own
 * (`node_modules/.bin/ccm` in the config folder or a parent, where `npx --no-install ccm` looks),
 * else the one that installed the hook, else `ccm` on the PATH.
 */
export function hookScript(o: HookScriptOptions): string {
  const mode = o.fix ? ' --fix' : '';
  const what = o.fix ? 'rebuilds the files ccm generates and stages the ones in this repository' : 'refuses the commit when the files ccm generates are out of date';
  return `#!/bin/sh
${HOOK_MARKER}: \`ccm hooks install${mode}\` wrote it, \`ccm hooks uninstall\` removes it.
# Before each commit it ${what}.
# A pre-commit hook that was here before is kept beside it as ${LOCAL_HOOK} and runs first.

hook_dir=$(dirname -- "$0")
if [ -x "$hook_dir/${LOCAL_HOOK}" ]; then
  "$hook_dir/${LOCAL_HOOK}" "$@" || exit $?
fi

top=$(git rev-parse --show-toplevel) || exit 1
config_dir=${o.configPrefix ? `"$top"/${sh(o.configPrefix)}` : '"$top"'}
ccm_js=${sh(o.ccmJs)}
ccm_node=${sh(o.node)}

d=$config_dir
while :; do
  if [ -x "$d/node_modules/.bin/ccm" ]; then
    exec "$d/node_modules/.bin/ccm" hooks run --cwd "$config_dir"${mode}
  fi
  parent=$(dirname -- "$d")
  [ "$parent" = "$d" ] && break
  d=$parent
done
if [ -f "$ccm_js" ]; then
  [ -x "$ccm_node" ] || ccm_node=node
  exec "$ccm_node" "$ccm_js" hooks run --cwd "$config_dir"${mode}
fi
if command -v ccm >/dev/null 2>&1; then
  exec ccm hooks run --cwd "$config_dir"${mode}
fi
echo "ccm pre-commit hook: ccm not found (npm install --save-dev ccm-agent-config in the config repo, or \\\`ccm hooks uninstall\\\`); \\\`git commit --no-verify\\\` skips the hook once" >&2
exit 1
`;
}

export function isCcmHook(text: string): boolean {
  return text.split('\n', 4).some((line) => line.startsWith(HOOK_MARKER));
}

/** Single-quoted for sh. */
function sh(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface HookPlace {
  /** Real path of the working tree's top level. */
  top: string;
  /** The config repo folder inside it. */
  configPrefix: string;
  /** Where git looks for hooks (`git rev-parse --git-path hooks`, so core.hooksPath is respected). */
  hooksDir: string;
}

export async function findHookPlace(configRoot: string): Promise<HookPlace> {
  const repo = await repoOf(configRoot);
  if (!repo) {
    throw new CcmError('NOT_A_GIT_REPO', `the config repo ${configRoot} is not inside a git repository`, { hint: 'run `git init` there first' });
  }
  let hooks: string;
  try {
    hooks = (await runGit(repo.top, ['rev-parse', '--git-path', 'hooks'])).trim();
  } catch (err) {
    throw new CcmError('GIT_FAILED', `git could not name its hooks folder: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return { top: repo.top, configPrefix: repo.prefix, hooksDir: resolve(repo.top, hooks) };
}

export type InstallOutcome = 'installed' | 'updated' | 'unchanged' | 'chained';

/** Writes the hook; keeps a foreign hook as pre-commit.local (chained); idempotent. */
export function installHook(hooksDir: string, script: string): InstallOutcome {
  const hook = join(hooksDir, 'pre-commit');
  const local = join(hooksDir, LOCAL_HOOK);
  mkdirSync(hooksDir, { recursive: true });
  let outcome: InstallOutcome = 'installed';
  if (present(hook)) {
    const current = readText(hook);
    if (current !== undefined && isCcmHook(current)) {
      if (current === script) return 'unchanged';
      outcome = 'updated';
    } else {
      if (present(local)) {
        throw new CcmError('HOOK_CONFLICT', `${hook} is not ccm's, and ${LOCAL_HOOK} already exists beside it, so ccm has nowhere to keep it`, {
          hint: `merge the two into ${LOCAL_HOOK} (it runs before ccm's check), remove pre-commit, and install again`,
        });
      }
      renameSync(hook, local);
      outcome = 'chained';
    }
  }
  const temp = `${hook}.ccm-tmp-${process.pid}`;
  writeFileSync(temp, script, { mode: 0o755 });
  chmodSync(temp, 0o755);
  renameSync(temp, hook);
  return outcome;
}

export type UninstallOutcome = 'removed' | 'restored' | 'absent';

/** Removes ccm's hook (never another one) and puts a chained pre-commit.local back in its place. */
export function uninstallHook(hooksDir: string): UninstallOutcome {
  const hook = join(hooksDir, 'pre-commit');
  const local = join(hooksDir, LOCAL_HOOK);
  if (present(hook)) {
    const current = readText(hook);
    if (current === undefined || !isCcmHook(current)) {
      throw new CcmError('HOOK_CONFLICT', `${hook} was not installed by ccm, so it is left as it is`, { hint: 'remove it yourself if it is the one you mean' });
    }
    rmSync(hook);
  } else if (!present(local)) return 'absent';
  if (present(local)) {
    renameSync(local, hook);
    return 'restored';
  }
  return 'removed';
}

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function readText(path: string): string | undefined {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
