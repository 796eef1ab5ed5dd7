import { describe, expect, it } from 'vitest';
import { parseFrontmatterYaml, splitFrontmatter } from '../../src/core/frontmatter.js';
import { envValues, parseDotenv } from '../../src/import/auto-claude/dotenv.js';
import { mapEnv, secretPool } from '../../src/import/auto-claude/env-map.js';
import { promptFields } from '../../src/import/auto-claude/scan.js';
import { jsonSyntaxError } from '../../src/import/claude/json.js';
import { firstInvalidUtf8, SecretRef } from '../../src/import/model.js';
import { withSecretNames } from '../../src/import/yaml-out.js';
import { formatEnvJson, formatEnvValue } from '../../src/render/auto-claude/dotenv.js';

describe('.env reader', () => {
  it('reads bare, quoted and exported values, comments and blank lines', () => {
    const { entries, diagnostics } = parseDotenv([
      '# comment',
      '',
      'A=plain',
      'B="two words"  # trailing comment',
      "C='single # not a comment'",
      'export D=exported',
      'E=',
      '  F = spaced ',
      'G="esc \\"q\\" \\n"',
      'H=bare # comment',
    ].join('\n'), '.env');
    expect(Object.fromEntries(entries.map((e) => [e.key, e.value]))).toEqual({
      A: 'plain', B: 'two words', C: 'single # not a comment', D: 'exported', E: '', F: 'spaced', G: 'esc "q" \n', H: 'bare',
    });
    expect(diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'IMPORT_NOT_EXACT', 9], ['warning', 'IMPORT_NOT_EXACT', 10]]);
  });

  it('reports broken quoting, lines that are no assignment and repeated keys at file:line:col', () => {
    const { entries, diagnostics } = parseDotenv('A=1\nB="open\nC=\'x\' y\nno equals here\nA=2\n', 'p/.env');
    expect(entries.map((e) => [e.key, e.value, e.line])).toEqual([['A', '2', 5]]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      expect.stringMatching(/^p\/\.env:2:3 IMPORT_SYNTAX the value of B opens a " quote that is not closed/),
      expect.stringMatching(/^p\/\.env:3:7 IMPORT_SYNTAX text after the closing ' of C/),
      expect.stringMatching(/^p\/\.env:4:1 IMPORT_SYNTAX this line is not KEY=value/),
      expect.stringMatching(/^p\/\.env:5:1 IMPORT_SYNTAX A is set again \(first on line 1\)/),
    ]);
  });

  it('reads back every value the render stage writes', () => {
    const samples = ['plain', 'two words', 'has "double"', "has 'single'", 'both \' and "', 'back\\slash', 'x#y', 'a = b', ''];
    const text = samples.map((v, i) => `K${i}=${formatEnvValue(v).text}`).join('\n') + `\nJ=${formatEnvJson([{ a: "it's", b: 'c\\d' }])}\n`;
    const back = envValues(text);
    samples.forEach((v, i) => expect(back.get(`K${i}`), JSON.stringify(v)).toBe(v));
    expect(JSON.parse(back.get('J')!)).toEqual([{ a: "it's", b: 'c\\d' }]);
  });
});

describe('.env → autoClaude mapping', () => {
  const map = (lines: string[], project = 'web'): ReturnType<typeof mapEnv> & { secrets: ReturnType<typeof secretPool> } => {
    const secrets = secretPool();
    const r = mapEnv(parseDotenv(lines.join('\n'), '.env').entries, '.env', project, secrets);
    return { ...r, secrets };
  };

  it('puts values into typed fields only when the build writes them back exactly', () => {
    const r = map([
      'USE_CLAUDE_MD=true', 'CONTEXT7_ENABLED=false', 'LINEAR_MCP_ENABLED=True', 'GITHUB_REPO=acme/x', 'GITLAB_INSTANCE_URL=gitlab.local',
      'MAX_PR_WORKTREES=05', 'GITHUB_AUTO_SYNC=true', 'DEFAULT_BRANCH=main', 'lower_case=1',
    ]);
    expect(withSecretNames(r.autoClaude)).toEqual({
      useClaudeMd: true,
      mcp: { context7: false },
      integrations: { github: { repo: 'acme/x', autoSync: true } },
      env: { LINEAR_MCP_ENABLED: 'True', GITLAB_INSTANCE_URL: 'gitlab.local', MAX_PR_WORKTREES: '05', DEFAULT_BRANCH: 'main' },
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['IMPORT_SKIPPED']);
  });

  it('turns secret values into references and never into YAML', () => {
    const r = map([
      'LINEAR_API_KEY=lin_1', 'GITHUB_TOKEN=gh_1', 'OPENAI_API_KEY=sk_1', 'MY_SERVICE_TOKEN=svc_value_1', 'GITLAB_TOKEN=',
      'CUSTOM_MCP_SERVERS=[{"id":"docs","name":"Docs","type":"http","url":"https://d.example/mcp","headers":{"Authorization":"Bearer x","X-Empty":""}},{"id":"bad","name":"Bad","type":"command","command":"bash"}]',
    ]);
    const yaml = JSON.stringify(withSecretNames(r.autoClaude));
    for (const secret of ['lin_1', 'gh_1', 'sk_1', 'svc_value_1', 'Bearer x']) expect(yaml).not.toContain(secret);
    expect(withSecretNames(r.autoClaude)).toEqual({
      customMcpServers: [{ id: 'docs', name: 'Docs', type: 'http', url: 'https://d.example/mcp', headers: { Authorization: { secret: 'DOCS_AUTHORIZATION' }, 'X-Empty': '' } }],
      integrations: { linear: { apiKey: { secret: 'LINEAR_API_KEY' } }, github: { token: { secret: 'GITHUB_TOKEN' } } },
      env: { OPENAI_API_KEY: { secret: 'OPENAI_API_KEY' }, MY_SERVICE_TOKEN: { secret: 'MY_SERVICE_TOKEN' }, GITLAB_TOKEN: '' },
    });
    expect(r.secrets.all().map((s) => [s.name, s.value])).toEqual([
      ['LINEAR_API_KEY', 'lin_1'], ['GITHUB_TOKEN', 'gh_1'], ['OPENAI_API_KEY', 'sk_1'], ['MY_SERVICE_TOKEN', 'svc_value_1'], ['DOCS_AUTHORIZATION', 'Bearer x'],
    ]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/custom MCP server "bad" .* has the command "bash"/)]);
  });

  it('stores one value once and a second value under a project-specific name', () => {
    const secrets = secretPool();
    const a = secrets.add('GITHUB_TOKEN', 'same', '.env:1', 'web');
    const b = secrets.add('GITHUB_TOKEN', 'same', '.env:2', 'api');
    const c = secrets.add('GITHUB_TOKEN', 'other', '.env:3', 'orders-api');
    expect(a).toBe(b);
    expect(c.name).toBe('GITHUB_TOKEN_ORDERS_API');
    expect(new SecretRef(c).draft.name).toBe('GITHUB_TOKEN_ORDERS_API');
  });

  it('maps AGENT_MCP_* into the project\'s agents.<type>.mcp as written, and leaves out what the runtime ignores', () => {
    const r = map([
      'AGENT_MCP_qa_reviewer_REMOVE=context7,auto-claude',
      'AGENT_MCP_qa_reviewer_ADD=docs,graphiti-memory,browser',
      'AGENT_MCP_coder_ADD=linear,puppeteer',
      'AGENT_MCP_coder_REMOVE=linear',
      'AGENT_MCP_QA_FIXER_ADD=linear',
      'AGENT_MCP_robot_ADD=x',
      'CUSTOM_MCP_SERVERS=[{"id":"docs","name":"Docs","type":"http","url":"https://d.example/mcp"}]',
    ]);
    expect(r.autoClaude['agents']).toEqual({
      coder: { mcp: { add: ['puppeteer'], remove: ['linear'] } },
      qa_reviewer: { mcp: { add: ['docs', 'graphiti-memory'], remove: ['context7'] } },
    });
    expect(Object.keys(r.autoClaude)).toEqual(['customMcpServers', 'agents']);
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 1, expect.stringMatching(/"auto-claude", which Auto-Claude never removes/)],
      ['warning', 2, expect.stringMatching(/"browser", which Auto-Claude cannot map/)],
      ['error', 5, expect.stringMatching(/AGENT_MCP_QA_FIXER_ADD is never read: Auto-Claude reads the exact-case key AGENT_MCP_qa_fixer_ADD/)],
      ['error', 6, expect.stringMatching(/agent type "robot"/)],
      ['warning', 3, expect.stringMatching(/"linear", which AGENT_MCP_coder_REMOVE removes again/)],
    ]);
  });
});

describe('frontmatter, JSON and UTF-8 positions', () => {
  it('splits Markdown losslessly', () => {
    for (const text of ['---\na: 1\n---\n\nbody\n', '---\r\na: 1\r\n---\r\nbody', 'no frontmatter\n---\n', '---\nunclosed\n', '\uFEFF---\n---\n\n\nx', '---\na: 1\n---']) {
      const s = splitFrontmatter(text);
      expect(s.prefix + s.body).toBe(text);
    }
    expect(splitFrontmatter('---\na: 1\n---\n\n\nbody\n')).toEqual({ prefix: '---\na: 1\n---\n\n\n', yaml: 'a: 1', yamlLine: 2, body: 'body\n' });
    expect(splitFrontmatter('---\nunclosed\n').yaml).toBeUndefined();
    expect(parseFrontmatterYaml('a: [1\n').error?.line).toBeGreaterThanOrEqual(1);
    expect(parseFrontmatterYaml('').value).toEqual({});
    expect(parseFrontmatterYaml('- a').error?.message).toMatch(/not a mapping/);
  });

  it('finds the line and column of a JSON syntax error', () => {
    expect(jsonSyntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, col: 1, message: 'a trailing comma before }' });
    expect(jsonSyntaxError('{"a" 1}')).toMatchObject({ line: 1, col: 6, message: expect.stringMatching(/expected ":"/) });
    expect(jsonSyntaxError('{\n "a": "x\n"}')).toMatchObject({ line: 2, col: 9, message: expect.stringMatching(/control character/) });
    expect(jsonSyntaxError('[1, 2] x')).toMatchObject({ line: 1, col: 8 });
    expect(jsonSyntaxError('')).toMatchObject({ line: 1, col: 1 });
  });

  it('finds the first invalid UTF-8 byte', () => {
    expect(firstInvalidUtf8(Buffer.from('héllo'))).toBe(6);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xff]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0);
  });
});

describe('prompt fields', () => {
  it('takes the description from the first heading and finds every injection point', () => {
    expect(promptFields('intro\n\n## YOUR ROLE - *QA*\n{{BASE_BRANCH}} and {{BASE_BRANCH}}\n<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->\n{{not_upper}}\n')).toEqual({
      description: 'YOUR ROLE - QA',
      injectionPoints: ['{{BASE_BRANCH}}', '<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->'],
    });
    expect(promptFields('<!-- c -->\nJust text.\n')).toEqual({ description: 'Just text.' });
    expect(promptFields('')).toEqual({});
  });
});
