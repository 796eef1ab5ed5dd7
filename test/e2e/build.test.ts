import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ccm, PROJECT_ROOT, tempCopy, tempDir } from '../helpers/cli.js';
import { executables, mtimes, readTreeFiles, snapshot } from '../helpers/tree.js';

const GOLDEN = join(PROJECT_ROOT, 'test/golden/team-config');

/** A temp copy of examples/ whose outputs land in <tmp>/out. */
function example(): { base: string; config: string; out: string } {
  const base = tempCopy('examples');
  rmSync(join(base, 'out'), { recursive: true, force: true });
  return { base, config: join(base, 'team-config'), out: join(base, 'out') };
}

function frontmatter(text: string): { data: Record<string, unknown>; body: string } {
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) return { data: {}, body: text };
  return { data: parseYaml(m[1]!) as Record<string, unknown>, body: m[2]! };
}

describe('ccm build on the bundled example', () => {
  it('writes exactly the committed golden tree', async () => {
    const { config, out } = example();
    const r = await ccm(['build', '--cwd', config]);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.code).toBe(0);
    const actual = readTreeFiles(out);
    if (process.env['UPDATE_GOLDEN']) {
      rmSync(GOLDEN, { recursive: true, force: true });
      cpSync(out, GOLDEN, { recursive: true });
    }
    const expected = readTreeFiles(GOLDEN);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [path, bytes] of expected) expect(actual.get(path)?.toString('utf8'), path).toBe(bytes.toString('utf8'));
    // Modes too: the golden files are committed with the mode each output must have (git keeps 100755).
    expect(executables(GOLDEN)).toContain('web-app/.claude/skills/release-notes/scripts/collect.sh');
    expect(executables(out)).toEqual(executables(GOLDEN));
  });

  it('writes files the runtimes accept', async () => {
    const { config, out } = example();
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const app = join(out, 'web-app');

    const settings = JSON.parse(readFileSync(join(app, '.claude/settings.json'), 'utf8')) as Record<string, unknown>;
    expect(settings['$schema']).toBe('https://json.schemastore.org/claude-code-settings.json');
    // Validation against SchemaStore's published schema: test/conformance/generated-settings.test.ts.
    expect(existsSync(join(app, '.claude/settings.local.json'))).toBe(false);

    const agent = frontmatter(readFileSync(join(app, '.claude/agents/code-reviewer.md'), 'utf8'));
    expect(Object.keys(agent.data)[0]).toBe('name');
    expect(agent.data['name']).toBe('code-reviewer');
    expect(typeof agent.data['description']).toBe('string');
    expect(agent.body.trim().length).toBeGreaterThan(0);

    const commit = frontmatter(readFileSync(join(app, '.claude/commands/git/commit.md'), 'utf8'));
    expect(commit.body).toContain('$ARGUMENTS');

    const skill = frontmatter(readFileSync(join(app, '.claude/skills/release-notes/SKILL.md'), 'utf8'));
    expect(skill.data['name']).toBe('release-notes');
    expect(readFileSync(join(app, '.claude/skills/release-notes/scripts/collect.sh'))).toEqual(
      readFileSync(join(config, 'components/skills/release-notes/scripts/collect.sh')),
    );

    const mcp = JSON.parse(readFileSync(join(app, '.mcp.json'), 'utf8')) as { mcpServers: Record<string, Record<string, unknown>> };
    expect(Object.keys(mcp)).toEqual(['mcpServers']);
    for (const [name, server] of Object.entries(mcp.mcpServers)) {
      expect(server['description'], name).toBeUndefined();
      if (server['type'] === undefined || server['type'] === 'stdio') expect(typeof server['command'], name).toBe('string');
      else expect(typeof server['url'], name).toBe('string');
    }

    const env = readFileSync(join(app, '.auto-claude/.env'), 'utf8');
    for (const line of env.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^[A-Za-z_][A-Za-z0-9_]*=/);
    expect(env).toMatch(/^CUSTOM_MCP_SERVERS=/m);

    const qa = readFileSync(join(out, 'auto-claude/apps/backend/prompts/qa_reviewer.md'));
    expect(qa).toEqual(readFileSync(join(config, 'components/auto-claude/prompts/qa_reviewer.md')));
    expect(qa.toString()).toContain('{{BASE_BRANCH}}');
    expect(qa.toString()).toContain('<!-- PROJECT-SPECIFIC VALIDATION TOOLS WILL BE INJECTED HERE -->');
  });

  it('is idempotent: a second build writes nothing and touches no mtime', async () => {
    const { config, out } = example();
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const before = mtimes(out);
    const r = await ccm(['build', '--cwd', config, '--json']);
    expect(r.code).toBe(0);
    const envelope = JSON.parse(r.stdout) as { ok: boolean; data: { counts: Record<string, number> } };
    expect(envelope.ok).toBe(true);
    expect(envelope.data.counts).toMatchObject({ create: 0, update: 0, delete: 0, drifted: 0 });
    expect(mtimes(out)).toEqual(before);
    expect((await ccm(['build', '--check', '--cwd', config])).code).toBe(0);
  });

  it('--dry-run and --check write nothing', async () => {
    const { config, out } = example();
    const dry = await ccm(['build', '--dry-run', '--cwd', config]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/create .*web-app\/\.claude\/agents\/code-reviewer\.md/);
    expect(existsSync(out)).toBe(false);
    const check = await ccm(['build', '--check', '--cwd', config]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/out of date/);
    expect(existsSync(out)).toBe(false);
  });

  it('detects a hand-edited output: --check fails, diff shows it, build refuses, --force restores', async () => {
    const { config, out } = example();
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const file = join(out, 'web-app/CLAUDE.md');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original + 'A hand-written line.\n');

    expect((await ccm(['build', '--check', '--cwd', config])).code).toBe(1);
    const diff = await ccm(['diff', '--cwd', config]);
    expect(diff.stdout).toContain('-A hand-written line.');
    const build = await ccm(['build', '--cwd', config]);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/web-app\/CLAUDE\.md: error DRIFTED/);
    expect(readFileSync(file, 'utf8')).toContain('A hand-written line.');

    expect((await ccm(['build', '--force', '--cwd', config])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('removes exactly the outputs of a deleted component', async () => {
    const { config, out } = example();
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const before = snapshot(join(out, 'api-service'));
    rmSync(join(config, 'components/subagents/db-migrator.yaml'));
    rmSync(join(config, 'components/subagents/db-migrator.md'));
    const project = join(config, 'projects/api-service.yaml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('subagents: [db-migrator]', 'subagents: []'));

    const r = await ccm(['build', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/delete .*api-service\/\.claude\/agents\/db-migrator\.md/);
    const after = snapshot(join(out, 'api-service'));
    const gone = Object.keys(before).filter((p) => !(p in after));
    expect(gone).toEqual(['.claude/agents/db-migrator.md']);
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed).toEqual(['.ccm/manifest.json']);
  });

  it('never overwrites a file it does not own, and then writes nothing at all', async () => {
    const { config, out } = example();
    const mine = join(out, 'web-app/.claude/agents/code-reviewer.md');
    mkdirSync(join(out, 'web-app/.claude/agents'), { recursive: true });
    writeFileSync(mine, 'my own agent\n');
    const r = await ccm(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/code-reviewer\.md: error OUTPUT_NOT_OWNED/);
    expect(readFileSync(mine, 'utf8')).toBe('my own agent\n');
    expect([...readTreeFiles(out).keys()]).toEqual(['web-app/.claude/agents/code-reviewer.md']);
  });

  it('writes nothing anywhere when one project fails', async () => {
    const { config, out } = example();
    const project = join(config, 'projects/api-service.yaml');
    // The CLAUDE.md template reads vars.projectName; without it, this project fails to render.
    writeFileSync(project, readFileSync(project, 'utf8').replace(/^ {2}projectName: .*$/m, ''));
    const r = await ccm(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TEMPLATE_ERROR/);
    expect(existsSync(out)).toBe(false);
  });

  it('updates only the model-profile keys of task_metadata.json', async () => {
    const { config, out } = example();
    const spec = join(out, 'web-app/.auto-claude/specs/001-add-cart');
    mkdirSync(spec, { recursive: true });
    const original = { sourceType: 'manual', category: 'feature', model: 'haiku', attachedImages: [{ id: 'a', filename: 'x.png' }], baseBranch: 'develop' };
    writeFileSync(join(spec, 'task_metadata.json'), JSON.stringify(original, null, 2));
    const done = join(out, 'web-app/.auto-claude/specs/002-done');
    mkdirSync(done, { recursive: true });
    writeFileSync(join(done, 'task_metadata.json'), '{"model":"haiku"}');
    writeFileSync(join(done, 'implementation_plan.json'), JSON.stringify({ phases: [{ subtasks: [{ id: '1', status: 'completed' }] }] }));

    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const meta = JSON.parse(readFileSync(join(spec, 'task_metadata.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ sourceType: 'manual', category: 'feature', baseBranch: 'develop', attachedImages: original.attachedImages });
    expect(meta).toMatchObject({ model: 'opus', thinkingLevel: 'high', isAutoProfile: true });
    expect(meta['phaseModels']).toEqual({ spec: 'opus', planning: 'opus', coding: 'opus', qa: 'opus' });
    expect(meta['phaseThinking']).toEqual({ spec: 'ultrathink', planning: 'high', coding: 'low', qa: 'low' });
    expect(readFileSync(join(done, 'task_metadata.json'), 'utf8')).toBe('{"model":"haiku"}');
    expect((await ccm(['build', '--check', '--cwd', config])).code).toBe(0);
  });

  it('refuses to write through a symbolic link that leads out of the project', async () => {
    const { config, out } = example();
    const elsewhere = tempDir();
    mkdirSync(join(out, 'web-app'), { recursive: true });
    symlinkSync(elsewhere, join(out, 'web-app/.claude'));
    const r = await ccm(['build', '--cwd', config]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/OUTPUT_PATH_ESCAPES/);
    expect([...readTreeFiles(elsewhere).keys()]).toEqual([]);
  });

  it('explains where a file and its settings keys come from', async () => {
    const { config } = example();
    const r = await ccm(['explain', 'web-app', '.claude/settings.json', '--cwd', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('components/settings/base.yaml');
    expect(r.stdout).toContain('components/hooks/format-on-edit.yaml');
    expect(r.stdout).toMatch(/permissions\s+components\/settings\/base\.yaml/);
  });

  it('explain names an unknown project and an unknown output each by its own code', async () => {
    const { config } = example();
    const output = await ccm(['explain', 'web-app', '.claude/nope.json', '--json', '--cwd', config]);
    expect(output.code).toBe(1);
    expect((JSON.parse(output.stdout) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'OUTPUT_UNKNOWN', message: 'project "web-app" has no output ".claude/nope.json"' });
    const project = await ccm(['explain', 'nope', '.claude/settings.json', '--json', '--cwd', config]);
    expect(project.code).toBe(2);
    expect((JSON.parse(project.stdout) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'PROJECT_UNKNOWN', message: 'unknown project: nope' });
  });

  it('diff --format markdown and --json describe pending changes', async () => {
    const { config } = example();
    const md = await ccm(['diff', '--format', 'markdown', '--cwd', config]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| file | change |');
    expect(md.stdout).toContain('```diff');
    const json = await ccm(['diff', '--json', '--cwd', config]);
    const envelope = JSON.parse(json.stdout) as { ok: boolean; command: string; data: { files: { project: string; path: string; action: string }[] } };
    expect(envelope.command).toBe('diff');
    expect(envelope.data.files.some((f) => f.project === 'web-app' && f.path === '.mcp.json' && f.action === 'create')).toBe(true);
  });

  it('rejects an unknown project name with exit 2', async () => {
    const { config } = example();
    const r = await ccm(['build', 'nope', '--cwd', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown project: nope/);
  });
});

describe('ccm ls', () => {
  it('lists projects with their profiles, and the components of one kind', async () => {
    const { config } = example();
    const all = await ccm(['ls', '--json', '--cwd', config]);
    const data = (JSON.parse(all.stdout) as { data: { projects: { name: string; profiles: string[] }[]; components: Record<string, number> } }).data;
    expect(data.projects.map((p) => [p.name, p.profiles])).toEqual([['api-service', ['base']], ['web-app', ['base', 'web']]]);
    expect(data.components['auto-claude/prompts']).toBe(6);
    expect((await ccm(['ls', 'commands', '--cwd', config])).stdout.trim().split('\n')).toEqual(['git/commit', 'git/pr', 'review']);
    expect((await ccm(['ls', 'widgets', '--cwd', config])).code).toBe(2);
  });
});

describe('usage errors under --json', () => {
  it('print only the envelope, naming the command, and exit 2', async () => {
    const r = await ccm(['build', '--bogus', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const envelope = JSON.parse(r.stdout) as { ok: boolean; command: string; error: { code: string; message: string } };
    expect(envelope).toMatchObject({ ok: false, command: 'build', error: { code: 'USAGE', message: "unknown option '--bogus'" } });
  });
});

describe('a project that selects nothing', () => {
  it('builds nothing and says why, with a warning at the project file', async () => {
    const config = tempDir();
    expect((await ccm(['init', config])).code).toBe(0);
    writeFileSync(join(config, 'projects/my-app.yaml'), 'path: ../my-app\nprofiles: [base]\n');
    const r = await ccm(['build', '--cwd', config]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('projects/my-app.yaml:1:1: warning EMPTY_PROJECT: project "my-app" produces no files');
    expect(r.stderr).toContain('ccm init --defaults');
  });
});
