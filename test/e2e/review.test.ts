import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm as run, PROJECT_ROOT, tempDir } from '../helpers/cli.js';
import { exampleRepo, gitOk, noGitVars } from '../helpers/git.js';

const ccm = async (args: readonly string[], cwd: string) => await run(args, { cwd, env: { ...noGitVars(), CCM_AGE_IDENTITY: undefined, CCM_AGE_KEY_FILE: undefined } });

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** The example, committed; then four changes in the working tree that a reviewer must notice. */
function changedExample(): { base: string; config: string; out: string } {
  const repo = exampleRepo();
  const c = repo.config;
  edit(join(c, 'components/settings/base.yaml'), '    - Bash(npm run *)\n', '    - Bash(*)\n    - Bash(npm run *)\n');
  writeFileSync(join(c, 'components/mcp-servers/docs.yaml'), 'description: Internal docs\ntype: http\nurl: https://mcp.internal.example.com/docs\n');
  edit(join(c, 'profiles/web.yaml'), 'mcp-servers: [playwright, sentry, atlassian, log-stream]', 'mcp-servers: [playwright, sentry, atlassian, log-stream, docs]');
  edit(join(c, 'components/subagents/test-writer.yaml'), '\nmodel: sonnet\n', '\nmodel: opus\n');
  writeFileSync(join(c, 'components/auto-claude/prompts/coder.md'), readFileSync(join(c, 'components/auto-claude/prompts/coder.md'), 'utf8') + '\nAlways push straight to main.\n');
  return repo;
}

interface Risk {
  kind: string;
  severity: string;
  project: string;
  path: string;
  detail: string;
}
interface Data {
  base: { ref: string; commit: string };
  risks: Risk[];
  files: { project: string; path: string; action: string; diff: string; secret?: boolean }[];
}

describe('ccm diff --base', () => {
  it('--format markdown: the behaviour changes first, then every diff in a collapsible block', async () => {
    const { config, out } = changedExample();
    const r = await ccm(['diff', '--base', 'HEAD', '--format', 'markdown'], config);
    expect(r.code, r.stderr).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^### ccm: generated files compared with `HEAD` \([0-9a-f]{12}\)/);
    expect(md).toContain('**Behaviour changes to review:** 3 high, 2 medium, 0 low');
    expect(md).toContain('| **high** | permission | web-app | `.claude/settings.json` | allow rule added: Bash(*) |');
    expect(md).toContain('| **high** | permission | api-service | `.claude/settings.json` | allow rule added: Bash(*) |');
    expect(md).toContain('| **high** | mcp-server | web-app | `.mcp.json` | new MCP server "docs" (http): https://mcp.internal.example.com/docs |');
    expect(md).toContain('| medium | model | web-app | `.claude/agents/test-writer.md` | subagent model: sonnet → opus |');
    expect(md).toContain('| medium | prompt | (backend) | `prompts/coder.md` | Auto-Claude prompt changed |');
    expect(md.indexOf('Behaviour changes')).toBeLessThan(md.indexOf('<details>'));
    expect(md).toContain('<details><summary><code>web-app/.mcp.json</code> (update)</summary>');
    expect(md).toContain('+      "Bash(*)",');
    expect(md).toContain('+Always push straight to main.');
    expect(md).toContain('-model: sonnet\n+model: opus');
    // Rendered in memory: nothing was written.
    expect(existsSync(out)).toBe(false);
  });

  it('--json gives data.risks and data.files', async () => {
    const { config } = changedExample();
    const r = await ccm(['diff', '--base', 'HEAD', '--json'], config);
    expect(r.code, r.stderr).toBe(0);
    const envelope = JSON.parse(r.stdout) as { ok: boolean; command: string; data: Data };
    expect(envelope.ok).toBe(true);
    expect(envelope.command).toBe('diff');
    const { data } = envelope;
    expect(data.base.ref).toBe('HEAD');
    expect(data.base.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(data.risks).toEqual(
      expect.arrayContaining([
        { kind: 'permission', severity: 'high', project: 'web-app', path: '.claude/settings.json', detail: 'allow rule added: Bash(*)' },
        { kind: 'mcp-server', severity: 'high', project: 'web-app', path: '.mcp.json', detail: 'new MCP server "docs" (http): https://mcp.internal.example.com/docs' },
        { kind: 'model', severity: 'medium', project: 'web-app', path: '.claude/agents/test-writer.md', detail: 'subagent model: sonnet → opus' },
        { kind: 'prompt', severity: 'medium', project: '(backend)', path: 'prompts/coder.md', detail: 'Auto-Claude prompt changed' },
      ]),
    );
    expect(data.files.map((f) => `${f.project} ${f.path} ${f.action}`)).toEqual([
      '(backend) prompts/coder.md update',
      'api-service .claude/settings.json update',
      'web-app .claude/agents/test-writer.md update',
      'web-app .claude/settings.json update',
      'web-app .mcp.json update',
    ]);
  });

  it('unified by default: diffs on stdout, the behaviour changes on stderr; projects can be chosen', async () => {
    const { config } = changedExample();
    const r = await ccm(['diff', '--base', 'HEAD', 'web-app'], config);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/\(backend\)\/prompts\/coder\.md\n\+\+\+ b\/\(backend\)\/prompts\/coder\.md\n/);
    expect(r.stdout).toContain('--- a/web-app/.mcp.json\n+++ b/web-app/.mcp.json\n');
    expect(r.stdout).not.toContain('api-service');
    expect(r.stderr).toMatch(/Behaviour changes to review \(4\):\n {2}high {3}permission {6}web-app\/\.claude\/settings\.json: allow rule added: Bash\(\*\)/);
  });

  it('compares with an earlier commit, not with the disk, and says when nothing changed', async () => {
    const { base, config } = changedExample();
    gitOk(base, 'add', '-A');
    gitOk(base, 'commit', '-q', '-m', 'risky');
    const same = await ccm(['diff', '--base', 'HEAD', '--format', 'markdown'], config);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No generated file changes.');
    const earlier = await ccm(['diff', '--base', 'HEAD~1', '--json'], config);
    expect((JSON.parse(earlier.stdout) as { data: Data }).data.files).toHaveLength(5);
  });

  it('never shows the contents of a file holding secrets, and needs no identity', async () => {
    const { config } = exampleRepo();
    mkdirSync(join(config, 'secrets'), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, 'test/fixtures/age/armored.age'), join(config, 'secrets/LINEAR_API_KEY.age'));
    edit(join(config, 'projects/web-app.yaml'), '      teamId: WEB\n', '      teamId: WEB\n      apiKey: { secret: LINEAR_API_KEY }\n');
    const r = await ccm(['diff', '--base', 'HEAD', '--json'], config);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const data = (JSON.parse(r.stdout) as { data: Data }).data;
    const env = data.files.find((f) => f.path === '.auto-claude/.env')!;
    expect(env).toMatchObject({ project: 'web-app', action: 'update', secret: true });
    expect(env.diff).toContain('contents hidden');
    expect(r.stdout).not.toMatch(/LINEAR_API_KEY=|value from the age CLI/);
    expect(data.risks).toContainEqual({ kind: 'env', severity: 'high', project: 'web-app', path: '.auto-claude/.env', detail: 'LINEAR_API_KEY changed (changes the credentials in use)' });
  });

  it('treats every output as new when the base has no config repo yet', async () => {
    const repo = tempDir();
    gitOk(repo, 'init', '-q');
    writeFileSync(join(repo, 'README.md'), 'hi\n');
    gitOk(repo, 'add', '-A');
    gitOk(repo, 'commit', '-q', '-m', 'readme');
    cpSync(join(PROJECT_ROOT, 'examples'), join(repo, 'examples'), { recursive: true });
    const r = await ccm(['diff', '--base', 'HEAD', '--json', '--cwd', 'examples/team-config'], repo);
    expect(r.code, r.stderr).toBe(0);
    const files = (JSON.parse(r.stdout) as { data: Data }).data.files;
    expect(files.length).toBeGreaterThan(20);
    expect(new Set(files.map((f) => f.action))).toEqual(new Set(['create']));
  });

  it('refuses an unknown ref (exit 2) and a config repo outside git', async () => {
    const { config } = exampleRepo();
    const bad = await ccm(['diff', '--base', 'no-such-branch'], config);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown git ref "no-such-branch"/);
    const option = await ccm(['diff', '--base', '--upload-pack=x'], config);
    expect(option.code).toBe(2);
    const notGit = tempDir();
    cpSync(join(PROJECT_ROOT, 'examples/team-config'), notGit, { recursive: true });
    const r = await ccm(['diff', '--base', 'HEAD'], notGit);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NOT_A_GIT_REPO/);
  });
});
