import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AGENT_DEFAULTS } from '../../src/core/auto-claude/agent-defaults.js';
import { mapMcpName } from '../../src/core/auto-claude/mcp-names.js';
import { APP_MODEL_PROFILES, PHASES } from '../../src/core/auto-claude/model-profiles.js';
import { ccm, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { runtimeTables } from './shared-dir.js';

/**
 * ccm's facts about Auto-Claude (agent defaults, the MCP name mapping, phases and thinking levels,
 * the app's profiles) and what `ccm init --defaults` scaffolds from them, against the runtime's own
 * tables in shared/reference/auto-claude/runtime-tables.json.
 */
const tables = runtimeTables();
const yamlOf = (file: string): Record<string, unknown> => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('Auto-Claude defaults against the runtime tables', () => {
  it('AGENT_DEFAULTS holds every agent type of AGENT_CONFIGS with its exact values', () => {
    expect(Object.keys(AGENT_DEFAULTS).sort()).toEqual(Object.keys(tables.agentConfigs).sort());
    for (const [type, runtime] of Object.entries(tables.agentConfigs)) {
      expect(AGENT_DEFAULTS[type], type).toEqual({ ...runtime, mcp_servers_optional: runtime.mcp_servers_optional ?? [] });
    }
  });

  it('maps every AGENT_MCP_* name as _map_mcp_server_name does', () => {
    for (const [name, mapped] of Object.entries(tables.mcpNameMapping.map)) expect(mapMcpName(name), name).toBe(mapped);
  });

  it('knows the phases, thinking levels and model shorthands of phase_config', () => {
    const { DEFAULT_PHASE_MODELS, DEFAULT_PHASE_THINKING, THINKING_BUDGET_MAP, MODEL_ID_MAP } = tables.phaseConfig;
    expect([...PHASES]).toEqual(Object.keys(DEFAULT_PHASE_MODELS));
    expect([...PHASES]).toEqual(Object.keys(DEFAULT_PHASE_THINKING));
    const common = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas/common.schema.json'), 'utf8')) as { $defs: Record<string, { enum?: string[]; examples?: string[] }> };
    expect(common.$defs['thinkingLevel']!.enum).toEqual(Object.keys(THINKING_BUDGET_MAP));
    expect(common.$defs['autoClaudeModel']!.examples).toEqual(expect.arrayContaining(Object.keys(MODEL_ID_MAP)));
  });

  it('has the app\'s built-in agent profiles, isAutoProfile as the app writes it into task_metadata.json', () => {
    expect(APP_MODEL_PROFILES.map(({ id, name, model, thinkingLevel, phaseModels, phaseThinking, isAutoProfile }) =>
      ({ id, name, model, thinkingLevel, phaseModels, phaseThinking, isAutoProfileInTaskMetadata: isAutoProfile })))
      .toEqual(tables.appAgentProfiles);
  });

  it('ccm init --defaults scaffolds those agent configs and profiles, and a build writes each profile into task_metadata.json as the app does', async () => {
    const base = tempDir();
    const config = join(base, 'config');
    expect((await ccm(['init', config, '--defaults'])).code).toBe(0);

    for (const [type, runtime] of Object.entries(tables.agentConfigs)) {
      const file = yamlOf(join(config, `components/auto-claude/agent-configs/${type}.yaml`));
      expect(file, type).toEqual({
        tools: runtime.tools, mcp_servers: runtime.mcp_servers,
        ...(runtime.mcp_servers_optional?.length ? { mcp_servers_optional: runtime.mcp_servers_optional } : {}),
        ...(runtime.auto_claude_tools.length ? { auto_claude_tools: runtime.auto_claude_tools } : {}),
        thinking_default: runtime.thinking_default,
      });
    }

    for (const app of tables.appAgentProfiles) {
      const file = yamlOf(join(config, `components/auto-claude/model-profiles/${app.id}.yaml`));
      expect(file, app.id).toMatchObject({ name: app.name, model: app.model, thinkingLevel: app.thinkingLevel, phaseModels: app.phaseModels, phaseThinking: app.phaseThinking });
      // One project per profile, each with one spec folder the build patches.
      writeFileSync(join(config, `projects/p-${app.id}.yaml`), `path: ../p-${app.id}\nautoClaude:\n  modelProfile: ${app.id}\n`);
      mkdirSync(join(base, `p-${app.id}/.auto-claude/specs/001-task`), { recursive: true });
      writeFileSync(join(base, `p-${app.id}/.auto-claude/specs/001-task/task_metadata.json`), '{}');
    }
    const build = await ccm(['build', '--cwd', config]);
    expect(build.code, build.stderr).toBe(0);
    for (const app of tables.appAgentProfiles) {
      const meta = JSON.parse(readFileSync(join(base, `p-${app.id}/.auto-claude/specs/001-task/task_metadata.json`), 'utf8')) as Record<string, unknown>;
      expect(meta, app.id).toMatchObject({ model: app.model, thinkingLevel: app.thinkingLevel, isAutoProfile: app.isAutoProfileInTaskMetadata });
    }
  });
});
