import { warning, type Diagnostic } from '../../diagnostics.js';
import { AGENT_DEFAULTS, BUILTIN_MCP_SERVERS, normalizeMcpName } from '../../core/auto-claude/agent-defaults.js';
import type { Component } from '../../load/model.js';
import { positionOf } from '../../load/yaml-file.js';

/** One `AGENT_MCP_<agent_type>_ADD` / `_REMOVE` pair (either list may be empty). */
export interface AgentMcpDelta {
  agentType: string;
  config: Component;
  add: string[];
  remove: string[];
}

/** The runtime's in-process server: `get_required_mcp_servers` ignores a REMOVE of it. */
const ALWAYS_KEPT = 'auto-claude';

/**
 * Compares each selected agent config's `mcp_servers` with the runtime's built-in list (names
 * normalised, `graphiti-memory` = `graphiti`): ADD = configured but not built in, REMOVE = built in
 * but not configured, both sorted. A config without `mcp_servers` keeps the built-in list. Unknown
 * agent types are skipped (validate reports them); `tools`, `auto_claude_tools` and
 * `thinking_default` are validate's to warn about.
 */
export function agentMcpDeltas(configs: readonly Component[], customIds: ReadonlySet<string>, project: string, diagnostics: Diagnostic[]): AgentMcpDelta[] {
  const out: AgentMcpDelta[] = [];
  for (const config of configs) {
    const defaults = AGENT_DEFAULTS[config.name];
    const listed = config.file.value['mcp_servers'];
    if (!defaults || !Array.isArray(listed)) continue;
    const configured = new Set<string>();
    listed.forEach((raw, i) => {
      if (typeof raw !== 'string') return;
      const name = normalizeMcpName(raw);
      configured.add(name);
      const builtin = (defaults.mcp_servers as readonly string[]).includes(name) || (BUILTIN_MCP_SERVERS as readonly string[]).includes(name);
      if (!builtin && !customIds.has(name)) {
        diagnostics.push(warning('UNKNOWN_MCP_SERVER', `agent config "${config.name}" adds MCP server "${raw}", which is neither built into Auto-Claude nor a customMcpServers id of project "${project}"; the runtime cannot start it`,
          positionOf(config.file, ['mcp_servers', i]),
          `built-in servers: ${BUILTIN_MCP_SERVERS.join(', ')}; or define it under autoClaude.customMcpServers in projects/${project}.yaml`));
      }
    });
    const builtIn = new Set(defaults.mcp_servers.map(normalizeMcpName));
    const add = [...configured].filter((s) => !builtIn.has(s)).sort();
    let remove = [...builtIn].filter((s) => !configured.has(s)).sort();
    if (remove.includes(ALWAYS_KEPT)) {
      diagnostics.push(warning('AC_FIELD_NOT_APPLIED', `agent config "${config.name}" leaves "${ALWAYS_KEPT}" out of mcp_servers, but Auto-Claude always keeps its own server, so it is not removed`,
        positionOf(config.file, ['mcp_servers'], true), `add "${ALWAYS_KEPT}" back to mcp_servers to silence this`));
      remove = remove.filter((s) => s !== ALWAYS_KEPT);
    }
    out.push({ agentType: config.name, config, add, remove });
  }
  return out;
}
