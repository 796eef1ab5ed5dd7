import { error, warning, type Diagnostic, type SourcePosition } from '../../diagnostics.js';
import { AGENT_DEFAULTS } from '../../core/auto-claude/agent-defaults.js';
import { ALWAYS_KEPT_MCP, customMcpIds, mapMcpName, unmappedMcpName } from '../../core/auto-claude/mcp-names.js';
import type { Component } from '../../load/model.js';
import { positionOf } from '../../load/yaml-file.js';
import type { ResolvedProject } from '../../resolve/types.js';

/** One `AGENT_MCP_<agent_type>_ADD` / `_REMOVE` pair (either list may be empty), and where it was set. */
export interface AgentMcpDelta {
  agentType: string;
  add: string[];
  remove: string[];
  what: string;
  at: SourcePosition;
}

/** Names compare as the runtime maps them (`graphiti-memory` = `graphiti`, `Context7` = `context7`). */
const sameServer = (a: string, b: string): boolean => (mapMcpName(a) ?? a) === (mapMcpName(b) ?? b);
const has = (list: readonly string[], name: string): boolean => list.some((n) => sameServer(n, name));

/**
 * The AGENT_MCP_* lists of one project, by agent type: first each selected agent config's
 * `mcp_servers` compared with the runtime's built-in list (ADD = configured but not built in,
 * REMOVE = built in but not configured, both sorted; a config without `mcp_servers` keeps the
 * built-in list), then the project's own `autoClaude.agents.<type>.mcp` on top, its names as
 * written and in its order: an `add` takes the name out of REMOVE, a `remove` out of ADD.
 * Unknown agent types are skipped (validate reports them, and the names of the project's own
 * lists); `tools`, `auto_claude_tools` and `thinking_default` are validate's to warn about.
 */
export function agentMcpDeltas(project: ResolvedProject, diagnostics: Diagnostic[]): AgentMcpDelta[] {
  const customIds = customMcpIds(project.autoClaude);
  const byType = new Map<string, AgentMcpDelta>();
  for (const config of project.components['auto-claude-agent-config']) {
    const delta = configDelta(config, customIds, diagnostics);
    if (delta) byType.set(delta.agentType, delta);
  }
  for (const [type, override] of Object.entries(project.autoClaude?.agents ?? {})) {
    const mcp = override.mcp;
    if (!AGENT_DEFAULTS[type] || !mcp) continue;
    const add = mcp.add ?? [];
    const remove = (mcp.remove ?? []).filter((n) => !sameServer(n, ALWAYS_KEPT_MCP));
    const base = byType.get(type);
    byType.set(type, {
      agentType: type,
      add: [...(base?.add ?? []).filter((n) => !has(remove, n)), ...add.filter((n) => !has(base?.add ?? [], n))],
      remove: [...(base?.remove ?? []).filter((n) => !has(add, n)), ...remove.filter((n) => !has(base?.remove ?? [], n))],
      what: `autoClaude.agents.${type}.mcp`,
      at: positionOf(project.file, ['autoClaude', 'agents', type, 'mcp'], true),
    });
  }
  return [...byType.values()].sort((a, b) => a.agentType.localeCompare(b.agentType));
}

function configDelta(config: Component<'auto-claude-agent-config'>, customIds: ReadonlySet<string>, diagnostics: Diagnostic[]): AgentMcpDelta | undefined {
  const defaults = AGENT_DEFAULTS[config.name];
  const listed = config.file.value.mcp_servers;
  if (!defaults || !listed) return undefined;
  const builtIn = defaults.mcp_servers;
  const configured: string[] = [];
  listed.forEach((raw, i) => {
    if (typeof raw !== 'string') return;
    if (!has(configured, raw)) configured.push(mapMcpName(raw) ?? raw);
    if (has(builtIn, raw)) return;
    const problem = unmappedMcpName(raw, customIds);
    if (problem) {
      diagnostics.push(error('AC_MCP_NAME_UNMAPPED', `agent config "${config.name}" adds MCP server "${raw}" (AGENT_MCP_${config.name}_ADD): ${problem.message}`,
        positionOf(config.file, ['mcp_servers', i]), problem.hint));
    }
  });
  const add = configured.filter((s) => !has(builtIn, s) && !unmappedMcpName(s, customIds)).sort();
  let remove = builtIn.filter((s) => !has(configured, s)).map((s) => mapMcpName(s) ?? s).sort();
  const at = positionOf(config.file, ['mcp_servers'], true);
  for (const name of remove.filter((s) => mapMcpName(s) === null)) {
    const problem = unmappedMcpName(name, customIds)!;
    diagnostics.push(error('AC_MCP_NAME_UNMAPPED', `agent config "${config.name}" leaves "${name}" out of mcp_servers, which would be AGENT_MCP_${config.name}_REMOVE=${name}: ${problem.message}`,
      at, `keep "${name}" in mcp_servers; ${problem.hint}`));
  }
  remove = remove.filter((s) => mapMcpName(s) !== null);
  if (remove.includes(ALWAYS_KEPT_MCP)) {
    diagnostics.push(warning('AC_FIELD_NOT_APPLIED', `agent config "${config.name}" leaves "${ALWAYS_KEPT_MCP}" out of mcp_servers, but Auto-Claude always keeps its own server, so it is not removed`,
      at, `add "${ALWAYS_KEPT_MCP}" back to mcp_servers to silence this`));
    remove = remove.filter((s) => s !== ALWAYS_KEPT_MCP);
  }
  return { agentType: config.name, add, remove, what: `mcp_servers of agent config "${config.name}"`, at };
}
