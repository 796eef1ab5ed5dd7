import { describe, expect, it } from 'vitest';
import { assembleRepo } from '../../src/load/assemble.js';
import { nodeAt, parseYaml, pointerToPath, positionOf, type YamlFile } from '../../src/load/yaml-file.js';

const enc = new TextEncoder();

function parsed(text: string, path = 'f.yaml'): YamlFile {
  const r = parseYaml(path, enc.encode(text));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.file!;
}

function diagnosticsOf(input: string | Uint8Array): { code: string; line?: number; col?: number; message: string }[] {
  return parseYaml('f.yaml', typeof input === 'string' ? enc.encode(input) : input).diagnostics.map(({ code, line, col, message }) => ({ code, line, col, message }));
}

describe('parseYaml', () => {
  it('returns the value of a mapping and no diagnostics', () => {
    const r = parseYaml('f.yaml', enc.encode('description: x\ntools: [Read, Grep]\n'));
    expect(r.diagnostics).toEqual([]);
    expect(r.file?.value).toEqual({ description: 'x', tools: ['Read', 'Grep'] });
    expect(r.file?.path).toBe('f.yaml');
  });

  it('positions a tab at the tab', () => {
    expect(diagnosticsOf('a:\n  b: 1\n\tc: 2\n')).toEqual([{ code: 'YAML_SYNTAX', line: 3, col: 1, message: expect.stringMatching(/tabs/i) }]);
  });

  it('positions an unclosed quote at its opening quote, for both quote characters', () => {
    expect(diagnosticsOf('a: 1\nb: "open\nc: 2\nd: 3\n')).toEqual([{ code: 'YAML_SYNTAX', line: 2, col: 4, message: 'invalid YAML: quoted string has no closing "' }]);
    expect(diagnosticsOf("a: 1\nb:   'it''s\n")).toEqual([{ code: 'YAML_SYNTAX', line: 2, col: 6, message: "invalid YAML: quoted string has no closing '" }]);
  });

  it('reports one syntax error per line but every line that has one', () => {
    expect(diagnosticsOf('  a: 1\n b: 2\n').map((d) => d.line)).toEqual([2]);
    expect(diagnosticsOf('a: 1\na: 2\nb: 1\nb: 2\n').map((d) => [d.line, d.col])).toEqual([[2, 1], [4, 1]]);
  });

  it('tells a list, a scalar and a comment-only document apart from a map', () => {
    expect(diagnosticsOf('- a\n')).toEqual([{ code: 'YAML_NOT_A_MAP', line: 1, col: 1, message: 'expected a mapping of keys to values, found a list' }]);
    expect(diagnosticsOf('\n\n42\n')).toEqual([{ code: 'YAML_NOT_A_MAP', line: 3, col: 1, message: 'expected a mapping of keys to values, found a single number' }]);
    expect(diagnosticsOf('# nothing\n')[0]).toMatchObject({ code: 'YAML_NOT_A_MAP', message: /an empty document/ });
  });

  it('rejects empty, binary and non-UTF-8 input at 1:1', () => {
    expect(diagnosticsOf('')).toEqual([{ code: 'EMPTY_FILE', line: 1, col: 1, message: expect.any(String) }]);
    expect(diagnosticsOf(new Uint8Array([0x61, 0x00, 0x62]))).toEqual([{ code: 'BINARY_FILE', line: 1, col: 1, message: expect.stringMatching(/NUL/) }]);
    expect(diagnosticsOf(new Uint8Array([0x61, 0x3a, 0x20, 0xff]))).toEqual([{ code: 'BINARY_FILE', line: 1, col: 1, message: 'file is not valid UTF-8 text' }]);
  });

  it('strips a BOM with a warning and keeps the value and positions', () => {
    const r = parseYaml('f.yaml', enc.encode('\uFEFFa: 1\nb: x\n'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'BOM', line: 1, col: 1 })]);
    expect(r.file?.value).toEqual({ a: 1, b: 'x' });
    expect(r.file?.text.startsWith('\uFEFF')).toBe(false);
    expect(positionOf(r.file!, ['b'])).toEqual({ file: 'f.yaml', line: 2, col: 4 });
  });

  it('reads CRLF files with the same line numbers as LF files', () => {
    const file = parsed('a: 1\r\nb:\r\n  c: [x, y]\r\n');
    expect(file.value).toEqual({ a: 1, b: { c: ['x', 'y'] } });
    expect(positionOf(file, ['b', 'c', 1])).toEqual({ file: 'f.yaml', line: 3, col: 10 });
  });

  it('refuses a file over 1 MiB before parsing it', () => {
    const started = Date.now();
    const d = diagnosticsOf(`a: ${'x'.repeat(5_000_000)}\n`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(d).toEqual([{ code: 'FILE_TOO_LARGE', line: 1, col: 1, message: 'file is 4.8 MiB; ccm reads YAML files up to 1 MiB' }]);
  });

  it('resolves ordinary anchors and aliases', () => {
    expect(parsed('base: &tools [Read, Grep]\nother: *tools\n').value).toEqual({ base: ['Read', 'Grep'], other: ['Read', 'Grep'] });
  });

  it('reports a billion-laughs alias expansion instead of throwing', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    const r = parseYaml('f.yaml', enc.encode(lines.join('\n') + '\n'));
    expect(r.file).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'YAML_SYNTAX', line: 1, col: 1, message: expect.stringMatching(/alias/i), hint: expect.stringMatching(/anchors/) })]);
  });
});

describe('source positions', () => {
  const file = parsed('description: x\nhooks:\n  Stop:\n    - matcher: ""\n      hooks:\n        - {type: command, command: "make lint"}\npermissions:\n  allow: [Read, "mcp__gh"]\n');

  it('finds values by path, 1-based', () => {
    expect(positionOf(file, [])).toEqual({ file: 'f.yaml', line: 1, col: 1 });
    expect(positionOf(file, ['description'])).toEqual({ file: 'f.yaml', line: 1, col: 14 });
    expect(positionOf(file, ['hooks', 'Stop', 0, 'hooks', 0, 'command'])).toEqual({ file: 'f.yaml', line: 6, col: 36 });
    expect(positionOf(file, ['permissions', 'allow', 1])).toEqual({ file: 'f.yaml', line: 8, col: 17 });
  });

  it('finds the key instead of the value when asked', () => {
    expect(positionOf(file, ['hooks', 'Stop'], true)).toEqual({ file: 'f.yaml', line: 3, col: 3 });
    expect(positionOf(file, ['hooks', 'Stop'])).toEqual({ file: 'f.yaml', line: 4, col: 5 });
  });

  it('falls back to the closest existing ancestor', () => {
    expect(positionOf(file, ['hooks', 'Stop', 7, 'x'])).toEqual({ file: 'f.yaml', line: 4, col: 5 });
    expect(positionOf(file, ['nope', 'deeper'])).toEqual({ file: 'f.yaml', line: 1, col: 1 });
    expect(positionOf(file, ['description', 'inside-a-scalar'])).toEqual({ file: 'f.yaml', line: 1, col: 14 });
  });

  it('matches numeric-looking keys of maps as strings', () => {
    const f = parsed('codes:\n  404: missing\n');
    expect(nodeAt(f, ['codes', 404])).toBeDefined();
    expect(positionOf(f, ['codes', 404])).toEqual({ file: 'f.yaml', line: 2, col: 8 });
  });
});

describe('pointerToPath', () => {
  it('splits JSON pointers into segments, numbers as numbers', () => {
    expect(pointerToPath('')).toEqual([]);
    expect(pointerToPath('/hooks/Stop/0/hooks/1')).toEqual(['hooks', 'Stop', 0, 'hooks', 1]);
  });

  it('unescapes ~1 and ~0', () => {
    expect(pointerToPath('/components/git~1commit/a~0b')).toEqual(['components', 'git/commit', 'a~b']);
  });

  it('round-trips through positionOf for keys that contain a slash', () => {
    const f = parsed('env:\n  "a/b": 1\n');
    expect(positionOf(f, pointerToPath('/env/a~1b'))).toEqual({ file: 'f.yaml', line: 2, col: 10 });
  });
});

describe('assembleRepo', () => {
  const raw = (files: Record<string, string>) => Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) }));
  const assemble = (files: Record<string, string>) => assembleRepo('/repo', { path: 'ccm.config.yaml', bytes: enc.encode('version: 1\n') }, raw(files));

  it('names components after their files, with subfolders for nested kinds', () => {
    const { repo, diagnostics } = assemble({
      'components/commands/git/commit.yaml': 'description: c\n',
      'components/commands/git/commit.md': 'Commit.\n',
      'components/skills/notes/skill.yaml': 'description: n\n',
      'components/skills/notes/SKILL.md': 'Body\n',
      'components/skills/notes/scripts/run.sh': 'echo\n',
    });
    expect(diagnostics).toEqual([]);
    expect([...repo.components.command.keys()]).toEqual(['git/commit']);
    expect(repo.components.command.get('git/commit')?.body).toEqual({ path: 'components/commands/git/commit.md', text: 'Commit.\n' });
    expect(repo.components.skill.get('notes')?.files?.map((f) => f.relPath)).toEqual(['scripts/run.sh']);
  });

  it('rejects nested names for flat kinds and path tricks for nested ones', () => {
    const { diagnostics } = assemble({ 'components/subagents/team/a.yaml': 'description: a\n', 'components/commands/x/..y/z.yaml': 'description: z\n' });
    expect(diagnostics.map((d) => [d.code, d.file, d.line, d.col])).toEqual([
      ['INVALID_NAME', 'components/subagents/team/a.yaml', 1, 1],
      ['INVALID_NAME', 'components/commands/x/..y/z.yaml', 1, 1],
    ]);
  });

  it('suggests a folder only when one is close', () => {
    const { diagnostics } = assemble({ 'components/subagent/a.yaml': 'x: 1\n', 'components/widgets/a.yaml': 'x: 1\n', 'components/agent-configs/coder.yaml': 'x: 1\n' });
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['UNKNOWN_FOLDER', 'did you mean "components/subagents"?'],
      ['UNKNOWN_FOLDER', expect.stringMatching(/^component folders are: /)],
      ['UNKNOWN_FOLDER', 'did you mean "components/auto-claude/agent-configs"?'],
    ]);
  });

  it('reports a duplicate after the first definition, whatever the extension or case', () => {
    const { repo, diagnostics } = assemble({ 'profiles/base.yaml': 'description: a\n', 'profiles/base.yml': 'description: b\n', 'components/hooks/Lint.yaml': 'hooks: {}\n', 'components/hooks/lint.yaml': 'hooks: {}\n' });
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ['DUPLICATE_NAME', 'profiles/base.yml', 'defines the same name as profiles/base.yaml'],
      ['DUPLICATE_NAME', 'components/hooks/lint.yaml', 'defines the same name as components/hooks/Lint.yaml'],
    ]);
    expect(repo.profiles.get('base')?.value).toEqual({ description: 'a' });
  });

  it('ignores dot files and READMEs, warns about orphan bodies and stray files', () => {
    const { diagnostics } = assemble({
      'components/subagents/.gitkeep': '',
      'components/subagents/README.md': '# docs\n',
      'components/subagents/lost.md': 'body\n',
      'components/subagents/notes.txt': 'x\n',
      'profiles/notes.txt': 'x\n',
    });
    expect(diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['warning', 'UNKNOWN_FILE', 'components/subagents/notes.txt', 1],
      ['warning', 'UNKNOWN_FILE', 'profiles/notes.txt', 1],
      ['warning', 'ORPHAN_BODY', 'components/subagents/lost.md', 1],
    ]);
  });

  it('requires skill.yaml in a skill folder', () => {
    const { diagnostics } = assemble({ 'components/skills/notes/SKILL.md': 'Body\n' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MISSING_CONFIG', file: 'components/skills/notes', hint: 'add components/skills/notes/skill.yaml with at least a description' })]);
  });

  it('places secrets by name and rejects names that are not environment-variable names', () => {
    const { repo, diagnostics } = assemble({ 'secrets/GITHUB_TOKEN.age': 'x', 'secrets/github-token.age': 'x', 'secrets/README.txt': 'x' });
    expect([...repo.secrets.keys()]).toEqual(['GITHUB_TOKEN']);
    expect(diagnostics.map((d) => [d.code, d.file, d.hint])).toEqual([
      ['INVALID_NAME', 'secrets/github-token.age', 'rename it to secrets/GITHUB_TOKEN.age'],
      ['UNKNOWN_FILE', 'secrets/README.txt', undefined],
    ]);
  });
});
