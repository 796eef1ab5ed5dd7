import { runAdopt, type AdoptData } from '../../adopt/run.js';
import { findRepoRoot } from '../../load/load-repo.js';
import type { CommandImpl, InputOf } from '../define.js';
import type { ADOPT } from './index.js';

export type { AdoptData } from '../../adopt/run.js';

export const adopt: CommandImpl<InputOf<typeof ADOPT>, AdoptData> = async (ctx, input) => {
  const root = findRepoRoot(ctx.options.cwd);
  const terminal = ctx.io.isTTY && stdinIsTerminal(ctx.io.stdin) && !ctx.options.json;
  const confirm = terminal
    ? async (message: string): Promise<boolean> => (await import('@inquirer/prompts')).confirm({ message, default: false })
    : undefined;
  const result = await runAdopt(root, { projects: input.projects, dryRun: input.dryRun, yes: input.yes, wait: input.wait },
    { env: ctx.io.env, print: ctx.print, note: ctx.note, ...(confirm ? { confirm } : {}) });
  return { data: result.data, diagnostics: result.diagnostics, ...(result.exitCode !== undefined ? { exitCode: result.exitCode } : {}) };
};

export function stdinIsTerminal(stdin: NodeJS.ReadableStream | undefined): boolean {
  return stdin !== undefined && 'isTTY' in stdin && stdin.isTTY === true;
}
