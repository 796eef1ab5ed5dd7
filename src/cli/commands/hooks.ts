import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findHookPlace, hookScript, installHook, LOCAL_HOOK, uninstallHook, type HookPlace } from '../../git/hooks.js';
import { repoOf } from '../../git/repo.js';
import { changedVsIndex, splitByRepo, stagePaths, type SplitRoots } from '../../git/stage.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { runBuild, type BuildReport } from '../../pipeline/build.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { printBuild } from '../build-report.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { HOOKS_INSTALL, HOOKS_RUN, HOOKS_UNINSTALL } from './index.js';

export interface HooksInstallData {
  hooksDir: string;
  hook: string;
  outcome: ReturnType<typeof installHook>;
  fix: boolean;
}

export interface HooksUninstallData {
  hooksDir: string;
  outcome: ReturnType<typeof uninstallHook>;
}

/** The build's report, and what the hook did with the generated files of this repository. */
export type HooksRunData = BuildReport & {
  /** Roots whose folder is in another repository (or none): reported, never staged. */
  outside?: SplitRoots['outside'];
  /** --fix: the paths it staged. */
  staged?: string[];
  /** Check mode: generated files with changes the commit does not contain. */
  unstaged?: string[];
};

/** `ccm hooks install [--fix]`: the git pre-commit hook of the config repo. */
export const hooksInstall: CommandImpl<InputOf<typeof HOOKS_INSTALL>, HooksInstallData> = async (ctx, { fix }) => {
  const place = await findHookPlace(findRepoRoot(ctx.options.cwd));
  const shown = shownDir(place);
  const script = hookScript({ configPrefix: place.configPrefix, fix, ccmJs: realpathSync(join(PACKAGE_ROOT, 'bin', 'ccm.js')), node: process.execPath });
  const outcome = installHook(place.hooksDir, script);
  const mode = fix ? 'rebuilds and stages the generated files' : 'refuses commits while the generated files are out of date';
  const say = {
    installed: `Installed the ccm pre-commit hook in ${shown}: it ${mode}.`,
    updated: `Updated the ccm pre-commit hook in ${shown}: it ${mode}.`,
    unchanged: `The ccm pre-commit hook in ${shown} is already installed: nothing changed.`,
    chained: `Installed the ccm pre-commit hook in ${shown}: it ${mode}. Your existing hook is kept as ${LOCAL_HOOK} and runs first.`,
  }[outcome];
  ctx.print(say);
  return { data: { hooksDir: place.hooksDir, hook: join(place.hooksDir, 'pre-commit'), outcome, fix } };
};

export const hooksUninstall: CommandImpl<InputOf<typeof HOOKS_UNINSTALL>, HooksUninstallData> = async (ctx) => {
  const place = await findHookPlace(findRepoRoot(ctx.options.cwd));
  const shown = shownDir(place);
  const outcome = uninstallHook(place.hooksDir);
  const say = {
    removed: `Removed the ccm pre-commit hook from ${shown}.`,
    restored: `Removed the ccm pre-commit hook from ${shown} and put your own hook (${LOCAL_HOOK}) back as pre-commit.`,
    absent: `No ccm pre-commit hook in ${shown}: nothing to remove.`,
  }[outcome];
  ctx.print(say);
  return { data: { hooksDir: place.hooksDir, outcome } };
};

/**
 * What the hook runs. Check mode is `ccm build --check` plus a warning about generated files in
 * this repository whose changes are not staged (the commit would not contain them). Fix mode is
 * `ccm build` and then `git add` of the generated files that live in this repository; outputs of
 * projects in other repositories are reported, not staged.
 */
export const hooksRun: CommandImpl<InputOf<typeof HOOKS_RUN>, HooksRunData> = async (ctx, { fix }) => {
  const root = findRepoRoot(ctx.options.cwd);
  const outcome = await runBuild(root, { projects: [], check: !fix, dryRun: false, force: false, wait: true }, { env: ctx.io.env, note: (line) => ctx.note(line) });
  const result = printBuild(ctx, outcome);
  if (result.exitCode !== undefined && result.exitCode !== 0) {
    ctx.note(
      outcome.failed
        ? 'ccm pre-commit: the config has errors, so the commit was stopped: fix the errors below and commit again.'
        : 'ccm pre-commit: the commit was stopped because the generated files are out of date: run `ccm build`, stage the regenerated files and commit again (`git commit --no-verify` skips this check once).',
    );
    return { ...result, exitCode: 1 };
  }
  const repo = await repoOf(root);
  if (!repo) return result;
  const split = await splitByRepo(repo.top, outcome.report.roots);
  const data: HooksRunData = { ...outcome.report, outside: split.outside };
  if (fix) {
    const staged = await stagePaths(repo.top, split.inside);
    if (staged.length) ctx.print(`ccm pre-commit: staged ${staged.length} regenerated file${staged.length === 1 ? '' : 's'}:\n${staged.map((p) => `  ${p}`).join('\n')}`);
    data.staged = staged;
  } else {
    const unstaged = await changedVsIndex(repo.top, split.inside.map((p) => p.path));
    if (unstaged.length) {
      ctx.note(`ccm pre-commit: warning: these generated files have changes that are not staged, so this commit does not contain them:\n${unstaged.map((p) => `  ${p}`).join('\n')}\n  stage them with \`git add\` (or install the hook with --fix to do it for you)`);
    }
    data.unstaged = unstaged;
  }
  for (const o of split.outside.filter((r) => r.changed)) ctx.note(`ccm pre-commit: the outputs of ${o.name} are in ${o.dir}, outside this repository: commit them there.`);
  return { ...result, data };
};

function shownDir(place: HookPlace): string {
  return relative(place.top, place.hooksDir) || place.hooksDir;
}
