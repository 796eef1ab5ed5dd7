/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/*.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

export type * from './common.js';
export type { AutoClaudeAgentConfig } from './auto-claude-agent-config.js';
export type { AutoClaudeModelProfile } from './auto-claude-model-profile.js';
export type { AutoClaudePrompt } from './auto-claude-prompt.js';
export type { CcmConfig } from './ccm.config.js';
export type { ClaudeMd } from './claude-md.js';
export type { Command } from './command.js';
export type { Hook } from './hook.js';
export type { McpServer, McpServerStdio, McpServerHttp, McpServerWs, McpOauth } from './mcp-server.js';
export type { OutputStyle } from './output-style.js';
export type { Profile } from './profile.js';
export type { Project, AutoClaudeProject, AgentOverride, CustomMcpServer, CustomMcpServerCommand, CustomMcpServerHttp } from './project.js';
export type { Rule } from './rule.js';
export type { Settings, PermissionRuleList, Permissions, StatusLine, McpServerRule, Attribution, PermissionRule, Sandbox, MarketplaceSource, KnownMarketplace } from './settings.js';
export type { Skill } from './skill.js';
export type { Subagent, InlineMcpServer } from './subagent.js';
