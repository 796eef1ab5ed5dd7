/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/settings.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ClaudeModel, EnvVarName } from './common.js';

/**
 * A permission rule: a tool name ('Read', 'mcp__server', 'mcp__server__tool', '*' wildcards allowed) optionally followed by a non-empty specifier in parentheses, as in 'Bash(npm run *)' or 'WebFetch(domain:example.com)'.
 */
export type PermissionRule = string;

/**
 * Permission rules: 'Tool', 'Tool(specifier)' or 'mcp__server[__tool]'.
 */
export type PermissionRuleList = PermissionRule[];

/**
 * Where a plugin marketplace comes from; 'source' names the kind and decides the other keys.
 */
export type MarketplaceSource = unknown &
  unknown &
  unknown &
  unknown &
  unknown &
  unknown &
  unknown &
  unknown &
  unknown & {
    /**
     * Kind of source: github, git, url, npm, file, directory, hostPattern, pathPattern, settings.
     */
    source: 'github' | 'git' | 'url' | 'npm' | 'file' | 'directory' | 'hostPattern' | 'pathPattern' | 'settings';
    [k: string]: unknown;
  } & {
    /**
     * Kind of source: github, git, url, npm, file, directory, hostPattern, pathPattern, settings.
     */
    source: 'github' | 'git' | 'url' | 'npm' | 'file' | 'directory' | 'hostPattern' | 'pathPattern' | 'settings';
    [k: string]: unknown;
  } & {
    /**
     * Kind of source: github, git, url, npm, file, directory, hostPattern, pathPattern, settings.
     */
    source: 'github' | 'git' | 'url' | 'npm' | 'file' | 'directory' | 'hostPattern' | 'pathPattern' | 'settings';
    [k: string]: unknown;
  };

/**
 * A settings fragment (components/settings/<name>.yaml) merged into .claude/settings.json: lists concatenate without duplicates, maps merge key by key, and two fragments setting one key to different values are an error. Keys are Claude Code's settings keys, typed from its documentation; a key ccm does not know is written unchanged with an UNKNOWN_FIELD warning (an error under strict: true). Hooks are not allowed here; hooks components carry them.
 */
export interface Settings {
  /**
   * What the fragment is for; ccm only, not written to settings.json.
   */
  description?: string;
  /**
   * JSON Schema URL for editors; ccm writes it into settings.json exactly as given, and writes none when no fragment sets one.
   */
  $schema?: string;
  /**
   * Tool permission rules and the default permission mode.
   */
  permissions?: Permissions;
  /**
   * Environment variables Claude Code sets for the session and its tools; values are literal strings ($VAR is not expanded).
   */
  env?: {
    [k: string]: string;
  };
  /**
   * Model Claude Code uses by default for the project.
   */
  model?: ClaudeModel;
  /**
   * Models users may select; lists from all settings layers are merged.
   */
  availableModels?: string[];
  /**
   * Reasoning effort Claude Code persists across sessions (max is session-only and not accepted here).
   */
  effortLevel?: 'low' | 'medium' | 'high' | 'xhigh';
  /**
   * Output style Claude Code uses: a built-in style (Default, Proactive, Explanatory, Learning, Concise) or one from .claude/output-styles/.
   */
  outputStyle?: string;
  /**
   * Subagent Claude Code runs as the main thread instead of the default agent.
   */
  agent?: string;
  /**
   * Oldest Claude Code version allowed to use these settings.
   */
  minimumVersion?: string;
  /**
   * Glob patterns (matched against absolute paths) of CLAUDE.md files Claude Code does not load.
   */
  claudeMdExcludes?: string[];
  /**
   * Per-skill visibility by skill name: on (the default), name-only, user-invocable-only (hidden from Claude, still in the / menu) or off.
   */
  skillOverrides?: {
    /**
     * Visibility of the skill.
     */
    [k: string]: 'on' | 'name-only' | 'user-invocable-only' | 'off';
  };
  /**
   * Sandbox for Bash commands: filesystem and network isolation.
   */
  sandbox?: Sandbox;
  /**
   * When true, Claude Code runs no hooks and no status-line command.
   */
  disableAllHooks?: boolean;
  /**
   * URL patterns (with * wildcards) HTTP hooks may target; Claude Code blocks other URLs, and an empty list blocks all HTTP hooks.
   */
  allowedHttpHookUrls?: string[];
  /**
   * Environment variables HTTP hooks may expand in headers; each hook's allowedEnvVars is intersected with this list.
   */
  httpHookAllowedEnvVars?: EnvVarName[];
  /**
   * Custom status line: a command whose stdout Claude Code shows below the prompt.
   */
  statusLine?: StatusLine;
  /**
   * Status-line command shown for running subagents.
   */
  subagentStatusLine?: StatusLine;
  /**
   * Command that supplies the file suggestions of @-mentions.
   */
  fileSuggestion?: {
    /**
     * Only 'command' exists.
     */
    type: 'command';
    /**
     * Command Claude Code runs to list file suggestions.
     */
    command: string;
  };
  /**
   * When true, Claude Code approves every server in the project's .mcp.json without asking.
   */
  enableAllProjectMcpServers?: boolean;
  /**
   * Servers from .mcp.json that Claude Code approves without asking.
   */
  enabledMcpjsonServers?: string[];
  /**
   * Servers from .mcp.json that Claude Code rejects.
   */
  disabledMcpjsonServers?: string[];
  /**
   * Allowlist of MCP servers users may configure (mainly managed settings); when set, servers not matching an entry are blocked.
   */
  allowedMcpServers?: McpServerRule[];
  /**
   * Denylist of MCP servers; it takes precedence over allowedMcpServers.
   */
  deniedMcpServers?: McpServerRule[];
  /**
   * Managed settings: when true, only the allowedMcpServers of managed settings apply.
   */
  allowManagedMcpServersOnly?: boolean;
  /**
   * Managed settings: when true, only managed (and SDK) hooks run; user, project and plugin hooks are ignored.
   */
  allowManagedHooksOnly?: boolean;
  /**
   * Managed settings: when true, permission rules of user and project settings are ignored.
   */
  allowManagedPermissionRulesOnly?: boolean;
  /**
   * Plugins by 'plugin@marketplace' id: true enables, false disables.
   */
  enabledPlugins?: {
    [k: string]: boolean | string[];
  };
  /**
   * Plugin marketplaces (name to entry) Claude Code offers to people who trust this repository.
   */
  extraKnownMarketplaces?: {
    [k: string]: KnownMarketplace;
  };
  /**
   * Managed settings: the only marketplace sources users may add; an empty list forbids all.
   */
  strictKnownMarketplaces?: MarketplaceSource[];
  /**
   * Managed settings: marketplace sources users may not add; checked before anything is downloaded.
   */
  blockedMarketplaces?: MarketplaceSource[];
  /**
   * Managed settings: text added to the warning Claude Code shows before installing a plugin.
   */
  pluginTrustMessage?: string;
  /**
   * Whether channels (messages pushed into a session by plugins) are allowed.
   */
  channelsEnabled?: boolean;
  /**
   * Managed settings: plugins allowed to push channel messages.
   */
  allowedChannelPlugins?: {
    /**
     * Marketplace name.
     */
    marketplace: string;
    /**
     * Plugin name.
     */
    plugin: string;
  }[];
  /**
   * Script Claude Code runs to obtain the API key or auth token.
   */
  apiKeyHelper?: string;
  /**
   * Attribution text Claude Code adds to commits and pull requests.
   */
  attribution?: Attribution;
  /**
   * Deprecated (use attribution): whether Claude Code adds the Co-Authored-By byline to commits and pull requests.
   */
  includeCoAuthoredBy?: boolean;
  /**
   * Days Claude Code keeps sessions, worktrees and backups before cleaning them up (minimum 1).
   */
  cleanupPeriodDays?: number;
  /**
   * Whether Claude Code includes its built-in git commit and pull-request instructions in the system prompt (default true).
   */
  includeGitInstructions?: boolean;
  /**
   * Announcements shown at startup (one picked at random when there are several).
   */
  companyAnnouncements?: string[];
  /**
   * Model ID to provider-specific ID (for example a Bedrock inference-profile ARN).
   */
  modelOverrides?: {
    [k: string]: string;
  };
  /**
   * Script that prints OpenTelemetry headers as JSON.
   */
  otelHeadersHelper?: string;
  /**
   * Command that refreshes AWS credentials (for example an SSO login).
   */
  awsAuthRefresh?: string;
  /**
   * Script that prints AWS credentials as JSON.
   */
  awsCredentialExport?: string;
  /**
   * Command that refreshes Google Cloud credentials.
   */
  gcpAuthRefresh?: string;
  /**
   * Whether the @ file picker leaves out files that .gitignore ignores (default true).
   */
  respectGitignore?: boolean;
  /**
   * Login method Claude Code requires: claudeai (Claude subscription), console (API billing) or gateway.
   */
  forceLoginMethod?: 'claudeai' | 'console' | 'gateway';
  /**
   * Organization UUID(s) the login must belong to.
   */
  forceLoginOrgUUID?: string | string[];
  /**
   * Whether extended thinking is on by default.
   */
  alwaysThinkingEnabled?: boolean;
  /**
   * Folder where plan mode stores plans, relative to the project root.
   */
  plansDirectory?: string;
  /**
   * Whether accepting a plan offers to clear the context.
   */
  showClearContextOnPlanAccept?: boolean;
  /**
   * Language Claude answers in (for example 'japanese').
   */
  language?: string;
  /**
   * Release channel of updates: stable or latest (the default).
   */
  autoUpdatesChannel?: 'stable' | 'latest';
  /**
   * Whether tips are shown in the spinner while Claude works.
   */
  spinnerTipsEnabled?: boolean;
  /**
   * Custom spinner tips.
   */
  spinnerTipsOverride?: {
    /**
     * Tips to show.
     */
    tips: string[];
    /**
     * When true, only these tips are shown.
     */
    excludeDefault?: boolean;
  };
  /**
   * Custom verbs in the spinner.
   */
  spinnerVerbs?: {
    /**
     * append adds to the built-in verbs, replace uses only these.
     */
    mode?: 'append' | 'replace';
    /**
     * The verbs.
     */
    verbs: string[];
  };
  /**
   * Whether the terminal progress bar is shown in supporting terminals.
   */
  terminalProgressBarEnabled?: boolean;
  /**
   * Whether the duration of each turn is shown.
   */
  showTurnDuration?: boolean;
  /**
   * Whether animations (spinner, shimmer) are reduced.
   */
  prefersReducedMotion?: boolean;
  /**
   * When true, fast mode does not persist across sessions.
   */
  fastModePerSessionOptIn?: boolean;
  /**
   * Whether fast mode is on.
   */
  fastMode?: boolean;
  /**
   * Probability (0 to 1) that the session-quality survey is shown.
   */
  feedbackSurveyRate?: number;
  /**
   * How agent-team teammates are shown: auto, in-process, tmux or iterm2.
   */
  teammateMode?: 'auto' | 'in-process' | 'tmux' | 'iterm2';
  /**
   * Whether auto memory is on.
   */
  autoMemoryEnabled?: boolean;
  /**
   * Folder where auto memory is stored.
   */
  autoMemoryDirectory?: string;
  /**
   * Rules of the auto-mode classifier, in prose; "$defaults" stands for the built-in list.
   */
  autoMode?: {
    /**
     * Facts about the environment the classifier may rely on.
     */
    environment?: string[];
    /**
     * Actions the classifier allows.
     */
    allow?: string[];
    /**
     * Actions the classifier blocks unless the user asked for them.
     */
    soft_deny?: string[];
    /**
     * Actions the classifier always blocks.
     */
    hard_deny?: string[];
    /**
     * Whether every shell command goes through the classifier.
     */
    classifyAllShell?: boolean;
  };
  /**
   * 'disable' prevents auto mode from being used.
   */
  disableAutoMode?: 'disable';
  /**
   * Whether plan mode uses auto-mode semantics when auto mode is available (default true).
   */
  useAutoModeDuringPlan?: boolean;
  /**
   * When true, WebFetch skips its domain safety check.
   */
  skipWebFetchPreflight?: boolean;
  /**
   * How --worktree creates git worktrees.
   */
  worktree?: {
    /**
     * Folders symlinked from the main repository into each worktree instead of copied.
     */
    symlinkDirectories?: string[];
    /**
     * Paths checked out in each worktree (git sparse-checkout, cone mode).
     */
    sparsePaths?: string[];
  };
  /**
   * Whether voice dictation is on.
   */
  voiceEnabled?: boolean;
  /**
   * Key bindings of the input prompt: normal or vim.
   */
  editorMode?: 'normal' | 'vim';
  /**
   * Two-key INSERT-mode sequences (exactly two characters) mapped to Escape in vim mode.
   */
  vimInsertModeRemaps?: {
    [k: string]: string;
  };
  /**
   * Whether Claude Code connects to a running IDE automatically.
   */
  autoConnectIde?: boolean;
  /**
   * Whether the IDE extension is installed automatically.
   */
  autoInstallIdeExtension?: boolean;
  /**
   * Whether the conversation is compacted automatically when the context fills up.
   */
  autoCompactEnabled?: boolean;
  /**
   * Whether the transcript scrolls to new output automatically.
   */
  autoScrollEnabled?: boolean;
  /**
   * Whether full tool output is shown.
   */
  verbose?: boolean;
  /**
   * Colour theme (for example dark, light, dark-daltonized, light-ansi).
   */
  theme?: string;
  /**
   * How Claude Code notifies: auto, terminal_bell, iterm2, iterm2_with_bell, kitty, ghostty or notifications_disabled.
   */
  preferredNotifChannel?:
    'auto' | 'terminal_bell' | 'iterm2' | 'iterm2_with_bell' | 'kitty' | 'ghostty' | 'notifications_disabled';
  /**
   * When true, skills and commands cannot run shell commands through !`...`.
   */
  disableSkillShellExecution?: boolean;
  /**
   * When true, Claude Code's bundled skills are not loaded.
   */
  disableBundledSkills?: boolean;
  /**
   * Managed settings: whether Claude Code under WSL also reads the Windows managed settings.
   */
  wslInheritsWindowsSettings?: boolean;
  /**
   * Shell of ! commands: bash or powershell.
   */
  defaultShell?: 'bash' | 'powershell';
  /**
   * Models tried in order when the main model is overloaded.
   */
  fallbackModel?: string | string[];
  /**
   * Model of the advisor tool.
   */
  advisorModel?: string;
  /**
   * Managed settings: when true, availableModels also restricts the default model.
   */
  enforceAvailableModels?: boolean;
  /**
   * When true, Claude Code does not ask for confirmation before entering bypassPermissions mode.
   */
  skipDangerousModePermissionPrompt?: boolean;
  /**
   * 'disable' stops Claude Code from registering its URL handler.
   */
  disableDeepLinkRegistration?: 'disable';
  /**
   * Settings keys written into settings.json as they are; kept for fragments written before ccm accepted unknown keys in place (it warns about those). ccm checks no types here, so prefer the top level; 'hooks' belongs in a hooks component.
   */
  extra?: {
    [k: string]: unknown;
  };
  /**
   * Not allowed in a settings fragment: hooks live in hooks components (components/hooks/<name>.yaml), which ccm merges into the hooks of settings.json.
   */
  hooks?: {
    [k: string]: unknown;
  };
}

/**
 * Tool permission rules and modes of .claude/settings.json.
 */
export interface Permissions {
  /**
   * Rules for tool calls Claude Code allows without asking.
   */
  allow?: PermissionRuleList;
  /**
   * Rules for tool calls Claude Code always asks about.
   */
  ask?: PermissionRuleList;
  /**
   * Rules for tool calls Claude Code refuses; deny wins over ask and allow.
   */
  deny?: PermissionRuleList;
  /**
   * Permission mode Claude Code starts in.
   */
  defaultMode?: 'default' | 'acceptEdits' | 'plan' | 'dontAsk' | 'bypassPermissions' | 'auto' | 'manual' | 'delegate';
  /**
   * Directories outside the project that Claude Code may access.
   */
  additionalDirectories?: string[];
  /**
   * 'disable' prevents bypassPermissions mode from being used.
   */
  disableBypassPermissionsMode?: 'disable';
  /**
   * 'disable' prevents auto mode from being used.
   */
  disableAutoMode?: 'disable';
}

/**
 * Sandbox configuration for Bash commands.
 */
export interface Sandbox {
  /**
   * Whether Bash commands run in the sandbox.
   */
  enabled?: boolean;
  /**
   * When true, Claude Code refuses to start when the sandbox cannot be set up.
   */
  failIfUnavailable?: boolean;
  /**
   * Whether sandboxed Bash commands run without asking (default true).
   */
  autoAllowBashIfSandboxed?: boolean;
  /**
   * Commands that run outside the sandbox.
   */
  excludedCommands?: string[];
  /**
   * Whether a command may be retried outside the sandbox with dangerouslyDisableSandbox (default true).
   */
  allowUnsandboxedCommands?: boolean;
  /**
   * Weaker sandbox for Docker environments without privileged namespaces (Linux, WSL2).
   */
  enableWeakerNestedSandbox?: boolean;
  /**
   * macOS: allow access to the system TLS trust service (weakens isolation).
   */
  enableWeakerNetworkIsolation?: boolean;
  /**
   * Violations to ignore, by command pattern to paths or hosts.
   */
  ignoreViolations?: {
    [k: string]: string[];
  };
  /**
   * Filesystem isolation.
   */
  filesystem?: {
    /**
     * Extra paths sandboxed commands may write.
     */
    allowWrite?: string[];
    /**
     * Paths sandboxed commands may not write.
     */
    denyWrite?: string[];
    /**
     * Paths sandboxed commands may not read.
     */
    denyRead?: string[];
    /**
     * Paths inside denyRead that may be read again.
     */
    allowRead?: string[];
    /**
     * Managed settings: only the allowRead paths of managed settings apply.
     */
    allowManagedReadPathsOnly?: boolean;
  };
  /**
   * Network isolation.
   */
  network?: {
    /**
     * Unix socket paths sandboxed commands may use.
     */
    allowUnixSockets?: string[];
    /**
     * Whether every Unix socket may be used.
     */
    allowAllUnixSockets?: boolean;
    /**
     * macOS: whether commands may bind local ports.
     */
    allowLocalBinding?: boolean;
    /**
     * Domains sandboxed commands may reach ('*.example.com' wildcards).
     */
    allowedDomains?: string[];
    /**
     * Domains that stay blocked even when allowedDomains matches them.
     */
    deniedDomains?: string[];
    /**
     * Managed settings: only the allowedDomains of managed settings apply.
     */
    allowManagedDomainsOnly?: boolean;
    /**
     * macOS: extra XPC/Mach service names commands may look up.
     */
    allowMachLookup?: string[];
    /**
     * Port of your own HTTP proxy.
     */
    httpProxyPort?: number;
    /**
     * Port of your own SOCKS proxy.
     */
    socksProxyPort?: number;
    /**
     * TLS termination in the sandbox proxy: {} for a session CA, or your own CA.
     */
    tlsTerminate?: {
      /**
       * Path of the CA certificate.
       */
      caCertPath?: string;
      /**
       * Path of the CA private key.
       */
      caKeyPath?: string;
    };
  };
  /**
   * Credentials hidden from sandboxed commands.
   */
  credentials?: {
    /**
     * Environment variables, each with a mode.
     */
    envVars?: {
      /**
       * Name of the variable.
       */
      name: EnvVarName;
      /**
       * What sandboxed commands get.
       */
      mode: 'deny' | 'mask';
    }[];
    /**
     * Files, each with a mode.
     */
    files?: {
      /**
       * File path.
       */
      path: string;
      /**
       * What sandboxed commands get.
       */
      mode: 'deny' | 'mask';
    }[];
  };
}

/**
 * Status-line command configuration.
 */
export interface StatusLine {
  /**
   * Status-line handler type; only 'command' exists.
   */
  type: 'command';
  /**
   * Command Claude Code runs with session JSON on stdin; its stdout becomes the status line.
   */
  command: string;
  /**
   * Extra horizontal padding (characters) around the status line; default 0.
   */
  padding?: number;
  /**
   * Seconds between re-runs of the command in addition to event-driven updates.
   */
  refreshInterval?: number;
  /**
   * When true, Claude Code hides its own vim-mode indicator because the command shows it.
   */
  hideVimModeIndicator?: boolean;
}

/**
 * Identifies MCP servers by exactly one of: name, exact command line, or URL pattern.
 */
export interface McpServerRule {
  /**
   * Name of the MCP server.
   */
  serverName?: string;
  /**
   * Exact command and arguments that start a stdio server.
   *
   * @minItems 1
   */
  serverCommand?: string[];
  /**
   * URL pattern of remote servers; * is a wildcard.
   */
  serverUrl?: string;
}

/**
 * A marketplace entry.
 */
export interface KnownMarketplace {
  source: unknown;
  /**
   * Whether Claude Code updates the marketplace at startup.
   */
  autoUpdate?: boolean;
  /**
   * Where the marketplace is cached.
   */
  installLocation?: string;
  /**
   * When the marketplace was last updated.
   */
  lastUpdated?: string;
}

/**
 * Attribution Claude Code writes into commits and pull requests.
 */
export interface Attribution {
  /**
   * Attribution text (including trailers) for git commits; an empty string hides it.
   */
  commit?: string;
  /**
   * Attribution text for pull-request descriptions; an empty string hides it.
   */
  pr?: string;
  /**
   * Whether Claude Code links the claude.ai session in commits and pull requests from web sessions (default true).
   */
  sessionUrl?: boolean;
}
