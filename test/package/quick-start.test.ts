import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: the working tree's files as a clean clone would have them (tracked
 * and new files, nothing git ignores: no dist/, no node_modules/), `npm ci`, `npm pack` (whose
 * `prepare` builds), the tarball installed into an empty folder, and there the README's Quick start,
 * run exactly as written. Needs the npm cache (warm after `npm ci`) and a few minutes: its own
 * suite, `npm run test:package` (vitest.package.config.ts), run by .ci/run.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
const INSTALL_LINE = `npm install --save-dev ${PACKAGE}`;
const work = mkdtempSync(join(tmpdir(), 'ccm-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The fenced code blocks of the README's `## Quick start` section, in order. */
function quickStartBlocks(): { lang: string; code: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Quick start\n');
  expect(start, 'README.md has a "## Quick start" section').toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, code: m[2]! }));
}

interface Packed {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let tarball = '';
let packed: Packed;

beforeAll(() => {
  const clone = join(work, 'clone');
  const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT).stdout.split('\0').filter(Boolean);
  for (const path of listed) {
    // A file deleted in the working tree but still in the index is not in a clone of the working tree.
    if (!existsSync(join(ROOT, path))) continue;
    mkdirSync(dirname(join(clone, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(clone, path));
  }
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], clone, 600_000);
  const out = join(work, 'pack');
  mkdirSync(out);
  // `prepare` (the build) prints on stdout before npm's JSON.
  const stdout = run('npm', ['pack', '--json', '--pack-destination', out], clone, 600_000).stdout;
  packed = (JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as Packed[])[0]!;
  tarball = join(out, packed.filename);
}, 900_000);

describe(`npm pack of ${PACKAGE}`, () => {
  it('ships the CLI, its schemas and templates, and no tests, sources or caches', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/ccm.js', 'dist/ccm.mjs', 'schemas/profile.schema.json']));
    const top = new Set(paths.map((p) => p.split('/')[0]));
    expect([...top].sort()).toEqual(['README.md', 'bin', 'dist', 'package.json', 'schemas', 'templates']);
    expect(paths.filter((p) => /(^|\/)(test|\.ccm|node_modules|coverage)\/|\.test\.|\.tsbuildinfo$/.test(p))).toEqual([]);
    // Of dist/ the CLI needs its bundle (bin/ccm.js loads dist/ccm.mjs, lazy imports are its chunks),
    // the precompiled validators and templates, the bundled yaml library, and the web UI's built client (dist/client/: index.html and
    // hashed assets); not tsc's modules (for tests and scripts), nor source maps.
    expect(paths.filter((p) => p.startsWith('dist/') && !/^dist\/(ccm(-[^/]+)?\.mjs|render\/(templates|handlebars-compiler)\.cjs|core\/yaml\.cjs|validate\/[\w.-]+\.validator\.cjs|client\/index\.html|client\/assets\/[\w.-]+\.(js|css))$/.test(p))).toEqual([]);
    expect(paths).toContain('dist/client/index.html');
    expect(paths.some((p) => /^dist\/client\/assets\/index-[\w-]+\.js$/.test(p))).toBe(true);
    expect(paths).toEqual(expect.arrayContaining(['dist/render/templates.cjs', 'dist/render/handlebars-compiler.cjs', 'dist/core/yaml.cjs', 'dist/validate/subagent.validator.cjs', 'dist/validate/settings.validator.cjs']));
    // Measured at 0.1.0: 0.8 MB packed, 3.5 MB unpacked, 111 files. A jump means something that does not belong got in.
    expect(packed.size).toBeLessThan(1.5 * 1024 * 1024);
    expect(packed.unpackedSize).toBeLessThan(6 * 1024 * 1024);
  });

  it('installed from the tarball into an empty folder, runs the README Quick start as written', () => {
    const blocks = quickStartBlocks();
    const shell = blocks.filter((b) => b.lang === 'sh').map((b) => b.code);
    const script = shell.join('\n');
    expect(script, `the Quick start installs with "${INSTALL_LINE}"`).toContain(INSTALL_LINE);
    const user = join(work, 'user');
    mkdirSync(user);
    // The one line a test must change: the package comes from the tarball, not the registry.
    writeFileSync(join(user, 'quick-start.sh'), `set -euo pipefail\n${script.replace(INSTALL_LINE, `npm install --save-dev --no-audit --no-fund --prefer-offline ${tarball}`)}`);
    const r = run('bash', ['quick-start.sh'], user, 600_000);

    const config = join(user, 'agent-config');
    expect(JSON.parse(readFileSync(join(config, 'package.json'), 'utf8')).devDependencies).toHaveProperty(PACKAGE);
    expect(r.stdout).toContain(`✓ ${config}: 4 components, 1 profile, 1 project are valid`);
    // The output the README shows, with its example home folder for this one.
    const shown = blocks.find((b) => b.lang === 'text')!.code.trimEnd().split('\n');
    const printed = r.stdout.trimEnd().split('\n').slice(-shown.length);
    const normalize = (lines: string[], app: string): string[] => lines.map((l) => l.replace(app, '<app>').replace(/\(\d+ ms\)$/, '(… ms)'));
    expect(normalize(printed, join(user, 'my-app'))).toEqual(normalize(shown, '/home/you/my-app'));
    expect(r.stderr.replace(/^npm (warn|notice) .*\n/gm, '')).toBe('');
    expect(readFileSync(join(user, 'my-app/.claude/agents/reviewer.md'), 'utf8')).toContain('You review code.');
    expect(JSON.parse(readFileSync(join(user, 'my-app/.mcp.json'), 'utf8'))).toEqual({ mcpServers: { context7: { command: 'npx', args: ['-y', '@upstash/context7-mcp'] } } });

    // Other commands load other chunks of the bundle: each must be in the package.
    expect(run('npx', ['ccm', 'build', '--check'], config).stdout).toBe('✓ outputs are up to date (4 files)\n');
    expect(run('npx', ['ccm', 'explain', 'my-app', '.mcp.json'], config).stdout).toContain('components/mcp-servers/context7.yaml');
    expect(run('npx', ['ccm', 'ls'], config).stdout).toContain('my-app');
    expect(run('npx', ['ccm', 'diff'], config).stdout).toBe('');
    expect(run('npx', ['ccm', '--version'], config).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
