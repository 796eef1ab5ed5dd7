import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempTree } from '../helpers/cli.js';
import { entrySnapshot } from '../helpers/tree.js';

/**
 * A file ccm cannot parse is one mistake, reported once, where it is. Every other file that names it
 * (a profile's selection, `extends`, the defaults, a subagent's skills and MCP servers, permission
 * rules) must not add "unknown …, create <the file that exists>", nor its Markdown body an orphan
 * warning: the repo below references every file from somewhere, and each case breaks one of them.
 */
const REPO: Record<string, string> = {
  'ccm.config.yaml': 'version: 1\ndefaults:\n  profiles: [base]\n',
  'profiles/base.yaml': 'components:\n  subagents: [reviewer]\n  skills: [deploy]\n  mcp-servers: [github]\n  commands: [review]\n  settings: [permissions]\n',
  'profiles/strict.yaml': 'extends: [base]\n',
  'projects/app.yaml': 'path: out/app\nprofiles: [strict]\n',
  'components/subagents/reviewer.yaml': 'description: Reviews code\nskills: [deploy]\nmcpServers: [github]\n',
  'components/subagents/reviewer.md': 'You review code.\n',
  'components/skills/deploy/skill.yaml': 'description: Deploys the app\n',
  'components/skills/deploy/SKILL.md': 'Run the deploy script.\n',
  'components/mcp-servers/github.yaml': 'type: http\nurl: https://api.githubcopilot.com/mcp/\n',
  'components/commands/review.yaml': 'description: Review the current changes\n',
  'components/commands/review.md': 'Review $ARGUMENTS.\n',
  'components/settings/permissions.yaml': 'permissions:\n  allow: [mcp__github, Agent(reviewer), Skill(deploy)]\n',
};

/** Appends an unclosed quote to the file: the parser can read nothing of it. */
function breakFile(dir: string, path: string): string {
  const text = readFileSync(join(dir, path), 'utf8');
  writeFileSync(join(dir, path), `${text}broken: "no closing quote\n`);
  return `${path}:${text.split('\n').length}:9`;
}

const ONE_ERROR = (at: string, message: string, hint: string): string => `${at}: error ${message}\n  hint: ${hint}\n1 error, 0 warnings\n`;
const UNCLOSED_QUOTE = ['YAML_SYNTAX: invalid YAML: quoted string has no closing "', 'close the quoted string with the same quote character it starts with'] as const;

describe('a file that cannot be parsed', () => {
  it('the repo the cases break is valid and builds', async () => {
    const dir = tempTree(REPO);
    const validate = await ccm(['validate', '--cwd', dir]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const build = await ccm(['build', '--cwd', dir]);
    expect(build.stderr).toBe('');
    expect(build.stdout).toContain('out/app/.claude/agents/reviewer.md');
    expect(build.stdout).toMatch(/^5 created, 0 updated, 0 deleted, 0 unchanged/m);
  });

  for (const path of [
    'ccm.config.yaml',
    'profiles/base.yaml',
    'profiles/strict.yaml',
    'projects/app.yaml',
    'components/subagents/reviewer.yaml',
    'components/skills/deploy/skill.yaml',
    'components/mcp-servers/github.yaml',
    'components/commands/review.yaml',
    'components/settings/permissions.yaml',
  ]) {
    it(`${path}: its one syntax error, from validate and from build, nothing else`, async () => {
      const dir = tempTree(REPO);
      const at = breakFile(dir, path);
      const expected = ONE_ERROR(at, ...UNCLOSED_QUOTE);
      const before = entrySnapshot(dir);
      const validate = await ccm(['validate', '--cwd', dir]);
      expect(validate.stderr).toBe(expected);
      expect([validate.code, validate.stdout]).toEqual([1, '']);
      const build = await ccm(['build', '--cwd', dir]);
      expect(build.stderr).toBe(`Nothing was written: fix the errors below and build again.\n${expected}`);
      expect([build.code, build.stdout]).toEqual([1, '']);
      expect(entrySnapshot(dir)).toEqual(before);
    });
  }

  it('an empty profile is its one EMPTY_FILE error, not an unknown profile', async () => {
    const dir = tempTree({ ...REPO, 'profiles/strict.yaml': '' });
    const expected = ONE_ERROR('profiles/strict.yaml:1:1', 'EMPTY_FILE: file is empty; expected a YAML mapping of keys to values', 'add the fields of this component, or delete the file');
    expect((await ccm(['validate', '--cwd', dir])).stderr).toBe(expected);
    expect((await ccm(['build', '--cwd', dir])).stderr).toBe(`Nothing was written: fix the errors below and build again.\n${expected}`);
  });

  it('a binary subagent definition is its one BINARY_FILE error; its body is no orphan', async () => {
    const dir = tempTree({ ...REPO, 'components/subagents/reviewer.yaml': 'description: \u0000\n' });
    const expected = ONE_ERROR('components/subagents/reviewer.yaml:1:1', 'BINARY_FILE: file is binary (it contains NUL bytes), not YAML text',
      'replace it with a UTF-8 YAML file or move it out of the config repo');
    expect((await ccm(['validate', '--cwd', dir])).stderr).toBe(expected);
  });

  it('an unclosed [ is reported where it opens, once, with a hint that fits', async () => {
    const dir = tempTree({ ...REPO, 'components/subagents/reviewer.yaml': 'description: Reviews code\nskills: [deploy,\nmcpServers: [github]\n' });
    const expected = ONE_ERROR('components/subagents/reviewer.yaml:2:9',
      'YAML_SYNTAX: invalid YAML: the list [ that starts here has no closing ] (or goes on in a line indented no deeper than its key)',
      'close it with ]; if it goes on over more lines, indent them deeper than its key');
    expect((await ccm(['validate', '--cwd', dir])).stderr).toBe(expected);
    expect((await ccm(['build', '--cwd', dir])).stderr).toBe(`Nothing was written: fix the errors below and build again.\n${expected}`);
  });

  it('every command that stops at it points down to the error it prints next', async () => {
    const dir = tempTree(REPO);
    breakFile(dir, 'components/commands/review.yaml');
    const stops: [string[], string][] = [
      [['status'], 'Cannot tell what is out of date: fix the errors below first.'],
      [['adopt'], 'Nothing was adopted: fix the errors below first.'],
      [['hooks', 'run'], 'Nothing was written: fix the errors below and build again.\nccm pre-commit: the config has errors, so the commit was stopped: fix the errors below and commit again.'],
      [['hooks', 'run', '--fix'], 'Nothing was written: fix the errors below and build again.\nccm pre-commit: the config has errors, so the commit was stopped: fix the errors below and commit again.'],
      [['exec', '--project', 'app', '--cwd', dir, '--', 'true'], 'true was not started: fix the errors below first.'],
    ];
    for (const [args, note] of stops) {
      const r = await ccm(args.includes('--cwd') ? args : [...args, '--cwd', dir]);
      expect(r.stderr.startsWith(`${note}\ncomponents/commands/review.yaml:`), `${args.join(' ')}:\n${r.stderr}`).toBe(true);
      expect(r.stderr).toContain('error YAML_SYNTAX');
      expect(r.code, args.join(' ')).toBe(1);
    }
  });
});
