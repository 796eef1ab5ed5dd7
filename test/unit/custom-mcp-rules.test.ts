import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CODE_RUNNING_FLAGS, CUSTOM_MCP_COMMANDS, CUSTOM_MCP_FIELDS, isCodeRunningArg } from '../../src/core/auto-claude/custom-mcp-rules.js';

/** The runtime's custom MCP server rules live in one module; the project schema must not drift from it. */
const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/project.schema.json', import.meta.url)), 'utf8')) as {
  $defs: Record<string, { properties: Record<string, { enum?: string[]; items?: Record<string, unknown> }> }>;
};
const command = schema.$defs['customMcpServerCommand']!;
const http = schema.$defs['customMcpServerHttp']!;

describe('custom MCP server rules', () => {
  it('the schema offers exactly the commands the rules allow', () => {
    expect(command.properties['command']!.enum).toEqual([...CUSTOM_MCP_COMMANDS]);
  });

  it('the schema has only fields the runtime accepts', () => {
    for (const shape of [command, http]) for (const key of Object.keys(shape.properties)) expect(CUSTOM_MCP_FIELDS).toContain(key);
  });

  it('the schema keeps args generic, so that no second list of flags can disagree', () => {
    expect(command.properties['args']!.items).toEqual({ type: 'string' });
  });

  it('refuses every flag, alone and with a value, and nothing that only starts like one', () => {
    for (const flag of CODE_RUNNING_FLAGS) {
      expect(isCodeRunningArg(flag)).toBe(true);
      expect(isCodeRunningArg(`${flag}=x`)).toBe(true);
    }
    for (const ok of ['-y', '--port=3000', '--input-type=commonjs', '--experimental-vm-modules', '-ex', 'server.mjs', '--evaluate']) expect(isCodeRunningArg(ok)).toBe(false);
  });
});
