import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.js';
import { createEngine } from '../../src/render/engine.js';
import { formatEnvJson, formatEnvValue, renderAutoClaudeProject, renderBackend } from '../../src/render/auto-claude/index.js';
import type { OutputFile } from '../../src/render/types.js';
import { resolveBackend, resolveProject } from '../../src/resolve/resolve.js';
import { memoryRepo } from '../helpers/memory-repo.js';

// ---------------------------------------------------------------------------------------------
// Two .env readers, re-implemented from their sources, to prove every line means the same to both.

/** python-dotenv's parser (dotenv/parser.py): quotes with its escape rules, ` #` comments, blanks. */
function pythonDotenv(line: string): { key: string; value: string } | 'skip' | 'error' {
  if (/^\s*(#.*)?$/.test(line)) return 'skip';
  const m = /^(?:export[ \t]+)?([^=#\s]+)[ \t]*(=[ \t]*)(.*)$/.exec(line);
  if (!m) return 'error';
  const [, key = '', eq = '', rest = ''] = m;
  if (rest.startsWith("'")) {
    const q = /^'((?:\\'|[^'])*)'[ \t]*(?:#.*)?$/.exec(rest);
    return q ? { key, value: (q[1] ?? '').replace(/\\[\\']/g, (s) => s.slice(1)) } : 'error';
  }
  if (rest.startsWith('"')) {
    const q = /^"((?:\\"|[^"])*)"[ \t]*(?:#.*)?$/.exec(rest);
    const escapes: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    return q ? { key, value: (q[1] ?? '').replace(/\\[\\'"abfnrtv]/g, (s) => escapes[s.slice(1)] ?? s) } : 'error';
  }
  if (eq.length > 1 && rest.startsWith('#')) return { key, value: '' };
  return { key, value: rest.replace(/\s+#.*/, '').trimEnd() };
}

/** The Electron app's parseEnvFile (ipc-handlers/utils.ts): trim, first `=`, one pair of quotes off. */
function electronDotenv(line: string): { key: string; value: string } | 'skip' {
  const t = line.trim();
  const eq = t.indexOf('=');
  if (!t || t.startsWith('#') || eq <= 0) return 'skip';
  let value = t.slice(eq + 1).trim();
  if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
  return { key: t.slice(0, eq).trim(), value };
}

/** Parses a whole .env with python-dotenv's rules, failing the test on any line it rejects. */
function parseEnv(content: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of content.split('\n').slice(0, -1)) {
    const r = pythonDotenv(line);
    expect(r, `python-dotenv rejects: ${line}`).not.toBe('error');
    if (typeof r === 'object') {
      expect(out.has(r.key), `key twice: ${r.key}`).toBe(false);
      out.set(r.key, r.value);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

const SECRETS: Record<string, string> = { LINEAR_API_KEY: 'lin_api_S3CRET', GITHUB_TOKEN: 'ghp_S3CRET', DOCS_TOKEN: 'Bearer d0cs S3CRET' };
const lookup = (name: string): string | undefined => SECRETS[name];

const WEB_PROJECT = `path: ../web
targets: [auto-claude]
components:
  agent-configs: [coder, qa_reviewer, planner]
autoClaude:
  modelProfile: auto
  useClaudeMd: true
  mcp:
    context7: false
    linear: true
    electron: false
    puppeteer: true
  customMcpServers:
    - name: Playwright
      command: npx
      id: playwright
      type: command
      args: [-y, "@playwright/mcp@latest", --headless]
      description: 'Don''t panic: a "browser" at C:\\tools'
    - id: docs
      name: Docs
      type: http
      url: https://docs.example.com/mcp
      headers:
        Authorization: {secret: DOCS_TOKEN}
        X-Team: web
  integrations:
    linear:
      apiKey: {secret: LINEAR_API_KEY}
      teamId: WEB
      projectId: storefront q3
      realtimeSync: true
    github:
      token: {secret: GITHUB_TOKEN}
      repo: acme/web
      autoSync: false
      maxPrWorktrees: 4
    gitlab:
      instanceUrl: https://gitlab.example.com
      project: acme/web
      enabled: false
  env:
    DEFAULT_BRANCH: main
    GREETING: hello world
    HASHY: "a#b"
    QUOTED: 'say "hi"'
    EMPTY: ""
    EQ: a=b
    PADDED: " x "
    NUM: 3
    FLAG: true
    WINPATH: 'C:\\Program Files\\app'
    MIXED: 'it''s "both"'
`;

const BASE_FILES: Record<string, string> = {
  'ccm.config.yaml': 'version: 1\nautoClaude:\n  backendPath: ../backend\n',
  'projects/web.yaml': WEB_PROJECT,
  'components/auto-claude/agent-configs/coder.yaml': 'mcp_servers: [context7, graphiti-memory, auto-claude, linear]\n',
  'components/auto-claude/agent-configs/qa_reviewer.yaml': 'description: QA without context7\nmcp_servers: [graphiti, browser, playwright, docs, puppeteer]\n',
  'components/auto-claude/agent-configs/planner.yaml': 'description: runtime defaults\n',
  'components/auto-claude/model-profiles/auto.yaml':
    'model: opus\nthinkingLevel: high\nphaseModels: {spec: opus, planning: opus, coding: sonnet, qa: sonnet}\nphaseThinking: {spec: ultrathink, planning: high, coding: low, qa: low}\n',
  'components/auto-claude/model-profiles/flat.yaml': 'model: sonnet\nthinkingLevel: medium\n',
  'secrets/LINEAR_API_KEY.age': 'x',
  'secrets/GITHUB_TOKEN.age': 'x',
  'secrets/DOCS_TOKEN.age': 'x',
};

/** `secrets: null` renders without a lookup, as `ccm build` does when no identity is available. */
function build(files: Record<string, string> = BASE_FILES, project = 'web', secrets: ((n: string) => string | undefined) | null = lookup) {
  const { repo } = memoryRepo(files);
  const resolved = resolveProject(repo, project).project;
  if (!resolved) throw new Error(`no project ${project}`);
  const engine = createEngine(repo.templates);
  return { repo, project: resolved, engine, result: renderAutoClaudeProject(resolved, engine, secrets ?? undefined) };
}

const envOf = (files: OutputFile[]): OutputFile => {
  const f = files.find((x) => x.path === '.auto-claude/.env');
  if (!f) throw new Error('no .env');
  return f;
};
const text = (f: OutputFile): string => (typeof f.content === 'string' ? f.content : new TextDecoder().decode(f.content));
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => d.code);

describe('.auto-claude/.env', () => {
  it('writes every group in the documented order, with the exact AGENT_MCP_* lines', () => {
    const { result } = build();
    const env = envOf(result.files);
    const content = text(env);
    const lines = content.split('\n');
    expect(lines[0]).toBe('# Generated by ccm from projects/web.yaml: edit that file (and the agent configs it selects), then run `ccm build`.');
    const keys = lines.filter((l) => /^[A-Za-z_]/.test(l)).map((l) => l.slice(0, l.indexOf('=')));
    expect(keys).toEqual([
      'USE_CLAUDE_MD',
      'CONTEXT7_ENABLED', 'LINEAR_MCP_ENABLED', 'ELECTRON_MCP_ENABLED', 'PUPPETEER_MCP_ENABLED',
      'AGENT_MCP_coder_ADD', 'AGENT_MCP_qa_reviewer_ADD', 'AGENT_MCP_qa_reviewer_REMOVE',
      'CUSTOM_MCP_SERVERS',
      'LINEAR_API_KEY', 'LINEAR_TEAM_ID', 'LINEAR_PROJECT_ID', 'LINEAR_REALTIME_SYNC',
      'GITHUB_TOKEN', 'GITHUB_REPO', 'GITHUB_AUTO_SYNC', 'MAX_PR_WORKTREES',
      'GITLAB_INSTANCE_URL', 'GITLAB_PROJECT', 'GITLAB_ENABLED',
      'DEFAULT_BRANCH', 'GREETING', 'HASHY', 'QUOTED', 'EMPTY', 'EQ', 'PADDED', 'NUM', 'FLAG', 'WINPATH', 'MIXED',
    ]);
    // coder adds linear (graphiti-memory is graphiti); planner has no mcp_servers, so no lines.
    expect(lines).toContain('AGENT_MCP_coder_ADD=linear');
    expect(lines).toContain('AGENT_MCP_qa_reviewer_ADD=docs,playwright,puppeteer');
    // auto-claude cannot be removed: only context7 goes, with a warning at the mcp_servers key.
    expect(lines).toContain('AGENT_MCP_qa_reviewer_REMOVE=context7');
    const kept = result.diagnostics.find((d) => d.code === 'AC_FIELD_NOT_APPLIED' && d.message.includes('auto-claude'));
    expect(kept).toMatchObject({ severity: 'warning', file: 'components/auto-claude/agent-configs/qa_reviewer.yaml', line: 2, col: 1 });
    expect(content.endsWith('\n') && !content.endsWith('\n\n')).toBe(true);
    expect(content).not.toContain('\r');
    expect(env.sources).toEqual([
      'projects/web.yaml',
      'components/auto-claude/agent-configs/coder.yaml',
      'components/auto-claude/agent-configs/planner.yaml',
      'components/auto-claude/agent-configs/qa_reviewer.yaml',
      '(built-in) templates/auto-claude/env.hbs',
    ]);
  });

  it('writes toggles, integrations and env values that python-dotenv and the Electron app read alike', () => {
    const { result } = build();
    const content = text(envOf(result.files));
    const parsed = parseEnv(content);
    expect(Object.fromEntries([...parsed].filter(([k]) => k !== 'CUSTOM_MCP_SERVERS'))).toEqual({
      USE_CLAUDE_MD: 'true',
      CONTEXT7_ENABLED: 'false',
      LINEAR_MCP_ENABLED: 'true',
      ELECTRON_MCP_ENABLED: 'false',
      PUPPETEER_MCP_ENABLED: 'true',
      AGENT_MCP_coder_ADD: 'linear',
      AGENT_MCP_qa_reviewer_ADD: 'docs,playwright,puppeteer',
      AGENT_MCP_qa_reviewer_REMOVE: 'context7',
      LINEAR_API_KEY: 'lin_api_S3CRET',
      LINEAR_TEAM_ID: 'WEB',
      LINEAR_PROJECT_ID: 'storefront q3',
      LINEAR_REALTIME_SYNC: 'true',
      GITHUB_TOKEN: 'ghp_S3CRET',
      GITHUB_REPO: 'acme/web',
      GITHUB_AUTO_SYNC: 'false',
      MAX_PR_WORKTREES: '4',
      GITLAB_INSTANCE_URL: 'https://gitlab.example.com',
      GITLAB_PROJECT: 'acme/web',
      GITLAB_ENABLED: 'false',
      DEFAULT_BRANCH: 'main',
      GREETING: 'hello world',
      HASHY: 'a#b',
      QUOTED: 'say "hi"',
      EMPTY: '',
      EQ: 'a=b',
      PADDED: ' x ',
      NUM: '3',
      FLAG: 'true',
      WINPATH: 'C:\\Program Files\\app',
      MIXED: 'it\'s "both"',
    });
    // The Electron app reads every line the same way, except the one value no spelling can serve both.
    for (const line of content.split('\n')) {
      const e = electronDotenv(line);
      if (e === 'skip' || e.key === 'MIXED') continue;
      expect(e.value, line).toBe(parsed.get(e.key));
    }
    const mixed = result.diagnostics.find((d) => d.message.includes('MIXED'));
    expect(mixed).toMatchObject({ severity: 'warning', file: 'projects/web.yaml' });
    // Quoting only where needed.
    expect(content).toContain('\nDEFAULT_BRANCH=main\n');
    expect(content).toContain('\nGREETING="hello world"\n');
    expect(content).toContain('\nHASHY="a#b"\n');
    expect(content).toContain('\nQUOTED=\'say "hi"\'\n');
    expect(content).toContain('\nEMPTY=""\n');
    expect(content).toContain('\nEQ="a=b"\n');
    expect(content).toContain('\nPADDED=" x "\n');
    expect(content).toContain('\nWINPATH=\'C:\\Program Files\\app\'\n');
    expect(content).toContain('\nGITLAB_INSTANCE_URL=https://gitlab.example.com\n');
  });

  it('puts CUSTOM_MCP_SERVERS on one line that parses back to the servers, keys in runtime order', () => {
    const { result } = build();
    const lines = text(envOf(result.files)).split('\n').filter((l) => l.startsWith('CUSTOM_MCP_SERVERS='));
    expect(lines).toHaveLength(1);
    const raw = lines[0]!.slice('CUSTOM_MCP_SERVERS='.length);
    expect(raw.startsWith("'[") && raw.endsWith("]'")).toBe(true);
    expect(raw).toMatch(/^'\[\{"id":"playwright","name":"Playwright","type":"command","command":"npx","args":/);
    const expected = [
      { id: 'playwright', name: 'Playwright', type: 'command', command: 'npx', args: ['-y', '@playwright/mcp@latest', '--headless'], description: 'Don\'t panic: a "browser" at C:\\tools' },
      { id: 'docs', name: 'Docs', type: 'http', url: 'https://docs.example.com/mcp', headers: { Authorization: 'Bearer d0cs S3CRET', 'X-Team': 'web' } },
    ];
    expect(JSON.parse(raw.slice(1, -1))).toEqual(expected);
    // All three readers (python-dotenv, the app, the backend's strip("\"'")) hand json the same text.
    const viaDotenv = pythonDotenv(lines[0]!);
    expect(typeof viaDotenv === 'object' && JSON.parse(viaDotenv.value)).toEqual(expected);
    expect(JSON.parse(raw.replace(/^["']+|["']+$/g, ''))).toEqual(expected);
  });

  it('writes decrypted secrets only into the .env, which is marked secret', () => {
    const { result } = build();
    const env = envOf(result.files);
    expect(env.secret).toBe(true);
    const content = text(env);
    for (const value of Object.values(SECRETS)) expect(content).toContain(value);
    const outside = JSON.stringify({ diagnostics: result.diagnostics, specPatch: result.specPatch, sources: env.sources });
    for (const value of ['S3CRET', 'lin_api', 'ghp_']) expect(outside).not.toContain(value);
  });

  it('leaves a secret out with SECRET_UNAVAILABLE at its reference when it cannot be decrypted', () => {
    const { result } = build(BASE_FILES, 'web', null);
    const env = envOf(result.files);
    const content = text(env);
    expect(env.secret).toBeUndefined();
    expect(content).not.toMatch(/^LINEAR_API_KEY=/m);
    expect(content).not.toMatch(/^GITHUB_TOKEN=/m);
    expect(content).not.toContain('Authorization');
    expect(content).not.toContain('S3CRET');
    const unavailable = result.diagnostics.filter((d) => d.code === 'SECRET_UNAVAILABLE');
    expect(unavailable.map((d) => [d.severity, d.line])).toEqual([
      ['error', 25],
      ['error', 29],
      ['error', 34],
    ]);
    expect(unavailable[1]!.message).toContain('secret "LINEAR_API_KEY" cannot be decrypted');
    expect(unavailable[1]!.hint).toMatch(/ccm secrets/);
    // A lookup that knows only some secrets behaves the same for the others.
    const partial = build(BASE_FILES, 'web', (n) => (n === 'GITHUB_TOKEN' ? 'ghp_S3CRET' : undefined)).result;
    expect(codes(partial.diagnostics).filter((c) => c === 'SECRET_UNAVAILABLE')).toHaveLength(2);
    expect(envOf(partial.files).secret).toBe(true);
  });

  it('reports a key set in both env and integrations as a CONFLICT naming both places', () => {
    const files = {
      ...BASE_FILES,
      'projects/clash.yaml': 'path: ../clash\nautoClaude:\n  integrations:\n    linear:\n      teamId: WEB\n  env:\n    LINEAR_TEAM_ID: OTHER\n    USE_CLAUDE_MD: true\n',
    };
    const { result } = build(files, 'clash');
    const conflicts = result.diagnostics.filter((d) => d.code === 'CONFLICT');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ severity: 'error', file: 'projects/clash.yaml', line: 7 });
    expect(conflicts[0]!.message).toContain('autoClaude.integrations.linear.teamId (projects/clash.yaml:5:15)');
    expect(conflicts[0]!.message).toContain('autoClaude.env.LINEAR_TEAM_ID');
    const parsed = parseEnv(text(envOf(result.files)));
    expect(parsed.get('LINEAR_TEAM_ID')).toBe('WEB');
    expect(parsed.get('USE_CLAUDE_MD')).toBe('true');
  });

  it('leaves every runtime rule of custom MCP servers to validate, at the offending field, and renders the entries as the runtime reads them', () => {
    const files = {
      ...BASE_FILES,
      'projects/bad.yaml': [
        'path: ../bad',
        'autoClaude:',
        '  customMcpServers:',
        '    - {id: shell, name: Shell, type: command, command: bash}',
        '    - {id: web, name: Web, type: http}',
        '',
      ].join('\n'),
      // Past its schema, what the schema cannot say: code-running args, an id given twice.
      'projects/risky.yaml': [
        'path: ../risky',
        'autoClaude:',
        '  customMcpServers:',
        '    - id: inline',
        '      name: Inline',
        '      type: command',
        '      command: node',
        '      args: [server.js, --eval]',
        '    - {id: ok, name: OK, type: command, command: uvx, args: [mcp-server-time]}',
        '    - {id: ok, name: Again, type: http, url: "https://example.com/mcp"}',
        '',
      ].join('\n'),
    };
    const errors = memoryRepo(files).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line]);
    expect(errors).toEqual([
      ['SCHEMA_ENUM', 'projects/bad.yaml', 4],
      ['SCHEMA_REQUIRED', 'projects/bad.yaml', 5],
      ['SCHEMA_INVALID', 'projects/risky.yaml', 8],
      ['DUPLICATE_NAME', 'projects/risky.yaml', 10],
    ]);
    const good = {
      ...BASE_FILES,
      'projects/good.yaml': 'path: ../good\nautoClaude:\n  customMcpServers:\n    - {description: Time, args: [mcp-server-time], command: uvx, type: command, name: OK, id: ok}\n',
    };
    expect(memoryRepo(good).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { result } = build(good, 'good');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const raw = parseEnv(text(envOf(result.files))).get('CUSTOM_MCP_SERVERS');
    expect(raw).toBe('[{"id":"ok","name":"OK","type":"command","command":"uvx","args":["mcp-server-time"],"description":"Time"}]');
  });

  it('refuses a name the runtime cannot map: one an agent config adds, and browser left out of a QA config', () => {
    const files = {
      ...BASE_FILES,
      'components/auto-claude/agent-configs/coder.yaml': 'mcp_servers: [context7, graphiti, auto-claude, ghost, browser]\n',
      'components/auto-claude/agent-configs/qa_reviewer.yaml': 'mcp_servers: [context7, graphiti, auto-claude]\n',
    };
    const { result } = build(files);
    const unmapped = result.diagnostics.filter((d) => d.code === 'AC_MCP_NAME_UNMAPPED').map((d) => [d.severity, d.file, d.line, d.col, d.message.slice(0, 60)]);
    expect(unmapped).toEqual([
      ['error', 'components/auto-claude/agent-configs/coder.yaml', 1, 48, 'agent config "coder" adds MCP server "ghost" (AGENT_MCP_code'],
      ['error', 'components/auto-claude/agent-configs/coder.yaml', 1, 55, 'agent config "coder" adds MCP server "browser" (AGENT_MCP_co'],
      ['error', 'components/auto-claude/agent-configs/qa_reviewer.yaml', 1, 1, 'agent config "qa_reviewer" leaves "browser" out of mcp_serve'],
    ]);
    const browser = result.diagnostics.find((d) => d.code === 'AC_MCP_NAME_UNMAPPED' && d.message.includes('leaves'));
    expect(browser?.hint).toMatch(/keep "browser" in mcp_servers; name electron or puppeteer instead.*names it can map: context7, linear, graphiti, graphiti-memory, electron, puppeteer, auto-claude, docs, playwright/);
  });

  it('writes nothing for a project without Auto-Claude settings or without the target', () => {
    const files = {
      ...BASE_FILES,
      'projects/plain.yaml': 'path: ../plain\n',
      'projects/cc.yaml': 'path: ../cc\ntargets: [claude-code]\nautoClaude:\n  useClaudeMd: true\n  modelProfile: auto\n',
    };
    expect(build(files, 'plain').result).toEqual({ files: [], filePatches: [], diagnostics: [] });
    expect(build(files, 'cc').result).toEqual({ files: [], filePatches: [], diagnostics: [] });
  });

  it('lets templates/auto-claude/env.hbs in the repo override the layout', () => {
    const files = { ...BASE_FILES, 'templates/auto-claude/env.hbs': '# custom for {{project}}\n{{#each groups}}{{#each entries}}{{key}}={{value}}\n{{/each}}{{/each}}' };
    const { result } = build(files);
    const env = envOf(result.files);
    expect(text(env).startsWith('# custom for web\nUSE_CLAUDE_MD=true\nCONTEXT7_ENABLED=false\n')).toBe(true);
    expect(env.sources).toContain('templates/auto-claude/env.hbs');
  });

  it('is deterministic', () => {
    const a = build().result;
    const b = build().result;
    expect(b).toEqual(a);
    expect(text(envOf(b.files))).toBe(text(envOf(a.files)));
  });
});

describe('formatEnvValue / formatEnvJson', () => {
  it('quotes only values that need it, and so that python-dotenv reads them back', () => {
    const cases: [string, string][] = [
      ['plain', 'plain'],
      ['https://x.example/a?b=1', '"https://x.example/a?b=1"'],
      ['', '""'],
      [' lead', '" lead"'],
      ['tab\there', '"tab\there"'],
      ['back\\slash', 'back\\slash'],
      ['has "double"', '\'has "double"\''],
      ["has 'single'", '"has \'single\'"'],
      ['a\\\\b c', '"a\\\\\\\\b c"'],
    ];
    for (const [value, written] of cases) {
      expect(formatEnvValue(value).text, value).toBe(written);
      const parsed = pythonDotenv(`K=${written}`);
      expect(typeof parsed === 'object' && parsed.value, written).toBe(value);
    }
    expect(formatEnvValue('a\\\\b c').lossy).toBe(true);
    expect(formatEnvValue('has "double"').lossy).toBe(false);
  });

  it('spells JSON so that no reader can change it', () => {
    const value = [{ s: 'it\'s a \\ "q" \\\\ \\n end\\' }];
    const written = formatEnvJson(value);
    expect(written).not.toMatch(/\\\\/);
    expect(written.slice(1, -1)).not.toContain("'");
    const parsed = pythonDotenv(`K=${written}`);
    expect(typeof parsed === 'object' && JSON.parse(parsed.value)).toEqual(value);
    const e = electronDotenv(`K=${written}`);
    expect(e !== 'skip' && JSON.parse(e.value)).toEqual(value);
  });
});

describe('model profile → task_metadata.json patch', () => {
  it('sets the per-phase maps and isAutoProfile for an auto profile', () => {
    const { result } = build();
    expect(result.specPatch).toEqual({
      set: {
        model: 'opus',
        thinkingLevel: 'high',
        isAutoProfile: true,
        phaseModels: { spec: 'opus', planning: 'opus', coding: 'sonnet', qa: 'sonnet' },
        phaseThinking: { spec: 'ultrathink', planning: 'high', coding: 'low', qa: 'low' },
      },
      specs: 'incomplete',
      sources: ['projects/web.yaml', 'components/auto-claude/model-profiles/auto.yaml'],
    });
    expect(Object.keys(result.specPatch!.set)).toEqual(['model', 'thinkingLevel', 'isAutoProfile', 'phaseModels', 'phaseThinking']);
  });

  it('sets only model, thinkingLevel and isAutoProfile false for a flat profile, honouring specs: all', () => {
    const files = { ...BASE_FILES, 'projects/flat.yaml': 'path: ../flat\nautoClaude:\n  modelProfile: flat\n  specs: all\n' };
    const { result } = build(files, 'flat');
    expect(result.specPatch).toEqual({
      set: { model: 'sonnet', thinkingLevel: 'medium', isAutoProfile: false },
      specs: 'all',
      sources: ['projects/flat.yaml', 'components/auto-claude/model-profiles/flat.yaml'],
    });
    expect(result.files).toEqual([]);
  });

  it('keeps an explicit isAutoProfile', () => {
    const files = {
      ...BASE_FILES,
      'components/auto-claude/model-profiles/pinned.yaml': 'model: haiku\nthinkingLevel: low\nphaseModels: {spec: haiku}\nisAutoProfile: false\n',
      'projects/pinned.yaml': 'path: ../p\nautoClaude:\n  modelProfile: pinned\n',
    };
    expect(build(files, 'pinned').result.specPatch?.set).toEqual({ model: 'haiku', thinkingLevel: 'low', isAutoProfile: false, phaseModels: { spec: 'haiku' } });
  });
});

describe('backend prompts', () => {
  const QA_BODY = '## QA\r\nCompare against {{BASE_BRANCH}}.\r\n\r\n<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->\r\nDone.';
  const PROMPT_FILES: Record<string, string> = {
    'ccm.config.yaml': 'version: 1\nautoClaude:\n  backendPath: ../backend\n',
    'components/auto-claude/prompts/qa_reviewer.yaml': 'injectionPoints: ["{{BASE_BRANCH}}", "<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->"]\n',
    'components/auto-claude/prompts/qa_reviewer.md': QA_BODY,
    'components/auto-claude/prompts/github/partials/full_context_analysis.yaml': 'description: partial\n',
    'components/auto-claude/prompts/github/partials/full_context_analysis.md': '# Full context\n\nRead {{everything}}.\n\n\n',
    'components/auto-claude/prompts/coder.yaml': 'template: true\n',
    'components/auto-claude/prompts/coder.md': 'You are the {{prompt.name}} agent.\nKeep \\{{BASE_BRANCH}} for the runtime.\n',
  };

  function backend(files: Record<string, string>) {
    const { repo } = memoryRepo(files);
    const resolved = resolveBackend(repo);
    if (!resolved) throw new Error('no backend');
    return renderBackend(resolved, createEngine(repo.templates));
  }
  const byPath = (files: OutputFile[]): Record<string, string> => Object.fromEntries(files.map((f) => [f.path, text(f)]));

  it('writes each prompt under prompts/, subfolders kept, literal bodies byte for byte', () => {
    const result = backend(PROMPT_FILES);
    expect(result.diagnostics).toEqual([]);
    const out = byPath(result.files);
    expect(Object.keys(out)).toEqual(['prompts/coder.md', 'prompts/github/partials/full_context_analysis.md', 'prompts/qa_reviewer.md']);
    expect(out['prompts/qa_reviewer.md']).toBe(QA_BODY);
    expect(out['prompts/qa_reviewer.md']).toContain('{{BASE_BRANCH}}');
    expect(out['prompts/qa_reviewer.md']).toContain('<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->');
    expect(out['prompts/github/partials/full_context_analysis.md']).toBe('# Full context\n\nRead {{everything}}.\n\n\n');
    const qa = result.files.find((f) => f.path === 'prompts/qa_reviewer.md')!;
    expect(qa.sources).toEqual(['components/auto-claude/prompts/qa_reviewer.yaml', 'components/auto-claude/prompts/qa_reviewer.md', '(built-in) templates/auto-claude/prompt.md.hbs']);
  });

  it('renders a body with template: true', () => {
    const out = byPath(backend(PROMPT_FILES).files);
    expect(out['prompts/coder.md']).toBe('You are the coder agent.\nKeep {{BASE_BRANCH}} for the runtime.\n');
  });

  it('lets templates/auto-claude/prompt.md.hbs in the repo override the built-in one', () => {
    const result = backend({ ...PROMPT_FILES, 'templates/auto-claude/prompt.md.hbs': '<!-- {{prompt.name}}: managed by ccm -->\n{{{body}}}' });
    const out = byPath(result.files);
    expect(out['prompts/qa_reviewer.md']).toBe(`<!-- qa_reviewer: managed by ccm -->\n${QA_BODY}`);
    expect(result.files[0]!.sources).toContain('templates/auto-claude/prompt.md.hbs');
  });

  it('reports a prompt without a Markdown body as MISSING_CONFIG', () => {
    const result = backend({ ...PROMPT_FILES, 'components/auto-claude/prompts/mcp_tools/api_validation.yaml': 'description: no body\n' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'MISSING_CONFIG', file: 'components/auto-claude/prompts/mcp_tools/api_validation.yaml', line: 1 }),
    ]);
    expect(result.diagnostics[0]!.hint).toContain('components/auto-claude/prompts/mcp_tools/api_validation.md');
    expect(result.files.map((f) => f.path)).not.toContain('prompts/mcp_tools/api_validation.md');
  });

  it('is deterministic', () => {
    expect(backend(PROMPT_FILES)).toEqual(backend(PROMPT_FILES));
  });
});

describe('model profile with only some per-phase values', () => {
  it('writes every phase, the flat value standing in for the missing ones', () => {
    const files = {
      'components/auto-claude/model-profiles/mixed.yaml': 'model: sonnet\nthinkingLevel: medium\nphaseModels:\n  planning: opus\n',
      'projects/mixed.yaml': 'path: ../p\nautoClaude:\n  modelProfile: mixed\n',
    };
    expect(build(files, 'mixed').result.specPatch?.set).toEqual({
      model: 'sonnet',
      thinkingLevel: 'medium',
      isAutoProfile: true,
      phaseModels: { spec: 'sonnet', planning: 'opus', coding: 'sonnet', qa: 'sonnet' },
      phaseThinking: { spec: 'medium', planning: 'medium', coding: 'medium', qa: 'medium' },
    });
  });
});
