/**
 * The names `AGENT_MCP_<agent_type>_ADD/_REMOVE` may hold, as Auto-Claude's `_map_mcp_server_name`
 * (agents/tools_pkg/models.py, v2.7.5) maps them. A name it cannot map is ignored by the runtime
 * unless it is the id of one of the project's CUSTOM_MCP_SERVERS. `browser` is such a name: it
 * is a slot of the built-in QA configs that the runtime fills with electron or puppeteer, not a
 * server an override can name. The one copy of the rule: validate, render and import ask here.
 */

/** Name (lower case: the runtime compares without case) → the server it means. */
const MAPPING: Readonly<Record<string, string>> = {
  context7: 'context7',
  linear: 'linear',
  graphiti: 'graphiti',
  'graphiti-memory': 'graphiti',
  electron: 'electron',
  puppeteer: 'puppeteer',
  'auto-claude': 'auto-claude',
};

/** The names the mapping knows, for messages. */
export const MAPPABLE_MCP_NAMES: readonly string[] = Object.keys(MAPPING);

/** The server the runtime takes `name` for, or null when it ignores the name. */
export function mapMcpName(name: string): string | null {
  return MAPPING[name.toLowerCase()] ?? null;
}

/** The runtime's in-process server: `get_required_mcp_servers` ignores a REMOVE of it. */
export const ALWAYS_KEPT_MCP = 'auto-claude';

/** The ids of a project's `customMcpServers`: names an ADD/REMOVE may hold besides the mapped ones. */
export function customMcpIds(autoClaude: { customMcpServers?: readonly { id: string }[] } | undefined): Set<string> {
  return new Set((autoClaude?.customMcpServers ?? []).map((s) => s.id));
}

/**
 * Why an ADD/REMOVE name does nothing at runtime, or undefined when it reaches it: a mapped
 * built-in name, or a custom server id (taken as it is).
 */
export function unmappedMcpName(name: string, customIds: ReadonlySet<string>): { message: string; hint: string } | undefined {
  if (mapMcpName(name) !== null || customIds.has(name)) return undefined;
  const known = [...MAPPABLE_MCP_NAMES, ...[...customIds].sort()].join(', ');
  const message = `Auto-Claude cannot map MCP server name "${name}" and ignores it`;
  if (name.toLowerCase() === 'browser') {
    return {
      message: `${message}: "browser" is the QA agents' built-in slot, which the runtime fills with electron or puppeteer`,
      hint: `name electron or puppeteer instead, or switch the slot with autoClaude.mcp.electron / autoClaude.mcp.puppeteer; names it can map: ${known}`,
    };
  }
  return { message, hint: `names it can map: ${known}; or define "${name}" under autoClaude.customMcpServers` };
}
