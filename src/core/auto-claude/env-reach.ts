/**
 * Who reads each key ccm can write into `.auto-claude/.env`, and what wins over it (Auto-Claude
 * v2.7.5: backend `apps/backend`, app `apps/frontend`; runtime notes §8). The one table of it:
 * render takes the field → key mapping from here and warns from it, import maps keys back with it,
 * `ccm explain` prints it and the README's table is checked against it by a test.
 */

/**
 * - `backend-file`: the backend reads the file itself (`load_project_mcp_config`);
 * - `backend-env`: the backend reads the process environment, which only the app fills from this file;
 * - `app-ui`: only the app's UI reads it (the GitHub/GitLab runners get an environment without this file);
 * - `nobody`: no program reads it from this file.
 */
export type EnvReader = 'backend-file' | 'backend-env' | 'app-ui' | 'nobody';

export const READER_LABELS: Readonly<Record<EnvReader, string>> = {
  'backend-file': 'backend, from the file',
  'backend-env': 'backend, from the app\'s environment',
  'app-ui': 'app UI only',
  nobody: 'nobody',
};

/** How a value reaches the YAML: its typed shape, which import needs to map a key back exactly. */
export type EnvShape = 'bool' | 'int' | 'string' | 'secret' | 'list' | RegExp;

export interface EnvKeyReach {
  /** The key as the README names it (`AGENT_MCP_<agent_type>_ADD`, `ANTHROPIC_*`). */
  key: string;
  /** For rows that stand for many keys. */
  match?: RegExp;
  /** Where the value is set, under `autoClaude` (`env` rows: `autoClaude.env.<KEY>`). */
  field: readonly string[];
  shape?: EnvShape;
  reader: EnvReader;
  /**
   * A setting of the app that wins over the value: `always`, only when the app's value `differs`
   * from the value written (its `default` unless changed in the app), or only `if-set` in the app.
   */
  overriddenBy?: { setting: string; when: 'always' | 'differs' | 'if-set'; default?: string };
  /** What the key itself overrides. */
  overrides?: string;
  /** Where ccm writes the value so that it takes effect, instead of (or besides) this file. */
  ccmWritesTo?: string;
  /** The YAML field ccm writes there. */
  ccmField?: string;
  /** What the key does. */
  what: string;
}

const MCP_TOGGLE = (name: string, key: string, what: string): EnvKeyReach => ({ key, field: ['mcp', name], shape: 'bool', reader: 'backend-file', what });
const integration = (name: string, field: string, key: string, shape: EnvShape, reader: EnvReader, what: string, extra: Partial<EnvKeyReach> = {}): EnvKeyReach =>
  ({ key, field: ['integrations', name, field], shape, reader, what, ...extra });
const env = (key: string, reader: EnvReader, what: string, extra: Partial<EnvKeyReach> = {}): EnvKeyReach => ({ key, field: ['env', key], reader, what, ...extra });

const CLAUDE_PROFILE = { setting: 'the app\'s active Claude profile', when: 'always' } as const;

/** In the order ccm writes the keys; `env` rows last, the catch-all at the very end. */
export const ENV_REACH: readonly EnvKeyReach[] = [
  {
    key: 'USE_CLAUDE_MD', field: ['useClaudeMd'], shape: 'bool', reader: 'backend-env', what: 'appends the project\'s CLAUDE.md to every agent\'s system prompt',
    overriddenBy: { setting: 'the app\'s project setting useClaudeMd', when: 'differs', default: 'true' },
  },
  MCP_TOGGLE('context7', 'CONTEXT7_ENABLED', 'false removes Context7 from every agent'),
  MCP_TOGGLE('linear', 'LINEAR_MCP_ENABLED', 'false keeps the Linear server from agents'),
  MCP_TOGGLE('electron', 'ELECTRON_MCP_ENABLED', 'true fills the QA agents\' browser slot with Electron tools'),
  MCP_TOGGLE('puppeteer', 'PUPPETEER_MCP_ENABLED', 'true fills the QA agents\' browser slot with Puppeteer'),
  {
    key: 'AGENT_MCP_<agent_type>_ADD / _REMOVE', match: /^AGENT_MCP_[a-z_]+_(ADD|REMOVE)$/, field: ['agents'], shape: 'list', reader: 'backend-file',
    what: 'MCP servers of one agent type (exact case of the type); from agent configs and autoClaude.agents',
  },
  { key: 'CUSTOM_MCP_SERVERS', field: ['customMcpServers'], reader: 'backend-file', what: 'extra MCP servers an _ADD can name' },
  integration('linear', 'apiKey', 'LINEAR_API_KEY', 'secret', 'backend-env', 'enables Linear and its MCP server'),
  integration('linear', 'teamId', 'LINEAR_TEAM_ID', 'string', 'backend-env', 'Linear team tasks sync to'),
  integration('linear', 'projectId', 'LINEAR_PROJECT_ID', 'string', 'backend-env', 'Linear project tasks sync to'),
  integration('linear', 'realtimeSync', 'LINEAR_REALTIME_SYNC', 'bool', 'app-ui', 'the app\'s Linear sync switch'),
  integration('github', 'token', 'GITHUB_TOKEN', 'secret', 'app-ui', 'the app\'s GitHub views'),
  integration('github', 'botToken', 'GITHUB_BOT_TOKEN', 'secret', 'nobody', 'token of the bot that posts reviews', {
    ccmWritesTo: '.auto-claude/github/config.json (bot_token), where the GitHub runners read it',
    ccmField: 'autoClaude.github.botToken',
  }),
  integration('github', 'repo', 'GITHUB_REPO', /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'app-ui', 'the app\'s GitHub views'),
  integration('github', 'cliPath', 'GITHUB_CLI_PATH', 'string', 'backend-env', 'the gh executable'),
  integration('github', 'autoSync', 'GITHUB_AUTO_SYNC', 'bool', 'app-ui', 'the app\'s GitHub sync switch'),
  integration('github', 'maxPrWorktrees', 'MAX_PR_WORKTREES', 'int', 'nobody', 'PR worktrees the GitHub runner keeps; it reads only its own environment, which excludes this file'),
  integration('gitlab', 'token', 'GITLAB_TOKEN', 'secret', 'app-ui', 'the app\'s GitLab views'),
  integration('gitlab', 'instanceUrl', 'GITLAB_INSTANCE_URL', /^https?:\/\/\S+$/, 'app-ui', 'the app\'s GitLab views'),
  integration('gitlab', 'project', 'GITLAB_PROJECT', 'string', 'app-ui', 'the app\'s GitLab views'),
  integration('gitlab', 'enabled', 'GITLAB_ENABLED', 'bool', 'app-ui', 'the app\'s GitLab switch'),
  integration('gitlab', 'autoSync', 'GITLAB_AUTO_SYNC', 'bool', 'app-ui', 'the app\'s GitLab sync switch'),
  env('DEFAULT_BRANCH', 'backend-env', 'base branch of task worktrees', { overriddenBy: { setting: 'the app\'s project setting mainBranch', when: 'if-set' } }),
  env('AUTO_BUILD_MODEL', 'backend-env', 'the model of every build', { overrides: 'the model of every model profile (autoClaude.modelProfile and the app\'s agent profiles)' }),
  env('GRAPHITI_MCP_URL', 'backend-env', 'the Graphiti memory server', {
    overriddenBy: { setting: 'the app\'s project settings graphitiMcpEnabled / graphitiMcpUrl (on by default, http://localhost:8000/mcp/)', when: 'always' },
  }),
  env('CLAUDE_CODE_OAUTH_TOKEN', 'backend-env', 'Claude credentials', { overriddenBy: CLAUDE_PROFILE }),
  env('CLAUDE_CONFIG_DIR', 'backend-env', 'Claude config folder', { overriddenBy: CLAUDE_PROFILE }),
  env('ANTHROPIC_*', 'backend-env', 'API endpoint, key and models', {
    match: /^ANTHROPIC_/, overriddenBy: { setting: 'the app\'s API profile (set from it, or cleared in OAuth mode)', when: 'always' },
  }),
  env('GRAPHITI_*', 'backend-env', 'Graphiti memory and its embedder', { match: /^GRAPHITI_/ }),
  env('any other key', 'backend-env', 'the app passes every non-empty key to the backend\'s processes', { match: /^/ }),
];

/** The row of a key: its own, else the first pattern that matches (the catch-all last). */
export function reachOf(key: string): EnvKeyReach {
  return ENV_REACH.find((r) => !r.match && r.key === key) ?? ENV_REACH.find((r) => r.match?.test(key))!;
}

/** The rows of typed fields (not `autoClaude.env`), e.g. for mapping a key to its field. */
export const FIELD_KEYS: readonly EnvKeyReach[] = ENV_REACH.filter((r) => !r.match && r.field[0] !== 'env');

/** One line on what wins, or where else the value belongs, for messages and `ccm explain`. */
export function reachNote(r: EnvKeyReach): string {
  const parts: string[] = [];
  if (r.overriddenBy) {
    const when = r.overriddenBy.when === 'if-set' ? ' when set there' : r.overriddenBy.when === 'differs' ? ` (default ${r.overriddenBy.default})` : '';
    parts.push(`overridden by ${r.overriddenBy.setting}${when}`);
  }
  if (r.overrides) parts.push(`overrides ${r.overrides}`);
  if (r.ccmWritesTo) parts.push(`ccm writes it to ${r.ccmWritesTo}`);
  return parts.join('; ');
}

/** The README table, one row per entry: key, set by, read by, what wins. */
export function reachTableMarkdown(): string {
  const lines = ['| key | set by (`autoClaude.…`) | read by | what wins / note |', '|---|---|---|---|'];
  for (const r of ENV_REACH) {
    const field = r.field[0] === 'env' ? 'env' : r.field.join('.');
    const note = reachNote(r) || r.what;
    const key = r.match?.source === '^' ? r.key : `\`${r.key}\``;
    lines.push(`| ${key} | \`${field}\` | ${READER_LABELS[r.reader]} | ${note} |`);
  }
  return `${lines.join('\n')}\n`;
}
