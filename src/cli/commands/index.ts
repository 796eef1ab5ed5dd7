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
    configure: (cmd) => cmd.argument('[dir]', 'folder to create it in', '.').option('--defaults', "start from built-in defaults: Auto-Claude's agent configs and model profiles, a safe Claude Code base, a sample project"),
    load: async () => (await import('./init.js')).init,
  },
  {
    name: 'validate',
    description: 'check every YAML file against its schema and every cross-reference; exit 1 on any error',
    load: async () => (await import('./validate.js')).validate,
  },
  {
    name: 'build',
    description: 'render every project (or the named ones) into Claude Code and Auto-Claude files, writing only what changed',
    configure: (cmd) =>
      cmd
        .argument('[project...]', 'projects to build (default: all)')
        .option('--check', 'write nothing; exit 1 if any output is missing, stale or edited by hand (for pre-commit and CI)')
        .option('--dry-run', 'show what would be written, write nothing')
        .option('--force', 'overwrite generated files that were edited by hand')
        .option('--no-wait', 'fail at once (LOCKED) instead of waiting while another ccm build writes the same config repo or project'),
    load: async () => (await import('./build.js')).build,
  },
  {
    name: 'adopt',
    description: 'take generated files changed outside ccm (the Auto-Claude app rewrote .auto-claude/.env, settings.json edited by hand) back into the YAML and secrets',
    configure: (cmd) =>
      cmd
        .argument('[project...]', 'projects whose files to adopt (default: all)')
        .option('-y, --yes', 'write without asking (needed without a terminal)')
        .option('--dry-run', 'show the YAML change, write nothing')
        .option('--no-wait', 'fail at once (LOCKED) instead of waiting while a ccm build writes the same config repo or project'),
    load: async () => (await import('./adopt.js')).adopt,
  },
  {
    name: 'diff',
    description: 'show, as a unified diff, what `ccm build` would change in the generated files',
    configure: (cmd) =>
      cmd
        .argument('[project...]', 'projects to compare (default: all)')
        .option('--format <format>', 'unified (default) or markdown (for a pull-request comment)')
        .option('--base <git-ref>', 'compare the outputs rendered at this commit with those of the working tree, with a summary of behaviour changes (for pull-request review)'),
    load: async () => (await import('./diff.js')).diff,
  },
  {
    name: 'status',
    description: 'per project: outputs out of date or edited by hand, generated files not committed, config commits not built',
    configure: (cmd) => cmd.argument('[project...]', 'projects to report (default: all)'),
    load: async () => (await import('./status.js')).status,
  },
  {
    name: 'hooks',
    description: 'install or remove the git pre-commit hook that checks (or, with --fix, rebuilds and stages) the generated files',
    configure: (cmd) =>
      cmd
        .argument('<verb>', 'install | uninstall | run (what the hook itself calls)')
        .option('--fix', 'install/run: instead of refusing a stale commit, run `ccm build` and stage the regenerated files of this repository'),
    load: async () => (await import('./hooks.js')).hooks,
  },
  {
    name: 'watch',
    description: 'build, then rebuild on every save of the config repo or of a project\'s Auto-Claude specs, until Ctrl-C',
    configure: (cmd) =>
      cmd
        .argument('[project...]', 'projects to build (default: all)')
        .option('--debounce <ms>', 'quiet time after a save before rebuilding (default: 50)'),
    load: async () => (await import('./watch.js')).watch,
  },
  {
    name: 'explain',
    description: 'show which YAML files (and, for settings, which keys) produce a generated file',
    configure: (cmd) => cmd.argument('<project>', 'project name').argument('<output>', 'output path inside the project, e.g. .claude/settings.json'),
    load: async () => (await import('./explain.js')).explain,
  },
  {
    name: 'ls',
    description: 'list projects (with profiles and component counts), profiles, or the components of one kind',
    configure: (cmd) => cmd.argument('[what]', 'projects | profiles | mcp-servers | subagents | skills | commands | hooks | settings | claude-md | auto-claude/prompts | …'),
    load: async () => (await import('./ls.js')).ls,
  },
  {
    name: 'doctor',
    description: 'check the setup: Node, git, the config repo, the age identity, project folders, ignored secret files, the Auto-Claude backend',
    load: async () => (await import('./doctor.js')).doctor,
  },
  {
    name: 'secrets',
    description: 'manage the age-encrypted secrets in secrets/: keygen, set, get, list, rm, rotate, edit',
    configure: (cmd) =>
      cmd
        .argument('<verb>', 'keygen | set NAME | get NAME | list | rm NAME | rotate | edit NAME')
        .argument('[name]', 'secret name, e.g. LINEAR_API_KEY (set reads the value from stdin or a hidden prompt, never from arguments)')
        .option('--add-recipient', 'keygen: also add the public key to secrets.recipients in ccm.config.yaml'),
    load: async () => (await import('./secrets.js')).secrets,
  },
  {
    name: 'exec',
    description: "run a command with the secrets a project references in its environment, decrypting nothing to disk",
    configure: (cmd) =>
      cmd
        .usage('[--project <name>] -- <command...>')
        .argument('<command...>', 'the command and its arguments, after --')
        .option('-p, --project <name>', 'project whose secrets to pass (default: the one whose directory you are in, or the only one)'),
    load: async () => (await import('./exec.js')).exec,
  },
  {
    name: 'import',
    description: 'import an existing setup into the config repo: `import auto-claude <backend>` (prompts, agent configs, model profiles, project .env) or `import claude <project>` (.claude/, .mcp.json, CLAUDE.md)',
    configure: (cmd) =>
      cmd
        .argument('<source>', 'auto-claude | claude')
        .argument('<path>', 'auto-claude: the backend folder holding prompts/ (Auto-Claude/apps/backend); claude: the project folder')
        .option('--project <dir>', 'auto-claude: a project whose .auto-claude/.env and CLAUDE.md to import (repeatable)', (v: string, all: string[]) => [...all, v], [] as string[])
        .option('--name <project>', 'claude: the project name (default: the folder name)')
        .option('--only <kinds>', 'import only these kinds, comma-separated: prompts, agent-configs, model-profiles, subagents, commands, skills, mcp-servers, hooks, settings, claude-md, projects')
        .option('--on-clash <policy>', 'when a component of the same name exists and differs: skip (default), rename or overwrite')
        .option('--upgrade', 'auto-claude: merge the backend\'s new prompt texts three-way into the repo\'s prompts (base: the upstream text recorded at the last import)')
        .option('-y, --yes', 'ask nothing, even on a terminal (use the flags)')
        .option('--dry-run', 'show what would be imported and the summary, write nothing'),
    load: async () => (await import('./import.js')).importCommand,
  },
];
