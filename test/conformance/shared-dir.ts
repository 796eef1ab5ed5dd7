import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../helpers/cli.js';

/**
 * The shared/ folder beside the clone (or $CCM_SHARED_DIR). The conformance suite exists to read
 * it, so a missing folder fails the suite loudly instead of skipping it.
 */
export function sharedDir(): string {
  const dir = resolve(process.env['CCM_SHARED_DIR'] ?? join(PROJECT_ROOT, '..', 'shared'));
  if (!existsSync(join(dir, 'external', 'schemastore'))) {
    throw new Error(`the conformance suite needs shared/external/schemastore: not found under ${dir} (set CCM_SHARED_DIR to the shared/ folder)`);
  }
  return dir;
}

export const schemastoreDir = (): string => join(sharedDir(), 'external', 'schemastore');

/** Auto-Claude's own tables (AGENT_CONFIGS, the MCP name mapping, phase_config, the app's profiles) as data. */
export function runtimeTables(): RuntimeTables {
  const file = join(resolve(process.env['CCM_SHARED_DIR'] ?? join(PROJECT_ROOT, '..', 'shared')), 'reference', 'auto-claude', 'runtime-tables.json');
  if (!existsSync(file)) throw new Error(`the conformance suite needs ${file} (set CCM_SHARED_DIR to the shared/ folder)`);
  return JSON.parse(readFileSync(file, 'utf8')) as RuntimeTables;
}

export interface RuntimeTables {
  agentConfigs: Record<string, { tools: string[]; mcp_servers: string[]; mcp_servers_optional?: string[]; auto_claude_tools: string[]; thinking_default: string }>;
  mcpNameMapping: { map: Record<string, string | null> };
  phaseConfig: {
    DEFAULT_PHASE_MODELS: Record<string, string>;
    DEFAULT_PHASE_THINKING: Record<string, string>;
    MODEL_ID_MAP: Record<string, string>;
    THINKING_BUDGET_MAP: Record<string, number | null>;
  };
  appAgentProfiles: {
    id: string; name: string; model: string; thinkingLevel: string;
    phaseModels: Record<string, string>; phaseThinking: Record<string, string>; isAutoProfileInTaskMetadata: boolean;
  }[];
}
