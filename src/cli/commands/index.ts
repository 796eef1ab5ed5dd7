import { usageError } from '../../errors.js';
import { arg, choice, defineCommand, flag, group, lazy, list, value, type CommandEntry } from '../define.js';

/*
 * The command table: every verb's arguments, options and help, declared once. Each implementation
 * lives in its own module, loaded only when its command runs, so that `ccm --version` and `--help`
 * load none of the heavy modules; the modules import the definitions' types only.
 */

const WAIT = '--no-wait';

export const INIT = defineCommand({
  name: 'init',
  description: 'create a config repo: ccm.config.yaml, the component folders, .gitignore and README',
  examples: [
    { run: 'ccm init team-config', does: 'an empty config repo in ./team-config' },
    { run: 'ccm init --defaults', does: "here, starting from Auto-Claude's agents and a safe Claude Code base" },
  ],
  args: { dir: arg('[dir]', 'folder to create it in', '.') },
  options: {
    defaults: flag('--defaults', "start from built-in defaults: Auto-Claude's agent configs and model profiles, a safe Claude Code base, a sample project"),
  },
});

export const VALIDATE = defineCommand({
  name: 'validate',
  description: 'check every YAML file against its schema and every cross-reference; exit 1 on any error',
  examples: [
    { run: 'ccm validate', does: 'check the config repo this folder is in' },
    { run: 'ccm validate --json --cwd team-config', does: 'the same for another folder, as JSON for a script' },
  ],
  args: {},
  options: {},
});

export const BUILD = defineCommand({
  name: 'build',
  description: 'render every project (or the named ones) into Claude Code and Auto-Claude files, writing only what changed',
  examples: [
    { run: 'ccm build', does: 'write the outputs of every project' },
    { run: 'ccm build web-app --dry-run', does: 'show what would change in web-app, write nothing' },
    { run: 'ccm build --check', does: 'exit 1 when any output is stale (pre-commit, CI)' },
  ],
  args: { projects: arg('[project...]', 'projects to build (default: all)') },
  options: {
    check: flag('--check', 'write nothing; exit 1 if any output is missing, stale or edited by hand (for pre-commit and CI)'),
    dryRun: flag('--dry-run', 'show what would be written, write nothing'),
    force: flag('--force', 'overwrite generated files that were edited by hand'),
    wait: flag(WAIT, 'fail at once (LOCKED) instead of waiting while another ccm build writes the same config repo or project'),
  },
});

export const ADOPT = defineCommand({
  name: 'adopt',
  description: 'take generated files changed outside ccm (the Auto-Claude app rewrote .auto-claude/.env, settings.json edited by hand) back into the YAML and secrets',
  examples: [
    { run: 'ccm adopt --dry-run', does: 'show the YAML changes that would take the hand edits back' },
    { run: 'ccm adopt web-app --yes', does: "write them for web-app without asking" },
  ],
  args: { projects: arg('[project...]', 'projects whose files to adopt (default: all)') },
  options: {
    yes: flag('-y, --yes', 'write without asking (needed without a terminal)'),
    dryRun: flag('--dry-run', 'show the YAML change, write nothing'),
    wait: flag(WAIT, 'fail at once (LOCKED) instead of waiting while a ccm build writes the same config repo or project'),
  },
});

export const DIFF = defineCommand({
  name: 'diff',
  description: 'show, as a unified diff, what `ccm build` would change in the generated files',
  examples: [
    { run: 'ccm diff', does: 'what a build would change on disk, hand edits included' },
    { run: 'ccm diff --base origin/main --format markdown', does: 'review a pull request: output changes and behaviour risks' },
  ],
  args: { projects: arg('[project...]', 'projects to compare (default: all)') },
  options: {
    format: choice('--format <format>', 'unified (default) or markdown (for a pull-request comment)', ['unified', 'markdown'] as const),
    base: value('--base <git-ref>', 'compare the outputs rendered at this commit with those of the working tree, with a summary of behaviour changes (for pull-request review)', gitRef),
  },
});

export const STATUS = defineCommand({
  name: 'status',
  description: 'per project: outputs out of date or edited by hand, generated files not committed, config commits not built',
  examples: [
    { run: 'ccm status', does: 'one line per project, then what is pending' },
    { run: 'ccm status web-app --json', does: 'the same for one project, as JSON' },
  ],
  args: { projects: arg('[project...]', 'projects to report (default: all)') },
  options: {},
});

const HOOK_CHECK_EXAMPLE = { run: 'ccm hooks install', does: 'refuse commits while the generated files are stale' };

export const HOOKS_INSTALL = defineCommand({
  name: 'install',
  description: 'install the pre-commit hook in the repository of the config repo (an existing hook is kept and runs first)',
  examples: [HOOK_CHECK_EXAMPLE, { run: 'ccm hooks install --fix', does: 'rebuild and stage the generated files on each commit instead' }],
  args: {},
  options: { fix: flag('--fix', 'instead of refusing a stale commit, run `ccm build` and stage the regenerated files of this repository') },
});

export const HOOKS_UNINSTALL = defineCommand({
  name: 'uninstall',
  description: 'remove the ccm pre-commit hook (and put back a hook it had kept)',
  examples: [{ run: 'ccm hooks uninstall', does: 'remove the hook' }],
  args: {},
  options: {},
});

export const HOOKS_RUN = defineCommand({
  name: 'run',
  description: 'what the hook itself calls: `ccm build --check` plus a warning about unstaged generated files',
  examples: [
    { run: 'ccm hooks run', does: 'check as the hook would, without committing' },
    { run: 'ccm hooks run --fix', does: 'build and stage as the --fix hook would' },
  ],
  args: {},
  options: { fix: flag('--fix', 'run `ccm build` and stage the regenerated files of this repository') },
});

export const WATCH = defineCommand({
  name: 'watch',
  description: "build, then rebuild on every save of the config repo or of a project's Auto-Claude specs, until Ctrl-C",
  examples: [
    { run: 'ccm watch', does: 'rebuild every project on each save' },
    { run: 'ccm watch web-app --debounce 200', does: 'only web-app, after 200 ms without saves' },
  ],
  args: { projects: arg('[project...]', 'projects to build (default: all)') },
  options: { debounce: value('--debounce <ms>', 'quiet time after a save before rebuilding (default: 20)', debounceMs) },
});

export const EXPLAIN = defineCommand({
  name: 'explain',
  description: 'show which YAML files (and, for settings, which keys) produce a generated file',
  examples: [
    { run: 'ccm explain web-app .claude/settings.json', does: 'the YAML behind each settings key' },
    { run: 'ccm explain web-app .auto-claude/.env', does: 'who reads each .env key and what wins over it' },
  ],
  args: {
    project: arg('<project>', 'project name'),
    output: arg('<output>', 'output path inside the project, e.g. .claude/settings.json'),
  },
  options: {},
});

export const LS = defineCommand({
  name: 'ls',
  description: 'list projects (with profiles and component counts), profiles, or the components of one kind',
  examples: [
    { run: 'ccm ls', does: 'projects, profiles and the number of components of each kind' },
    { run: 'ccm ls mcp-servers', does: 'the names of the MCP servers' },
  ],
  args: { what: arg('[what]', 'projects | profiles | mcp-servers | subagents | skills | commands | hooks | settings | claude-md | auto-claude/prompts | …') },
  options: {},
});

export const DOCTOR = defineCommand({
  name: 'doctor',
  description: 'check the setup: Node, git, the config repo, the age identity, project folders, ignored secret files, the Auto-Claude backend',
  examples: [{ run: 'ccm doctor', does: 'every check, with a fix for each that fails' }],
  args: {},
  options: {},
});

const SECRET_NAME = arg('<name>', 'secret name, e.g. LINEAR_API_KEY');

export const SECRETS_KEYGEN = defineCommand({
  name: 'keygen',
  description: 'create your age identity (once per machine) and print its public key',
  examples: [
    { run: 'ccm secrets keygen', does: 'create ~/.config/ccm/age.key if missing, print the public key' },
    { run: 'ccm secrets keygen --add-recipient', does: 'also let it read this repo (then someone runs `ccm secrets rotate`)' },
  ],
  args: {},
  options: { addRecipient: flag('--add-recipient', 'also add the public key to secrets.recipients in ccm.config.yaml') },
});

export const SECRETS_SET = defineCommand({
  name: 'set',
  description: 'encrypt a value into secrets/NAME.age, read from stdin or a hidden prompt (never from arguments)',
  examples: [
    { run: 'ccm secrets set LINEAR_API_KEY', does: 'type the value at a hidden prompt' },
    { run: 'ccm secrets set LINEAR_API_KEY < key.txt', does: 'read it from a file' },
  ],
  args: { name: SECRET_NAME },
  options: {},
});

export const SECRETS_GET = defineCommand({
  name: 'get',
  description: 'print the decrypted value (no --json form, so values never land in JSON logs)',
  examples: [{ run: 'ccm secrets get LINEAR_API_KEY | pbcopy', does: 'copy the value' }],
  args: { name: SECRET_NAME },
  options: {},
});

export const SECRETS_LIST = defineCommand({
  name: 'list',
  description: 'list the secrets with their recipients and last change, never their values',
  examples: [{ run: 'ccm secrets list', does: 'one line per secret' }],
  args: {},
  options: {},
});

export const SECRETS_RM = defineCommand({
  name: 'rm',
  description: 'remove secrets/NAME.age',
  examples: [{ run: 'ccm secrets rm OLD_TOKEN', does: 'remove it (it stays in git history: revoke it if it leaked)' }],
  args: { name: SECRET_NAME },
  options: {},
});

export const SECRETS_ROTATE = defineCommand({
  name: 'rotate',
  description: 're-encrypt every secret for the recipients in ccm.config.yaml',
  examples: [{ run: 'ccm secrets rotate', does: 'after adding or removing a recipient' }],
  args: {},
  options: {},
});

export const SECRETS_EDIT = defineCommand({
  name: 'edit',
  description: 'edit a value in $VISUAL or $EDITOR, through a private temporary file',
  examples: [{ run: 'ccm secrets edit GITHUB_TOKEN', does: 'change it in $VISUAL or $EDITOR' }],
  args: { name: SECRET_NAME },
  options: {},
});

export const EXEC = defineCommand({
  name: 'exec',
  description: 'run a command with the secrets a project references in its environment, decrypting nothing to disk',
  usage: '[--project <name>] -- <command...>',
  examples: [
    { run: 'ccm exec --project web-app -- claude', does: 'start Claude Code with web-app\'s secrets' },
    { run: 'ccm exec -- npm test', does: 'with the secrets of the project this folder is in' },
  ],
  args: { command: arg('<command...>', 'the command and its arguments, after --') },
  options: { project: value('-p, --project <name>', 'project whose secrets to pass (default: the one whose directory you are in, or the only one)') },
});

export const IMPORT = defineCommand({
  name: 'import',
  description: 'import an existing setup into the config repo: `import auto-claude <backend>` (prompts, agent configs, model profiles, project .env) or `import claude <project>` (.claude/, .mcp.json, CLAUDE.md)',
  examples: [
    { run: 'ccm import claude ../my-app', does: "my-app's .claude/, .mcp.json and CLAUDE.md" },
    { run: 'ccm import auto-claude ../Auto-Claude/apps/backend --project ../my-app --dry-run', does: 'show what would come from Auto-Claude' },
    { run: 'ccm import auto-claude ../Auto-Claude/apps/backend --upgrade', does: "merge the backend's new prompts into yours" },
  ],
  args: {
    source: arg('<source>', 'auto-claude | claude'),
    path: arg('<path>', 'auto-claude: the backend folder holding prompts/ (Auto-Claude/apps/backend); claude: the project folder'),
  },
  options: {
    project: list('--project <dir>', 'auto-claude: a project whose .auto-claude/.env and CLAUDE.md to import (repeatable)'),
    name: value('--name <project>', 'claude: the project name (default: the folder name)'),
    only: value('--only <kinds>', 'import only these kinds, comma-separated: prompts, agent-configs, model-profiles, subagents, commands, skills, mcp-servers, hooks, settings, claude-md, projects'),
    onClash: choice('--on-clash <policy>', 'when a component of the same name exists and differs: skip (default), rename or overwrite', ['skip', 'rename', 'overwrite'] as const),
    upgrade: flag('--upgrade', "auto-claude: merge the backend's new prompt texts three-way into the repo's prompts (base: the upstream text recorded at the last import)"),
    yes: flag('-y, --yes', 'ask nothing, even on a terminal (use the flags)'),
    dryRun: flag('--dry-run', 'show what would be imported and the summary, write nothing'),
  },
});

export const UI = defineCommand({
  name: 'ui',
  description: 'serve the web UI on 127.0.0.1 (browse, edit, preview, build, commit) until Ctrl-C; prints its URL with a per-run token',
  examples: [
    { run: 'ccm ui --open', does: 'start it on a free port and open the browser' },
    { run: 'ccm ui --port 4800', does: 'on a fixed port' },
  ],
  args: {},
  options: {
    port: value('--port <port>', 'port on 127.0.0.1 (default: a free one)', port),
    open: flag('--open', "open the URL in the system's browser"),
    token: flag('--no-token', 'accept requests without the per-run token (every local program can then use the server): not recommended'),
  },
});

/** Shown by `ccm --help`. */
export const PROGRAM_EXAMPLES = [
  { run: 'ccm init team-config && cd team-config', does: 'start a config repo' },
  { run: 'ccm validate && ccm build', does: 'check it, then write every project\'s files' },
  { run: 'ccm secrets set --help', does: 'help on one verb' },
] as const;

export const COMMANDS: readonly CommandEntry[] = [
  lazy(INIT, async () => (await import('./init.js')).init),
  lazy(VALIDATE, async () => (await import('./validate.js')).validate),
  lazy(BUILD, async () => (await import('./build.js')).build),
  lazy(ADOPT, async () => (await import('./adopt.js')).adopt),
  lazy(DIFF, async () => (await import('./diff.js')).diff),
  lazy(STATUS, async () => (await import('./status.js')).status),
  group({
    name: 'hooks',
    description: 'install or remove the git pre-commit hook that checks (or, with --fix, rebuilds and stages) the generated files',
    examples: [HOOK_CHECK_EXAMPLE, { run: 'ccm hooks install --help', does: 'the options of one verb' }],
    commands: [
      lazy(HOOKS_INSTALL, async () => (await import('./hooks.js')).hooksInstall),
      lazy(HOOKS_UNINSTALL, async () => (await import('./hooks.js')).hooksUninstall),
      lazy(HOOKS_RUN, async () => (await import('./hooks.js')).hooksRun),
    ],
  }),
  lazy(WATCH, async () => (await import('./watch.js')).watch),
  lazy(EXPLAIN, async () => (await import('./explain.js')).explain),
  lazy(LS, async () => (await import('./ls.js')).ls),
  lazy(DOCTOR, async () => (await import('./doctor.js')).doctor),
  group({
    name: 'secrets',
    description: 'manage the age-encrypted secrets in secrets/: keygen, set, get, list, rm, rotate, edit',
    examples: [
      { run: 'ccm secrets keygen --add-recipient', does: 'your key, added to the repo' },
      { run: 'ccm secrets set LINEAR_API_KEY', does: 'store a value (hidden prompt or stdin)' },
    ],
    commands: [
      lazy(SECRETS_KEYGEN, async () => (await import('./secrets.js')).secretsKeygen),
      lazy(SECRETS_SET, async () => (await import('./secrets.js')).secretsSet),
      lazy(SECRETS_GET, async () => (await import('./secrets.js')).secretsGet),
      lazy(SECRETS_LIST, async () => (await import('./secrets.js')).secretsList),
      lazy(SECRETS_RM, async () => (await import('./secrets.js')).secretsRm),
      lazy(SECRETS_ROTATE, async () => (await import('./secrets.js')).secretsRotate),
      lazy(SECRETS_EDIT, async () => (await import('./secrets.js')).secretsEdit),
    ],
  }),
  lazy(EXEC, async () => (await import('./exec.js')).exec),
  lazy(IMPORT, async () => (await import('./import.js')).importCommand),
  lazy(UI, async () => (await import('./ui.js')).ui),
];

function gitRef(raw: string): string {
  // A ref that reads as an option would reach git as one (`--upload-pack=…`).
  if (raw === '' || raw.startsWith('-')) throw usageError(`"${raw}" is not a git ref`, 'pass a branch, tag or commit, e.g. --base origin/main');
  return raw;
}

function debounceMs(raw: string): number {
  const ms = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > 60_000) throw usageError(`--debounce must be a whole number of milliseconds from 0 to 60000, not "${raw}"`);
  return ms;
}

function port(raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65_535) throw usageError(`--port must be a whole number from 0 to 65535, not "${raw}"`, 'or leave it out for a free port');
  return n;
}
