import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../src/core/kinds.js';
import { validatorFor } from '../../src/validate/ajv.js';
import { PROJECT_ROOT } from '../helpers/cli.js';

// The CLI uses validators precompiled by scripts/compile-validators.mjs (the global setup runs it);
// tests from src/ compile the schemas at run time. Both must judge documents the same way.
const precompiled = (schema: string): ValidateFunction =>
  (createRequire(import.meta.url)(join(PROJECT_ROOT, `dist/validate/${schema}.validator.cjs`)) as { validate: ValidateFunction }).validate;

const samples: [string, Parameters<typeof validatorFor>[0], unknown][] = [
  ['subagent', 'subagent', { description: 'x', tools: ['Read'], model: 'sonnet', maxTurns: 3 }],
  ['subagent', 'subagent', { descriptoin: 'x', maxTurns: 'ten', mcpServers: [5] }],
  ['project', 'project', { path: '../p', autoClaude: { customMcpServers: [{ id: 'x', name: 'X', type: 'command', command: 'bash', args: ['-e'] }] } }],
  ['mcp-server', 'mcp-server', { type: 'http' }],
  ['ccm.config', 'ccm.config', { version: 2, secrets: { recipients: ['nope'] } }],
  ['settings', 'settings', { permissions: { allow: [3] }, hooks: { Nope: [] } }],
  ['hook', 'hook', { hooks: { PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command' }] }], Nope: [] } }],
];

describe('precompiled schema validators', () => {
  it.each(samples)('%s agrees with the run-time compiled schema', (schema, kind, doc) => {
    const runtime = validatorFor(kind);
    const built = precompiled(schema);
    expect(built(doc)).toBe(runtime(doc));
    const shape = (v: ValidateFunction): unknown[] => (v.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, e.parentSchema !== undefined]);
    expect(shape(built)).toEqual(shape(runtime));
  });

  it('exist for every kind of document, one file each (a run loads only the kinds it checks)', () => {
    for (const schema of Object.values(SCHEMA_FILE)) {
      expect(existsSync(join(PROJECT_ROOT, `dist/validate/${schema.replace(/\.schema\.json$/, '')}.validator.cjs`)), schema).toBe(true);
    }
    expect(existsSync(join(PROJECT_ROOT, 'dist/validate/validators.cjs'))).toBe(false);
  });
});
