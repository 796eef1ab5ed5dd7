import { describe, expect, it } from 'vitest';
import { AGENT_DEFAULTS } from '../../src/core/auto-claude/agent-defaults.js';
import { readAgentProfiles, readAgentRegistry, REFERENCE_PROFILES } from '../../src/import/auto-claude/registry.js';
import { evaluate, scopeOf } from '../../src/import/literal.js';
import { readPythonModule } from '../../src/import/python.js';
import { readTsModule } from '../../src/import/typescript.js';
import { MODELS_PY, MODELS_TS } from '../fixtures/import/auto-claude.js';

const values = (text: string): Record<string, unknown> => {
  const { assignments } = readPythonModule(text);
  const scope = scopeOf(assignments);
  return Object.fromEntries([...scope].map(([k, b]) => [k, 'error' in b ? `ERROR: ${b.error}` : b.value]));
};

describe('Python literal reader', () => {
  it('reads strings, numbers, lists, dicts, names, + and implicit concatenation without running anything', () => {
    const v = values([
      'import os',
      'A = ["x", \'y\']  # comment',
      'B = A + ["z",]',
      'C: list[str] = [*B, "w"]',
      'D = {"k": A, **{"m": 1}, }',
      'E = "a" "b" + "c"',
      'F = (1, -2.5, True, None)',
      'G = """multi',
      'line"""',
      "H = r'\\d+' + '\\t'",
      'def f():',
      '    I = 1',
      'if os.name:',
      '    J = 2',
      'K = ["a",',
      '     "b"]',
      'L = 0x1F',
    ].join('\n'));
    expect(v['A']).toEqual(['x', 'y']);
    expect(v['B']).toEqual(['x', 'y', 'z']);
    expect(v['C']).toEqual(['x', 'y', 'z', 'w']);
    expect(v['D']).toEqual({ k: ['x', 'y'], m: 1 });
    expect(v['E']).toBe('abc');
    expect(v['F']).toEqual([1, -2.5, true, null]);
    expect(v['G']).toBe('multi\nline');
    expect(v['H']).toBe('\\d+\t');
    expect(v['I']).toBeUndefined();
    expect(v['J']).toBeUndefined();
    expect(v['K']).toEqual(['a', 'b']);
    expect(v['L']).toBe(31);
  });

  it('says why a value is not a literal, and resolves only earlier names', () => {
    const v = values([
      'A = os.environ.get("X")',
      'B = [x for x in range(3)]',
      'C = f"{A}"',
      'D = LATER',
      'LATER = 1',
      'E = b"bytes"',
      'F = 1 * 2',
      'G = [A, 1]',
      'H = ["a"] + "b"',
    ].join('\n'));
    expect(v['A']).toMatch(/attribute access is not a literal/);
    expect(v['B']).toMatch(/comprehension/);
    expect(v['C']).toMatch(/f-string/);
    expect(v['D']).toMatch(/LATER is not a constant defined earlier/);
    expect(v['E']).toMatch(/bytes/);
    expect(v['F']).toMatch(/operator "\*"/);
    expect(v['G']).toMatch(/A \(line 1\) could not be read/);
    expect(v['H']).toMatch(/cannot add a list and a string/);
  });

  it('reports an unterminated string with its line and keeps what came before', () => {
    const m = readPythonModule('A = [1]\nB = "open\nC = 2\n');
    expect(m.error).toEqual({ line: 2, message: expect.stringMatching(/not closed/) });
    expect(evaluate(m.assignments[0]!.node, new Map())).toEqual([1]);
  });
});

describe('AGENT_CONFIGS registry', () => {
  it('reads every agent of the fixture registry exactly as the runtime defines it', () => {
    const { agents, problems } = readAgentRegistry(MODELS_PY);
    expect(problems).toEqual([]);
    expect(agents.map((a) => a.type).sort()).toEqual(Object.keys(AGENT_DEFAULTS).sort());
    for (const agent of agents) {
      const d = AGENT_DEFAULTS[agent.type]!;
      expect(agent.fields['tools'], agent.type).toEqual(d.tools);
      expect(agent.fields['mcp_servers'], agent.type).toEqual(d.mcp_servers);
      expect(agent.fields['auto_claude_tools'], agent.type).toEqual(d.auto_claude_tools);
      expect(agent.fields['thinking_default'], agent.type).toBe(d.thinking_default);
      expect(agent.fields['mcp_servers_optional'] ?? [], agent.type).toEqual(d.mcp_servers_optional);
    }
  });

  it('imports what it can read and says what it could not, with lines', () => {
    const text = [
      'BASE = ["Read"]',
      'BROKEN = load_tools()',
      'AGENT_CONFIGS = {',
      '    "coder": {',
      '        "tools": BASE + BROKEN,',
      '        "mcp_servers": ["context7"],',
      '        "thinking_default": "sometimes",',
      '        "extra_field": 1,',
      '    },',
      '    "planner": make_config(),',
      '    "qa_reviewer": {"tools": BASE, "auto_claude_tools": "not a list"},',
      '    42: {},',
      '    "spec_critic": {"tools": BROKEN},',
      '}',
    ].join('\n');
    const { agents, problems } = readAgentRegistry(text);
    expect(agents.map((a) => [a.type, a.fields])).toEqual([
      ['coder', { mcp_servers: ['context7'] }],
      ['qa_reviewer', { tools: ['Read'] }],
      ['spec_critic', {}],
    ]);
    const lines = problems.map((p) => `${p.line}: ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^2: BROKEN could not be read \(a function call is not a literal\), so the fields that use it are not imported: AGENT_CONFIGS\["coder"\]\["tools"\], AGENT_CONFIGS\["spec_critic"\]\["tools"\]$/),
      expect.stringMatching(/^7: AGENT_CONFIGS\["coder"\]\["thinking_default"\] is "sometimes", not one of/),
      expect.stringMatching(/^8: AGENT_CONFIGS\["coder"\] has a field "extra_field"/),
      expect.stringMatching(/^10: AGENT_CONFIGS\["planner"\] could not be read: a function call is not a literal/),
      expect.stringMatching(/^11: AGENT_CONFIGS\["qa_reviewer"\]\["auto_claude_tools"\] is not a list of strings/),
      expect.stringMatching(/^12: an AGENT_CONFIGS entry could not be read: a key must be a string/),
    ]);
  });

  it('says when there is no AGENT_CONFIGS literal at all', () => {
    expect(readAgentRegistry('X = 1\n').problems).toEqual([{ line: 1, message: expect.stringMatching(/no module-level `AGENT_CONFIGS = \{…\}`/) }]);
    expect(readAgentRegistry('AGENT_CONFIGS = build()\n').problems[0]!.message).toMatch(/could not be read: a function call/);
    expect(readAgentRegistry('AGENT_CONFIGS = ["coder"]\n').problems[0]!.message).toMatch(/not a dict literal/);
  });
});

describe('TypeScript literal reader and DEFAULT_AGENT_PROFILES', () => {
  it('reads const declarations with type annotations, as const, spreads, shorthand and comments', () => {
    const { assignments } = readTsModule([
      "import type { X } from './x';",
      'export const A: Record<string, number | null> = { a: 1, "b-c": null, } as const;',
      "const B = [...['x'], `y`] satisfies readonly string[];",
      'let C = { ...A, d: true, A };',
      "export const D: import('./t').T = { e: 'f' /* block */ } // line",
      'export function g() { const H = 1; return H; }',
      'export const I = () => 1;',
    ].join('\n'));
    const scope = scopeOf(assignments);
    const get = (n: string): unknown => {
      const b = scope.get(n)!;
      return 'error' in b ? `ERROR: ${b.error}` : b.value;
    };
    expect(get('A')).toEqual({ a: 1, 'b-c': null });
    expect(get('B')).toEqual(['x', 'y']);
    expect(get('C')).toEqual({ a: 1, 'b-c': null, d: true, A: { a: 1, 'b-c': null } });
    expect(get('D')).toEqual({ e: 'f' });
    expect(scope.has('H')).toBe(false);
    expect(get('I')).toMatch(/^ERROR/);
  });

  it('reads the fixture frontend profiles, custom ones included', () => {
    const { profiles, problems } = readAgentProfiles(MODELS_TS);
    expect(problems).toEqual([]);
    expect(profiles.map((p) => p.id)).toEqual(['auto', 'complex', 'balanced', 'quick', 'nightly']);
    const byId = Object.fromEntries(profiles.map((p) => [p.id, p.value]));
    const reference = Object.fromEntries(REFERENCE_PROFILES.map((p) => [p.id, p.value]));
    for (const id of ['auto', 'complex', 'balanced', 'quick']) {
      for (const key of ['model', 'thinkingLevel', 'phaseModels', 'phaseThinking', 'isAutoProfile']) expect(byId[id]![key], `${id}.${key}`).toEqual(reference[id]![key]);
    }
    expect(byId['nightly']).toMatchObject({ model: 'sonnet', thinkingLevel: 'high', isAutoProfile: false, phaseThinking: { spec: 'medium', planning: 'high', coding: 'medium', qa: 'medium' } });
  });

  it('reports entries it cannot read', () => {
    const { profiles, problems } = readAgentProfiles([
      'export const DEFAULT_AGENT_PROFILES = [',
      "  { id: 'ok', model: 'opus', thinkingLevel: 'high', color: 'red' },",
      "  makeProfile('x'),",
      "  { id: 'bad', model: 'opus' },",
      '];',
    ].join('\n'));
    expect(profiles.map((p) => p.id)).toEqual(['ok']);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^2: profile "ok" has a field "color"/),
      expect.stringMatching(/^3: a DEFAULT_AGENT_PROFILES entry could not be read: a function call/),
      expect.stringMatching(/^4: profile "bad" has no model or thinkingLevel/),
    ]);
  });
});
