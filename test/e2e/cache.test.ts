import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir, tempTree } from '../helpers/cli.js';
import { gitOk } from '../helpers/git.js';
import { snapshot } from '../helpers/tree.js';

/**
 * The parse cache (`.ccm/cache/parse.json`) through the real CLI: it must be invisible. Whatever
 * state it is in, a build writes the same bytes and validate reports the same diagnostics.
 */

const CACHE = '.ccm/cache';
const AGENT = 'components/subagents/rev.yaml';

/** Warnings at known positions: an unknown key on line 2, a byte-order mark. */
function repo(): { work: string; config: string } {
  const work = tempDir();
  const config = join(work, 'config');
  tempTree({
    'ccm.config.yaml': 'version: 1\n',
    [AGENT]: 'description: reviews one\nrunbook: x\n',
    'components/subagents/rev.md': 'You review.\n',
    'components/subagents/bom.yaml': '\uFEFFdescription: bom\n',
    'components/subagents/bom.md': 'Body.\n',
    'projects/app.yaml': 'path: ../out\ncomponents:\n  subagents: [rev, bom]\ntargets: [claude-code]\n',
  }, config);
  return { work, config };
}

type CacheState = 'cold' | 'warm' | 'corrupt' | 'foreign';

/** Puts the cache in `state`; 'warm' keeps the one the previous command left. */
function setCache(config: string, state: CacheState): void {
  const file = join(config, CACHE, 'parse.json');
  if (state === 'cold') rmSync(join(config, CACHE), { recursive: true, force: true });
  if (state === 'corrupt') writeFileSync(file, Buffer.from([0x7b, 0x00, 0xff, 0x22]));
  if (state === 'foreign') {
    const written = JSON.parse(readFileSync(file, 'utf8')) as { identity: string };
    writeFileSync(file, JSON.stringify({ ...written, identity: `${written.identity}-other` }));
  }
  if (state !== 'cold') expect(existsSync(file)).toBe(true);
}

const withoutTimes = (text: string) => text.replace(/\(\d+ ms\)/g, '(… ms)');

describe('parse cache through the CLI', () => {
  it('a build with a cold, warm, corrupt or foreign cache writes the same bytes and prints the same', async () => {
    const { work, config } = repo();
    const runs: unknown[] = [];
    for (const state of ['cold', 'warm', 'corrupt', 'foreign', 'warm'] as const) {
      setCache(config, state);
      rmSync(join(work, 'out'), { recursive: true, force: true });
      const run = await ccm(['build', '--cwd', config]);
      expect(run.code, run.stderr).toBe(0);
      runs.push({ out: snapshot(join(work, 'out')), stdout: withoutTimes(run.stdout), stderr: run.stderr });
    }
    expect(JSON.stringify(runs[0])).toContain('UNKNOWN_FIELD');
    expect(JSON.stringify(runs[0])).toContain('BOM');
    for (const r of runs.slice(1)) expect(r).toEqual(runs[0]);
  });

  it('validate --json gives the same diagnostics, positions included, with any cache', async () => {
    const { config } = repo();
    // Built while valid, so that the cache holds every file; then an error in a cached file (it names
    // a subagent that is gone), reported at its position, which a warm load must parse for.
    writeFileSync(join(config, 'projects/app.yaml'), 'path: ../out\ncomponents:\n  subagents: [rev, bom, gone]\ntargets: [claude-code]\n');
    writeFileSync(join(config, 'components/subagents/gone.yaml'), 'description: gone\n');
    writeFileSync(join(config, 'components/subagents/gone.md'), 'Body.\n');
    const outputs: unknown[] = [];
    for (const state of ['cold', 'warm', 'corrupt', 'foreign'] as const) {
      writeFileSync(join(config, 'components/subagents/gone.yaml'), 'description: gone\n');
      setCache(config, 'cold');
      expect((await ccm(['build', '--cwd', config])).code).toBe(0);
      rmSync(join(config, 'components/subagents/gone.yaml'));
      setCache(config, state);
      const run = await ccm(['validate', '--json', '--cwd', config]);
      expect(run.code).toBe(1);
      outputs.push(JSON.parse(run.stdout));
    }
    const diagnostics = JSON.stringify((outputs[0] as { diagnostics: unknown[] }).diagnostics);
    expect(diagnostics).toContain('"code":"UNKNOWN_COMPONENT"');
    expect(diagnostics).toContain('"file":"projects/app.yaml","line":3,"col":25');
    expect(diagnostics).toContain('"file":"components/subagents/rev.yaml","line":2');
    for (const o of outputs.slice(1)) expect(o).toEqual(outputs[0]);
  });

  it('notices an edit that keeps the size and whose mtime was put back (touch -d)', async () => {
    const { work, config } = repo();
    const abs = join(config, AGENT);
    const second = Math.floor(Date.now() / 1000) - 60;
    utimesSync(abs, second, second);
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    const before = lstatSync(abs);
    writeFileSync(abs, 'description: reviews two\nrunbook: x\n');
    utimesSync(abs, second, second);
    expect([lstatSync(abs).size, lstatSync(abs).mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const run = await ccm(['build', '--cwd', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(work, 'out/.claude/agents/rev.md'), 'utf8')).toContain('reviews two');
  });

  it('notices a body edit that keeps the size and whose mtime was put back, and reports a binary body with any cache', async () => {
    const { work, config } = repo();
    const abs = join(config, 'components/subagents/rev.md');
    const second = Math.floor(Date.now() / 1000) - 60;
    utimesSync(abs, second, second);
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    writeFileSync(abs, 'You REVIEW.\n');
    utimesSync(abs, second, second);
    const run = await ccm(['build', '--cwd', config]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(work, 'out/.claude/agents/rev.md'), 'utf8')).toContain('You REVIEW.');
    // A body that stops being text is an error every time: only bodies that decoded are remembered.
    writeFileSync(abs, Buffer.from([0x59, 0x00, 0x0a]));
    for (let i = 0; i < 2; i++) {
      const bad = await ccm(['build', '--cwd', config]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('BINARY_FILE');
    }
  });

  it('is git-ignored: a build leaves git status clean', async () => {
    const { config } = repo();
    gitOk(config, 'init', '-q');
    gitOk(config, 'add', '-A');
    gitOk(config, 'commit', '-qm', 'config');
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect(existsSync(join(config, CACHE, 'parse.json'))).toBe(true);
    expect(gitOk(config, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('a cache committed with the repo (force-added, as a pull request could) is never used', async () => {
    const { work, config } = repo();
    gitOk(config, 'init', '-q');
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    // What a pull request could carry: every cache file, the parsed YAML of rev.yaml claiming another description.
    for (const name of ['parse', 'outputs', 'replay']) {
      const file = join(config, CACHE, `${name}.json`);
      if (!existsSync(file)) continue;
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('reviews one', 'reviews POISONED'));
      gitOk(config, 'add', '-f', `${CACHE}/${name}.json`);
    }
    expect(readFileSync(join(config, CACHE, 'parse.json'), 'utf8')).toContain('reviews POISONED');
    gitOk(config, 'add', '-A');
    gitOk(config, 'commit', '-qm', 'config with a cache');
    const clone = join(tempDir(), 'clone');
    gitOk(work, 'clone', '-q', config, join(clone, 'config'));
    expect(existsSync(join(clone, 'config', CACHE, 'parse.json'))).toBe(true);
    const run = await ccm(['build', '--cwd', join(clone, 'config')]);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(clone, 'out/.claude/agents/rev.md'), 'utf8')).toContain('reviews one');
  });

  it('forgets the outputs of a root no longer built', async () => {
    const { work, config } = repo();
    const roots = () => Object.keys((JSON.parse(readFileSync(join(config, CACHE, 'outputs.json'), 'utf8')) as { data: { roots: object } }).data.roots);
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect(roots()).toEqual([join(work, 'out')]);
    writeFileSync(join(config, 'projects/app.yaml'), 'path: ../moved\ncomponents:\n  subagents: [rev, bom]\ntargets: [claude-code]\n');
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect(roots()).toEqual([join(work, 'moved')]);
  });

  it('is never written through a link, and a cache that cannot be written does not fail the build', async () => {
    const { work, config } = repo();
    const elsewhere = tempDir();
    mkdirSync(join(config, '.ccm'));
    symlinkSync(elsewhere, join(config, CACHE));
    const linked = await ccm(['build', '--cwd', config]);
    expect(linked.code, linked.stderr).toBe(0);
    expect(snapshot(elsewhere)).toEqual({});
    const out = snapshot(join(work, 'out'));

    rmSync(join(config, CACHE));
    writeFileSync(join(config, CACHE), 'a file where the folder should be');
    rmSync(join(work, 'out'), { recursive: true });
    expect((await ccm(['build', '--cwd', config])).code).toBe(0);
    expect(snapshot(join(work, 'out'))).toEqual(out);
  });

  // Root writes into a read-only folder anyway; the file-in-place-of-the-folder case above covers it there.
  it.skipIf(process.getuid?.() === 0)('a read-only cache folder does not fail the build', async () => {
    const { work, config } = repo();
    mkdirSync(join(config, CACHE), { recursive: true });
    chmodSync(join(config, CACHE), 0o555);
    try {
      const run = await ccm(['build', '--cwd', config]);
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(join(work, 'out/.claude/agents/rev.md'))).toBe(true);
      expect(existsSync(join(config, CACHE, 'parse.json'))).toBe(false);
    } finally {
      chmodSync(join(config, CACHE), 0o755);
    }
  });
});
