import { runAdopt } from '../../adopt/run.js';
import { findRepoRoot } from '../../load/load-repo.js';
import type { CommandImpl } from './index.js';

export const adopt: CommandImpl = async (ctx, args, options) => {
  const root = findRepoRoot(ctx.options.cwd);
  const dryRun = options['dryRun'] === true;
  const yes = options['yes'] === true;
  const terminal = ctx.io.isTTY && Boolean((ctx.io.stdin as { isTTY?: boolean } | undefined)?.isTTY) && !ctx.options.json;
  const confirm = terminal
    ? async (message: string): Promise<boolean> => (await import('@inquirer/prompts')).confirm({ message, default: false })
    : undefined;
  const result = await runAdopt(root, { projects: (args[0] as string[] | undefined) ?? [], dryRun, yes, wait: options['wait'] !== false },
    { env: ctx.io.env, print: ctx.print, note: ctx.note, ...(confirm ? { confirm } : {}) });
  return { data: result.data, diagnostics: result.diagnostics, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}) };
};
