import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { splitFrontmatter } from '../../src/core/frontmatter.js';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { entrySnapshot, readTreeFiles } from '../helpers/tree.js';
import { NOT_STRICT_YAML, pluginShapes } from '../fixtures/import/plugin-shapes.js';

/**
 * Claude Code's own files through the real CLI: frontmatter that is not strict YAML, keys ccm does
 * not know (kept in place with a warning, errors under `strict: true`) and wrong types in the keys
 * it does know.
 */

/** Imports the plugin-shapes project into a new config repo; returns both folders. */
async function importShapes(): Promise<{ project: string; repo: string; stdout: string; stderr: string }> {
  const base = tempDir();
  const project = tempTree(pluginShapes(), join(base, 'plugins'));
  const repo = join(base, 'config');
  mkdirSync(repo);
  const r = await ccm(['import', 'claude', '../plugins', '--yes'], { cwd: repo });
  expect(r.code, r.stderr).toBe(0);
  return { project, repo, stdout: r.stdout, stderr: r.stderr };
}

/** Moves the project aside and leaves it empty, so a build must write every file again. */
function emptied(project: string): string {
  const original = `${project}.orig`;
  renameSync(project, original);
  mkdirSync(project);
  return original;
}

describe('frontmatter as Claude Code reads it', () => {
  it('imports every plugin shape and builds each file back byte for byte', async () => {
    const { project, repo, stdout, stderr } = await importShapes();
    const files = Object.keys(pluginShapes());
    expect(stdout).toMatch(new RegExp(`Round trip: \`ccm build\` reproduces ${files.length} of ${files.length} imported files\\.`));
    // Each non-YAML file is named with the position where strict YAML stops, and imported anyway.
    for (const name of NOT_STRICT_YAML) {
      expect(stderr).toMatch(new RegExp(`\\.\\./plugins/\\.claude/agents/${name}\\.md:\\d+:\\d+: warning FRONTMATTER_NOT_YAML: the frontmatter is not strict YAML`));
    }
    expect(stderr).toMatch(/agents\/colon-in-description\.md:3:\d+: warning FRONTMATTER_NOT_YAML: .*read its fields name, description, model, color leniently/);
    expect(stderr).not.toMatch(/ error /);
    // Keys ccm does not know are named where the import wrote them, and kept.
    expect(stderr).toMatch(/^components\/commands\/hidden\.yaml:\d+:1: warning UNKNOWN_FIELD: unknown key "hide-from-slash-command-tool" is kept and written as is$/m);

    const original = emptied(project);
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code, build.stderr).toBe(0);
    for (const path of files) {
      expect(readFileSync(join(project, path)).equals(readFileSync(join(original, path))), `${path} differs`).toBe(true);
    }
    expect([...readTreeFiles(project).keys()].filter((p) => !p.startsWith('.ccm/')).sort()).toEqual([...files].sort());
  });

  it('reads the name and description of non-YAML frontmatter leniently', async () => {
    const { repo } = await importShapes();
    const agent = parse(readFileSync(join(repo, 'components/subagents/continued-lines.yaml'), 'utf8')) as Record<string, unknown>;
    expect(agent['name']).toBe('continued-lines');
    expect(agent['description']).toBe('Tidies code after a change.\\n\\n<example>\nContext: a function was added.\nuser: "tidy it"\nassistant: "tidying"\n</example>');
    expect(agent['model']).toBe('opus');
    const crlf = parse(readFileSync(join(repo, 'components/subagents/crlf-colon.yaml'), 'utf8')) as Record<string, unknown>;
    expect(crlf['description']).toBe('Audits logs. Use it: after a deploy');
    expect(crlf['tools']).toBe('Read, Grep');
  });

  it('warns about unknown keys at their position and keeps them in place; strict: true makes them errors and writes nothing', async () => {
    const { project, repo } = await importShapes();
    const validate = await ccm(['validate'], { cwd: repo });
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stderr).toMatch(/^components\/subagents\/with-version\.yaml:\d+:1: warning UNKNOWN_FIELD: unknown key "version" is kept and written as is$/m);
    expect(validate.stderr).toMatch(/^components\/commands\/hidden\.yaml:\d+:1: warning UNKNOWN_FIELD: unknown key "hide-from-slash-command-tool"/m);
    expect(validate.stderr).toMatch(/^components\/skills\/agent-writing\/skill\.yaml:\d+:1: warning UNKNOWN_FIELD: unknown key "version"/m);
    expect(validate.stderr).toMatch(/strict: true` in ccm\.config\.yaml makes this an error/);

    writeFileSync(join(repo, 'ccm.config.yaml'), `${readFileSync(join(repo, 'ccm.config.yaml'), 'utf8')}strict: true\n`);
    emptied(project);
    const before = entrySnapshot(join(repo, '..'));
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^components\/subagents\/with-version\.yaml:\d+:1: error UNKNOWN_FIELD: unknown key "version"/m);
    expect(build.stderr).toMatch(/sets `strict: true`: remove or rename the key/);
    expect(entrySnapshot(join(repo, '..'))).toEqual(before);
  });

  it('rewrites non-YAML frontmatter as valid YAML once a field is edited, and says so', async () => {
    const { project, repo } = await importShapes();
    const yamlPath = join(repo, 'components/subagents/colon-in-description.yaml');
    const text = readFileSync(yamlPath, 'utf8');
    writeFileSync(yamlPath, text.replace(/^description: .*$/m, 'description: "Checks release notes: every tag"'));
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/^components\/subagents\/colon-in-description\.yaml:\d+:1: warning FRONTMATTER_REWRITTEN: \.claude\/agents\/colon-in-description\.md: the fields no longer match frontmatterText/m);
    const written = readFileSync(join(project, '.claude/agents/colon-in-description.md'), 'utf8');
    const fields = parse(splitFrontmatter(written).yaml!) as Record<string, unknown>;
    expect(fields).toEqual({ name: 'colon-in-description', description: 'Checks release notes: every tag', model: 'inherit', color: 'cyan' });
    expect(written.endsWith('You check release notes.\n')).toBe(true);
  });
});

describe('keys of Claude Code files that ccm does not know', () => {
  const CONFIG = 'version: 1\n';
  const PROJECT = 'description: app\npath: ../app\ntargets: [claude-code]\nprofiles: [base]\n';
  const PROFILE = 'description: base\ncomponents:\n  subagents: [reviewer]\n  mcp-servers: [docs]\n  skills: [guide]\n';
  const REVIEWER = [
    'description: Reviews code.',
    'x-team-owner: platform',
    'model: sonnet',
    'hooks:',
    '  PostToolUse:',
    '    - matcher: Edit',
    '      hooks:',
    '        - type: command',
    '          command: npm run lint',
    '          retries: 2',
    '',
  ].join('\n');
  const GUIDE = 'description: Team guide.\nhooks:\n  SessionStart:\n    - hooks:\n        - type: command\n          command: ./hello.sh\n          once: true\n';
  const DOCS = 'command: npx\nargs: [docs-mcp]\nalwaysLoad: true\nrequest_timeout_ms: 30000\n';

  function repoWith(files: Record<string, string>): { repo: string; app: string } {
    const base = tempDir();
    const repo = tempTree({
      'ccm.config.yaml': CONFIG, 'projects/app.yaml': PROJECT, 'profiles/base.yaml': PROFILE,
      'components/subagents/reviewer.yaml': REVIEWER, 'components/subagents/reviewer.md': 'You review.\n',
      'components/skills/guide/skill.yaml': GUIDE, 'components/skills/guide/SKILL.md': 'Read the guide.\n',
      'components/mcp-servers/docs.yaml': DOCS, ...files,
    }, join(base, 'config'));
    const app = join(base, 'app');
    mkdirSync(app);
    return { repo, app };
  }

  it('writes them unchanged and in place, with one warning each naming file:line:col', async () => {
    const { repo, app } = repoWith({});
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/^components\/subagents\/reviewer\.yaml:2:1: warning UNKNOWN_FIELD: unknown key "x-team-owner" is kept and written as is$/m);
    expect(build.stderr).toMatch(/^components\/subagents\/reviewer\.yaml:10:11: warning UNKNOWN_FIELD: unknown key "retries" in hooks\.PostToolUse\[0\]\.hooks\[0\] is kept/m);
    expect(build.stderr).toMatch(/^components\/mcp-servers\/docs\.yaml:4:1: warning UNKNOWN_FIELD: unknown key "request_timeout_ms"/m);
    // once (skill hooks) and alwaysLoad (MCP servers) are Claude Code keys ccm knows.
    expect(build.stderr).not.toMatch(/"once"|"alwaysLoad"/);
    expect(build.stderr.match(/UNKNOWN_FIELD/g)).toHaveLength(3);

    const agent = readFileSync(join(app, '.claude/agents/reviewer.md'), 'utf8');
    expect(splitFrontmatter(agent).yaml!.split('\n').slice(0, 4)).toEqual(['name: reviewer', 'description: Reviews code.', 'x-team-owner: platform', 'model: sonnet']);
    expect(agent).toMatch(/ {10}retries: 2\n/);
    const mcp = JSON.parse(readFileSync(join(app, '.mcp.json'), 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(mcp.mcpServers['docs']).toEqual({ command: 'npx', args: ['docs-mcp'], alwaysLoad: true, request_timeout_ms: 30000 });
    expect(readFileSync(join(app, '.claude/skills/guide/SKILL.md'), 'utf8')).toMatch(/ {10}once: true\n/);
  });

  it('a wrong type in a known frontmatter key is an error with its position and a hint, and nothing is written', async () => {
    const { repo, app } = repoWith({ 'components/subagents/reviewer.yaml': `${REVIEWER}maxTurns: ten\n` });
    const before = entrySnapshot(join(repo, '..'));
    const build = await ccm(['build'], { cwd: repo });
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/^components\/subagents\/reviewer\.yaml:11:11: error SCHEMA_TYPE: maxTurns: expected an integer, found the string "ten"\n {2}hint: Maximum number of agentic turns/m);
    expect(entrySnapshot(join(repo, '..'))).toEqual(before);
    expect(readTreeFiles(app).size).toBe(0);
  });
});
