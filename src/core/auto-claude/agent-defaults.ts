/**
 * Auto-Claude's built-in AGENT_CONFIGS (apps/backend/agents/tools_pkg/models.py, v2.7.5), as facts.
 * The runtime takes only MCP membership from files (AGENT_MCP_<type>_ADD/_REMOVE); everything else
 * here is what an agent gets no matter what a config repo says.
 */
export type ThinkingLevel = 'none' | 'low' | 'medium' | 'high' | 'ultrathink';

export interface AgentDefaults {
  tools: readonly string[];
  mcp_servers: readonly string[];
  mcp_servers_optional: readonly string[];
  auto_claude_tools: readonly string[];
  thinking_default: ThinkingLevel;
}

const R = ['Read', 'Glob', 'Grep'];
const W = ['Write', 'Edit', 'Bash'];
const WEB = ['WebFetch', 'WebSearch'];
const ac = (...names: string[]): string[] => names.map((n) => `mcp__auto-claude__${n}`);

function agent(tools: string[], thinking: ThinkingLevel, mcp: string[] = [], optional: string[] = [], acTools: string[] = []): AgentDefaults {
  return { tools, mcp_servers: mcp, mcp_servers_optional: optional, auto_claude_tools: acTools, thinking_default: thinking };
}

const PLANNER_MCP = ['context7', 'graphiti', 'auto-claude'];
const QA_MCP = ['context7', 'graphiti', 'auto-claude', 'browser'];

export const AGENT_DEFAULTS: Readonly<Record<string, AgentDefaults>> = {
  spec_gatherer: agent([...R, ...WEB], 'medium'),
  spec_discovery: agent([...R, ...WEB], 'medium'),
  spec_researcher: agent([...R, ...WEB], 'medium', ['context7']),
  spec_writer: agent([...R, ...W], 'high'),
  spec_compaction: agent([...R, ...W], 'medium'),
  spec_critic: agent([...R], 'ultrathink'),
  spec_context: agent([...R], 'medium'),
  spec_validation: agent([...R], 'high'),
  planner: agent([...R, ...W, ...WEB], 'high', PLANNER_MCP, ['linear'], ac('get_build_progress', 'get_session_context', 'record_discovery')),
  coder: agent([...R, ...W, ...WEB], 'none', PLANNER_MCP, ['linear'],
    ac('update_subtask_status', 'get_build_progress', 'record_discovery', 'record_gotcha', 'get_session_context')),
  qa_reviewer: agent([...R, ...W, ...WEB], 'high', QA_MCP, ['linear'], ac('get_build_progress', 'update_qa_status', 'get_session_context')),
  qa_fixer: agent([...R, ...W, ...WEB], 'medium', QA_MCP, ['linear'],
    ac('update_subtask_status', 'get_build_progress', 'update_qa_status', 'record_gotcha')),
  insights: agent([...R, ...WEB], 'none'),
  merge_resolver: agent([], 'low'),
  commit_message: agent([], 'low'),
  pr_reviewer: agent([...R, ...WEB], 'high', ['context7']),
  pr_orchestrator_parallel: agent([...R, ...WEB], 'high', ['context7']),
  pr_followup_parallel: agent([...R, ...WEB], 'high', ['context7']),
  roadmap_discovery: agent([...R, ...WEB], 'high', ['context7']),
  competitor_analysis: agent([...R, ...WEB], 'high', ['context7']),
  analysis: agent([...R, ...WEB], 'medium', ['context7']),
  batch_analysis: agent([...R, ...WEB], 'low'),
  batch_validation: agent([...R], 'low'),
  ideation: agent([...R, ...WEB], 'high'),
};

export const AGENT_TYPES: readonly string[] = Object.keys(AGENT_DEFAULTS);

/** Auto-Claude tool names may be written with or without the `mcp__auto-claude__` prefix. */
export function normalizeAutoClaudeTool(name: string): string {
  return name.startsWith('mcp__auto-claude__') ? name : `mcp__auto-claude__${name}`;
}
