import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics.js';
import { renderClaudeCode } from '../../src/render/claude-code/index.js';
import { createEngine } from '../../src/render/engine.js';
import type { OutputFile } from '../../src/render/types.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { memoryRepo } from '../helpers/memory-repo.js';

type Tree = Record<string, string | Uint8Array>;

/** memoryRepo → resolveProject → renderClaudeCode, failing on any load/validate/resolve error. */
function render(files: Tree, project = 'app'): { files: OutputFile[]; diagnostics: Diagnostic[]; byPath: Map<string, OutputFile> } {
  const { repo, diagnostics } = memoryRepo(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const resolved = resolveProject(repo, project);
  expect(resolved.diagnostics).toEqual([]);
  const out = renderClaudeCode(resolved.project!, createEngine(repo.templates));
  return { ...out, byPath: new Map(out.files.map((f) => [f.path, f])) };
}

function text(result: { byPath: Map<string, OutputFile> }, path: string): string {
  const file = result.byPath.get(path);
  expect(file, `${path} is rendered`).toBeDefined();
  expect(typeof file!.content).toBe('string');
  return file!.content as string;
}

/** Splits `---\n<yaml>---\n\n<body>` into the parsed frontmatter (keys in order) and the body. */
function splitFrontmatter(content: string): { frontmatter: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?\n)---\n\n([\s\S]*)$/.exec(content);
  expect(m, 'file starts with a frontmatter block').not.toBeNull();
  return { frontmatter: parseYaml(m![1]!) as Record<string, unknown>, body: m![2]! };
}

const project = (extra = ''): string => `path: out/app\ntargets: [claude-code]\nprofiles: [base]\n${extra}`;

const AGENT_YAML = `description: Reviews code for bugs.
tools: Read, Grep, Glob
model: sonnet
mcpServers: [github]
maxTurns: 5
`;

const HELPER_YAML = `description: Helps.
name: my-helper
tools: [Read, Write]
permissionMode: acceptEdits
mcpServers:
  - github
  - local-db:
      description: ccm only
      command: npx
      args: [-y, db-mcp]
      env:
        DB_PASSWORD: {secret: DB_PASSWORD}
hooks:
  PreToolUse:
    - matcher: Bash
      hooks:
        - type: command
          command: ./check.sh
`;

const FULL: Tree = {
  'projects/app.yaml': project(`components:
  settings: [local]
variables:
  projectName: Shop
`),
  'profiles/base.yaml': `components:
  subagents: [reviewer, helper]
  commands: [git/commit, plain]
  skills: [pdf-tools]
  settings: [base]
  hooks: [format, notify]
  mcp-servers: [github, docs, local]
  claude-md: [intro, rules, extras, aa-first]
variables:
  team: Platform
`,
  'secrets/DB_PASSWORD.age': 'age-encrypted-bytes',
  'secrets/GITHUB_TOKEN.age': 'age-encrypted-bytes',
  'secrets/HOOK_TOKEN.age': 'age-encrypted-bytes',
  'components/subagents/reviewer.yaml': AGENT_YAML,
  'components/subagents/reviewer.md': 'You review code.\r\nBe terse.\r\n\r\n\r\n',
  'components/subagents/helper.yaml': HELPER_YAML,
  'components/subagents/helper.md': 'You help.',
  'components/commands/git/commit.yaml': `description: Commit with a conventional message
allowed-tools: Bash(git add:*), Bash(git commit:*)
argument-hint: "[message]"
`,
  'components/commands/git/commit.md': 'Commit: $ARGUMENTS\n\n!`git status`\n\nSee @CONTRIBUTING.md and {{not.a.variable}}.\n',
  'components/commands/plain.yaml': '{}\n',
  'components/commands/plain.md': 'Just do $1.\n',
  'components/skills/pdf-tools/skill.yaml': `description: Extract PDF text.
allowed-tools: [Read, Bash(python3 *)]
paths: "**/*.pdf"
metadata:
  owner: platform
`,
  'components/skills/pdf-tools/SKILL.md': '# PDF tools\n\nRun scripts/extract.py.\n',
  'components/skills/pdf-tools/scripts/extract.py': 'print("hi")\n',
  'components/skills/pdf-tools/assets/logo.bin': new Uint8Array([0x89, 0x50, 0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x0d, 0x0a, 0x00]),
  'components/settings/base.yaml': `description: Team defaults
permissions:
  allow: [Bash(npm run *), Read(./src/**)]
  deny: [Read(./.env)]
env:
  DISABLE_TELEMETRY: "1"
model: sonnet
`,
  'components/settings/local.yaml': `description: Project additions
permissions:
  allow: [Read(./src/**), Bash(npm test *)]
  additionalDirectories: [../team-docs]
env:
  NODE_ENV: development
model: sonnet
cleanupPeriodDays: 30
extra:
  language: japanese
`,
  'components/hooks/format.yaml': `description: Format after edits
hooks:
  PostToolUse:
    - matcher: Edit|Write
      hooks:
        - type: command
          command: npx prettier --write
          timeout: 30
`,
  'components/hooks/notify.yaml': `description: Notify and format
hooks:
  Notification:
    - hooks:
        - type: http
          url: https://hooks.example.com/claude
          headers:
            Authorization: {secret: HOOK_TOKEN}
            X-Team: platform
          allowedEnvVars: [OTHER_VAR]
  PostToolUse:
    - matcher: Edit|Write
      hooks:
        - type: command
          command: npx prettier --write
          timeout: 30
    - matcher: Bash
      hooks:
        - type: command
          command: ./audit.sh
`,
  'components/mcp-servers/github.yaml': `description: GitHub (ccm only)
type: http
url: https://api.githubcopilot.com/mcp/
headers:
  Authorization: {secret: GITHUB_TOKEN}
`,
  'components/mcp-servers/docs.yaml': `command: npx
args: [-y, "@upstash/context7-mcp"]
env:
  CONTEXT7_API_KEY: "\${CONTEXT7_API_KEY}"
`,
  'components/mcp-servers/local.yaml': `type: stdio
command: ./server
env:
  DB_PASSWORD: {secret: DB_PASSWORD}
`,
  'components/claude-md/intro.yaml': 'order: 10\ntemplate: true\n',
  'components/claude-md/intro.md': '# {{vars.projectName}}\n\nTeam {{vars.team}} of {{project}}.\n\n',
  'components/claude-md/rules.yaml': 'order: 20\n',
  'components/claude-md/rules.md': 'Rules use {{literal}} braces.\n',
  'components/claude-md/extras.yaml': 'description: no order means 100\n',
  'components/claude-md/extras.md': 'Extras.\n',
  'components/claude-md/aa-first.yaml': 'order: 10\n',
  'components/claude-md/aa-first.md': 'First.\n',
};

describe('renderClaudeCode', () => {
  it('writes one subagent file per selected subagent, frontmatter name first then the fields as written', () => {
    const r = render(FULL);
    expect(r.diagnostics).toEqual([]);
    const reviewer = splitFrontmatter(text(r, '.claude/agents/reviewer.md'));
    expect(Object.keys(reviewer.frontmatter)).toEqual(['name', 'description', 'tools', 'model', 'mcpServers', 'maxTurns']);
    expect(reviewer.frontmatter).toEqual({ name: 'reviewer', ...(parseYaml(AGENT_YAML) as object) });
    expect(reviewer.frontmatter['tools']).toBe('Read, Grep, Glob');
    expect(reviewer.body).toBe('You review code.\nBe terse.\n');

    const helperFile = text(r, '.claude/agents/helper.md');
    const helper = splitFrontmatter(helperFile);
    expect(Object.keys(helper.frontmatter)).toEqual(['name', 'description', 'tools', 'permissionMode', 'mcpServers', 'hooks']);
    expect(helper.frontmatter['name']).toBe('my-helper');
    expect(helper.frontmatter['hooks']).toEqual((parseYaml(HELPER_YAML) as Record<string, unknown>)['hooks']);
    expect(helper.frontmatter['mcpServers']).toEqual(['github', { 'local-db': { command: 'npx', args: ['-y', 'db-mcp'], env: { DB_PASSWORD: '${DB_PASSWORD}' } } }]);
    expect(helper.body).toBe('You help.\n');
    expect(r.byPath.get('.claude/agents/helper.md')!.sources).toEqual([
      'components/subagents/helper.yaml', 'components/subagents/helper.md', '(built-in) templates/claude-code/agent.md.hbs',
    ]);
  });

  it('writes namespaced commands, without a frontmatter block when there are no fields, bodies untouched', () => {
    const r = render(FULL);
    const commit = text(r, '.claude/commands/git/commit.md');
    const { frontmatter, body } = splitFrontmatter(commit);
    expect(Object.keys(frontmatter)).toEqual(['description', 'allowed-tools', 'argument-hint']);
    expect(frontmatter['allowed-tools']).toBe('Bash(git add:*), Bash(git commit:*)');
    expect(body).toBe('Commit: $ARGUMENTS\n\n!`git status`\n\nSee @CONTRIBUTING.md and {{not.a.variable}}.\n');
    expect(text(r, '.claude/commands/plain.md')).toBe('Just do $1.\n');
  });

  it('writes SKILL.md with the folder name and copies supporting files byte for byte', () => {
    const r = render(FULL);
    const skill = splitFrontmatter(text(r, '.claude/skills/pdf-tools/SKILL.md'));
    expect(Object.keys(skill.frontmatter)).toEqual(['name', 'description', 'allowed-tools', 'paths', 'metadata']);
    expect(skill.frontmatter['name']).toBe('pdf-tools');
    expect(skill.body).toBe('# PDF tools\n\nRun scripts/extract.py.\n');
    const bin = r.byPath.get('.claude/skills/pdf-tools/assets/logo.bin')!;
    expect(bin.content).toBeInstanceOf(Uint8Array);
    expect(Array.from(bin.content as Uint8Array)).toEqual(Array.from(FULL['components/skills/pdf-tools/assets/logo.bin'] as Uint8Array));
    expect(bin.sources).toEqual(['components/skills/pdf-tools/assets/logo.bin']);
    expect(new TextDecoder().decode(r.byPath.get('.claude/skills/pdf-tools/scripts/extract.py')!.content as Uint8Array)).toBe('print("hi")\n');
  });

  it('merges settings fragments: lists concatenated without duplicates, maps key by key, extra at the top level', () => {
    const r = render(FULL);
    const raw = text(r, '.claude/settings.json');
    const settings = JSON.parse(raw) as Record<string, unknown>;
    // No fragment sets $schema, so ccm writes none.
    expect(Object.keys(settings)).toEqual(['permissions', 'env', 'model', 'cleanupPeriodDays', 'language', 'hooks']);
    // base comes from the profile, local from the project: profile fragments first.
    expect(settings['permissions']).toEqual({
      allow: ['Bash(npm run *)', 'Read(./src/**)', 'Bash(npm test *)'],
      deny: ['Read(./.env)'],
      additionalDirectories: ['../team-docs'],
    });
    expect(settings['env']).toEqual({ DISABLE_TELEMETRY: '1', NODE_ENV: 'development' });
    expect(settings['model']).toBe('sonnet');
    expect(raw).not.toContain('description');
    expect(raw).not.toContain('Team defaults');
    expect(raw).toBe(`${JSON.stringify(settings, null, 2)}\n`);
    const file = r.byPath.get('.claude/settings.json')!;
    expect(file.keySources).toEqual({
      permissions: 'components/settings/base.yaml:2',
      env: 'components/settings/base.yaml:5',
      model: 'components/settings/base.yaml:7',
      cleanupPeriodDays: 'components/settings/local.yaml:8',
      language: 'components/settings/local.yaml:10',
      hooks: 'components/hooks/format.yaml:2',
    });
    expect(file.sources).toEqual([
      'components/settings/base.yaml', 'components/settings/local.yaml', 'components/hooks/format.yaml', 'components/hooks/notify.yaml',
      '(built-in) templates/claude-code/settings.json.hbs',
    ]);
    expect(r.files.some((f) => f.path.endsWith('settings.local.json'))).toBe(false);
  });

  it('merges hooks of several components: events by first appearance, identical groups once, secrets as allowed ${NAME}', () => {
    const r = render(FULL);
    const settings = JSON.parse(text(r, '.claude/settings.json')) as { hooks: Record<string, unknown> };
    expect(Object.keys(settings.hooks)).toEqual(['PostToolUse', 'Notification']);
    expect(settings.hooks['PostToolUse']).toEqual([
      { matcher: 'Edit|Write', hooks: [{ type: 'command', command: 'npx prettier --write', timeout: 30 }] },
      { matcher: 'Bash', hooks: [{ type: 'command', command: './audit.sh' }] },
    ]);
    expect(settings.hooks['Notification']).toEqual([
      {
        hooks: [{
          type: 'http',
          url: 'https://hooks.example.com/claude',
          headers: { Authorization: '${HOOK_TOKEN}', 'X-Team': 'platform' },
          allowedEnvVars: ['OTHER_VAR', 'HOOK_TOKEN'],
        }],
      },
    ]);
  });

  it('writes $schema exactly as a fragment sets it, first, and keys ccm does not know in place, unchanged', () => {
    const r = render({
      'ccm.config.yaml': 'version: 1\n',
      'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\ncomponents:\n  settings: [base]\n',
      'components/settings/base.yaml': 'model: sonnet\nfutureSetting: { a: [1, 2] }\n$schema: https://www.schemastore.org/claude-code-settings.json\n',
    });
    const raw = text(r, '.claude/settings.json');
    expect(Object.keys(JSON.parse(raw) as object)).toEqual(['$schema', 'model', 'futureSetting']);
    expect(JSON.parse(raw)).toEqual({ $schema: 'https://www.schemastore.org/claude-code-settings.json', model: 'sonnet', futureSetting: { a: [1, 2] } });
  });

  it('writes {} for selected settings fragments that set nothing', () => {
    const r = render({
      'ccm.config.yaml': 'version: 1\n',
      'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\ncomponents:\n  settings: [empty]\n',
      'components/settings/empty.yaml': 'description: nothing yet\n',
    });
    expect(text(r, '.claude/settings.json')).toBe('{}\n');
  });

  it('reports two fragments setting one scalar differently as CONFLICT at the second, naming both files and lines', () => {
    const r = render({
      ...FULL,
      'components/settings/local.yaml': `permissions:
  allow: [Read(./src/**)]
  defaultMode: plan
model: opus
`,
      'components/settings/base.yaml': `permissions:
  defaultMode: acceptEdits
model: sonnet
`,
    });
    const conflicts = r.diagnostics.filter((d) => d.code === 'CONFLICT');
    expect(conflicts).toHaveLength(2);
    const [mode, model] = conflicts;
    expect(mode).toMatchObject({ severity: 'error', file: 'components/settings/local.yaml', line: 3, col: 3 });
    expect(mode!.message).toContain('permissions.defaultMode');
    expect(mode!.message).toContain('components/settings/local.yaml:3');
    expect(mode!.message).toContain('components/settings/base.yaml:2');
    expect(model).toMatchObject({ severity: 'error', file: 'components/settings/local.yaml', line: 4, col: 1 });
    expect(model!.message).toContain('components/settings/base.yaml:3');
    expect(model!.message).toMatch(/"opus".*"sonnet"/);
  });

  it('writes .mcp.json sorted by name, ccm-only fields dropped, type as written, secrets as ${NAME}', () => {
    const r = render(FULL);
    const raw = text(r, '.mcp.json');
    const mcp = JSON.parse(raw) as { mcpServers: Record<string, Record<string, unknown>> };
    expect(Object.keys(mcp)).toEqual(['mcpServers']);
    expect(Object.keys(mcp.mcpServers)).toEqual(['docs', 'github', 'local']);
    expect(mcp.mcpServers['docs']).toEqual({ command: 'npx', args: ['-y', '@upstash/context7-mcp'], env: { CONTEXT7_API_KEY: '${CONTEXT7_API_KEY}' } });
    expect(mcp.mcpServers['github']).toEqual({ type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: '${GITHUB_TOKEN}' } });
    expect(mcp.mcpServers['local']).toEqual({ type: 'stdio', command: './server', env: { DB_PASSWORD: '${DB_PASSWORD}' } });
    expect(raw).not.toContain('age-encrypted-bytes');
    expect(raw).not.toContain('secret');
    expect(raw).not.toContain('ccm only');
    expect(raw).toBe(`${JSON.stringify(mcp, null, 2)}\n`);
    // The subagent's inline server is not a project server.
    expect(raw).not.toContain('local-db');
  });

  it('writes CLAUDE.md sections by order then name, rendering only template sections', () => {
    const r = render(FULL);
    expect(text(r, 'CLAUDE.md')).toBe('First.\n\n# Shop\n\nTeam Platform of app.\n\nRules use {{literal}} braces.\n\nExtras.\n');
    expect(r.byPath.get('CLAUDE.md')!.sources).toEqual([
      'components/claude-md/aa-first.yaml', 'components/claude-md/aa-first.md',
      'components/claude-md/intro.yaml', 'components/claude-md/intro.md',
      'components/claude-md/rules.yaml', 'components/claude-md/rules.md',
      'components/claude-md/extras.yaml', 'components/claude-md/extras.md',
      '(built-in) templates/claude-code/CLAUDE.md.hbs',
    ]);
  });

  it('reports a misspelt variable in a template section as TEMPLATE_ERROR with file and line', () => {
    const r = render({ ...FULL, 'components/claude-md/intro.md': '# Intro\n\nTeam {{vars.teem}}.\n' });
    const errors = r.diagnostics.filter((d) => d.code === 'TEMPLATE_ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ severity: 'error', file: 'components/claude-md/intro.md', line: 3 });
    expect(errors[0]!.message).toContain('teem');
    expect(r.byPath.has('CLAUDE.md')).toBe(false);
  });

  it('uses a repo template override instead of the built-in one', () => {
    const r = render({ ...FULL, 'templates/claude-code/agent.md.hbs': '---\n{{yaml frontmatter}}---\n\n<!-- {{project}} for {{vars.team}} -->\n{{body}}\n' });
    const reviewer = r.byPath.get('.claude/agents/reviewer.md')!;
    expect(reviewer.content).toContain('<!-- app for Platform -->\nYou review code.');
    expect(reviewer.sources).toContain('templates/claude-code/agent.md.hbs');
    expect(reviewer.sources).not.toContain('(built-in) templates/claude-code/agent.md.hbs');
    expect(r.byPath.get('.claude/commands/plain.md')!.sources).toContain('(built-in) templates/claude-code/command.md.hbs');
  });

  it('is deterministic: the same input twice gives identical paths and bytes', () => {
    const a = render(FULL).files;
    const b = render(FULL).files;
    expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
    a.forEach((f, i) => expect(b[i]!.content).toEqual(f.content));
    for (const f of a) {
      if (typeof f.content !== 'string') continue;
      expect(f.content.endsWith('\n') && !f.content.endsWith('\n\n')).toBe(true);
      expect(f.content).not.toContain('\r');
    }
  });

  it('omits settings.json, .mcp.json and CLAUDE.md when nothing selected contributes to them', () => {
    const r = render({
      'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\ncomponents:\n  commands: [plain]\n',
      'components/commands/plain.yaml': '{}\n',
      'components/commands/plain.md': 'Hello\n',
    });
    expect(r.files.map((f) => f.path)).toEqual(['.claude/commands/plain.md']);
  });

  it('renders nothing for a project that does not target Claude Code', () => {
    const r = render({ ...FULL, 'projects/app.yaml': 'path: out/app\ntargets: [auto-claude]\nprofiles: [base]\n' });
    expect(r.files).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});
