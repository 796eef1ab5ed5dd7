import { mkdirSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { gitOk } from '../helpers/git.js';
import { entrySnapshot, readTreeFiles } from '../helpers/tree.js';

/**
 * Output styles, rules and CLAUDE.md files in subdirectories through the real CLI: what a build
 * writes where, the import round trip, and every bad input located with nothing written.
 */

const CONFIG = {
  'config/ccm.config.yaml': 'version: 1\n',
  'config/profiles/team.yaml': [
    'components:',
    '  output-styles: [terse]',
    '  rules: [always, api/handlers]',
    '  claude-md: [root, api-notes, api-more]',
    '  settings: [style]',
    '',
  ].join('\n'),
  'config/projects/app.yaml': 'path: ../app\ntargets: [claude-code]\nprofiles: [team]\n',
  'config/components/output-styles/terse.yaml': 'description: Short answers\nkeep-coding-instructions: true\n',
  'config/components/output-styles/terse.md': 'Answer in one paragraph.\n',
  'config/components/rules/always.yaml': '{}\n',
  'config/components/rules/always.md': '# Always\n\nBe kind.\n',
  'config/components/rules/api/handlers.yaml': 'paths:\n  - "src/api/**/*.ts"\n  - "**/*.{test,spec}.ts"\n',
  'config/components/rules/api/handlers.md': 'Validate input first.\n',
  'config/components/claude-md/root.yaml': 'description: root\n',
  'config/components/claude-md/root.md': '# App\n',
  'config/components/claude-md/api-notes.yaml': 'directory: packages/api\norder: 20\n',
  'config/components/claude-md/api-notes.md': '## Notes\n',
  'config/components/claude-md/api-more.yaml': 'directory: packages/api\norder: 10\n',
  'config/components/claude-md/api-more.md': '# API\n',
  'config/components/settings/style.yaml': 'outputStyle: terse\n',
};

/** The config repo and an empty project folder beside it. */
function setup(overrides: Record<string, string | null> = {}): { base: string; config: string; app: string } {
  const files: Record<string, string> = { ...CONFIG };
  for (const [path, content] of Object.entries(overrides)) {
    if (content === null) delete files[path];
    else files[path] = content;
  }
  const base = tempTree(files);
  mkdirSync(join(base, 'app'));
  return { base, config: join(base, 'config'), app: join(base, 'app') };
}

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

describe('output styles, rules and nested CLAUDE.md: build', () => {
  it('writes each kind to its path with its bytes, selected through a profile', async () => {
    const { config, app } = setup();
    const r = await ccm(['build'], { cwd: config });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect([...readTreeFiles(app).keys()].filter((p) => !p.startsWith('.ccm/'))).toEqual([
      '.claude/output-styles/terse.md',
      '.claude/rules/always.md',
      '.claude/rules/api/handlers.md',
      '.claude/settings.json',
      'CLAUDE.md',
      'packages/api/CLAUDE.md',
    ]);
    expect(read(app, '.claude/output-styles/terse.md')).toBe('---\ndescription: Short answers\nkeep-coding-instructions: true\n---\n\nAnswer in one paragraph.\n');
    expect(read(app, '.claude/rules/always.md')).toBe('# Always\n\nBe kind.\n');
    expect(read(app, '.claude/rules/api/handlers.md')).toBe('---\npaths:\n  - src/api/**/*.ts\n  - "**/*.{test,spec}.ts"\n---\n\nValidate input first.\n');
    expect(read(app, 'CLAUDE.md')).toBe('# App\n');
    expect(read(app, 'packages/api/CLAUDE.md')).toBe('# API\n\n## Notes\n');
    expect(JSON.parse(read(app, '.claude/settings.json'))).toEqual({ outputStyle: 'terse' });
    const manifest = JSON.parse(read(app, '.ccm/manifest.json')) as { files: Record<string, unknown> };
    expect(Object.keys(manifest.files)).toContain('packages/api/CLAUDE.md');
  });

  it('deletes a nested CLAUDE.md it owns once no section goes there, and leaves the folder content alone', async () => {
    const { config, app } = setup();
    expect((await ccm(['build'], { cwd: config })).code).toBe(0);
    tempTree({ 'packages/api/index.ts': 'export {};\n' }, app);
    tempTree({ 'config/profiles/team.yaml': CONFIG['config/profiles/team.yaml'].replace('[root, api-notes, api-more]', '[root]') }, join(config, '..'));
    const r = await ccm(['build'], { cwd: config });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/delete\s+\S*packages\/api\/CLAUDE\.md/);
    expect([...readTreeFiles(join(app, 'packages')).keys()]).toEqual(['api/index.ts']);
  });

  it('accepts a built-in output style and warns about one defined nowhere (a personal style may exist)', async () => {
    const builtIn = setup({ 'config/components/settings/style.yaml': 'outputStyle: Explanatory\n' });
    const ok = await ccm(['build'], { cwd: builtIn.config });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
    const personal = setup({ 'config/components/settings/style.yaml': 'outputStyle: Pirate Voice\n' });
    const warned = await ccm(['build'], { cwd: personal.config });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toMatch(/^components\/settings\/style\.yaml:1:14: warning EXTERNAL_REFERENCE: settings choose output style "Pirate Voice", which this repo does not define: assumed to exist outside it \(a personal style \(~\/\.claude\/output-styles\) or a plugin style\)$/m);
    expect(JSON.parse(read(personal.app, '.claude/settings.json'))).toEqual({ outputStyle: 'Pirate Voice' });
  });
});

/** Runs `ccm build` and expects it to fail with exactly `expected` (regexps over stderr) and to write nothing anywhere. */
async function expectRefused(overrides: Record<string, string | null>, expected: RegExp[]): Promise<string> {
  const { base, config } = setup(overrides);
  const before = entrySnapshot(base);
  const r = await ccm(['build'], { cwd: config });
  expect(r.code, r.stderr).toBe(1);
  for (const re of expected) expect(r.stderr).toMatch(re);
  expect(r.stderr).toMatch(new RegExp(`^${expected.length} errors?, `, 'm'));
  expect(entrySnapshot(base)).toEqual(before);
  return r.stderr;
}

describe('output styles, rules and nested CLAUDE.md: bad inputs', () => {
  it('refuses an output style without a body: missing or empty .md', async () => {
    await expectRefused({ 'config/components/output-styles/terse.md': null }, [
      /^components\/output-styles\/terse\.yaml:1:1: error MISSING_BODY: output style "terse" has no body: components\/output-styles\/terse\.md is missing\n {2}hint: write the style's instructions/m,
    ]);
    await expectRefused({ 'config/components/output-styles/terse.md': '\n  \n' }, [
      /^components\/output-styles\/terse\.md:1:1: error MISSING_BODY: output style "terse" has an empty body/m,
    ]);
  });

  it('refuses invalid rule globs, each at its list item', async () => {
    await expectRefused({ 'config/components/rules/api/handlers.yaml': 'paths:\n  - ""\n  - /etc/*\n  - src/../../x\n  - "src\\\\api"\n  - "src/[ab.ts"\n  - "src/{a,b.ts"\n  - ok/**\n' }, [
      /^components\/rules\/api\/handlers\.yaml:2:5: error INVALID_GLOB: rule "api\/handlers": the glob "" is empty$/m,
      /^components\/rules\/api\/handlers\.yaml:3:5: error INVALID_GLOB: .*"\/etc\/\*" is absolute/m,
      /^components\/rules\/api\/handlers\.yaml:4:5: error INVALID_GLOB: .*"src\/\.\.\/\.\.\/x" has a "\.\." segment/m,
      /^components\/rules\/api\/handlers\.yaml:5:5: error INVALID_GLOB: .* contains a backslash/m,
      /^components\/rules\/api\/handlers\.yaml:6:5: error INVALID_GLOB: .*"src\/\[ab\.ts" has a "\[" that is never closed/m,
      /^components\/rules\/api\/handlers\.yaml:7:5: error INVALID_GLOB: .*"src\/\{a,b\.ts" has a "\{" that is never closed/m,
    ]);
    await expectRefused({ 'config/components/rules/api/handlers.yaml': 'paths: /abs/**\n' }, [
      /^components\/rules\/api\/handlers\.yaml:1:8: error INVALID_GLOB: rule "api\/handlers": the glob "\/abs\/\*\*" is absolute/m,
    ]);
    await expectRefused({ 'config/components/rules/api/handlers.yaml': 'paths: [src/**, 5]\n' }, [/^components\/rules\/api\/handlers\.yaml:1:\d+: error SCHEMA_TYPE: /m]);
    // Skills and commands take the same `paths` globs, checked the same way.
    await expectRefused({
      'config/components/commands/deploy.yaml': 'description: Deploy\npaths: [src/**, ../outside/**]\n',
      'config/components/commands/deploy.md': 'Deploy it.\n',
      'config/components/skills/lint/skill.yaml': 'description: Lint\npaths: "/abs/*.ts"\n',
      'config/components/skills/lint/SKILL.md': 'Lint it.\n',
    }, [
      /^components\/commands\/deploy\.yaml:2:17: error INVALID_GLOB: command "deploy": the glob "\.\.\/outside\/\*\*" has a "\.\." segment/m,
      /^components\/skills\/lint\/skill\.yaml:2:8: error INVALID_GLOB: skill "lint": the glob "\/abs\/\*\.ts" is absolute/m,
    ]);
  });

  it('refuses a CLAUDE.md directory that leaves the project or lands in .git, .claude or .auto-claude', async () => {
    for (const [dir, why] of [['../x', /has a "\.\." segment/], ['/etc', /is absolute/], ['.git', /is inside \.git/], ['.claude/x', /is inside \.claude\//], ['a//b', /empty segment/], ['a\\\\b', /backslash/]] as const) {
      await expectRefused({ 'config/components/claude-md/api-notes.yaml': `directory: "${dir}"\n` }, [
        new RegExp(`^components/claude-md/api-notes\\.yaml:1:12: error INVALID_DIRECTORY: CLAUDE\\.md section "api-notes": directory .* ${why.source}`, 'm'),
      ]);
    }
  });

  it('refuses a CLAUDE.md directory that a symlink in the project leads out of it, writing nothing', async () => {
    const { base, config, app } = setup();
    mkdirSync(join(base, 'elsewhere'));
    symlinkSync('../elsewhere', join(app, 'packages'));
    const before = entrySnapshot(base);
    const r = await ccm(['build'], { cwd: config });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/packages\/api\/CLAUDE\.md: error OUTPUT_PATH_ESCAPES: output path leaves the project "app" directory/);
    expect(entrySnapshot(base)).toEqual(before);
  });

  it('refuses a wrong type in keep-coding-instructions at its value', async () => {
    // One error (the string alternative's allowed values), not one per alternative of the boolean.
    await expectRefused({ 'config/components/output-styles/terse.yaml': 'keep-coding-instructions: sometimes\n' }, [
      /^components\/output-styles\/terse\.yaml:1:27: error SCHEMA_ENUM: keep-coding-instructions: "sometimes" is not one of: true, false, yes, no, on, off, 1, 0$/m,
    ]);
    await expectRefused({ 'config/components/output-styles/terse.yaml': 'keep-coding-instructions: [true]\n' }, [
      /^components\/output-styles\/terse\.yaml:1:27: error SCHEMA_TYPE: keep-coding-instructions: /m,
    ]);
  });

  it('refuses outputStyle naming a repo style the project does not select, and a near miss of a known style', async () => {
    await expectRefused({ 'config/profiles/team.yaml': CONFIG['config/profiles/team.yaml'].replace('  output-styles: [terse]\n', '') }, [
      /^components\/settings\/style\.yaml:1:14: error OUTPUT_STYLE_NOT_SELECTED: settings choose output style "terse", which components\/output-styles\/terse\.yaml defines, but project "app" does not select it.*\n {2}hint: add "terse" to components\.output-styles in projects\/app\.yaml or one of its profiles \(team\)$/m,
    ]);
    await expectRefused({ 'config/components/settings/style.yaml': 'outputStyle: tersee\n' }, [
      /^components\/settings\/style\.yaml:1:14: error UNKNOWN_OUTPUT_STYLE: settings choose output style "tersee", which no component defines\n {2}hint: did you mean "terse"\?/m,
    ]);
    await expectRefused({ 'config/components/settings/style.yaml': 'outputStyle: Explanatry\n' }, [/error UNKNOWN_OUTPUT_STYLE: .*\n {2}hint: did you mean "Explanatory"\?/m]);
  });
});

/** A Claude Code project with every shape of the three kinds, as files on disk. */
const PROJECT: Record<string, string> = {
  '.claude/output-styles/terse.md': '---\ndescription: Short answers\nkeep-coding-instructions: true\n---\n\nAnswer in one paragraph.\n',
  // Not strict YAML (": " in a plain value): Claude Code loads it, so the import keeps it as written.
  '.claude/output-styles/odd.md': '---\nname: Odd One\ndescription: Tone: dry\n---\nNo blank line after the block.\n\n\n',
  '.claude/output-styles/bare.md': 'Only a body, no frontmatter.',
  '.claude/rules/always.md': '# Always\n\nBe kind.\n',
  '.claude/rules/api/handlers.md': '---\npaths:\n  - "src/api/**/*.ts"\n---\n\nValidate input first.\n',
  '.claude/rules/testing.md': '---\npaths: "**/*.test.ts"\n---\nUse vitest.\n',
  'CLAUDE.md': '# App\n',
  'packages/api/CLAUDE.md': '# API\n\nREST only.\n',
  'packages/web/src/CLAUDE.md': '# Web sources\n',
  'docs/CLAUDE.md': '# Docs\n',
};

/** Files below the project that are not the project's CLAUDE.md files (ignored, installed, dot-folders). */
const NOT_IMPORTED: Record<string, string> = {
  'node_modules/pkg/CLAUDE.md': '# a package\n',
  '.venv/lib/CLAUDE.md': '# a dot-folder\n',
};

async function importInto(project: string): Promise<{ repo: string; stdout: string; stderr: string }> {
  const repo = join(project, '..', 'config');
  mkdirSync(repo);
  const r = await ccm(['import', 'claude', '../app', '--yes'], { cwd: repo });
  expect(r.code, r.stderr).toBe(0);
  return { repo, stdout: r.stdout, stderr: r.stderr };
}

/** Moves the project aside and builds into an empty folder; each imported file must come back byte for byte. */
async function expectRoundTrip(project: string, repo: string, files: readonly string[]): Promise<void> {
  renameSync(project, `${project}.orig`);
  mkdirSync(project);
  const build = await ccm(['build'], { cwd: repo });
  expect(build.code, build.stderr).toBe(0);
  for (const path of files) {
    expect(readFileSync(join(project, path)).equals(readFileSync(join(`${project}.orig`, path))), `${path} differs`).toBe(true);
  }
  expect([...readTreeFiles(project).keys()].filter((p) => !p.startsWith('.ccm/')).sort()).toEqual([...files].sort());
}

describe('output styles, rules and nested CLAUDE.md: import', () => {
  it('imports each kind from a git project (ignored folders skipped) and builds every file back byte for byte', async () => {
    const base = tempDir();
    const project = tempTree({ ...PROJECT, ...NOT_IMPORTED, '.gitignore': 'generated/\n', 'generated/CLAUDE.md': '# ignored\n' }, join(base, 'app'));
    gitOk(project, 'init', '-q');
    gitOk(project, 'add', 'CLAUDE.md', 'packages/api/CLAUDE.md');
    const { repo, stdout, stderr } = await importInto(project);
    const files = Object.keys(PROJECT);
    expect(stdout).toMatch(/claude-md\s+4 /);
    expect(stdout).toMatch(/output-styles\s+3 /);
    expect(stdout).toMatch(/rules\s+3 /);
    expect(stdout).toMatch(new RegExp(`Round trip: \`ccm build\` reproduces ${files.length} of ${files.length} imported files\\.`));
    expect(stderr).toMatch(/\.\.\/app\/\.claude\/output-styles\/odd\.md:3:\d+: warning FRONTMATTER_NOT_YAML/);
    expect(stderr).not.toMatch(/ error |IMPORT_NOT_EXACT/);
    expect(read(repo, 'components/claude-md/app-packages-web-src.yaml')).toMatch(/^directory: packages\/web\/src$/m);
    expect(read(repo, 'profiles/app.yaml')).toMatch(/output-styles:\n\s+- bare\n\s+- odd\n\s+- terse/);
    expect(read(repo, 'profiles/app.yaml')).toMatch(/rules:\n\s+- always\n\s+- api\/handlers\n\s+- testing/);
    // The ignored, installed and dot-folder CLAUDE.md files are not the project's.
    expect(readTreeFiles(join(repo, 'components/claude-md')).size).toBe(2 * 4 + 1);
    const tree = [...readTreeFiles(project).keys()];
    await expectRoundTrip(project, repo, files);
    expect(tree).toContain('generated/CLAUDE.md');
  });

  it('walks a project outside git to a limited depth, and imports no symlink', async () => {
    const base = tempDir();
    const deep = 'a/b/c/d/e/f/g/CLAUDE.md';
    const project = tempTree({ ...PROJECT, ...NOT_IMPORTED, [deep]: '# too deep\n', 'outside.md': 'secret\n' }, join(base, 'app'));
    symlinkSync('../../outside.md', join(project, '.claude/rules/linked.md'));
    symlinkSync('../packages', join(project, 'docs/linked'));
    const { repo, stdout, stderr } = await importInto(project);
    const files = Object.keys(PROJECT);
    expect(stdout).toMatch(new RegExp(`Round trip: \`ccm build\` reproduces ${files.length} of ${files.length} imported files\\.`));
    expect(stderr).toMatch(/^\.\.\/app\/\.claude\/rules\/linked\.md: warning IMPORT_SKIPPED: a symlink: ccm imports only regular files/m);
    expect(readTreeFiles(join(repo, 'components/rules')).has('linked.md')).toBe(false);
    expect(readTreeFiles(join(repo, 'components/claude-md')).size).toBe(2 * 4 + 1);
    await expectRoundTrip(project, repo, files);
  });
});
