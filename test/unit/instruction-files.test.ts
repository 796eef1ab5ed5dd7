import { describe, expect, it } from 'vitest';
import { directoryProblem, globProblem } from '../../src/core/project-paths.js';
import { renderClaudeCode } from '../../src/render/claude-code/index.js';
import { createEngine } from '../../src/render/engine.js';
import { resolveProject } from '../../src/resolve/resolve.js';
import { memoryRepo } from '../helpers/memory-repo.js';

/** Output styles, rules and nested CLAUDE.md: the pure checks, resolve and render. */

describe('globProblem', () => {
  it('accepts project-relative globs, braces and classes included', () => {
    for (const g of ['src/**/*.ts', '**/*.{ts,tsx}', 'docs/[a-z]*.md', 'a/{b,{c,d}}/*', '*.md', 'src/[}]x', 'file.ts']) {
      expect(globProblem(g), g).toBeUndefined();
    }
  });

  it('refuses empty, absolute, escaping, backslashed and unbalanced globs', () => {
    expect(globProblem('')).toBe('is empty');
    expect(globProblem('  ')).toBe('is empty');
    expect(globProblem('/etc/*')).toMatch(/^is absolute/);
    expect(globProblem('C:/x/*')).toMatch(/^is absolute/);
    expect(globProblem('../other/**')).toMatch(/"\.\." segment/);
    expect(globProblem('src/../../x')).toMatch(/"\.\." segment/);
    expect(globProblem('src\\*.ts')).toMatch(/backslash/);
    expect(globProblem('src/[ab.ts')).toMatch(/"\[" that is never closed/);
    expect(globProblem('src/ab].ts')).toMatch(/"\]" without a "\["/);
    expect(globProblem('src/{a,b.ts')).toMatch(/"\{" that is never closed/);
    expect(globProblem('src/a}.ts')).toMatch(/"\}" without a "\{"/);
  });

  it('takes ".." only as a whole segment', () => {
    expect(globProblem('src/a..b/*.ts')).toBeUndefined();
  });
});

describe('directoryProblem', () => {
  it('accepts relative POSIX subdirectories', () => {
    for (const d of ['packages/api', 'docs', 'a/b/c', 'src/.config', 'x.claude']) expect(directoryProblem(d), d).toBeUndefined();
  });

  it('refuses what would leave the project or land in folders ccm, git or Claude Code own', () => {
    const cases: [string, RegExp][] = [
      ['', /^is empty/],
      ['../x', /"\.\." segment/],
      ['a/../../x', /"\.\." segment/],
      ['/etc', /^is absolute/],
      ['C:/x', /^is absolute/],
      ['a\\b', /backslash/],
      ['a//b', /empty segment/],
      ['a/', /empty segment/],
      ['./a', /"\." segment/],
      ['.git', /\.git/],
      ['sub/.git/hooks', /\.git/],
      ['.GIT', /\.git/],
      ['.claude', /\.claude\//],
      ['.claude/rules', /\.claude\//],
      ['.auto-claude', /\.auto-claude\//],
    ];
    for (const [d, re] of cases) expect(directoryProblem(d), d).toMatch(re);
  });
});

const base = {
  'projects/app.yaml': 'path: out/app\ntargets: [claude-code]\nprofiles: [base]\n',
};

function build(files: Record<string, string>): { paths: string[]; content: (p: string) => string; errors: string[] } {
  const { repo, diagnostics } = memoryRepo({ ...base, ...files });
  const resolved = resolveProject(repo, 'app');
  const errors = [...diagnostics, ...resolved.diagnostics].filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`);
  if (errors.length > 0 || !resolved.project) return { paths: [], content: () => '', errors };
  const out = renderClaudeCode(resolved.project, createEngine(repo.templates));
  const byPath = new Map(out.files.map((f) => [f.path, f.content as string]));
  return { paths: [...byPath.keys()].sort(), content: (p) => byPath.get(p)!, errors };
}

describe('rendering the new kinds', () => {
  it('groups CLAUDE.md sections by directory, each file ordered by order then name', () => {
    const r = build({
      'profiles/base.yaml': 'components:\n  claude-md: [root, api-b, api-a, docs]\n',
      'components/claude-md/root.yaml': 'order: 1\n',
      'components/claude-md/root.md': '# Root\n',
      'components/claude-md/api-a.yaml': 'directory: packages/api\norder: 50\n',
      'components/claude-md/api-a.md': 'second\n',
      'components/claude-md/api-b.yaml': 'directory: packages/api\norder: 10\n',
      'components/claude-md/api-b.md': 'first\n',
      'components/claude-md/docs.yaml': 'directory: docs\n',
      'components/claude-md/docs.md': '# Docs\n',
    });
    expect(r.errors).toEqual([]);
    expect(r.paths).toEqual(['CLAUDE.md', 'docs/CLAUDE.md', 'packages/api/CLAUDE.md']);
    expect(r.content('packages/api/CLAUDE.md')).toBe('first\n\nsecond\n');
    expect(r.content('CLAUDE.md')).toBe('# Root\n');
  });

  it('writes no CLAUDE.md at the root when every section has a directory', () => {
    const r = build({
      'profiles/base.yaml': 'components:\n  claude-md: [docs]\n',
      'components/claude-md/docs.yaml': 'directory: docs\n',
      'components/claude-md/docs.md': '# Docs\n',
    });
    expect(r.paths).toEqual(['docs/CLAUDE.md']);
  });

  it('writes a rule without fields as plain Markdown and a nested rule under its folders', () => {
    const r = build({
      'profiles/base.yaml': 'components:\n  rules: [plain, api/handlers]\n',
      'components/rules/plain.yaml': '{}\n',
      'components/rules/plain.md': 'Always.\n',
      'components/rules/api/handlers.yaml': 'paths: "src/api/**"\n',
      'components/rules/api/handlers.md': 'Handlers.\n',
    });
    expect(r.paths).toEqual(['.claude/rules/api/handlers.md', '.claude/rules/plain.md']);
    expect(r.content('.claude/rules/plain.md')).toBe('Always.\n');
    expect(r.content('.claude/rules/api/handlers.md')).toBe('---\npaths: src/api/**\n---\n\nHandlers.\n');
  });

  it('writes an output style with its fields in order, without adding a name', () => {
    const r = build({
      'profiles/base.yaml': 'components:\n  output-styles: [terse]\n',
      'components/output-styles/terse.yaml': 'keep-coding-instructions: true\ndescription: Short\n',
      'components/output-styles/terse.md': 'Be brief.\n',
    });
    expect(r.content('.claude/output-styles/terse.md')).toBe('---\nkeep-coding-instructions: true\ndescription: Short\n---\n\nBe brief.\n');
  });

  it('accepts outputStyle naming a selected style by its name field, and a built-in in any case', () => {
    const styles = {
      'components/output-styles/terse.yaml': 'name: Terse Mode\n',
      'components/output-styles/terse.md': 'Be brief.\n',
    };
    expect(build({ ...styles, 'profiles/base.yaml': 'components:\n  output-styles: [terse]\n  settings: [s]\n', 'components/settings/s.yaml': 'outputStyle: Terse Mode\n' }).errors).toEqual([]);
    expect(build({ 'profiles/base.yaml': 'components:\n  settings: [s]\n', 'components/settings/s.yaml': 'outputStyle: explanatory\n' }).errors).toEqual([]);
  });

  it('refuses outputStyle naming a repo style the project does not select, at the setting', () => {
    const r = build({
      'profiles/base.yaml': 'components:\n  settings: [s]\n',
      'components/settings/s.yaml': 'outputStyle: terse\n',
      'components/output-styles/terse.yaml': '{}\n',
      'components/output-styles/terse.md': 'Be brief.\n',
    });
    expect(r.errors).toEqual(['components/settings/s.yaml:1:14 OUTPUT_STYLE_NOT_SELECTED']);
  });
});
