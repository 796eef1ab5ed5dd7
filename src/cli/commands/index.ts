import type { Command } from 'commander';
import type { CommandContext, CommandResult } from '../context.js';

export type CommandImpl = (ctx: CommandContext, args: unknown[], options: Record<string, unknown>) => Promise<CommandResult>;

export interface CommandSpec {
  name: string;
  description: string;
  configure?: (cmd: Command) => void;
  /** Lazy, so that `ccm --version` loads none of the heavy modules. */
  load: () => Promise<CommandImpl>;
}

/** The command table: one entry per verb, each implemented in its own module. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'init',
    description: 'create a config repo: ccm.config.yaml, the component folders, .gitignore and README',
    configure: (cmd) => cmd.argument('[dir]', 'folder to create it in', '.').option('--force-nonempty', 'allow a folder that already has other files (never overwrites)'),
    load: async () => (await import('./init.js')).init,
  },
  {
    name: 'validate',
    description: 'check every YAML file against its schema and every cross-reference; exit 1 on any error',
    load: async () => (await import('./validate.js')).validate,
  },
];
