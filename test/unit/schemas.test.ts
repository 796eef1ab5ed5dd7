import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
// ajv's 2020 build (the named export: under NodeNext the CommonJS default import does not typecheck).
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped in `default`.
const addFormats = (addFormatsModule as unknown as { default: FormatsPlugin }).default;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCHEMA_DIR = join(ROOT, 'schemas');
const ID_BASE = 'https://ccm.dev/schemas/';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const files = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.schema.json'))
  .sort();
const schemas = new Map<string, JsonObject>(
  files.map((f) => [f, JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as JsonObject]),
);

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
ajv.addKeyword('x-ccm-open');
for (const schema of schemas.values()) ajv.addSchema(schema);

function validator(file: string): ValidateFunction {
  const v = ajv.getSchema(ID_BASE + file);
  if (!v) throw new Error(`no schema ${file}`);
  return v;
}

function errorsOf(file: string, data: unknown): ErrorObject[] {
  const v = validator(file);
  return v(data) ? [] : [...(v.errors ?? [])];
}

interface Expected {
  keyword: string;
  instancePath?: string;
}

function expectValid(file: string, data: unknown): void {
  expect(errorsOf(file, data)).toEqual([]);
}

function expectInvalid(file: string, data: unknown, expected: Expected): void {
  const errors = errorsOf(file, data);
  expect(errors.length, `${file} accepted ${JSON.stringify(data)}`).toBeGreaterThan(0);
  const match = errors.some(
    (e) =>
      e.keyword === expected.keyword && (expected.instancePath === undefined || e.instancePath === expected.instancePath),
  );
  expect(match, `${file}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(errors)}`).toBe(true);
}

/** Visit every subschema of a schema, with its JSON pointer. */
function walk(node: Json, pointer: string, visit: (schema: JsonObject, pointer: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walk(child, `${pointer}/${i}`, visit));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node, pointer);
  for (const [key, child] of Object.entries(node)) {
    // examples, default, const and enum hold data; if and not hold conditions, not documented fields
    if (['examples', 'default', 'const', 'enum', 'if', 'not'].includes(key)) continue;
    walk(child, `${pointer}/${key}`, visit);
  }
}

const isDispatcher = (schema: JsonObject): boolean =>
  Array.isArray(schema.allOf) &&
  schema.allOf.every((b) => b !== null && typeof b === 'object' && !Array.isArray(b) && 'if' in b && 'then' in b);

describe('schemas: structure', () => {
  it('has one schema per kind plus common', () => {
    expect(files).toEqual([
      'auto-claude-agent-config.schema.json',
      'auto-claude-model-profile.schema.json',
      'auto-claude-prompt.schema.json',
      'ccm.config.schema.json',
      'claude-md.schema.json',
      'command.schema.json',
      'common.schema.json',
      'hook.schema.json',
      'mcp-server.schema.json',
      'output-style.schema.json',
      'profile.schema.json',
      'project.schema.json',
      'rule.schema.json',
      'settings.schema.json',
      'skill.schema.json',
      'subagent.schema.json',
    ]);
  });

  it.each(files)('%s compiles in strict mode with every schema loaded', (file) => {
    expect(() => ajv.getSchema(ID_BASE + file)).not.toThrow();
    expect(validator(file)).toBeTypeOf('function');
  });

  it.each(files)('%s declares $schema, $id, title and description', (file) => {
    const schema = schemas.get(file)!;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(ID_BASE + file);
    expect(schema.title).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(schema.description).toBeTypeOf('string');
  });

  it('titles give the generated type names', () => {
    const titles = Object.fromEntries([...schemas].map(([f, s]) => [f, s.title]));
    expect(titles).toMatchObject({
      'ccm.config.schema.json': 'CcmConfig',
      'profile.schema.json': 'Profile',
      'project.schema.json': 'Project',
      'mcp-server.schema.json': 'McpServer',
      'subagent.schema.json': 'Subagent',
      'skill.schema.json': 'Skill',
      'command.schema.json': 'Command',
      'hook.schema.json': 'Hook',
      'settings.schema.json': 'Settings',
      'claude-md.schema.json': 'ClaudeMd',
      'auto-claude-prompt.schema.json': 'AutoClaudePrompt',
      'auto-claude-agent-config.schema.json': 'AutoClaudeAgentConfig',
      'auto-claude-model-profile.schema.json': 'AutoClaudeModelProfile',
    });
  });

  it.each(files)('%s has a description on every property and every $defs entry', (file) => {
    const missing: string[] = [];
    walk(schemas.get(file)!, '#', (schema, pointer) => {
      for (const group of ['properties', '$defs'] as const) {
        const entries = schema[group];
        if (entries === undefined || entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
        for (const [key, sub] of Object.entries(entries)) {
          const description = sub !== null && typeof sub === 'object' && !Array.isArray(sub) ? sub.description : undefined;
          if (typeof description !== 'string' || description.trim().length < 10) missing.push(`${pointer}/${group}/${key}`);
        }
      }
    });
    expect(missing).toEqual([]);
  });

  it.each(files)('%s closes every object with fixed keys (additionalProperties: false)', (file) => {
    const open: string[] = [];
    walk(schemas.get(file)!, '#', (schema, pointer) => {
      if (schema.properties === undefined) return;
      if (isDispatcher(schema)) return; // each branch it dispatches to is closed itself
      if (schema.additionalProperties !== false) open.push(pointer);
    });
    expect(open).toEqual([]);
  });

  it.each(files)('%s validates its own examples', (file) => {
    const examples = schemas.get(file)!.examples;
    if (file === 'common.schema.json') return;
    expect(Array.isArray(examples) && examples.length > 0, `${file} has no examples`).toBe(true);
    for (const example of examples as Json[]) expectValid(file, example);
  });

  it('lists the 31 hook events and the 5 hook types', () => {
    const defs = schemas.get('common.schema.json')!.$defs as Record<string, JsonObject>;
    expect(Object.keys(defs.hooks!.properties as JsonObject)).toHaveLength(31);
    const typeEnum = ((defs.hookHandler!.properties as JsonObject).type as JsonObject).enum;
    expect(typeEnum).toEqual(['command', 'prompt', 'agent', 'http', 'mcp_tool']);
    for (const t of ['hookCommand', 'hookPrompt', 'hookAgent', 'hookHttp', 'hookMcpTool']) {
      expect(defs[t]!.additionalProperties, t).toBe(false);
    }
  });
});

describe('schemas: names', () => {
  const name = (data: unknown) => errorsOf('common.schema.json', data);
  const nameValidator = ajv.getSchema(`${ID_BASE}common.schema.json#/$defs/name`)!;
  const pathValidator = ajv.getSchema(`${ID_BASE}common.schema.json#/$defs/pathName`)!;

  it.each(['reviewer', 'qa_reviewer', 'v1.2', 'A-b_c.d', '0x'])('accepts the name %s', (n) => {
    expect(nameValidator(n)).toBe(true);
    expect(pathValidator(n)).toBe(true);
  });

  it.each(['', '..', '../x', '.hidden', '-x', 'a/b', 'a\\b', 'C:x', 'a b', '/abs'])('rejects the name %j', (n) => {
    expect(nameValidator(n)).toBe(false);
  });

  it.each(['git/commit', 'github/pr_reviewer', 'a/b/c'])('accepts the path name %s', (n) => {
    expect(pathValidator(n)).toBe(true);
  });

  it.each(['../x', 'a/../b', 'a/..', 'a//b', '/a', 'a/', './a', 'a/.b', 'C:/x', 'a\\b'])('rejects the path name %j', (n) => {
    expect(pathValidator(n)).toBe(false);
  });

  it('validates nothing as a document of its own', () => {
    expect(name({})).toEqual([]);
  });
});

describe('schemas: ccm.config', () => {
  const F = 'ccm.config.schema.json';
  it('accepts a full config', () => {
    expectValid(F, {
      version: 1,
      autoClaude: { backendPath: '../Auto-Claude/apps/backend' },
      secrets: { recipients: ['age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p'] },
      defaults: { profiles: ['base'], targets: ['claude-code'] },
    });
  });
  it('requires version 1', () => {
    expectInvalid(F, {}, { keyword: 'required' });
    expectInvalid(F, { version: 2 }, { keyword: 'const', instancePath: '/version' });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { version: 1, secret: {} }, { keyword: 'additionalProperties' });
    expectInvalid(F, { version: 1, defaults: { profile: ['x'] } }, { keyword: 'additionalProperties', instancePath: '/defaults' });
    expectInvalid(F, { version: 1, secrets: { recipients: 'age1abc' } }, { keyword: 'type', instancePath: '/secrets/recipients' });
    expectInvalid(F, { version: 1, defaults: { targets: ['cursor'] } }, { keyword: 'enum', instancePath: '/defaults/targets/0' });
    expectInvalid(F, { version: 1, defaults: { profiles: ['../x'] } }, { keyword: 'pattern', instancePath: '/defaults/profiles/0' });
    expectInvalid(F, { version: 1, secrets: { recipients: ['ssh-ed25519 AAAA'] } }, { keyword: 'pattern' });
  });
});

describe('schemas: profile', () => {
  const F = 'profile.schema.json';
  it('accepts a profile', () => {
    expectValid(F, {
      description: 'x',
      extends: ['base'],
      components: {
        'mcp-servers': ['context7'],
        subagents: ['reviewer'],
        skills: ['pdf'],
        commands: ['git/commit'],
        hooks: ['format'],
        settings: ['safe'],
        'claude-md': ['style'],
        'output-styles': ['reviewer'],
        rules: ['api/handlers'],
        'agent-configs': ['qa_reviewer'],
      },
      variables: { a: 'x', b: 1, c: true },
    });
  });
  it('rejects unknown keys, wrong types and bad names', () => {
    expectInvalid(F, { extend: ['base'] }, { keyword: 'additionalProperties' });
    expectInvalid(F, { components: { prompts: ['x'] } }, { keyword: 'additionalProperties', instancePath: '/components' });
    expectInvalid(F, { extends: 'base' }, { keyword: 'type', instancePath: '/extends' });
    expectInvalid(F, { variables: { a: { nested: true } } }, { keyword: 'anyOf', instancePath: '/variables/a' });
    expectInvalid(F, { extends: ['../x'] }, { keyword: 'pattern', instancePath: '/extends/0' });
    expectInvalid(F, { components: { commands: ['git/../../x'] } }, { keyword: 'pattern', instancePath: '/components/commands/0' });
    expectInvalid(F, { components: { subagents: ['a/b'] } }, { keyword: 'pattern', instancePath: '/components/subagents/0' });
    expectInvalid(F, { components: { 'output-styles': ['a/b'] } }, { keyword: 'pattern', instancePath: '/components/output-styles/0' });
    expectInvalid(F, { components: { rules: ['a/../../b'] } }, { keyword: 'pattern', instancePath: '/components/rules/0' });
    expectInvalid(F, { extends: ['a', 'a'] }, { keyword: 'uniqueItems' });
  });
});

describe('schemas: project', () => {
  const F = 'project.schema.json';
  const full = {
    path: '../svc',
    targets: ['claude-code', 'auto-claude'],
    profiles: ['typescript'],
    components: { commands: ['git/commit'] },
    variables: { team: 'core' },
    autoClaude: {
      modelProfile: 'balanced',
      specs: 'all',
      useClaudeMd: true,
      mcp: { context7: true, linear: false, electron: false, puppeteer: true },
      customMcpServers: [
        { id: 'fs', name: 'Filesystem', type: 'command', command: 'npx', args: ['-y', '@mcp/fs', '.'], description: 'files' },
        { id: 'api', name: 'API', type: 'http', url: 'https://mcp.example.com', headers: { Authorization: { secret: 'API_TOKEN' } } },
      ],
      integrations: {
        linear: { apiKey: { secret: 'LINEAR_API_KEY' }, teamId: 'T1', projectId: 'P1', realtimeSync: true },
        github: { token: { secret: 'GITHUB_TOKEN' }, botToken: { secret: 'GITHUB_BOT_TOKEN' }, repo: 'acme/svc', cliPath: '/usr/bin/gh', autoSync: false, maxPrWorktrees: 5 },
        gitlab: { token: { secret: 'GITLAB_TOKEN' }, instanceUrl: 'https://gitlab.example.com', project: 'g/p', enabled: true, autoSync: false },
      },
      env: { DEFAULT_BRANCH: 'main', GRAPHITI_ENABLED: true, MAX_X: 3, CLAUDE_CODE_OAUTH_TOKEN: { secret: 'CLAUDE_CODE_OAUTH_TOKEN' } },
    },
  };
  const withCustom = (server: unknown) => ({ path: '.', autoClaude: { customMcpServers: [server] } });

  it('accepts a full project', () => {
    expectValid(F, full);
  });
  it('requires path', () => {
    expectInvalid(F, { profiles: [] }, { keyword: 'required' });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { path: '.', profile: ['x'] }, { keyword: 'additionalProperties' });
    expectInvalid(F, { path: '.', autoClaude: { mcp: { context8: true } } }, { keyword: 'additionalProperties', instancePath: '/autoClaude/mcp' });
    expectInvalid(F, { path: 3 }, { keyword: 'type', instancePath: '/path' });
    expectInvalid(F, { path: '.', autoClaude: { useClaudeMd: 'yes' } }, { keyword: 'type', instancePath: '/autoClaude/useClaudeMd' });
    expectInvalid(F, { path: '.', autoClaude: { specs: 'some' } }, { keyword: 'enum', instancePath: '/autoClaude/specs' });
    expectInvalid(F, { path: '.', profiles: ['../x'] }, { keyword: 'pattern', instancePath: '/profiles/0' });
    expectInvalid(F, { path: '.', autoClaude: { modelProfile: '../x' } }, { keyword: 'pattern', instancePath: '/autoClaude/modelProfile' });
  });
  it('accepts secrets only as secret references where a secret is expected', () => {
    expectInvalid(F, { path: '.', autoClaude: { integrations: { github: { token: 'ghp_plain' } } } }, {
      keyword: 'type',
      instancePath: '/autoClaude/integrations/github/token',
    });
    expectInvalid(F, { path: '.', autoClaude: { integrations: { github: { token: { secret: 'lower' } } } } }, {
      keyword: 'pattern',
      instancePath: '/autoClaude/integrations/github/token/secret',
    });
    expectInvalid(F, { path: '.', autoClaude: { env: { 'bad-key': 'x' } } }, { keyword: 'pattern', instancePath: '/autoClaude/env' });
  });
  it('enforces the CUSTOM_MCP_SERVERS rules', () => {
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'command', command: 'bash' }), {
      keyword: 'enum',
      instancePath: '/autoClaude/customMcpServers/0/command',
    });
    // Code-running args are not the schema's: validate checks them against the one list in
    // src/core/auto-claude/custom-mcp-rules.ts (test/unit/custom-mcp-rules.test.ts, test/e2e/validate-render.test.ts).
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'command', command: 'node', args: ['ok', 1] }), {
      keyword: 'type',
      instancePath: '/autoClaude/customMcpServers/0/args/1',
    });
    expectValid(F, withCustom({ id: 'x', name: 'X', type: 'command', command: 'node', args: ['--experimental', 'server.js'] }));
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'command' }), { keyword: 'required' });
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'http' }), { keyword: 'required' });
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'url', url: 'https://x' }), { keyword: 'enum' });
    expectInvalid(F, withCustom({ name: 'X', type: 'http', url: 'https://x' }), { keyword: 'required' });
    expectInvalid(F, withCustom({ id: 'x', name: 'X', type: 'http', url: 'https://x', tools: '*' }), { keyword: 'additionalProperties' });
  });
});

describe('schemas: mcp-server', () => {
  const F = 'mcp-server.schema.json';
  it('accepts each transport', () => {
    expectValid(F, { command: 'npx', args: ['-y', 'pkg'], env: { TOKEN: { secret: 'TOKEN' }, MODE: 'x' } });
    expectValid(F, { type: 'stdio', command: 'uvx', description: 'd' });
    expectValid(F, {
      type: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: { Authorization: 'Bearer ${TOKEN}', 'X-Key': { secret: 'KEY' } },
      headersHelper: './h.sh',
      oauth: { clientId: 'c', callbackPort: 8080, authServerMetadataUrl: 'https://auth.example.com/.well-known/x', scopes: 'a b', xaa: false },
    });
    expectValid(F, { type: 'sse', url: '${BASE_URL}/sse' });
    expectValid(F, { type: 'ws', url: 'wss://mcp.example.com/ws', headers: {} });
  });
  it('needs a url for http, sse and ws servers', () => {
    expectInvalid(F, { type: 'http' }, { keyword: 'required' });
    expectInvalid(F, { type: 'sse', headers: {} }, { keyword: 'required' });
    expectInvalid(F, { type: 'ws' }, { keyword: 'required' });
    expectInvalid(F, {}, { keyword: 'required' });
  });
  it('rejects fields of another transport, unknown keys, wrong types and bad enums', () => {
    expectInvalid(F, { command: 'npx', url: 'https://x' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { type: 'http', url: 'https://x', env: {} }, { keyword: 'additionalProperties' });
    expectInvalid(F, { type: 'ws', url: 'wss://x', oauth: {} }, { keyword: 'additionalProperties' });
    expectInvalid(F, { command: 'npx', arg: [] }, { keyword: 'additionalProperties' });
    expectInvalid(F, { command: 'npx', args: 'x' }, { keyword: 'type', instancePath: '/args' });
    expectInvalid(F, { type: 'tcp', url: 'x' }, { keyword: 'enum', instancePath: '/type' });
    expectInvalid(F, { type: 'http', url: 'https://x', oauth: { callbackPort: 0 } }, { keyword: 'minimum' });
    expectInvalid(F, { type: 'http', url: 'https://x', oauth: { authServerMetadataUrl: 'http://x' } }, { keyword: 'pattern' });
    expectInvalid(F, { command: 'npx', env: { 'lower-case': 'x' } }, { keyword: 'pattern', instancePath: '/env' });
    expectInvalid(F, { command: 'npx', env: { A: { secret: 'A', extra: 1 } } }, { keyword: 'additionalProperties' });
  });
});

describe('schemas: subagent', () => {
  const F = 'subagent.schema.json';
  it('accepts a subagent', () => {
    expectValid(F, {
      name: 'code-reviewer',
      description: 'Reviews code',
      tools: 'Read, Grep',
      disallowedTools: ['Bash'],
      model: 'inherit',
      permissionMode: 'plan',
      maxTurns: 10,
      skills: ['style'],
      mcpServers: ['github', { local: { command: 'npx', args: ['x'] } }],
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: './check.sh' }] }] },
      memory: 'project',
      background: false,
      isolation: 'worktree',
      effort: 'high',
      color: 'blue',
      initialPrompt: 'Start',
    });
  });
  it('requires a description', () => {
    expectInvalid(F, { name: 'x' }, { keyword: 'required' });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { description: 'x', prompt: 'y' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { description: 'x', maxTurns: 0 }, { keyword: 'minimum', instancePath: '/maxTurns' });
    expectInvalid(F, { description: 'x', maxTurns: '3' }, { keyword: 'type', instancePath: '/maxTurns' });
    expectInvalid(F, { description: 'x', permissionMode: 'yolo' }, { keyword: 'enum', instancePath: '/permissionMode' });
    expectValid(F, { description: 'x', permissionMode: 'auto' });
    expectInvalid(F, { description: 'x', memory: 'global' }, { keyword: 'enum', instancePath: '/memory' });
    expectInvalid(F, { description: 'x', name: 'Code_Reviewer' }, { keyword: 'pattern', instancePath: '/name' });
    expectInvalid(F, { description: 'x', name: '../x' }, { keyword: 'pattern', instancePath: '/name' });
    expectInvalid(F, { description: 'x', skills: ['../x'] }, { keyword: 'pattern', instancePath: '/skills/0' });
    expectInvalid(F, { description: 'x', mcpServers: [{ a: { command: 'x' }, b: { command: 'y' } }] }, { keyword: 'maxProperties' });
    expectInvalid(F, { description: 'x', mcpServers: [{ remote: { type: 'http' } }] }, { keyword: 'required' });
  });
});

describe('schemas: skill', () => {
  const F = 'skill.schema.json';
  it('accepts a skill', () => {
    expectValid(F, {
      name: 'pdf-tools',
      description: 'PDFs',
      when_to_use: 'When PDFs appear',
      'argument-hint': '[file]',
      arguments: ['file'],
      'allowed-tools': 'Read',
      'disallowed-tools': ['Bash'],
      model: 'sonnet',
      effort: 'xhigh',
      context: 'fork',
      agent: 'Explore',
      background: false,
      hooks: {},
      shell: 'powershell',
      'disable-model-invocation': true,
      'user-invocable': false,
      paths: ['**/*.pdf'],
      license: 'MIT',
      compatibility: 'needs python3',
      metadata: { owner: 'team', tags: ['a'] },
    });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { allowed_tools: 'Read' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { 'user-invocable': ['yes'] }, { keyword: 'type', instancePath: '/user-invocable' });
    expectInvalid(F, { 'user-invocable': 'maybe' }, { keyword: 'enum', instancePath: '/user-invocable' });
    expectInvalid(F, { effort: 'extreme' }, { keyword: 'enum', instancePath: '/effort' });
    expectInvalid(F, { context: 'inline' }, { keyword: 'enum', instancePath: '/context' });
    expectInvalid(F, { name: '' }, { keyword: 'minLength', instancePath: '/name' });
    expectInvalid(F, { name: 'a'.repeat(65) }, { keyword: 'maxLength', instancePath: '/name' });
  });
});

describe('schemas: command', () => {
  const F = 'command.schema.json';
  it('accepts a command', () => {
    expectValid(F, {
      description: 'Commit',
      'allowed-tools': 'Bash(git add:*), Bash(git commit:*)',
      'disallowed-tools': ['WebFetch'],
      'argument-hint': '[message]',
      model: 'haiku',
      'disable-model-invocation': true,
      effort: 'low',
      context: 'fork',
      agent: 'general-purpose',
      hooks: { Stop: [{ hooks: [{ type: 'prompt', prompt: 'Done? $ARGUMENTS' }] }] },
    });
    expectValid(F, {});
    // Claude Code reads commands as skills: the skill fields, list hints, yes/no booleans, plugin agents.
    expectValid(F, {
      name: 'Commit', when_to_use: 'after staging', arguments: ['message'], 'user-invocable': 'no', paths: '**/*.ts',
      shell: 'bash', background: 'yes', metadata: { v: 1 }, license: 'MIT', compatibility: 'git', 'argument-hint': ['[a]', '[b]'],
      agent: 'pr-review-toolkit:code-reviewer',
    });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { nmae: 'commit' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { 'disable-model-invocation': ['x'] }, { keyword: 'type', instancePath: '/disable-model-invocation' });
    expectInvalid(F, { 'argument-hint': 3 }, { keyword: 'type', instancePath: '/argument-hint' });
    expectInvalid(F, { effort: 'none' }, { keyword: 'enum', instancePath: '/effort' });
    expectInvalid(F, { agent: '../x' }, { keyword: 'pattern', instancePath: '/agent' });
  });
});

describe('schemas: output-style', () => {
  const F = 'output-style.schema.json';
  it('accepts a style with the three fields, none, and frontmatterText', () => {
    expectValid(F, { name: 'Team Reviewer', description: 'Findings first', 'keep-coding-instructions': true });
    expectValid(F, {});
    expectValid(F, { 'keep-coding-instructions': 'false', frontmatterText: '---\n---\n' });
  });
  it('types keep-coding-instructions and name; unknown keys stay open', () => {
    expectInvalid(F, { 'keep-coding-instructions': 'sometimes' }, { keyword: 'enum', instancePath: '/keep-coding-instructions' });
    expectInvalid(F, { 'keep-coding-instructions': [true] }, { keyword: 'type', instancePath: '/keep-coding-instructions' });
    expectInvalid(F, { name: '' }, { keyword: 'minLength', instancePath: '/name' });
    expectInvalid(F, { 'force-for-plugin': true }, { keyword: 'additionalProperties' });
  });
});

describe('schemas: rule', () => {
  const F = 'rule.schema.json';
  it('accepts paths as a string or a list, and no fields', () => {
    expectValid(F, { paths: 'src/**/*.ts' });
    expectValid(F, { paths: ['src/**', 'test/**'] });
    expectValid(F, {});
  });
  it('rejects paths of another type', () => {
    expectInvalid(F, { paths: 5 }, { keyword: 'type', instancePath: '/paths' });
    expectInvalid(F, { paths: [['a']] }, { keyword: 'type', instancePath: '/paths/0' });
  });
});

describe('schemas: claude-md directory', () => {
  it('takes a string directory', () => {
    expectValid('claude-md.schema.json', { directory: 'packages/api' });
    expectInvalid('claude-md.schema.json', { directory: ['a'] }, { keyword: 'type', instancePath: '/directory' });
  });
});

describe('schemas: hook', () => {
  const F = 'hook.schema.json';
  it('accepts every hook type', () => {
    expectValid(F, {
      description: 'all types',
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              { type: 'command', command: 'x', args: ['a'], timeout: 5, async: true, asyncRewake: false, shell: 'bash', if: 'Bash(git *)', statusMessage: 's' },
              { type: 'prompt', prompt: 'p', model: 'haiku', timeout: 30, if: 'Bash', statusMessage: 's', continueOnBlock: true },
              { type: 'agent', prompt: 'p', model: 'sonnet', timeout: 60, if: 'Edit', statusMessage: 's' },
              { type: 'http', url: 'https://h.example.com', headers: { Authorization: { secret: 'HOOK_TOKEN' } }, allowedEnvVars: ['HOOK_TOKEN'], timeout: 1, if: 'Write', statusMessage: 's' },
              { type: 'mcp_tool', server: 'github', tool: 'search', input: { q: '${tool_input.file_path}' }, timeout: 2, if: 'Read', statusMessage: 's' },
            ],
          },
        ],
        SessionStart: [{ hooks: [{ type: 'command', command: 'echo hi' }] }],
        DirectoryAdded: [],
      },
    });
  });
  it('requires hooks', () => {
    expectInvalid(F, { description: 'x' }, { keyword: 'required' });
  });
  it('rejects unknown events, hook types and per-type fields', () => {
    expectInvalid(F, { hooks: { PreToolUse: [], OnSave: [] } }, { keyword: 'additionalProperties', instancePath: '/hooks' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'script', command: 'x' }] }] } }, {
      keyword: 'enum',
      instancePath: '/hooks/Stop/0/hooks/0/type',
    });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x', prompt: 'y' }] }] } }, {
      keyword: 'additionalProperties',
      instancePath: '/hooks/Stop/0/hooks/0',
    });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'prompt', prompt: 'y', shell: 'bash' }] }] } }, { keyword: 'additionalProperties' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'agent', prompt: 'y', continueOnBlock: true }] }] } }, { keyword: 'additionalProperties' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'mcp_tool', server: 's' }] }] } }, { keyword: 'required' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'http' }] }] } }, { keyword: 'required' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ command: 'x' }] }] } }, { keyword: 'required' });
    expectInvalid(F, { hooks: { Stop: [{ matcher: 1, hooks: [] }] } }, { keyword: 'type', instancePath: '/hooks/Stop/0/matcher' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'command', command: 'x', timeout: 0 }] }] } }, { keyword: 'exclusiveMinimum' });
    expectInvalid(F, { hooks: { Stop: [{ hooks: [{ type: 'http', url: 'https://x', allowedEnvVars: ['lower'] }] }] } }, { keyword: 'pattern' });
  });
});

describe('schemas: settings', () => {
  const F = 'settings.schema.json';
  it('accepts a fragment with every known key', () => {
    expectValid(F, {
      description: 'all keys',
      permissions: {
        allow: ['Bash(npm run *)'],
        ask: ['Bash(git push:*)'],
        deny: ['Read(./.env)'],
        defaultMode: 'acceptEdits',
        additionalDirectories: ['../docs'],
        disableBypassPermissionsMode: 'disable',
        disableAutoMode: 'disable',
      },
      env: { NODE_ENV: 'test' },
      model: 'opus',
      availableModels: ['sonnet'],
      effortLevel: 'xhigh',
      outputStyle: 'Explanatory',
      agent: 'reviewer',
      minimumVersion: '2.1.0',
      claudeMdExcludes: ['**/other/CLAUDE.md'],
      skillOverrides: { pdf: 'off' },
      sandbox: { enabled: true, network: { allowedDomains: ['x.com'] } },
      disableAllHooks: false,
      allowedHttpHookUrls: ['https://hooks.example.com/*'],
      httpHookAllowedEnvVars: ['HOOK_TOKEN'],
      statusLine: { type: 'command', command: '~/.claude/statusline.sh', padding: 0, refreshInterval: 5, hideVimModeIndicator: true },
      enableAllProjectMcpServers: true,
      enabledMcpjsonServers: ['github'],
      disabledMcpjsonServers: ['fs'],
      allowedMcpServers: [{ serverName: 'github' }, { serverCommand: ['npx', 'x'] }, { serverUrl: 'https://*.example.com/*' }],
      deniedMcpServers: [{ serverName: 'bad' }],
      enabledPlugins: { 'fmt@tools': true, 'lint@tools': false },
      extraKnownMarketplaces: { acme: { source: { source: 'github', repo: 'acme/plugins' } } },
      strictKnownMarketplaces: [{ source: 'npm', package: '@acme/plugins' }],
      apiKeyHelper: './key.sh',
      attribution: { commit: '', pr: 'Made with Claude', sessionUrl: false },
      includeCoAuthoredBy: false,
      cleanupPeriodDays: 30,
      extra: { language: 'japanese', respectGitignore: false },
    });
  });
  it('does not allow hooks in a settings fragment, not even through extra', () => {
    expectInvalid(F, { hooks: {} }, { keyword: 'not', instancePath: '/hooks' });
    expectInvalid(F, { extra: { hooks: {} } }, { keyword: 'not', instancePath: '/extra' });
  });
  it('rejects unknown keys, wrong types and bad enums', () => {
    expectInvalid(F, { permision: {} }, { keyword: 'additionalProperties' });
    expectInvalid(F, { permissions: { allowed: [] } }, { keyword: 'additionalProperties', instancePath: '/permissions' });
    expectInvalid(F, { permissions: { allow: 'Bash' } }, { keyword: 'type', instancePath: '/permissions/allow' });
    expectInvalid(F, { permissions: { defaultMode: 'yolo' } }, { keyword: 'enum', instancePath: '/permissions/defaultMode' });
    expectInvalid(F, { effortLevel: 'max' }, { keyword: 'enum', instancePath: '/effortLevel' });
    expectInvalid(F, { env: { PORT: 8080 } }, { keyword: 'type', instancePath: '/env/PORT' });
    expectInvalid(F, { statusLine: { type: 'command', command: 'x', color: 'red' } }, { keyword: 'additionalProperties' });
    expectInvalid(F, { allowedMcpServers: [{ serverName: 'a', serverUrl: 'b' }] }, { keyword: 'maxProperties' });
    expectInvalid(F, { cleanupPeriodDays: 0 }, { keyword: 'minimum' });
  });
});

describe('schemas: claude-md', () => {
  const F = 'claude-md.schema.json';
  it('accepts a section', () => {
    expectValid(F, { description: 'x', order: 5.5, template: true });
    expectValid(F, {});
  });
  it('rejects unknown keys and wrong types', () => {
    expectInvalid(F, { title: 'x' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { order: 'first' }, { keyword: 'type', instancePath: '/order' });
    expectInvalid(F, { template: 'handlebars' }, { keyword: 'type', instancePath: '/template' });
  });
});

describe('schemas: auto-claude-prompt', () => {
  const F = 'auto-claude-prompt.schema.json';
  it('accepts a prompt', () => {
    expectValid(F, { description: 'x', template: false, injectionPoints: ['{{BASE_BRANCH}}'] });
  });
  it('rejects unknown keys and wrong types', () => {
    expectInvalid(F, { injectionPoint: 'x' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { injectionPoints: '{{BASE_BRANCH}}' }, { keyword: 'type', instancePath: '/injectionPoints' });
    expectInvalid(F, { injectionPoints: [''] }, { keyword: 'minLength' });
  });
});

describe('schemas: auto-claude-agent-config', () => {
  const F = 'auto-claude-agent-config.schema.json';
  it('accepts an agent config (agent types are not an enum here)', () => {
    expectValid(F, {
      description: 'x',
      tools: ['Read', 'Write'],
      mcp_servers: ['context7', 'auto-claude', 'my_custom'],
      mcp_servers_optional: ['linear'],
      auto_claude_tools: ['mcp__auto-claude__get_build_progress'],
      thinking_default: 'ultrathink',
    });
  });
  it('rejects unknown keys, wrong types, bad enums and bad names', () => {
    expectInvalid(F, { mcpServers: [] }, { keyword: 'additionalProperties' });
    expectInvalid(F, { tools: 'Read' }, { keyword: 'type', instancePath: '/tools' });
    expectInvalid(F, { thinking_default: 'max' }, { keyword: 'enum', instancePath: '/thinking_default' });
    expectInvalid(F, { mcp_servers: ['../x'] }, { keyword: 'pattern', instancePath: '/mcp_servers/0' });
  });
});

describe('schemas: auto-claude-model-profile', () => {
  const F = 'auto-claude-model-profile.schema.json';
  it('accepts a model profile', () => {
    expectValid(F, {
      name: 'Auto',
      description: 'x',
      model: 'opus',
      thinkingLevel: 'high',
      phaseModels: { spec: 'opus', planning: 'opus', coding: 'sonnet', qa: 'claude-haiku-4-5-20251001' },
      phaseThinking: { spec: 'ultrathink', planning: 'high', coding: 'low', qa: 'none' },
      isAutoProfile: true,
    });
  });
  it('requires model and thinkingLevel', () => {
    expectInvalid(F, { model: 'opus' }, { keyword: 'required' });
    expectInvalid(F, { thinkingLevel: 'low' }, { keyword: 'required' });
  });
  it('rejects unknown keys, wrong types and bad enums', () => {
    expectInvalid(F, { model: 'opus', thinkingLevel: 'low', icon: 'x' }, { keyword: 'additionalProperties' });
    expectInvalid(F, { model: 'opus', thinkingLevel: 'low', phaseModels: { review: 'opus' } }, {
      keyword: 'additionalProperties',
      instancePath: '/phaseModels',
    });
    expectInvalid(F, { model: 'opus', thinkingLevel: 'low', isAutoProfile: 'true' }, { keyword: 'type', instancePath: '/isAutoProfile' });
    expectInvalid(F, { model: 'opus', thinkingLevel: 'extreme' }, { keyword: 'enum', instancePath: '/thinkingLevel' });
    expectInvalid(F, { model: 'opus', thinkingLevel: 'low', phaseThinking: { qa: 'max' } }, { keyword: 'enum', instancePath: '/phaseThinking/qa' });
    expectInvalid(F, { model: 'claude opus', thinkingLevel: 'low' }, { keyword: 'pattern', instancePath: '/model' });
  });
});

describe('generated types', () => {
  it('are up to date with the schemas (node scripts/gen-types.mjs --check)', () => {
    let output = '';
    let status = 0;
    try {
      output = execFileSync(process.execPath, [join(ROOT, 'scripts', 'gen-types.mjs'), '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const e = error as { status?: number; stdout?: string; stderr?: string };
      status = e.status ?? 1;
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect(status, output).toBe(0);
  }, 60_000);
});
