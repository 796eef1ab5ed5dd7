import { usageError } from '../../errors.js';
import { GROUPS, parseGroups } from '../../import/groups.js';
import type { OnClash } from '../../import/plan.js';
import { runImport, type Prompter } from '../../import/run.js';
import type { CliIo } from '../context.js';
import type { CommandImpl } from './index.js';

const CLASH: readonly OnClash[] = ['skip', 'rename', 'overwrite'];

export const importCommand: CommandImpl = async (ctx, args, options) => {
  const source = args[0];
  const path = args[1];
  if (source !== 'auto-claude' && source !== 'claude') throw usageError(`unknown import source "${String(source)}"`, 'use `ccm import auto-claude <backend-path>` or `ccm import claude <project-dir>`');
  if (typeof path !== 'string') throw usageError('name the folder to import from');
  const projects = Array.isArray(options['project']) ? (options['project'] as string[]) : [];
  if (source === 'claude' && projects.length > 0) throw usageError('--project belongs to `ccm import auto-claude`', 'for Claude Code, the folder argument is the project');
  if (source === 'auto-claude' && typeof options['name'] === 'string') throw usageError('--name belongs to `ccm import claude`');
  const onClash = options['onClash'];
  if (onClash !== undefined && !CLASH.includes(onClash as OnClash)) throw usageError(`--on-clash must be one of ${CLASH.join(', ')}, not "${String(onClash)}"`);
  let only;
  if (typeof options['only'] === 'string') {
    const parsed = parseGroups(options['only']);
    if (typeof parsed === 'string') throw usageError(`--only: unknown kind "${parsed}"`, `kinds: ${GROUPS.join(', ')}`);
    only = parsed;
  }
  const dryRun = options['dryRun'] === true;
  if (options['upgrade'] === true) {
    if (source !== 'auto-claude') throw usageError('--upgrade belongs to `ccm import auto-claude`', 'it merges new upstream Auto-Claude prompts into the repo');
    if (projects.length > 0 || only || onClash !== undefined) throw usageError('--upgrade merges prompts only; it takes no --project, --only or --on-clash', 'run `ccm import auto-claude <backend>` for the rest');
    const { runUpgrade } = await import('../../import/auto-claude/upgrade.js');
    const result = await runUpgrade(path, { cwd: ctx.options.cwd, print: ctx.print, note: ctx.note }, dryRun);
    return { data: result.data, diagnostics: result.diagnostics };
  }
  const interactive = !dryRun && options['yes'] !== true && !ctx.options.json && ctx.io.isTTY && isTerminal(ctx.io);
  const prompter = interactive ? await terminalPrompter() : undefined;
  const request = { source, path, projects, dryRun, ...(typeof options['name'] === 'string' ? { name: options['name'] } : {}), ...(only ? { only } : {}), ...(onClash ? { onClash: onClash as OnClash } : {}) } as const;
  const result = await runImport(request, { cwd: ctx.options.cwd, env: ctx.io.env, print: ctx.print, note: ctx.note }, prompter);
  return { data: result.data, diagnostics: result.diagnostics, ...(result.cancelled ? { exitCode: 1 } : {}) };
};

function isTerminal(io: CliIo): boolean {
  return Boolean((io.stdin as { isTTY?: boolean } | undefined)?.isTTY);
}

/** @inquirer/prompts on the process's terminal; loaded only when the wizard runs. */
async function terminalPrompter(): Promise<Prompter> {
  const { checkbox, confirm, select } = await import('@inquirer/prompts');
  return {
    checkbox: (message, choices) => checkbox({ message, choices, pageSize: 15 }),
    select: (message, choices, defaultValue) => select({ message, choices, default: defaultValue }),
    confirm: (message, defaultValue) => confirm({ message, default: defaultValue }),
  };
}
