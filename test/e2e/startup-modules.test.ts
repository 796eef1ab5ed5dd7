import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { moduleLogPreload } from '../../scripts/module-log.mjs';
import { CLI, ccm, tempDir } from '../helpers/cli.js';

/**
 * The code one CLI run loads: every module file, ES modules seen by a loader hook (which runs in
 * its own thread, so it appends to a file), CommonJS ones from require.cache at exit.
 */
function loadedCode(args: string[], cwd: string): string {
  const log = join(tempDir(), 'modules.log');
  const preload = moduleLogPreload(log, CLI);
  const r = spawnSync(process.execPath, ['--import', preload, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const urls = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
  expect(urls).toContain(pathToFileURL(CLI).href);
  return [...urls].map((u) => readFileSync(fileURLToPath(u), 'utf8')).join('\n');
}

// Names that only the heavy parts define: Handlebars' compiler, source-map, ajv's schema compiler, yaml.
const HANDLEBARS_COMPILER = 'JavaScriptCompiler';
const SOURCE_MAP = 'SourceMapGenerator';
const AJV_COMPILER = 'MissingRefError';
const YAML = 'YAMLParseError';

async function initRepo(): Promise<string> {
  const repo = join(tempDir(), 'repo');
  expect((await ccm(['init', repo])).code).toBe(0);
  return repo;
}

describe('what a run loads', () => {
  it('ccm --version loads no YAML, template or schema code', () => {
    const code = loadedCode(['--version'], tempDir());
    for (const marker of [YAML, HANDLEBARS_COMPILER, SOURCE_MAP, AJV_COMPILER]) expect(code).not.toContain(marker);
  });

  it('ccm validate renders the built-in templates and checks schemas without loading either compiler', async () => {
    const code = loadedCode(['validate'], await initRepo());
    expect(code).toContain(YAML);
    for (const marker of [HANDLEBARS_COMPILER, SOURCE_MAP, AJV_COMPILER]) expect(code).not.toContain(marker);
  });

  it('a repo template override loads the Handlebars compiler, which checks it', async () => {
    const repo = await initRepo();
    const dir = join(repo, 'templates', 'claude-code');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'agent.md.hbs'), '{{#if x}}never closed\n');
    const failed = await ccm(['validate', '--json'], { cwd: repo });
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout).diagnostics).toContainEqual(expect.objectContaining({ code: 'TEMPLATE_ERROR', file: 'templates/claude-code/agent.md.hbs', line: 1, col: 1 }));
    writeFileSync(join(dir, 'agent.md.hbs'), '{{frontmatter}}\n');
    expect(loadedCode(['validate'], repo)).toContain(HANDLEBARS_COMPILER);
  });
});
