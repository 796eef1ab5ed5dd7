import { realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hasErrors } from '../../diagnostics.js';
import { usageError } from '../../errors.js';
import { findHookPlace, hookScript, installHook, LOCAL_HOOK, uninstallHook } from '../../git/hooks.js';
import { repoOf } from '../../git/repo.js';
import { changedVsIndex, splitByRepo, stagePaths, type DescribedRoot } from '../../git/stage.js';
import { findRepoRoot } from '../../load/load-repo.js';
import { PACKAGE_ROOT } from '../../paths.js';
import type { CommandContext, CommandResult } from '../context.js';
import { build } from './build.js';
import type { CommandImpl } from './index.js';

export const HOOK_VERBS = ['install', 'uninstall', 'run'] as const;

/** `ccm hooks install|uninstall|run [--fix]`: the git pre-commit hook of the config repo. */
export const hooks: CommandImpl = async (ctx, args, options) => {
  const verb = args[0] as string;
  const fix = options['fix'] === true;
  if (!(HOOK_VERBS as readonly string[]).includes(verb)) throw usageError(`unknown hooks verb "${verb}"`, `use one of: ${HOOK_VERBS.join(', ')}`);
  if (fix && verb === 'uninstall') throw usageError('--fix belongs to `ccm hooks install` and `ccm hooks run`');
  const root = findRepoRoot(ctx.options.cwd);
  if (verb === 'run') return run(ctx, root, fix);
  const place = await findHookPlace(root);
  const shown = relative(place.top, place.hooksDir) || place.hooksDir;
  if (verb === 'uninstall') {
    const outcome = uninstallHook(place.hooksDir);
    const say = {
      removed: `Removed the ccm pre-commit hook from ${shown}.`,
      restored: `Removed the ccm pre-commit hook from ${shown} and put your own hook (${LOCAL_HOOK}) back as pre-commit.`,
      absent: `No ccm pre-commit hook in ${shown}: nothing to remove.`,
    }[outcome];
    ctx.print(say);
    return { data: { hooksDir: place.hooksDir, outcome } };
  }
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

/**
 * What the hook runs. Check mode is `ccm build --check` plus a warning about generated files in
 * this repository whose changes are not staged (the commit would not contain them). Fix mode is
 * `ccm build` and then `git add` of the generated files that live in this repository; outputs of
 * projects in other repositories are reported, not staged.
 */
async function run(ctx: CommandContext, root: string, fix: boolean): Promise<CommandResult> {
  const result = await build(ctx, [[]], fix ? {} : { check: true });
  const failed = result.exitCode !== undefined ? result.exitCode !== 0 : hasErrors(result.diagnostics ?? []);
  const data = result.data as { roots?: DescribedRoot[] } | undefined;
  if (failed) {
    ctx.note(
      fix
        ? 'ccm pre-commit: `ccm build` failed, so the commit was stopped: fix the errors above and commit again.'
        : 'ccm pre-commit: the commit was stopped because the generated files are out of date: run `ccm build`, stage the regenerated files and commit again (`git commit --no-verify` skips this check once).',
    );
    return { ...result, exitCode: 1 };
  }
  const repo = await repoOf(root);
  if (!repo) return result;
  const split = await splitByRepo(repo.top, data?.roots ?? []);
  const extra: Record<string, unknown> = { outside: split.outside };
  if (fix) {
    const staged = await stagePaths(repo.top, split.inside);
    if (staged.length) ctx.print(`ccm pre-commit: staged ${staged.length} regenerated file${staged.length === 1 ? '' : 's'}:\n${staged.map((p) => `  ${p}`).join('\n')}`);
    extra['staged'] = staged;
  } else {
    const unstaged = await changedVsIndex(repo.top, split.inside.map((p) => p.path));
    if (unstaged.length) {
      ctx.note(`ccm pre-commit: warning: these generated files have changes that are not staged, so this commit does not contain them:\n${unstaged.map((p) => `  ${p}`).join('\n')}\n  stage them with \`git add\` (or install the hook with --fix to do it for you)`);
    }
    extra['unstaged'] = unstaged;
  }
  for (const o of split.outside.filter((r) => r.changed)) ctx.note(`ccm pre-commit: the outputs of ${o.name} are in ${o.dir}, outside this repository: commit them there.`);
  return { ...result, data: { ...(result.data as object), ...extra } };
}
