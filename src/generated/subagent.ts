/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/subagent.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { ClaudeModel, Effort, EnvVarName, FrontmatterText, HeaderMap, HookAgent, HookCommand, HookHandler, HookHttp, HookIf, HookMatcherGroup, HookMatcherList, HookMcpTool, HookPrompt, HookTimeout, Hooks, Name, NameList, RuntimeName, SecretEnvMap, SecretRef, StringOrList, StringOrSecret } from './common.js';
import type { McpOauth, McpServer, McpServerHttp, McpServerStdio, McpServerWs } from './mcp-server.js';

/**
 * A Claude Code subagent (components/subagents/<name>.yaml): the frontmatter of .claude/agents/<name>.md; the <name>.md beside it is the system prompt. Keys ccm does not know are kept and written unchanged, in place, with an UNKNOWN_FIELD warning (an error under strict: true in ccm.config.yaml).
 */
export interface Subagent {
  /**
   * Name Claude Code knows the subagent by; defaults to the file name.
   */
  name?: RuntimeName;
  /**
   * When Claude should delegate to this subagent; Claude Code shows it to the model to choose subagents.
   */
  description: string;
  /**
   * Tools the subagent may use (comma-separated string or list); omitted means all tools, and Agent(type) limits which subagents it may start.
   */
  tools?: StringOrList;
  /**
   * Tools removed from the subagent's tool set.
   */
  disallowedTools?: StringOrList;
  /**
   * Model the subagent runs on: sonnet, opus, haiku, inherit (the default: the main conversation's model) or a full model ID.
   */
  model?: ClaudeModel;
  /**
   * Permission mode Claude Code applies to the subagent's tool calls.
   */
  permissionMode?: 'default' | 'acceptEdits' | 'auto' | 'dontAsk' | 'bypassPermissions' | 'plan';
  /**
   * Maximum number of agentic turns before Claude Code stops the subagent.
   */
  maxTurns?: number;
  /**
   * Skills (names of skill components) preloaded into the subagent's context.
   */
  skills?: NameList;
  /**
   * MCP servers available to the subagent: names of MCP-server components, or inline {name: config} entries.
   */
  mcpServers?: (Name | InlineMcpServer)[];
  /**
   * Hooks active only while this subagent runs, in the shape of settings.json's hooks.
   */
  hooks?: Hooks;
  /**
   * Persistent memory scope Claude Code gives the subagent: user, project or local.
   */
  memory?: 'user' | 'project' | 'local';
  /**
   * When true, Claude Code runs the subagent in the background.
   */
  background?: boolean;
  /**
   * Isolation for the subagent's changes: 'worktree' runs it in a temporary git worktree.
   */
  isolation?: 'worktree';
  /**
   * Reasoning effort Claude Code requests while the subagent runs.
   */
  effort?: Effort;
  /**
   * Color Claude Code uses for the subagent in the terminal UI.
   */
  color?: string;
  /**
   * Prompt Claude Code submits automatically as the first user turn when the agent starts.
   */
  initialPrompt?: string;
  /**
   * ccm only: the imported file's original text before the body, kept so that a build reproduces it byte for byte.
   */
  frontmatterText?: FrontmatterText;
}

/**
 * An inline MCP server: a single key (the server name) mapped to its configuration.
 */
export interface InlineMcpServer {
  [k: string]: McpServer;
}
