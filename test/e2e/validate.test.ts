import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySnapshot } from '../helpers/tree.js';
import { ccm, EXAMPLE_STDERR, tempCopy, tempDir, tempTree, type CliRun } from '../helpers/cli.js';

/**
 * `ccm validate` through the real CLI, one small config repo per bad input. Every failure must name
 * the file and position (`path:line:col:`), carry a stable code and, where one helps, a hint; and
 * validate must never write anything.
 */

const CONFIG = 'version: 1\n';

/** A config repo: ccm.config.yaml plus the given files. */
function repo(files: Record<string, string | Uint8Array>): string {
  return tempTree({ 'ccm.config.yaml': CONFIG, ...files });
}

/** Runs `ccm validate --cwd dir` and checks that it left the folder exactly as it was. */
async function validate(dir: string, ...extra: string[]): Promise<CliRun> {
  const before = entrySnapshot(dir);
  const run = await ccm(['validate', '--cwd', dir, ...extra]);
  expect(entrySnapshot(dir)).toEqual(before);
  return run;
}

interface Expected {
  at: string;
  code: string;
  severity?: 'error' | 'warning';
  message?: string | RegExp;
  hint?: string | RegExp;
}

/** The diagnostic line `at: severity CODE: message`, followed by its hint when one is expected. */
function expectDiagnostic(stderr: string, { at, code, severity = 'error', message, hint }: Expected): void {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${at}: ${severity} ${code}: `));
  expect(i, `no "${at}: ${severity} ${code}:" in:\n${stderr}`).toBeGreaterThanOrEqual(0);
  const line = lines[i]!;
  if (message !== undefined) expect(line.slice(`${at}: ${severity} ${code}: `.length)).toMatch(message);
  if (hint !== undefined) {
    expect(lines[i + 1] ?? '').toMatch(/^ {2}hint: /);
    expect((lines[i + 1] ?? '').slice('  hint: '.length)).toMatch(hint);
  }
}

async function expectError(dir: string, expected: Expected): Promise<CliRun> {
  const run = await validate(dir);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toBe('');
  expectDiagnostic(run.stderr, expected);
  return run;
}

async function expectValidWith(dir: string, expected: Expected): Promise<CliRun> {
  const run = await validate(dir);
  expect(run.code, run.stderr).toBe(0);
  expectDiagnostic(run.stderr, { severity: 'warning', ...expected });
  expect(run.stderr).toMatch(/^0 errors, \d+ warnings?$/m);
  return run;
}

describe('ccm validate: files that are not usable YAML', () => {
  it('reports tab indentation at the tab', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\nhooks:\n\tStop: []\n' });
    await expectError(dir, {
      at: 'components/subagents/a.yaml:3:1',
      code: 'YAML_SYNTAX',
      message: /tab/i,
      hint: /indent with spaces/,
    });
  });

  it('reports an unclosed quote where the quoted string starts, not at the end of the file', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: "reviews code\nmodel: sonnet\nmaxTurns: 3\n' });
    const run = await expectError(dir, {
      at: 'components/subagents/a.yaml:1:14',
      code: 'YAML_SYNTAX',
      message: 'invalid YAML: quoted string has no closing "',
      hint: /close the quoted string/,
    });
    expect(run.stderr).toContain('1 error, 0 warnings');
  });

  it('reports a cascade of parser errors on one line once', async () => {
    const dir = repo({ 'components/subagents/a.yaml': '  description: x\n model: sonnet\n' });
    const run = await expectError(dir, { at: 'components/subagents/a.yaml:2:2', code: 'YAML_SYNTAX', message: /^invalid YAML: [a-z]/, hint: /indentation/ });
    expect(run.stderr.match(/YAML_SYNTAX/g)).toHaveLength(1);
  });

  it('explains a value that contains ": "', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: Note: reviews code\n' });
    await expectError(dir, { at: 'components/subagents/a.yaml:1:14', code: 'YAML_SYNTAX', hint: /quote a value that contains ": "/ });
  });

  it('reports a duplicate key at the repeated key', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\nmodel: sonnet\ndescription: y\n' });
    await expectError(dir, { at: 'components/subagents/a.yaml:3:1', code: 'YAML_SYNTAX', hint: /each key may appear once/ });
  });

  it('reports an alias bomb ("billion laughs") as an error, quickly, instead of crashing', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const dir = repo({ 'profiles/base.yaml': lines.join('\n') + '\n' });
    const run = await expectError(dir, { at: 'profiles/base.yaml:1:1', code: 'YAML_SYNTAX', message: /alias/, hint: /anchors/ });
    expect(run.stderr).not.toContain('INTERNAL');
  });

  it('rejects a file that is a list, not a map', async () => {
    const dir = repo({ 'components/subagents/a.yaml': '- description: x\n- model: sonnet\n' });
    await expectError(dir, {
      at: 'components/subagents/a.yaml:1:1',
      code: 'YAML_NOT_A_MAP',
      message: 'expected a mapping of keys to values, found a list',
      hint: /key: value/,
    });
  });

  it('rejects a file that is a single string', async () => {
    const dir = repo({ 'profiles/base.yaml': '# just a comment\nbase\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:1', code: 'YAML_NOT_A_MAP', message: /found a single string/ });
  });

  it('rejects an empty file', async () => {
    const dir = repo({ 'components/mcp-servers/github.yaml': '' });
    await expectError(dir, { at: 'components/mcp-servers/github.yaml:1:1', code: 'EMPTY_FILE', hint: /add the fields/ });
  });

  it('rejects a file of only whitespace as empty', async () => {
    const dir = repo({ 'components/mcp-servers/github.yaml': '\n   \n\n' });
    await expectError(dir, { at: 'components/mcp-servers/github.yaml:1:1', code: 'EMPTY_FILE' });
  });

  it('rejects a binary file', async () => {
    const dir = repo({ 'components/subagents/a.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]) });
    await expectError(dir, { at: 'components/subagents/a.yaml:1:1', code: 'BINARY_FILE', message: /binary/, hint: /UTF-8/ });
  });

  it('rejects a file that is not UTF-8', async () => {
    const dir = repo({ 'components/subagents/a.yaml': new Uint8Array([...Buffer.from('description: caf'), 0xe9, 0x0a]) });
    await expectError(dir, { at: 'components/subagents/a.yaml:1:1', code: 'BINARY_FILE', message: /not valid UTF-8/, hint: /UTF-8/ });
  });

  it('accepts a UTF-8 byte-order mark with a BOM warning (exit 0)', async () => {
    const dir = repo({ 'components/subagents/a.yaml': '\uFEFFdescription: Reviews code.\n' });
    await expectValidWith(dir, { at: 'components/subagents/a.yaml:1:1', code: 'BOM', hint: /without BOM/ });
  });

  it('keeps positions right after a BOM', async () => {
    const dir = repo({ 'components/subagents/a.yaml': '\uFEFFdescription: x\nmaxTurns: "ten"\n' });
    const run = await expectError(dir, { at: 'components/subagents/a.yaml:2:11', code: 'SCHEMA_TYPE' });
    expectDiagnostic(run.stderr, { at: 'components/subagents/a.yaml:1:1', code: 'BOM', severity: 'warning' });
  });

  it('accepts CRLF line endings', async () => {
    const dir = repo({
      'ccm.config.yaml': 'version: 1\r\ndefaults:\r\n  profiles: [base]\r\n',
      'profiles/base.yaml': 'description: Base\r\ncomponents:\r\n  subagents: [reviewer]\r\n',
      'components/subagents/reviewer.yaml': 'description: Reviews code.\r\nmodel: sonnet\r\n',
      'components/subagents/reviewer.md': 'You review code.\r\n',
    });
    const run = await validate(dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('1 component, 1 profile, 0 projects are valid');
  });

  it('gives correct line and column numbers in a CRLF file', async () => {
    const dir = repo({ 'components/subagents/reviewer.yaml': 'description: Reviews code.\r\nmodel: sonnet\r\n\r\nmaxTurns: 0\r\n' });
    await expectError(dir, { at: 'components/subagents/reviewer.yaml:4:11', code: 'SCHEMA_INVALID', message: 'maxTurns: must be at least 1, found the number 0' });
  });

  it('refuses a 5 MB YAML file quickly with FILE_TOO_LARGE', async () => {
    const dir = repo({ 'components/subagents/big.yaml': `description: ${'a'.repeat(5 * 1000 * 1000)}\n` });
    const started = Date.now();
    const run = await expectError(dir, {
      at: 'components/subagents/big.yaml:1:1',
      code: 'FILE_TOO_LARGE',
      message: 'file is 4.8 MiB; ccm reads YAML files up to 1 MiB',
      hint: /Markdown body/,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.stderr).toContain('1 error, 0 warnings');
  });

  it('refuses to read a file over 10 MiB at all', async () => {
    const dir = repo({ 'components/skills/s/skill.yaml': 'description: s\n', 'components/skills/s/data.bin': new Uint8Array(11 * 1024 * 1024) });
    await expectError(dir, { at: 'components/skills/s/data.bin:1:1', code: 'FILE_TOO_LARGE', message: /11\.0 MiB; ccm reads files up to 10 MiB/ });
  });

  it('refuses a symlink that points outside the repo', async () => {
    const outside = tempTree({ 'secret.yaml': 'description: stolen\n' });
    const dir = repo({});
    const link = join(dir, 'components/subagents/a.yaml');
    tempTree({ 'components/subagents/.keep': '' }, dir);
    symlinkSync(join(outside, 'secret.yaml'), link);
    await expectError(dir, { at: 'components/subagents/a.yaml:1:1', code: 'SYMLINK_OUTSIDE_REPO', message: /outside the config repo/, hint: /copy the file into the repo/ });
  });

  it('refuses a symlinked folder that points outside the repo', async () => {
    const outside = tempTree({ 'a.yaml': 'description: a\n' });
    const dir = repo({ 'components/.keep': '' });
    symlinkSync(outside, join(dir, 'components/subagents'));
    await expectError(dir, { at: 'components/subagents:1:1', code: 'SYMLINK_OUTSIDE_REPO' });
  });

  it('reports a symlink loop instead of walking it forever', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: a\n', 'components/x/.keep': '', 'components/y/.keep': '' });
    symlinkSync('..', join(dir, 'components/subagents/loop'));
    symlinkSync('../y', join(dir, 'components/x/to-y'));
    symlinkSync('../x', join(dir, 'components/y/to-x'));
    const run = await expectError(dir, { at: 'components/subagents/loop:1:1', code: 'UNREADABLE_FILE', message: /endless loop/, hint: 'remove the link' });
    expectDiagnostic(run.stderr, { at: 'components/x/to-y/to-x:1:1', code: 'UNREADABLE_FILE', message: /endless loop/ });
    expect(run.stderr).not.toContain('INTERNAL');
  });

  it('follows a symlink that stays inside the repo', async () => {
    const dir = repo({ 'shared/reviewer.yaml': 'description: Reviews code.\n', 'components/subagents/.keep': '' });
    symlinkSync(join(dir, 'shared/reviewer.yaml'), join(dir, 'components/subagents/reviewer.yaml'));
    const run = await validate(dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 component, 0 profiles');
  });
});

describe('ccm validate: schema errors', () => {
  it('reports a wrong type at the value, with the field description as hint', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\nmaxTurns: "ten"\n' });
    await expectError(dir, {
      at: 'components/subagents/a.yaml:2:11',
      code: 'SCHEMA_TYPE',
      message: 'maxTurns: expected an integer, found the string "ten"',
      hint: /Maximum number of agentic turns/,
    });
  });

  it('reports a value that fits none of its alternatives once, naming the accepted types', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\ntools: 5\nmcpServers: [5]\n' });
    const run = await expectError(dir, { at: 'components/subagents/a.yaml:2:8', code: 'SCHEMA_TYPE', message: 'tools: expected a string or a list, found the number 5' });
    expectDiagnostic(run.stderr, { at: 'components/subagents/a.yaml:3:14', code: 'SCHEMA_TYPE', message: 'mcpServers[0]: expected a string or a mapping, found the number 5' });
    expect(run.stderr).toContain('2 errors, 0 warnings');
  });

  it('reports the error inside the alternative that matched the shape', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\nmcpServers:\n  - local:\n      command: 3\n' });
    const run = await expectError(dir, { at: 'components/subagents/a.yaml:4:16', code: 'SCHEMA_TYPE', message: 'mcpServers[0].local.command: expected a string, found the number 3' });
    expect(run.stderr).toContain('1 error, 0 warnings');
  });

  it('reports an unknown key of ccm\'s own files at the key, with a did-you-mean hint', async () => {
    const dir = repo({ 'profiles/base.yaml': 'description: x\ndescriptoin: y\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:1', code: 'SCHEMA_UNKNOWN_KEY', message: 'unknown key "descriptoin"', hint: 'did you mean "description"?' });
  });

  it('only warns about an unknown key of a Claude Code file (frontmatter), still with a did-you-mean hint', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\ndescriptoin: y\n' });
    await expectValidWith(dir, { at: 'components/subagents/a.yaml:2:1', code: 'UNKNOWN_FIELD', message: 'unknown key "descriptoin" is kept and written as is', hint: /^did you mean "description"\?/ });
  });

  it('lists the allowed keys when no key is close', async () => {
    const dir = repo({ 'profiles/base.yaml': 'components:\n  widgets: [a]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:3', code: 'SCHEMA_UNKNOWN_KEY', message: 'components: unknown key "widgets"', hint: /^allowed keys: mcp-servers, subagents/ });
  });

  it('reports a missing required field, with what it is for', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'model: sonnet\n' });
    await expectError(dir, {
      at: 'components/subagents/a.yaml:1:1',
      code: 'SCHEMA_REQUIRED',
      message: 'missing required key "description"',
      hint: /^add `description: …` \(when Claude should delegate/,
    });
  });

  it('suggests the closest allowed value of an enum', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: x\npermissionMode: acceptedits\n' });
    await expectError(dir, { at: 'components/subagents/a.yaml:2:17', code: 'SCHEMA_ENUM', message: /"acceptedits" is not one of: default, acceptEdits/, hint: 'did you mean "acceptEdits"?' });
  });

  it('reports the wrong format version', async () => {
    const dir = repo({ 'ccm.config.yaml': 'version: 2\n' });
    await expectError(dir, { at: 'ccm.config.yaml:1:10', code: 'SCHEMA_ENUM', message: 'version: must be 1, found the number 2' });
  });

  it('reports a repeated list entry at the repetition', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: a\n', 'profiles/base.yaml': 'components:\n  subagents: [a, a]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:18', code: 'SCHEMA_INVALID', message: 'components.subagents[1]: "a" is listed twice (also at components.subagents[0])' });
  });

  it('reports an invalid map key at the key, described rather than as a regex', async () => {
    const dir = repo({ 'components/mcp-servers/m.yaml': 'command: npx\nenv:\n  lower_case: x\n' });
    const run = await expectError(dir, { at: 'components/mcp-servers/m.yaml:3:3', code: 'SCHEMA_PATTERN', message: 'env: key "lower_case" is not in the required form', hint: /environment-variable name/ });
    expect(run.stderr).toContain('1 error, 0 warnings');
  });

  it('reports an empty string where text is required', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: ""\n' });
    await expectError(dir, { at: 'components/subagents/a.yaml:1:14', code: 'SCHEMA_INVALID', message: 'description: must not be empty' });
  });
});

describe('ccm validate: names', () => {
  it('rejects two files that define one name (x.yaml and x.yml)', async () => {
    const dir = repo({ 'components/subagents/x.yaml': 'description: x\n', 'components/subagents/x.yml': 'description: y\n' });
    await expectError(dir, { at: 'components/subagents/x.yml:1:1', code: 'DUPLICATE_NAME', message: 'defines the same name as components/subagents/x.yaml', hint: /rename or delete one/ });
  });

  it('rejects names that differ only in case', async () => {
    const dir = repo({ 'components/subagents/Reviewer.yaml': 'description: x\n', 'components/subagents/reviewer.yaml': 'description: y\n' });
    await expectError(dir, { at: 'components/subagents/reviewer.yaml:1:1', code: 'DUPLICATE_NAME', message: /components\/subagents\/Reviewer\.yaml/ });
  });

  it('rejects two subagents whose name: fields collide', async () => {
    const dir = repo({
      'components/subagents/a.yaml': 'description: a\nname: reviewer\n',
      'components/subagents/b.yaml': 'description: b\nname: reviewer\n',
    });
    await expectError(dir, { at: 'components/subagents/b.yaml:2:7', code: 'DUPLICATE_NAME', message: 'subagent name "reviewer" is also used by components/subagents/a.yaml', hint: /unique name/ });
  });

  it('rejects a name: field that collides with another subagent\'s file name', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'description: a\nname: reviewer\n', 'components/subagents/reviewer.yaml': 'description: r\n' });
    await expectError(dir, { at: 'components/subagents/reviewer.yaml:1:1', code: 'DUPLICATE_NAME', message: /"reviewer" is also used by components\/subagents\/a\.yaml/ });
  });

  it.each(['../etc', 'a/b', 'C:evil', '/abs'])('rejects name: %j in a subagent', async (name) => {
    const dir = repo({ 'components/subagents/a.yaml': `description: a\nname: ${JSON.stringify(name)}\n` });
    await expectError(dir, { at: 'components/subagents/a.yaml:2:7', code: 'SCHEMA_PATTERN', message: `name: ${JSON.stringify(name)} is not in the required form`, hint: /lowercase letters and digits/ });
  });

  it.each([
    ['commands', '../../etc/passwd'],
    ['commands', '/etc/passwd'],
    ['commands', 'C:/evil'],
    ['subagents', 'C:evil'],
    ['subagents', 'a/b'],
    ['skills', '..'],
  ])('rejects a %s reference %j in a profile', async (key, name) => {
    const dir = repo({ 'profiles/base.yaml': `components:\n  ${key}: [${JSON.stringify(name)}]\n` });
    await expectError(dir, {
      at: `profiles/base.yaml:2:${key.length + 6}`,
      code: 'SCHEMA_PATTERN',
      message: `components.${key}[0]: ${JSON.stringify(name)} is not in the required form`,
      hint: /no '\/'|so '\.\.' and absolute paths can never match/,
    });
  });

  it('rejects a profile extending "../x"', async () => {
    const dir = repo({ 'profiles/base.yaml': 'extends: [../x]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:1:11', code: 'SCHEMA_PATTERN', message: /extends\[0\]: "\.\.\/x"/ });
  });

  it('rejects a file name with a drive letter', async () => {
    const dir = repo({ 'components/subagents/C:evil.yaml': 'description: x\n' });
    await expectError(dir, { at: 'components/subagents/C:evil.yaml:1:1', code: 'INVALID_NAME', message: /"C:evil" is not a valid name/, hint: /drive letter/ });
  });

  it('rejects a command folder named like a path trick', async () => {
    const dir = repo({ 'components/commands/a..b/c.yaml': 'description: x\n' });
    await expectError(dir, { at: 'components/commands/a..b/c.yaml:1:1', code: 'INVALID_NAME', message: /"a\.\.b\/c" is not a valid name/ });
  });

  it('rejects a secret file whose name is not an environment-variable name', async () => {
    const dir = repo({ 'secrets/github-token.age': 'x' });
    await expectError(dir, { at: 'secrets/github-token.age:1:1', code: 'INVALID_NAME', message: /not an environment-variable name/, hint: 'rename it to secrets/GITHUB_TOKEN.age' });
  });

  it('rejects a file in an unknown component folder, with a did-you-mean when one is close', async () => {
    const dir = repo({ 'components/subagent/x.yaml': 'description: x\n' });
    await expectError(dir, { at: 'components/subagent/x.yaml:1:1', code: 'UNKNOWN_FOLDER', message: 'unknown component folder "components/subagent"', hint: 'did you mean "components/subagents"?' });
  });

  it('lists the component folders when none is close', async () => {
    const dir = repo({ 'components/widgets/x.yaml': 'a: 1\n' });
    await expectError(dir, {
      at: 'components/widgets/x.yaml:1:1',
      code: 'UNKNOWN_FOLDER',
      message: 'unknown component folder "components/widgets"',
      hint: /^component folders are: components\/mcp-servers, components\/subagents, .*components\/auto-claude\/model-profiles$/,
    });
  });
});

describe('ccm validate: cross-references', () => {
  it('reports an unknown component in a profile at the entry, with a did-you-mean', async () => {
    const dir = repo({ 'components/subagents/reviewer.yaml': 'description: r\n', 'profiles/base.yaml': 'components:\n  subagents: [reviewer, reviewr]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:25', code: 'UNKNOWN_COMPONENT', message: 'unknown subagent "reviewr"', hint: /^did you mean "reviewer"\?/ });
  });

  it('tells how to create an unknown component when nothing is close', async () => {
    const dir = repo({ 'profiles/base.yaml': 'components:\n  commands: [git/commit]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:2:14', code: 'UNKNOWN_COMPONENT', message: 'unknown command "git/commit"', hint: 'create components/commands/git/commit.yaml' });
  });

  it('reports an unknown profile in a project', async () => {
    const dir = repo({ 'profiles/base.yaml': 'description: b\n', 'projects/app.yaml': 'path: ../app\nprofiles: [base, bsae]\n' });
    await expectError(dir, { at: 'projects/app.yaml:2:18', code: 'UNKNOWN_PROFILE', message: 'unknown profile "bsae"', hint: /^did you mean "base"\?/ });
  });

  it('reports an unknown profile in the defaults of ccm.config.yaml', async () => {
    const dir = repo({ 'ccm.config.yaml': 'version: 1\ndefaults:\n  profiles: [base]\n' });
    await expectError(dir, { at: 'ccm.config.yaml:3:14', code: 'UNKNOWN_PROFILE', hint: 'create profiles/base.yaml' });
  });

  it('reports a profile that extends itself', async () => {
    const dir = repo({ 'profiles/base.yaml': 'extends: [base]\n' });
    await expectError(dir, { at: 'profiles/base.yaml:1:10', code: 'PROFILE_CYCLE', message: 'profile "base" extends itself through base → base', hint: /remove one of the `extends` entries/ });
  });

  it('reports a 2-cycle of profiles on both profiles', async () => {
    const dir = repo({ 'profiles/a.yaml': 'extends: [b]\n', 'profiles/b.yaml': 'extends: [a]\n' });
    const run = await expectError(dir, { at: 'profiles/a.yaml:1:10', code: 'PROFILE_CYCLE', message: 'profile "a" extends itself through a → b → a' });
    expectDiagnostic(run.stderr, { at: 'profiles/b.yaml:1:10', code: 'PROFILE_CYCLE', message: 'profile "b" extends itself through b → a → b' });
  });

  it('reports a subagent naming an unknown skill and an unknown MCP server', async () => {
    const dir = repo({
      'components/skills/release-notes/skill.yaml': 'description: r\n',
      'components/mcp-servers/github.yaml': 'command: npx\n',
      'components/subagents/a.yaml': 'description: a\nskills: [release-note]\nmcpServers: [gihtub]\n',
    });
    const run = await expectError(dir, { at: 'components/subagents/a.yaml:2:10', code: 'UNKNOWN_SKILL', message: 'subagent "a" preloads skill "release-note", which no component defines', hint: /^did you mean "release-notes"\?/ });
    expectDiagnostic(run.stderr, { at: 'components/subagents/a.yaml:3:14', code: 'UNKNOWN_MCP_SERVER', message: 'subagent "a" names MCP server "gihtub", which no component defines', hint: /^did you mean "github"\?/ });
  });

  it('accepts a permission rule for an MCP server defined outside the repo with EXTERNAL_REFERENCE, an error under strict: true', async () => {
    const files = { 'components/settings/base.yaml': 'permissions:\n  allow:\n    - Bash(npm test)\n    - mcp__ide__getDiagnostics\n' };
    await expectValidWith(repo(files), {
      at: 'components/settings/base.yaml:4:7',
      code: 'EXTERNAL_REFERENCE',
      message: 'permission rule "mcp__ide__getDiagnostics" names MCP server "ide", which this repo does not define: assumed to exist outside it',
      hint: /^nothing to do if it exists where Claude Code runs; otherwise create components\/mcp-servers\/ide\.yaml/,
    });
    await expectError(tempTree({ 'ccm.config.yaml': 'version: 1\nstrict: true\n', ...files }), {
      at: 'components/settings/base.yaml:4:7', code: 'EXTERNAL_REFERENCE', hint: /strict: true/,
    });
  });

  it('accepts a permission rule for a defined MCP server', async () => {
    const dir = repo({ 'components/mcp-servers/github.yaml': 'command: npx\n', 'components/settings/base.yaml': 'permissions:\n  allow: [mcp__github__create_issue]\n' });
    expect((await validate(dir)).code).toBe(0);
  });

  it('reports a secret reference without secrets/NAME.age', async () => {
    const dir = repo({ 'components/mcp-servers/github.yaml': 'command: npx\nenv:\n  GITHUB_TOKEN: {secret: MISSING}\n' });
    await expectError(dir, {
      at: 'components/mcp-servers/github.yaml:3:26',
      code: 'UNKNOWN_SECRET',
      message: 'secret "MISSING" is referenced but secrets/MISSING.age does not exist',
      hint: /ccm secrets set MISSING/,
    });
  });

  it('accepts a secret reference whose .age file exists', async () => {
    const dir = repo({ 'components/mcp-servers/github.yaml': 'command: npx\nenv:\n  GITHUB_TOKEN: {secret: GITHUB_TOKEN}\n', 'secrets/GITHUB_TOKEN.age': 'age-encryption.org/v1\n' });
    expect((await validate(dir)).code).toBe(0);
  });

  it('reports an unknown Auto-Claude agent type', async () => {
    const dir = repo({ 'components/auto-claude/agent-configs/cooder.yaml': 'mcp_servers: [context7]\n' });
    await expectError(dir, { at: 'components/auto-claude/agent-configs/cooder.yaml:1:1', code: 'AC_UNKNOWN_AGENT_TYPE', message: /"cooder" is not an Auto-Claude agent type/, hint: /^did you mean "coder"\?/ });
  });

  it('warns (exit 0) when an agent config changes tools', async () => {
    const dir = repo({ 'components/auto-claude/agent-configs/coder.yaml': 'description: c\ntools: [Read]\n' });
    await expectValidWith(dir, { at: 'components/auto-claude/agent-configs/coder.yaml:2:1', code: 'AC_FIELD_NOT_APPLIED', message: /"tools" of agent "coder"/, hint: /only MCP membership/ });
  });

  it('warns (exit 0) when a prompt body lost a listed injection point', async () => {
    const dir = repo({
      'components/auto-claude/prompts/coder.yaml': 'description: c\ninjectionPoints:\n  - "{{BASE_BRANCH}}"\n',
      'components/auto-claude/prompts/coder.md': 'You are the coder. Work on the current branch.\n',
    });
    await expectValidWith(dir, {
      at: 'components/auto-claude/prompts/coder.yaml:3:5',
      code: 'AC_INJECTION_POINT_MISSING',
      message: /lost its injection point "\{\{BASE_BRANCH\}\}"/,
      hint: /put "\{\{BASE_BRANCH\}\}" back into components\/auto-claude\/prompts\/coder\.md/,
    });
  });

  it('is quiet when the injection point is still there', async () => {
    // A backend to write the prompt into: without one, validate (like build) warns AC_BACKEND_MISSING.
    const dir = tempTree({
      'ccm.config.yaml': 'version: 1\nautoClaude:\n  backendPath: ../backend\n',
      'components/auto-claude/prompts/coder.yaml': 'injectionPoints: ["{{BASE_BRANCH}}"]\n',
      'components/auto-claude/prompts/coder.md': 'Diff against {{BASE_BRANCH}}.\n',
    });
    const run = await validate(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('ccm validate: reporting', () => {
  const threeErrors = {
    'components/subagents/a.yaml': 'description: a\nmaxTurns: "ten"\n',
    'components/mcp-servers/m.yaml': '\tcommand: npx\n',
    'profiles/base.yaml': 'components:\n  subagents: [nope]\n',
  };

  it('reports every error at once, sorted by file', async () => {
    const run = await expectError(repo(threeErrors), { at: 'components/subagents/a.yaml:2:11', code: 'SCHEMA_TYPE' });
    expectDiagnostic(run.stderr, { at: 'components/mcp-servers/m.yaml:1:1', code: 'YAML_SYNTAX' });
    expectDiagnostic(run.stderr, { at: 'profiles/base.yaml:2:15', code: 'UNKNOWN_COMPONENT' });
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('3 errors, 0 warnings');
    const files = run.stderr.split('\n').filter((l) => !l.startsWith(' ') && l.includes(': error ')).map((l) => l.split(':')[0]);
    expect(files).toEqual(['components/mcp-servers/m.yaml', 'components/subagents/a.yaml', 'profiles/base.yaml']);
  });

  it('--json prints exactly one JSON document on stdout and nothing else', async () => {
    const dir = repo(threeErrors);
    const run = await validate(dir, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout) as { ok: boolean; command: string; data: { root: string }; diagnostics: Record<string, unknown>[] };
    expect(doc).toMatchObject({ ok: false, command: 'validate' });
    expect(doc.data.root).toBeTypeOf('string');
    expect(doc.diagnostics).toHaveLength(3);
    for (const d of doc.diagnostics) {
      expect(Object.keys(d).every((k) => ['severity', 'code', 'message', 'file', 'line', 'col', 'hint'].includes(k))).toBe(true);
      expect(d).toMatchObject({ severity: 'error', code: expect.any(String), message: expect.any(String), file: expect.any(String), line: expect.any(Number), col: expect.any(Number) });
    }
    expect(doc.diagnostics[1]).toEqual({
      severity: 'error',
      code: 'SCHEMA_TYPE',
      message: 'maxTurns: expected an integer, found the string "ten"',
      file: 'components/subagents/a.yaml',
      line: 2,
      col: 11,
      hint: 'Maximum number of agentic turns before Claude Code stops the subagent.',
    });
  });

  it('--json on a valid repo has ok: true and an empty diagnostics list', async () => {
    const run = await validate(repo({ 'profiles/base.yaml': 'description: b\n' }), '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, command: 'validate', diagnostics: [] });
  });

  it('without a config repo: exit 1, CONFIG_NOT_FOUND and a hint', async () => {
    const dir = tempDir();
    const run = await validate(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error CONFIG_NOT_FOUND: no ccm.config.yaml found in ${dir} or any parent folder`);
    expect(run.stderr).toContain('hint: run `ccm init` to create a config repo here, or pass --cwd <config repo>');
  });

  it('without a config repo, --json reports CONFIG_NOT_FOUND as JSON', async () => {
    const run = await validate(tempDir(), '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, command: 'validate', error: { code: 'CONFIG_NOT_FOUND', hint: expect.stringMatching(/ccm init/) } });
  });

  it('finds the config repo from a subfolder', async () => {
    const dir = repo({ 'components/subagents/a.yaml': 'model: sonnet\n' });
    const run = await ccm(['validate'], { cwd: join(dir, 'components/subagents') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('components/subagents/a.yaml:1:1: error SCHEMA_REQUIRED');
  });

  it('exits 2 on an unknown option', async () => {
    const run = await validate(repo({}), '--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
    expect(run.stdout).toBe('');
  });

  it('accepts examples/team-config', async () => {
    const dir = tempCopy('examples/team-config');
    const run = await validate(dir);
    expect(run.stderr).toMatch(EXAMPLE_STDERR);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ .*: \d+ components, \d+ profiles, \d+ projects are valid/);
  });
});
