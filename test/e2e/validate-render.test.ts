import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySnapshot } from '../helpers/tree.js';
import { ccm, PROJECT_ROOT, tempTree, type CliRun } from '../helpers/cli.js';

/**
 * `ccm validate` is the whole truth about a config repo: it compiles every template and renders
 * every project in memory, so that what a build would refuse because of the config repo alone is
 * refused by validate first, at the same place. Each case runs validate and then build, both
 * through the real CLI, and checks that neither wrote anything.
 */

/** A config repo whose one project writes into `out/` inside the same temp folder. */
function repo(files: Record<string, string | Uint8Array>, project = 'path: out\n'): string {
  return tempTree({ 'ccm.config.yaml': 'version: 1\n', 'projects/app.yaml': project, ...files });
}

async function run(dir: string, args: string[]): Promise<CliRun> {
  const before = entrySnapshot(dir);
  const r = await ccm([...args, '--cwd', dir]);
  expect(entrySnapshot(dir)).toEqual(before);
  expect(existsSync(join(dir, 'out'))).toBe(false);
  return r;
}

/** validate and build both exit 1 and both name `at` with `code`; returns validate's stderr. */
async function expectRefused(dir: string, at: string, code: string, message?: RegExp): Promise<string> {
  const validate = await run(dir, ['validate']);
  expect(validate.code, validate.stderr).toBe(1);
  const line = validate.stderr.split('\n').find((l) => l.startsWith(`${at}: error ${code}: `));
  expect(line, `no "${at}: error ${code}:" in:\n${validate.stderr}`).toBeDefined();
  if (message) expect(line).toMatch(message);
  const build = await run(dir, ['build']);
  expect(build.code, build.stderr).toBe(1);
  expect(build.stderr).toContain(`${at}: error ${code}: `);
  return validate.stderr;
}

const AGENT = { 'components/subagents/a.yaml': 'description: A\n', 'components/subagents/a.md': 'You help.\n' };
const WITH_AGENT = 'path: out\ncomponents:\n  subagents: [a]\n';
const builtin = (name: string): string => readFileSync(join(PROJECT_ROOT, 'templates', name), 'utf8');

describe('ccm validate compiles every template', () => {
  it('reports an unclosed {{#if}} in an override at the block, with what Handlebars expected', async () => {
    const dir = repo({ ...AGENT, 'templates/claude-code/agent.md.hbs': '---\n{{yaml frontmatter}}---\n\n{{#if x}}\n{{body}}\n' }, WITH_AGENT);
    const stderr = await expectRefused(dir, 'templates/claude-code/agent.md.hbs:4:1', 'TEMPLATE_ERROR', /\{\{#if\}\} is never closed.*got 'EOF'/);
    expect(stderr).toMatch(/\n {2}hint: add \{\{\/if\}\}/);
  });

  it('reports a syntax error in the middle of a line at its line and column, without the cut-off "Parse error on line N:"', async () => {
    const dir = repo({ ...AGENT, 'templates/claude-code/agent.md.hbs': '{{body}}\nsee {{foo bar=}}\n' }, WITH_AGENT);
    const stderr = await expectRefused(dir, 'templates/claude-code/agent.md.hbs:2:15', 'TEMPLATE_ERROR', /Expecting .*got 'CLOSE' \(near "/);
    expect(stderr).not.toMatch(/Parse error on line \d+:$/m);
  });

  it('compiles an override that no project uses', async () => {
    const dir = repo({ 'templates/auto-claude/prompt.md.hbs': '{{#each x}}{{body}}{{/if}}\n' });
    await expectRefused(dir, 'templates/auto-claude/prompt.md.hbs:1:4', 'TEMPLATE_ERROR', /each doesn't match if/);
  });

  it('warns about an override that replaces no built-in template', async () => {
    const dir = repo({ ...AGENT, 'templates/claude-code/agents.md.hbs': '{{body}}\n' }, WITH_AGENT);
    const r = await run(dir, ['validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^templates\/claude-code\/agents\.md\.hbs:1:1: warning UNKNOWN_FILE: this template override replaces no built-in template/m);
    expect(r.stderr).toContain('templates/claude-code/agent.md.hbs');
  });
});

describe('ccm validate renders every project in memory', () => {
  it('reports a variable an override uses but no project defines', async () => {
    const text = builtin('claude-code/agent.md.hbs') + '\nOwner: {{vars.owner}}\n';
    const line = text.split('\n').findIndex((l) => l.startsWith('Owner:')) + 1;
    const dir = repo({ ...AGENT, 'templates/claude-code/agent.md.hbs': text }, WITH_AGENT);
    const stderr = await expectRefused(dir, `templates/claude-code/agent.md.hbs:${line}:10`, 'TEMPLATE_ERROR', /"owner" not defined for project "app"$/);
    // One template serves every project: the hint names the project file where the variable would go.
    expect(stderr).toContain('hint: add `owner: …` under `variables:` in projects/app.yaml or a profile it uses');
  });

  it('reports two profiles that set one variable differently (a resolve CONFLICT)', async () => {
    const dir = repo({
      'profiles/one.yaml': 'variables:\n  team: A\n',
      'profiles/two.yaml': 'variables:\n  team: B\n',
      ...AGENT,
    }, 'path: out\nprofiles: [one, two]\ncomponents:\n  subagents: [a]\n');
    const r = await run(dir, ['validate']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/error CONFLICT: profiles "one" and "two" set variable "team" differently/);
  });

  it('warns, as build does, about a project that produces nothing', async () => {
    const r = await run(repo({}), ['validate']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^projects\/app\.yaml:1:1: warning EMPTY_PROJECT: /m);
  });

  it('prints exactly the warning build prints for a fresh `ccm init` with a project and no component', async () => {
    const dir = tempTree({});
    expect((await ccm(['init', dir])).code).toBe(0);
    writeFileSync(join(dir, 'projects/app.yaml'), 'path: out\n');
    const expected = 'projects/app.yaml:1:1: warning EMPTY_PROJECT: project "app" produces no files: its profiles and components select nothing to generate\n'
      + '  hint: add components to its profiles (or its own `components:`), or start from `ccm init --defaults`\n0 errors, 1 warning\n';
    const validate = await ccm(['validate', '--cwd', dir]);
    expect([validate.code, validate.stderr]).toEqual([0, expected]);
    const build = await ccm(['build', '--cwd', dir]);
    expect([build.code, build.stderr]).toEqual([0, expected]);
  });

  it('reports two supporting files of a skill that differ only in case at the second one', async () => {
    const dir = repo({
      'components/skills/s/skill.yaml': 'description: S\n',
      'components/skills/s/SKILL.md': 'Do it.\n',
      'components/skills/s/skill.md': 'notes\n',
    }, 'path: out\ncomponents:\n  skills: [s]\n');
    await expectRefused(dir, 'components/skills/s/skill.md:1:1', 'OUTPUT_CLASH', /"skill\.md" and "SKILL\.md" differ only in case/);
  });

  it('reports two projects that write into one folder at the second one\'s path', async () => {
    const dir = repo({
      ...AGENT,
      'components/subagents/b.yaml': 'description: B\n',
      'components/subagents/b.md': 'You also help.\n',
      'projects/other.yaml': 'path: ./out/\ncomponents:\n  subagents: [b]\n',
    }, WITH_AGENT);
    await expectRefused(dir, 'projects/other.yaml:1:7', 'OUTPUT_CLASH', /project "other" writes into the same folder as project "app"/);
  });
});

describe('ccm validate: custom MCP server args', () => {
  const project = (args: string): string =>
    `path: out\ntargets: [auto-claude]\nautoClaude:\n  customMcpServers:\n    - id: srv\n      name: Srv\n      type: command\n      command: node\n      args: ${args}\n`;

  it('refuses --experimental-loader, in both spellings, at the arg, and no ordinary arg', async () => {
    const stderr = await expectRefused(repo({}, project('[--experimental-loader, ./hook.mjs, "--experimental-loader=./b.mjs", --no-warnings, --port=3000]')),
      'projects/app.yaml:9:14', 'SCHEMA_INVALID', /custom MCP server "srv": Auto-Claude rejects the code-running flag "--experimental-loader"/);
    expect(stderr).toMatch(/^projects\/app\.yaml:9:49: error SCHEMA_INVALID: .*"--experimental-loader=\.\/b\.mjs"/m);
    expect(stderr).toMatch(/^2 errors, 0 warnings$/m);
  });

  it('refuses --input-type=module', async () => {
    await expectRefused(repo({}, project('[--input-type=module, ./server.mjs]')), 'projects/app.yaml:9:14', 'SCHEMA_INVALID', /"--input-type=module"/);
  });
});

describe('ccm validate: values are plain', () => {
  it.each([
    ['description: !!binary aGVsbG8=', '1:14', '!!binary'],
    ['description: !!timestamp 2001-12-14', '1:14', '!!timestamp'],
    ['description: A\ntools: !!set {Read: null}', '2:8', '!!set'],
    ['description: A\nmodel: !!js/regexp /x/', '2:8', '!!js/regexp'],
    ['description: A\nx-extra:\n  nested: [1, !custom thing]', '3:15', '!custom'],
  ])('refuses %j at the tag, once, with nothing written', async (yaml, at, tag) => {
    const dir = repo({ 'components/subagents/a.yaml': `${yaml}\n`, 'components/subagents/a.md': 'You help.\n' }, WITH_AGENT);
    const stderr = await expectRefused(dir, `components/subagents/a.yaml:${at}`, 'YAML_TAG', new RegExp(`the YAML tag ${tag.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not supported`));
    expect(stderr).toMatch(/\n1 error, 0 warnings\n$/);
  });

  it('accepts the tags of plain values (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: !!str 42\nmaxTurns: !!int "7"\nx-extra: !!map {a: !!seq [!!bool true, !!null null, !!float 1.5]}\n', 'components/subagents/a.md': 'You help.\n' }, WITH_AGENT);
    const r = await ccm(['build', '--cwd', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/.claude/agents/a.md'), 'utf8')).toMatch(/^description: "42"$/m);
  });
});

describe('ccm validate: numbers are finite', () => {
  it.each([
    ['1e400', 'Infinity'],
    ['.inf', 'Infinity'],
    ['-.Inf', '-Infinity'],
    ['.nan', 'NaN'],
  ])('refuses maxTurns: %s at the number', async (written, reads) => {
    const dir = repo({ 'components/subagents/a.yaml': `description: A\nmaxTurns: ${written}\n`, 'components/subagents/a.md': 'You help.\n' }, WITH_AGENT);
    const stderr = await expectRefused(dir, 'components/subagents/a.yaml:2:11', 'NUMBER_NOT_FINITE', new RegExp(`${written.replace('.', '\\.')} is not a finite number \\(YAML reads it as ${reads}\\)`));
    expect(stderr).toMatch(/hint: .*quote it/);
  });

  it('refuses a non-finite number deep inside an open field', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: A\nx-extra:\n  limits: [1, 2e999]\n', 'components/subagents/a.md': 'You help.\n' }, WITH_AGENT);
    await expectRefused(dir, 'components/subagents/a.yaml:3:15', 'NUMBER_NOT_FINITE');
  });
});

describe('ccm validate: output size', () => {
  it('refuses {{indent "x" 300000000}} at the helper call, fast, without building the string', async () => {
    const dir = repo({ ...AGENT, 'templates/claude-code/agent.md.hbs': '{{body}}\n\n{{indent "x" 300000000}}\n' }, WITH_AGENT);
    await expectRefused(dir, 'templates/claude-code/agent.md.hbs:3:1', 'TEMPLATE_ERROR', /indent: the width must be a whole number from 0 to 100, not 300000000/);
  });

  it('refuses a template whose output would exceed 10 MiB, at the template', async () => {
    const body = 'x'.repeat(1024 * 1024) + '\n';
    const dir = repo({
      'components/subagents/a.yaml': 'description: A\n',
      'components/subagents/a.md': body,
      'templates/claude-code/agent.md.hbs': '{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}{{body}}\n',
    }, WITH_AGENT);
    await expectRefused(dir, 'templates/claude-code/agent.md.hbs:1:1', 'OUTPUT_TOO_LARGE', /over 10 MiB/);
  });
});
