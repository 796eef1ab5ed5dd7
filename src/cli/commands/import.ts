import { usageError } from '../../errors.js';
import { GROUPS, parseGroups } from '../../import/groups.js';
import type { UpgradeData } from '../../import/auto-claude/upgrade.js';
import { runImport, type ImportData as ImportRunData, type Prompter } from '../../import/run.js';
import type { CommandImpl, InputOf } from '../define.js';
import { stdinIsTerminal } from './adopt.js';
import type { IMPORT } from './index.js';

/** The import's summary, or with --upgrade the prompt merge's. */
export type ImportData = ImportRunData | UpgradeData;

export const importCommand: CommandImpl<InputOf<typeof IMPORT>, ImportData> = async (ctx, input) => {
  const { source: given, path, project: projects, name, onClash, dryRun } = input;
  const source = given === 'auto-claude' || given === 'claude' ? given : undefined;
  if (source === undefined) throw usageError(`unknown import source "${given}"`, 'use `ccm import auto-claude <backend-path>` or `ccm import claude <project-dir>`');
  if (source === 'claude' && projects.length > 0) throw usageError('--project belongs to `ccm import auto-claude`', 'for Claude Code, the folder argument is the project');
  if (source === 'auto-claude' && name !== undefined) throw usageError('--name belongs to `ccm import claude`');
  let only;
  if (input.only !== undefined) {
    const parsed = parseGroups(input.only);
    if (typeof parsed === 'string') throw usageError(`--only: unknown kind "${parsed}"`, `kinds: ${GROUPS.join(', ')}`);
    only = parsed;
  }
  if (input.upgrade) {
    if (source !== 'auto-claude') throw usageError('--upgrade belongs to `ccm import auto-claude`', 'it merges new upstream Auto-Claude prompts into the repo');
    if (projects.length > 0 || only || onClash !== undefined) throw usageError('--upgrade merges prompts only; it takes no --project, --only or --on-clash', 'run `ccm import auto-claude <backend>` for the rest');
    const { runUpgrade } = await import('../../import/auto-claude/upgrade.js');
    const result = await runUpgrade(path, { cwd: ctx.options.cwd, print: ctx.print, note: ctx.note }, dryRun);
    return { data: result.data, diagnostics: result.diagnostics };
  }
  const interactive = !dryRun && !input.yes && !ctx.options.json && ctx.io.isTTY && stdinIsTerminal(ctx.io.stdin);
  const prompter = interactive ? await terminalPrompter() : undefined;
  const request = { source, path, projects, dryRun, ...(name !== undefined ? { name } : {}), ...(only ? { only } : {}), ...(onClash ? { onClash } : {}) } as const;
  const result = await runImport(request, { cwd: ctx.options.cwd, env: ctx.io.env, print: ctx.print, note: ctx.note }, prompter);
  return { data: result.data, diagnostics: result.diagnostics, ...(result.cancelled ? { exitCode: 1 } : {}) };
};

/** @inquirer/prompts on the process's terminal; loaded only when the wizard runs. */
async function terminalPrompter(): Promise<Prompter> {
  const { checkbox, confirm, select } = await import('@inquirer/prompts');
  return {
    checkbox: (message, choices) => checkbox({ message, choices, pageSize: 15 }),
    select: (message, choices, defaultValue) => select({ message, choices, default: defaultValue }),
    confirm: (message, defaultValue) => confirm({ message, default: defaultValue }),
  };
}
