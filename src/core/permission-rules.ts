/** What Claude Code permission rules name: validate checks the names, a rename in `ccm ui` rewrites them. */

/** `Agent(name)` / `Skill(name)` with a plain name (no wildcard, no argument pattern) → what it names. */
export function namedInRule(rule: string): { kind: 'Agent' | 'Skill'; name: string } | undefined {
  const m = /^(Agent|Skill)\(([A-Za-z0-9._-]+)\)$/.exec(rule);
  return m ? { kind: m[1] as 'Agent' | 'Skill', name: m[2]! } : undefined;
}

/** `mcp__server`, `mcp__server__tool` or `mcp__server(specifier)` → `server`; undefined for other rules. */
export function mcpServerOfRule(rule: string): string | undefined {
  if (!rule.startsWith('mcp__')) return undefined;
  const name = rule.slice(5).split('(')[0]!.split('__')[0]!;
  return name === '' ? undefined : name;
}

/** The rule with the MCP server it names replaced by `to` (the rest, tool or specifier, as it was). */
export function withMcpServer(rule: string, to: string): string {
  const server = mcpServerOfRule(rule);
  return server === undefined ? rule : `mcp__${to}${rule.slice(5 + server.length)}`;
}
