/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/settings.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ClaudeModel, EnvVarName } from './common.js';

/**
 * Permission rules: 'Tool', 'Tool(specifier)' or 'mcp__server[__tool]'.
 */
export type PermissionRuleList = string[];

/**
 * A settings fragment (components/settings/<name>.yaml) merged into .claude/settings.json: lists concatenate without duplicates, maps merge key by key, and two fragments setting one key to different values are an error. Hooks are not allowed here; hooks components carry them.
 */
export interface Settings {
  /**
   * What the fragment is for; ccm only, not written to settings.json.
   */
  description?: string;
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
   * Per-skill overrides, passed to Claude Code as given.
   */
  skillOverrides?: {
    [k: string]: unknown;
  };
  /**
   * Sandbox configuration for Bash commands (network, filesystem, ...), passed to Claude Code as given.
   */
  sandbox?: {
    [k: string]: unknown;
  };
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
   * Plugins by 'plugin@marketplace' id: true enables, false disables.
   */
  enabledPlugins?: {
    [k: string]: boolean | string[];
  };
  /**
   * Plugin marketplaces (name to {source: ...}) Claude Code offers to team members of this repository.
   */
  extraKnownMarketplaces?: {
    [k: string]: {
      [k: string]: unknown;
    };
  };
  /**
   * Allowlist of marketplace sources users may add (managed settings); an empty list forbids all.
   */
  strictKnownMarketplaces?: {
    [k: string]: unknown;
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
   * Settings keys ccm does not know, copied into settings.json as they are; a key ccm knows (or 'hooks') must be written at the top level or in a hooks component instead.
   */
  extra?: {
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
