import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_REACH, FIELD_KEYS, reachOf, reachTableMarkdown } from '../../src/core/auto-claude/env-reach.js';
import { PROJECT_ROOT } from '../helpers/cli.js';
import { expectReadmeSection } from '../helpers/readme.js';


describe('the reach table of .auto-claude/.env', () => {
  it('is the table in the README (UPDATE_GOLDEN=1 rewrites that copy)', () => {
    expectReadmeSection('env-reach', reachTableMarkdown());
  });

  it('has a row for every typed .env field of the project schema, and the schema says who reads the UI-only ones', () => {
    const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas/project.schema.json'), 'utf8')) as { $defs: Record<string, { properties: Record<string, { properties?: Record<string, { properties?: Record<string, { description: string }> }> }> }> };
    const ac = schema.$defs['autoClaudeProject']!.properties;
    const fields = [
      ...Object.keys(ac['mcp']!.properties!).map((n) => `mcp.${n}`),
      ...Object.entries(ac['integrations']!.properties!).flatMap(([group, g]) => Object.keys(g.properties!).map((f) => `integrations.${group}.${f}`)),
    ];
    expect(FIELD_KEYS.filter((r) => r.field[0] === 'mcp' || r.field[0] === 'integrations').map((r) => r.field.join('.')).sort()).toEqual(fields.sort());
    for (const r of FIELD_KEYS.filter((row) => row.reader === 'app-ui' && row.field[0] === 'integrations')) {
      const [, group, field] = r.field;
      const description = ac['integrations']!.properties![group!]!.properties![field!]!.description;
      expect(description.startsWith(`${r.key}:`), r.key).toBe(true);
    }
  });

  it('finds a row for every key: its own, a pattern, or the catch-all', () => {
    expect(reachOf('GITHUB_BOT_TOKEN')).toMatchObject({ reader: 'nobody', ccmWritesTo: expect.stringMatching(/^\.auto-claude\/github\/config\.json \(bot_token\)/) });
    expect(reachOf('AGENT_MCP_qa_reviewer_ADD')).toMatchObject({ reader: 'backend-file' });
    expect(reachOf('ANTHROPIC_DEFAULT_SONNET_MODEL')).toMatchObject({ key: 'ANTHROPIC_*', overriddenBy: { when: 'always' } });
    expect(reachOf('GRAPHITI_MCP_URL').key).toBe('GRAPHITI_MCP_URL');
    expect(reachOf('GRAPHITI_EMBEDDER_PROVIDER').key).toBe('GRAPHITI_*');
    expect(reachOf('MY_FLAG')).toBe(ENV_REACH[ENV_REACH.length - 1]);
  });
});
