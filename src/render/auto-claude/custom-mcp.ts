import { CUSTOM_MCP_FIELDS } from '../../core/auto-claude/custom-mcp-rules.js';
import type { CustomMcpServer } from '../../generated/index.js';
import type { Obj, ValueResolver } from './values.js';

export interface CustomMcpResult {
  /** The entries as the runtime reads them: fields in runtime order, secrets decrypted. */
  servers: Obj[];
}

/**
 * CUSTOM_MCP_SERVERS from `autoClaude.customMcpServers`. Every rule of the backend's
 * `_validate_custom_mcp_server` (which silently drops an entry that breaks one) is validate's: the
 * shape by the project schema, code-running args and unique ids by validate/custom-mcp.ts, so each
 * entry here is one the runtime keeps. A header whose secret cannot be decrypted is left out (the
 * resolver reports it).
 */
export function customMcpServers(list: readonly CustomMcpServer[], values: ValueResolver): CustomMcpResult {
  const servers: Obj[] = [];
  list.forEach((entry, i) => {
    let headers: Obj | undefined;
    if (entry.type === 'http' && entry.headers) {
      headers = {};
      for (const [name, v] of Object.entries(entry.headers)) {
        const text = values.text(v, ['autoClaude', 'customMcpServers', i, 'headers', name], `header "${name}" of custom MCP server "${entry.id}"`);
        if (text !== undefined) Object.defineProperty(headers, name, { value: text, enumerable: true, writable: true, configurable: true });
      }
    }
    const written: Partial<Record<(typeof CUSTOM_MCP_FIELDS)[number], unknown>> = entry;
    const out: Obj = {};
    for (const field of CUSTOM_MCP_FIELDS) {
      const v = field === 'headers' ? headers : written[field];
      if (v !== undefined) out[field] = v;
    }
    servers.push(out);
  });
  return { servers };
}
