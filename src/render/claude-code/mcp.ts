import type { OutputFile } from '../types.js';
import { mcpServerForOutput, renderFile, setKey, type Obj, type RenderContext } from './shared.js';

export const MCP_TEMPLATE = 'claude-code/mcp.json.hbs';

/**
 * `.mcp.json`: every selected MCP server by name, as written minus ccm-only fields, secret
 * references as `${NAME}` (Claude Code expands them from the environment; the value never lands
 * here). `type` is kept exactly as written, so an omitted stdio type stays omitted.
 */
export function renderMcp(ctx: RenderContext): OutputFile | undefined {
  const servers = [...ctx.project.components['mcp-server']].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (servers.length === 0) return undefined;
  const mcpServers: Obj = {};
  const keySources: Record<string, string> = {};
  for (const server of servers) {
    setKey(mcpServers, server.name, mcpServerForOutput(server.file.value));
    setKey(keySources, `mcpServers.${server.name}`, `${server.file.path}:1`);
  }
  const file = renderFile(ctx, MCP_TEMPLATE, '.mcp.json', { mcp: { mcpServers } }, servers.map((s) => s.file.path));
  if (file) file.keySources = keySources;
  return file;
}
