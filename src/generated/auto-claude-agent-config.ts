/* eslint-disable */
/**
 * GENERATED FILE - DO NOT EDIT. Source: schemas/auto-claude-agent-config.schema.json
 * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.
 */

import type { Name, StringList, ThinkingLevel } from './common.js';

/**
 * An Auto-Claude agent config (components/auto-claude/agent-configs/<agent_type>.yaml): one entry of AGENT_CONFIGS, keyed by the file name; only MCP membership reaches the runtime, as AGENT_MCP_<agent_type>_ADD/_REMOVE in .auto-claude/.env.
 */
export interface AutoClaudeAgentConfig {
  /**
   * What this agent type does; ccm only.
   */
  description?: string;
  /**
   * Built-in tools of the agent type; the runtime hard-codes them, so a value different from the built-in list only produces a warning.
   */
  tools?: StringList;
  /**
   * MCP servers the agent always gets (context7, graphiti, graphiti-memory, auto-claude, linear, electron, puppeteer or a CUSTOM_MCP_SERVERS id; browser only where the built-in QA configs have it); differences from the built-in list become AGENT_MCP_<agent_type>_ADD/_REMOVE, and a name the runtime cannot map there is an error.
   */
  mcp_servers?: Name[];
  /**
   * MCP servers the agent gets only when their integration is enabled (for example linear with LINEAR_API_KEY set).
   */
  mcp_servers_optional?: Name[];
  /**
   * Auto-Claude's own tools (mcp__auto-claude__*) of the agent type; hard-coded in the runtime, so a difference only produces a warning.
   */
  auto_claude_tools?: StringList;
  /**
   * Default thinking level of the agent type; hard-coded in the runtime, so a difference only produces a warning.
   */
  thinking_default?: ThinkingLevel;
}
