import { appendFileSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLOCK_TICK_MS } from '../../src/cache/stat-key.js';
import { moduleLogPreload } from '../../scripts/module-log.mjs';
import { CLI, ccmProcess, PROJECT_ROOT, tempDir, tempTree } from '../helpers/cli.js';
import { gitOk } from '../helpers/git.js';
import { snapshot } from '../helpers/tree.js';

/**
 * A build in which only Markdown bodies changed is replayed from the graph the previous build
 * recorded (src/pipeline/replay.ts). Through the real bundle: a replay must write exactly what the
 * whole pipeline writes from a cold cache, and give way to it whenever a body is one the pipeline
 * would report, or anything else changed.
 */

const PROBE = pathToFileURL(join(PROJECT_ROOT, 'test/fixtures/probes/loaded-modules.mjs')).href;
const tick = () => new Promise((resolve) => setTimeout(resolve, 2 * CLOCK_TICK_MS));

/** Every kind with a Markdown body slot, a kept frontmatterText, a BOM and CRLF body, and an Auto-Claude prompt-free project. */
function repo(): { work: string; config: string; out: string } {
  const work = tempDir();
  tempTree({
    'ccm.config.yaml': 'version: 1\n',
    'components/subagents/rev.yaml': 'description: Reviews\ntools: [Read, Grep]\n',
    'components/subagents/rev.md': 'You review.\n',
    'components/subagents/kept.yaml': 'description: Kept\nfrontmatterText: "---\\ndescription: Kept\\n---\\n"\n',
    'components/subagents/kept.md': 'Kept as written.\n\n\n',
    'components/commands/ship.yaml': 'description: Ships\n',
    'components/commands/ship.md': '\uFEFFShip it.\r\nNow.\r\n',
    'components/commands/bare.yaml': '{}\n',
    'components/commands/bare.md': 'No frontmatter.\n',
    'components/skills/lint/skill.yaml': 'description: Lints the code\n',
    'components/skills/lint/SKILL.md': 'Run the linter.\n',
    'components/rules/style.yaml': 'paths: ["src/**"]\n',
    'components/rules/style.md': 'Short functions.\n',
    'components/output-styles/terse.yaml': 'description: Terse\n',
    'components/output-styles/terse.md': 'Be terse.\n',
    'projects/app.yaml': 'path: ../out\ncomponents:\n  subagents: [rev, kept]\n  commands: [ship, bare]\n  skills: [lint]\n  rules: [style]\n  output-styles: [terse]\ntargets: [claude-code]\n',
  }, join(work, 'config'));
  return { work, config: join(work, 'config'), out: join(work, 'out') };
}

interface Built {
  code: number;
  stdout: string;
  stderr: string;
  /** The build rendered nothing: it never loaded the precompiled templates. */
  replayed: boolean;
  /** It loaded the replay's module (src/pipeline/replay.ts), to try one. */
  triedReplay: boolean;
}

function build(config: string, args: readonly string[] = []): Built {
  const report = join(tempDir(), 'loaded.json');
  const modules = join(tempDir(), 'modules.log');
  const run = ccmProcess(['build', ...args], { cwd: config, env: { NODE_OPTIONS: `--import=${PROBE} --import=${moduleLogPreload(modules, CLI)}`, CCM_TEST_LOADED: report } });
  const loaded = JSON.parse(readFileSync(report, 'utf8')) as { files: string[] };
  return {
    ...run,
    replayed: !loaded.files.some((f) => f.endsWith(`${sep}render${sep}templates.cjs`)),
    triedReplay: readFileSync(modules, 'utf8').split('\n').some((url) => /\/ccm-replay-\w+\.mjs$/.test(url)),
  };
}

/**
 * Built twice by the real bundle once its files are older than a clock tick (no stamp covers a
 * file that may still change unseen): the second build found nothing to do and recorded the
 * replay graph.
 */
async function stamped(config: string): Promise<void> {
  await tick();
  for (let i = 0; i < 2; i++) expect(build(config).code).toBe(0);
  await tick();
}

/** The repo, stamped. */
async function builtRepo(): Promise<{ work: string; config: string; out: string }> {
  const r = repo();
  await stamped(r.config);
  return r;
}

/** The config folder as a git repository with one commit, so that a writing build records what it was built from. */
function commitConfig(config: string): void {
  gitOk(config, 'init', '-q');
  gitOk(config, 'add', '-A');
  gitOk(config, 'commit', '-qm', 'config');
}

/**
 * The whole pipeline on a copy of the workspace as it is now, with no cache and without the output
 * folders `outputs` (relative to the workspace): the copy, and what the build printed.
 */
function wholeBuild(work: string, { args = [], outputs = ['out'] }: { args?: string[]; outputs?: string[] } = {}): { copy: string; run: Built } {
  const copy = tempDir();
  cpSync(work, copy, { recursive: true });
  for (const dir of ['config/.ccm', ...outputs]) rmSync(join(copy, dir), { recursive: true, force: true });
  const run = build(join(copy, 'config'), args);
  expect(run.code, run.stderr).toBe(0);
  expect(run.replayed).toBe(false);
  return { copy, run };
}

/** What the whole pipeline writes for the config as it is now, with no cache and no outputs. */
function fromScratch(work: string): Record<string, string> {
  return snapshot(join(wholeBuild(work).copy, 'out'));
}

const withoutTimes = (text: string) => text.replace(/\(\d+ ms\)/g, '(… ms)');

describe('replaying a build in which only bodies changed', () => {
  it('writes the bytes and manifest the whole pipeline writes, and reports what it reports', async () => {
    const { work, config, out } = await builtRepo();
    commitConfig(config);
    const edits: Record<string, string> = {
      'components/subagents/rev.md': 'You review {{carefully}} and $& and $1.\r\n\r\n',
      'components/subagents/kept.md': '\uFEFFKept, edited.\n\n',
      'components/commands/ship.md': 'Ship it later.\n',
      'components/commands/bare.md': 'Still none.\n',
      'components/skills/lint/SKILL.md': 'Run the linter twice.\n',
      'components/rules/style.md': 'Shorter functions.\n',
      'components/output-styles/terse.md': 'Be terser.\n',
    };
    for (const [path, text] of Object.entries(edits)) writeFileSync(join(config, path), text);
    const replay = build(config);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.replayed).toBe(true);
    expect(replay.triedReplay).toBe(true);
    expect(replay.stdout).toMatch(/0 created, 7 updated, 0 deleted, 0 unchanged/);
    expect(readFileSync(join(out, '.ccm/manifest.json'), 'utf8')).toMatch(/"builtInputs": "[0-9a-f]{64}"/);
    expect(snapshot(out)).toEqual(fromScratch(work));

    // The same report as the whole pipeline gives for the same edit.
    for (const [path, text] of Object.entries(edits)) writeFileSync(join(config, path), `${text}More.\n`);
    const { copy, run: whole } = wholeBuild(work, { args: ['--json'], outputs: [] });
    const replayed = build(config, ['--json']);
    expect(replayed.replayed).toBe(true);
    const report = (run: Built) => JSON.parse(run.stdout.replaceAll(copy, work)) as { ms?: number };
    expect({ ...report(replayed), ms: 0 }).toEqual({ ...report(whole), ms: 0 });
  });

  it('replays edit after edit, and a build with nothing changed after one is a no-op', async () => {
    const { work, config, out } = await builtRepo();
    commitConfig(config);
    // One body, another, the first again: each replay's builtInputs holds the earlier ones' edits.
    const edits = [['subagents/rev', 'agents/rev'], ['commands/ship', 'commands/ship'], ['subagents/rev', 'agents/rev']] as const;
    for (const [i, [body, output]] of edits.entries()) {
      appendFileSync(join(config, `components/${body}.md`), `Edit ${i}.\n`);
      const run = build(config);
      expect(run.replayed, run.stderr).toBe(true);
      expect(withoutTimes(run.stdout)).toBe(`  update  ${out}/.claude/${output}.md\n0 created, 1 updated, 0 deleted, 6 unchanged (… ms)\n`);
    }
    expect(readFileSync(join(out, '.claude/agents/rev.md'), 'utf8')).toContain('Edit 2.');
    expect(readFileSync(join(out, '.ccm/manifest.json'), 'utf8')).toMatch(/"builtInputs": "[0-9a-f]{64}"/);
    const again = build(config);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 deleted, 7 unchanged/);
    expect(snapshot(out)).toEqual(fromScratch(work));
  });

  it('reports the warnings the whole pipeline reports', async () => {
    const { work, config } = repo();
    // An unknown key (kept, with a warning at its line) and a body that nothing uses.
    writeFileSync(join(config, 'components/subagents/rev.yaml'), 'description: Reviews\nrunbook: docs/review.md\n');
    writeFileSync(join(config, 'components/commands/orphan.md'), 'Nobody uses me.\n');
    await stamped(config);
    appendFileSync(join(config, 'components/subagents/rev.md'), 'More.\n');
    const replay = build(config);
    expect(replay.replayed).toBe(true);
    expect(replay.stderr).toMatch(/^components\/subagents\/rev\.yaml:2:1: warning UNKNOWN_FIELD/m);
    expect(replay.stderr).toMatch(/^components\/commands\/orphan\.md:1:1: warning ORPHAN_BODY/m);
    expect(replay.stderr).toBe(wholeBuild(work, { outputs: [] }).run.stderr);
    // An edit of the body a warning is about is the whole pipeline's to report.
    appendFileSync(join(config, 'components/commands/orphan.md'), 'Still nobody.\n');
    expect(build(config).replayed).toBe(false);
  });

  it('fills a body in every project that uses it', async () => {
    const { work, config } = repo();
    writeFileSync(join(config, 'projects/web.yaml'), 'path: ../web\ncomponents:\n  subagents: [rev]\ntargets: [claude-code]\n');
    await stamped(config);
    appendFileSync(join(config, 'components/subagents/rev.md'), 'Shared.\n');
    const run = build(config);
    expect(run.replayed, run.stderr).toBe(true);
    expect(run.stdout).toMatch(/0 created, 2 updated, 0 deleted, 6 unchanged/);
    for (const dir of ['out', 'web']) expect(readFileSync(join(work, dir, '.claude/agents/rev.md'), 'utf8')).toContain('Shared.');
    const { copy } = wholeBuild(work, { outputs: ['out', 'web'] });
    for (const dir of ['out', 'web']) expect(snapshot(join(work, dir))).toEqual(snapshot(join(copy, dir)));
  });

  it('an edit that leaves the output as it is writes nothing', async () => {
    const { config, out } = await builtRepo();
    const before = snapshot(out);
    appendFileSync(join(config, 'components/subagents/rev.md'), '\n\n');
    const run = build(config);
    expect(run.replayed).toBe(true);
    expect(run.stdout).toMatch(/0 created, 0 updated, 0 deleted, 7 unchanged/);
    expect(snapshot(out)).toEqual(before);
  });

  it('--check and --dry-run report the edit and write nothing', async () => {
    const { config, out } = await builtRepo();
    const before = snapshot(out);
    appendFileSync(join(config, 'components/commands/ship.md'), 'Soon.\n');
    const check = build(config, ['--check']);
    expect(check.replayed).toBe(true);
    expect(check.code).not.toBe(0);
    const dry = build(config, ['--dry-run']);
    expect(dry.stdout).toContain(`update  ${out}/.claude/commands/ship.md`);
    expect(snapshot(out)).toEqual(before);
  });

  it('gives way to the whole pipeline for a body it would report, and changes nothing', async () => {
    const cases: [string, string | Uint8Array, RegExp][] = [
      ['components/output-styles/terse.md', '  \n', /MISSING_BODY/],
      ['components/subagents/rev.md', new Uint8Array([0x59, 0x00, 0x6f]), /BINARY_FILE/],
      ['components/subagents/rev.md', new Uint8Array([0xff, 0xfe, 0x41]), /BINARY_FILE/],
    ];
    for (const [path, bytes, code] of cases) {
      const { config, out } = await builtRepo();
      const before = snapshot(out);
      writeFileSync(join(config, path), bytes);
      const run = build(config);
      expect(run.replayed).toBe(false);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(code);
      expect(snapshot(out)).toEqual(before);
    }
  });

  it('gives way to the whole pipeline when more than bodies changed', async () => {
    const { work, config, out } = await builtRepo();
    // A YAML edit beside a body edit.
    appendFileSync(join(config, 'components/subagents/rev.md'), 'More.\n');
    writeFileSync(join(config, 'components/subagents/rev.yaml'), 'description: Reviews twice\n');
    let run = build(config);
    expect(run.replayed).toBe(false);
    // A changed file that is no body's: the graph is not even read.
    expect(run.triedReplay).toBe(false);
    expect(readFileSync(join(out, '.claude/agents/rev.md'), 'utf8')).toContain('Reviews twice');
    await tick();
    // A hand edit of an output: drift is the pipeline's to report, and the file is kept.
    build(config);
    await tick();
    writeFileSync(join(out, '.claude/commands/ship.md'), 'mine\n');
    appendFileSync(join(config, 'components/commands/ship.md'), 'More.\n');
    run = build(config);
    expect(run.replayed).toBe(false);
    expect(run.code).not.toBe(0);
    expect(readFileSync(join(out, '.claude/commands/ship.md'), 'utf8')).toBe('mine\n');
    rmSync(join(out, '.claude/commands/ship.md'));
    expect(build(config).code).toBe(0);
    expect(snapshot(out)).toEqual(fromScratch(work));
  });

  it('after a YAML edit, whose build takes the other outputs\' slots from the last graph, replays as the whole pipeline writes', async () => {
    const { work, config, out } = await builtRepo();
    writeFileSync(join(config, 'components/subagents/rev.yaml'), 'description: Reviews twice\ntools: [Read]\n');
    writeFileSync(join(config, 'components/commands/ship.yaml'), 'description: Ships twice\n');
    expect(build(config).replayed).toBe(false);
    await stamped(config);
    for (const body of ['subagents/rev.md', 'subagents/kept.md', 'commands/ship.md', 'commands/bare.md', 'skills/lint/SKILL.md', 'rules/style.md', 'output-styles/terse.md']) {
      appendFileSync(join(config, 'components', body), 'Edited after the YAML edit.\n');
    }
    const run = build(config);
    expect(run.code, run.stderr).toBe(0);
    expect(run.replayed).toBe(true);
    expect(readFileSync(join(out, '.claude/agents/rev.md'), 'utf8')).toContain('Reviews twice');
    expect(snapshot(out)).toEqual(fromScratch(work));
  });

  it('a corrupt, foreign or stale replay graph is ignored', async () => {
    for (const spoil of ['corrupt', 'foreign', 'stale'] as const) {
      const { work, config, out } = await builtRepo();
      const file = join(config, '.ccm/cache/replay.json');
      const graph = JSON.parse(readFileSync(file, 'utf8')) as { identity: string; data: { token: string } };
      if (spoil === 'corrupt') writeFileSync(file, '{"identity": 1, "data": [');
      if (spoil === 'foreign') writeFileSync(file, JSON.stringify({ ...graph, identity: `${graph.identity}-other` }));
      if (spoil === 'stale') writeFileSync(file, JSON.stringify({ ...graph, data: { ...graph.data, token: 'another' } }));
      appendFileSync(join(config, 'components/subagents/rev.md'), 'More.\n');
      const run = build(config);
      expect(run.code, run.stderr).toBe(0);
      expect(run.replayed).toBe(false);
      expect(readFileSync(join(out, '.claude/agents/rev.md'), 'utf8')).toContain('More.');
      expect(snapshot(out)).toEqual(fromScratch(work));
    }
  });
});
