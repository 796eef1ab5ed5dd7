import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { parseYaml } from '../../src/load/yaml-file.js';
import { collapseAlternatives, label, schemaDiagnostics } from '../../src/validate/schema-errors.js';
import { memoryRepo } from '../helpers/memory-repo.js';

/** Small schemas, compiled the way src/validate/ajv.ts compiles the real ones (allErrors, verbose). */
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
ajv.addSchema({
  $id: 'https://t/common.json',
  $defs: {
    name: { description: 'A component name.', type: 'string', pattern: '^[a-z]+$', examples: ['reviewer'] },
    stringOrList: { description: 'A string or a list of strings.', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    envName: { description: 'An environment-variable name.', type: 'string', pattern: '^[A-Z_]+$' },
  },
});
const validator = ajv.compile({
  $id: 'https://t/thing.json',
  type: 'object',
  additionalProperties: false,
  required: ['description'],
  properties: {
    description: { description: 'What it is for.', type: 'string', minLength: 1 },
    tools: { $ref: 'common.json#/$defs/stringOrList' },
    servers: { type: 'array', items: { anyOf: [{ $ref: 'common.json#/$defs/name' }, { $ref: '#/$defs/inline' }] } },
    env: { type: 'object', propertyNames: { $ref: 'common.json#/$defs/envName' }, additionalProperties: { type: 'string' } },
    list: { type: 'array', uniqueItems: true, minItems: 1 },
    turns: { description: 'Turns.', type: 'integer', minimum: 1, maximum: 50 },
    mode: { enum: ['default', 'acceptEdits', 'plan'] },
    version: { const: 1 },
    id: { pattern: '^age1[a-z0-9]+$' },
  },
  $defs: {
    inline: {
      description: 'An inline server: one key, its config.',
      type: 'object',
      maxProperties: 1,
      additionalProperties: { type: 'object', required: ['command'], properties: { command: { type: 'string' } } },
    },
  },
});

function check(yaml: string): { at: string; code: string; message: string; hint?: string }[] {
  const file = parseYaml('t.yaml', new TextEncoder().encode(yaml)).file!;
  expect(validator(file.value)).toBe(false);
  return schemaDiagnostics(file, validator.errors ?? []).map((d) => ({ at: `${d.line}:${d.col}`, code: d.code, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
}

describe('schemaDiagnostics', () => {
  it('reports only the alternative that took the value\'s type, not the enum of a branch of another type', () => {
    const flag = ajv.compile({ type: 'object', properties: { flag: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['yes', 'no'] }, { type: 'integer', enum: [0, 1] }] } } });
    const file = parseYaml('t.yaml', new TextEncoder().encode('flag: maybe\n')).file!;
    expect(flag(file.value)).toBe(false);
    expect(schemaDiagnostics(file, flag.errors ?? []).map((d) => [`${d.line}:${d.col}`, d.code, d.message])).toEqual([['1:7', 'SCHEMA_ENUM', 'flag: "maybe" is not one of: yes, no']]);
    // A value no alternative takes the type of is a type error, never nothing at all.
    const list = parseYaml('t.yaml', new TextEncoder().encode('flag: [true]\n')).file!;
    expect(flag(list.value)).toBe(false);
    expect(schemaDiagnostics(list, flag.errors ?? []).map((d) => [`${d.line}:${d.col}`, d.code, d.message])).toEqual([
      ['1:7', 'SCHEMA_TYPE', 'flag: expected true or false, a string or an integer, found a list'],
    ]);
  });

  it('collapses an inline anyOf whose branches all failed on type into one message naming the types', () => {
    expect(check('description: x\ntools: 5\n')).toEqual([
      { at: '2:8', code: 'SCHEMA_TYPE', message: 'tools: expected a string or a list, found the number 5', hint: 'A string or a list of strings.' },
    ]);
  });

  it('collapses an anyOf whose branches are $refs (their errors carry the referenced schema path)', () => {
    expect(check('description: x\nservers: [5]\n')).toEqual([{ at: '2:11', code: 'SCHEMA_TYPE', message: 'servers[0]: expected a string or a mapping, found the number 5' }]);
  });

  it('keeps the deeper error of the branch that matched the shape', () => {
    expect(check('description: x\nservers:\n  - local: {command: 3}\n')).toEqual([
      { at: '3:22', code: 'SCHEMA_TYPE', message: 'servers[0].local.command: expected a string, found the number 3' },
    ]);
  });

  it('keeps the non-type error of the branch that accepted the type', () => {
    expect(check('description: x\nservers: [Bad]\n')).toEqual([
      { at: '2:11', code: 'SCHEMA_PATTERN', message: 'servers[0]: "Bad" is not in the required form', hint: 'A component name. Example: "reviewer"' },
    ]);
    expect(check('description: x\nservers:\n  - {a: {command: x}, b: {command: y}}\n')).toEqual([
      { at: '3:5', code: 'SCHEMA_INVALID', message: 'servers[0]: must have at most 1 key', hint: 'An inline server: one key, its config.' },
    ]);
  });

  it('handles several anyOf values in one list independently', () => {
    expect(check('description: x\nservers: [1, ok, true]\n').map((d) => d.at + ' ' + d.message)).toEqual([
      '2:11 servers[0]: expected a string or a mapping, found the number 1',
      '2:18 servers[2]: expected a string or a mapping, found the boolean true',
    ]);
  });

  it('reports a bad map key once, at the key, with the key schema description', () => {
    expect(check('description: x\nenv:\n  OK: a\n  lower: b\n')).toEqual([
      { at: '4:3', code: 'SCHEMA_PATTERN', message: 'env: key "lower" is not in the required form', hint: 'An environment-variable name.' },
    ]);
  });

  it('shows the regex only when the schema has no description', () => {
    expect(check('description: x\nid: bogus\n')).toEqual([{ at: '2:5', code: 'SCHEMA_PATTERN', message: 'id: "bogus" does not match the pattern ^age1[a-z0-9]+$' }]);
  });

  it('words unknown keys, required keys, enums and const for people', () => {
    expect(check('descriptoin: x\nmode: Plan\nversion: 2\n')).toEqual([
      { at: '1:1', code: 'SCHEMA_REQUIRED', message: 'missing required key "description"', hint: 'add `description: …` (what it is for)' },
      { at: '1:1', code: 'SCHEMA_UNKNOWN_KEY', message: 'unknown key "descriptoin"', hint: 'did you mean "description"?' },
      { at: '2:7', code: 'SCHEMA_ENUM', message: 'mode: "Plan" is not one of: default, acceptEdits, plan', hint: 'did you mean "plan"?' },
      { at: '3:10', code: 'SCHEMA_ENUM', message: 'version: must be 1, found the number 2' },
    ]);
  });

  it('lists the allowed keys when none is close', () => {
    expect(check('description: x\nzzzzzzzz: 1\n')[0]?.hint).toBe('allowed keys: description, tools, servers, env, list, turns, mode, version, id');
  });

  it('words limits without ajv jargon', () => {
    expect(check('description: ""\nlist: []\nturns: 0\n').map((d) => `${d.at} ${d.message}`)).toEqual([
      '1:14 description: must not be empty',
      '2:7 list: must not be empty',
      '3:8 turns: must be at least 1, found the number 0',
    ]);
    expect(check('description: x\nturns: 51\n')[0]?.message).toBe('turns: must be at most 50, found the number 51');
  });

  it('reports a repeated list entry at the repetition', () => {
    expect(check('description: x\nlist: [a, b, a]\n')).toEqual([
      { at: '2:14', code: 'SCHEMA_INVALID', message: 'list[2]: "a" is listed twice (also at list[0])', hint: 'remove the repeated entry' },
    ]);
  });

  it('never prints the same message at the same place twice', () => {
    const all = check('tools: 5\nservers: [1, {a: 1, b: 2}]\nenv: {x: 1}\n');
    expect(new Set(all.map((d) => `${d.at} ${d.message}`)).size).toBe(all.length);
  });
});

describe('collapseAlternatives', () => {
  it('leaves errors without alternatives alone', () => {
    validator({ description: 1 });
    const errors = validator.errors ?? [];
    expect(collapseAlternatives(errors).kept).toEqual(errors);
  });

  it('keeps the anyOf error with its type mismatches as context', () => {
    validator({ description: 'x', tools: 5 });
    const { kept, context } = collapseAlternatives(validator.errors ?? []);
    expect(kept.map((e) => e.keyword)).toEqual(['anyOf']);
    expect(context.get(kept[0]!)?.map((e) => (e.params as { type: string }).type)).toEqual(['string', 'array']);
  });

  it('does not swallow a sibling error of the same schema object', () => {
    const v = ajv.compile({ type: 'object', required: ['a'], anyOf: [{ required: ['b'] }, { required: ['c'] }] });
    v({});
    const { kept } = collapseAlternatives(v.errors ?? []);
    expect(kept.some((e) => e.keyword === 'required' && (e.params as { missingProperty: string }).missingProperty === 'a')).toBe(true);
  });
});

describe('label', () => {
  it('names a value the way a person would', () => {
    expect(label([])).toBe('');
    expect(label(['permissions', 'allow', 2])).toBe('permissions.allow[2]');
    expect(label(['hooks', 'Stop', 0, 'hooks', 1, 'command'])).toBe('hooks.Stop[0].hooks[1].command');
  });
});

describe('validateRepo with the real schemas', () => {
  const codes = (files: Record<string, string>) => memoryRepo(files).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} ${d.code}`);

  it('accepts a small valid repo', () => {
    expect(codes({
      'profiles/base.yaml': 'extends: []\ncomponents:\n  subagents: [reviewer]\n',
      'components/subagents/reviewer.yaml': 'description: Reviews code.\nskills: [notes]\n',
      'components/skills/notes/skill.yaml': 'description: Notes.\n',
    })).toEqual([]);
  });

  it('skips reference checks for a file that failed its schema, to avoid follow-up noise', () => {
    expect(codes({ 'profiles/base.yaml': 'components:\n  subagents: [nope]\nbogus: 1\n' })).toEqual(['profiles/base.yaml:3:1 error SCHEMA_UNKNOWN_KEY']);
  });

  it('reports every problem of every file, in a stable order', () => {
    expect(codes({
      'components/subagents/b.yaml': 'description: b\nmaxTurns: 0\n',
      'components/subagents/a.yaml': 'description: a\nskills: [nope]\n',
      'profiles/base.yaml': 'extends: [base]\n',
    })).toEqual([
      'components/subagents/a.yaml:2:10 warning EXTERNAL_REFERENCE',
      'components/subagents/b.yaml:2:11 error SCHEMA_INVALID',
      'profiles/base.yaml:1:10 error PROFILE_CYCLE',
    ]);
  });

  it('finds a cycle that does not pass through the profile itself only on its members', () => {
    const out = codes({ 'profiles/top.yaml': 'extends: [a]\n', 'profiles/a.yaml': 'extends: [b]\n', 'profiles/b.yaml': 'extends: [a]\n' });
    expect(out).toEqual(['profiles/a.yaml:1:10 error PROFILE_CYCLE', 'profiles/b.yaml:1:10 error PROFILE_CYCLE']);
  });

  it('checks mcp__ permission rules against MCP-server components, ignoring wildcards', () => {
    expect(codes({
      'components/mcp-servers/github.yaml': 'command: npx\n',
      'components/settings/base.yaml': 'permissions:\n  allow: [mcp__github, mcp__github__x, "mcp__*"]\n  deny: [mcp__gitlab__x]\n',
    })).toEqual(['components/settings/base.yaml:3:10 error PERMISSION_UNKNOWN_MCP']);
  });

  it('finds secret references anywhere in a document', () => {
    expect(codes({
      'projects/app.yaml': 'path: ../app\nautoClaude:\n  integrations:\n    github:\n      token: {secret: GITHUB_TOKEN}\n',
      'secrets/OTHER.age': 'x',
    })).toEqual(['projects/app.yaml:5:23 error UNKNOWN_SECRET']);
  });

  it('warns for every agent-config field the runtime does not take', () => {
    expect(codes({ 'components/auto-claude/agent-configs/coder.yaml': 'tools: [Read]\nthinking_default: ultrathink\n' })).toEqual([
      'components/auto-claude/agent-configs/coder.yaml:1:1 warning AC_FIELD_NOT_APPLIED',
      'components/auto-claude/agent-configs/coder.yaml:2:1 warning AC_FIELD_NOT_APPLIED',
    ]);
  });
});

describe('validateRepo: Claude Code settings (open where Claude Code is open, strict where ccm decides)', () => {
  const all = (files: Record<string, string>): Diagnostic[] => memoryRepo(files).diagnostics;
  const codes = (files: Record<string, string>): string[] => all(files).map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} ${d.code}`);

  it('keeps keys it does not know in settings and inside hooks with one UNKNOWN_FIELD warning each, at the key', () => {
    const d = all({
      'components/settings/base.yaml': 'teammateModus: auto\npermissions:\n  allow: [Read]\n  futureList: [x]\n',
      'components/hooks/h.yaml': 'hooks:\n  Stop:\n    - extraField: 1\n      hooks:\n        - { type: command, command: x, newOption: true }\n',
    });
    expect(d.map((x) => `${x.file}:${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual([
      'components/hooks/h.yaml:3:7 warning UNKNOWN_FIELD',
      'components/hooks/h.yaml:5:40 warning UNKNOWN_FIELD',
      'components/settings/base.yaml:1:1 warning UNKNOWN_FIELD',
      'components/settings/base.yaml:4:3 warning UNKNOWN_FIELD',
    ]);
    expect(d[2]!.hint).toMatch(/did you mean "teammateMode"\?/);
  });

  it('keeps ccm\'s own keys strict: an unknown key beside `hooks` in a hooks component is an error', () => {
    expect(codes({ 'components/hooks/h.yaml': 'descripton: x\nhooks: {}\n' })).toEqual(['components/hooks/h.yaml:1:1 error SCHEMA_UNKNOWN_KEY']);
  });

  it('types the keys it knows: a wrong type, a bad enum, a malformed permission rule are errors at the value', () => {
    expect(codes({
      'components/settings/base.yaml': 'fastMode: "yes"\nteammateMode: split\npermissions:\n  allow: ["Bash without parentheses", "Read[x]", "Bash()", "WebFetch(domain:x", "mcp__fs(read:/x)", "Bash(npm run *)"]\n',
    })).toEqual([
      'components/settings/base.yaml:1:11 error SCHEMA_TYPE',
      'components/settings/base.yaml:2:15 error SCHEMA_ENUM',
      'components/settings/base.yaml:4:11 error SCHEMA_PATTERN',
      'components/settings/base.yaml:4:39 error SCHEMA_PATTERN',
      'components/settings/base.yaml:4:50 error SCHEMA_PATTERN',
      'components/settings/base.yaml:4:60 error SCHEMA_PATTERN',
    ]);
  });

  it('checks what a schema cannot: hook types, matcher and `if` per event', () => {
    const d = all({
      'components/hooks/h.yaml': [
        'hooks:',
        '  SessionStart:',
        '    - hooks: [{ type: prompt, prompt: "Check $ARGUMENTS" }]',
        '  TaskCreated:',
        '    - matcher: Bash',
        '      hooks: [{ type: command, command: x }]',
        '  Stop:',
        '    - hooks: [{ type: command, command: x, if: "Bash(git *)" }]',
        '  PreToolUse:',
        '    - matcher: Bash',
        '      hooks: [{ type: prompt, prompt: ok, if: "Bash(git *)" }]',
        '',
      ].join('\n'),
    });
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['3:23 error HOOK_NOT_FOR_EVENT', '5:7 error HOOK_NOT_FOR_EVENT', '8:44 error HOOK_NOT_FOR_EVENT']);
    expect(d[0]!.message).toMatch(/SessionStart does not run "prompt" hooks/);
  });

  it('accepts references to MCP servers, skills and agents defined elsewhere with EXTERNAL_REFERENCE, and a near miss of a defined name is an error', () => {
    const d = all({
      'components/mcp-servers/github.yaml': 'command: npx\n',
      'components/skills/notes/skill.yaml': 'description: Notes.\n',
      'components/settings/base.yaml': 'agent: code-reviewer\npermissions:\n  allow: [mcp__ide__getDiagnostics, "mcp__filesystem(read:/home)", mcp__githb]\n',
      'components/subagents/r.yaml': 'description: r\nskills: [pdf, note]\nmcpServers: [claude_ai_Slack]\n',
      'components/hooks/h.yaml': 'hooks:\n  PreToolUse:\n    - hooks: [{ type: mcp_tool, server: linter, tool: lint }]\n',
    });
    expect(d.map((x) => `${x.file}:${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual([
      'components/hooks/h.yaml:3:41 warning EXTERNAL_REFERENCE',
      'components/settings/base.yaml:1:8 warning EXTERNAL_REFERENCE',
      'components/settings/base.yaml:3:11 warning EXTERNAL_REFERENCE',
      'components/settings/base.yaml:3:37 warning EXTERNAL_REFERENCE',
      'components/settings/base.yaml:3:68 error PERMISSION_UNKNOWN_MCP',
      'components/subagents/r.yaml:2:10 warning EXTERNAL_REFERENCE',
      'components/subagents/r.yaml:2:15 error UNKNOWN_SKILL',
      'components/subagents/r.yaml:3:14 warning EXTERNAL_REFERENCE',
    ]);
    expect(d[3]!.message).toMatch(/MCP server "filesystem", which this repo does not define: assumed to exist outside it/);
    expect(d[4]!.hint).toMatch(/did you mean "github"\?/);
    expect(d[6]!.hint).toMatch(/did you mean "notes"\?/);
  });

  it('treats Agent(...) and Skill(...) rules the same way; built-in subagents need no definition', () => {
    const d = all({
      'components/subagents/reviewer.yaml': 'description: r\n',
      'components/settings/base.yaml': 'permissions:\n  allow: [Agent(Explore), Agent(reviewer), Agent(reviewr), Skill(pdf-tools), "Skill(*)"]\n',
    });
    expect(d.map((x) => `${x.line}:${x.col} ${x.severity} ${x.code}`)).toEqual(['2:44 error UNKNOWN_COMPONENT', '2:60 warning EXTERNAL_REFERENCE']);
    expect(d[0]!.hint).toMatch(/did you mean "reviewer"\?/);
    expect(d[1]!.message).toMatch(/names skill "pdf-tools", which this repo does not define/);
  });

  it('strict: true in ccm.config.yaml turns UNKNOWN_FIELD and EXTERNAL_REFERENCE into errors', () => {
    const files = {
      'components/settings/base.yaml': 'someNewKey: 1\npermissions:\n  allow: [mcp__ide]\n',
    };
    expect(codes({ 'ccm.config.yaml': 'version: 1\n', ...files }).map((c) => c.split(' ')[1])).toEqual(['warning', 'warning']);
    expect(codes({ 'ccm.config.yaml': 'version: 1\nstrict: true\n', ...files })).toEqual([
      'components/settings/base.yaml:1:1 error UNKNOWN_FIELD',
      'components/settings/base.yaml:3:11 error EXTERNAL_REFERENCE',
    ]);
  });
});
