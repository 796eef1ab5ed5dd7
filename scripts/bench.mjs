#!/usr/bin/env node
// The benchmark of issue #10: prints figures, asserts nothing (no timed tests). Every measure is a
// whole `node bin/ccm.js …` process, as a user or a git hook runs it, on generated workloads W<N>:
// N/2 subagents + N/2 commands with the same ~1.2 KB body, one Claude Code project, the config repo and
// the project both git repositories.
//
//   npm run bench                          # W100, W1000, W10000, start-up, watch (~14 min on the main of
//                                          # 2026-12-02, a loaded 2-core machine; W10000 is most of it)
//   npm run bench -- --sizes 100,1000      # only these sizes (watch always uses W1000)
//   npm run bench -- --vs rulesync         # also W1000 against rulesync 17 on Node 22 (installed once
//                                          # into node_modules/.cache/ccm-bench/), alternating paired runs
//                                          # (+4 min)
//   npm run bench -- --runs 7              # timed runs per measure (default 10 / 5 / 3 by size)
//   npm run bench -- --saves 10            # saves per watch measure (default 30)
//   npm run bench -- --json                # one JSON object on stdout instead of the tables
//   npm run bench -- --keep                # keep the temp folder (e.g. for `node --cpu-prof bin/ccm.js …`)
//
// Progress goes to stderr. `npm run bench` builds dist/ first; this script only ever runs bin/ccm.js.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BODY, generateCcm, generateRulesync } from './bench/workload.mjs';
import { ccm, gitInitAndCommit, root, run } from './bench/proc.mjs';
import { interleaved, measure, paired, progress } from './bench/measure.mjs';
import { median } from './bench/stats.mjs';
import { watchLatency } from './bench/watch.mjs';
import { installRulesync, rulesyncGenerate } from './bench/rulesync.mjs';
import { render, target } from './bench/report.mjs';
import { clientBundle, renderBundle } from './bench/ui-bundle.mjs';
import { draftRoundTrip, firstPageLoad, renderUi } from './bench/ui-latency.mjs';

/** A wrong option ends the bench before anything is generated, with the message alone (no stack). */
function usage(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function options() {
  let opts;
  try {
    ({ values: opts } = parseArgs({
      options: {
        sizes: { type: 'string', default: '100,1000,10000' },
        vs: { type: 'string' },
        runs: { type: 'string' },
        saves: { type: 'string', default: '30' },
        json: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    usage(err.message);
  }
  const whole = (v) => Number.isInteger(Number(v)) && Number(v) >= 1;
  for (const key of ['runs', 'saves']) if (opts[key] !== undefined && !whole(opts[key])) usage(`--${key} takes a whole number ≥ 1, got ${opts[key]}`);
  if (opts.vs !== undefined && opts.vs !== 'rulesync') usage(`--vs knows only rulesync, got ${opts.vs}`);
  const sizes = opts.sizes.split(',').map((s) => Number(s.trim())).sort((a, b) => a - b);
  if (sizes.some((n) => !whole(n) || n % 2)) usage(`--sizes takes even numbers ≥ 2, got ${opts.sizes}`);
  return { ...opts, sizes };
}

const opts = options();
const { sizes } = opts;
// Fewer runs for bigger workloads, so that the default bench ends in minutes on a loaded 2-core machine.
const runsFor = (n) => (opts.runs ? Number(opts.runs) : n <= 100 ? 10 : n <= 1000 ? 5 : 3);

const node0 = ({ rss }) => run(process.execPath, ['-e', '0'], { rss });
const build = (w) => ({ rss }) => ccm(['build', '--cwd', w.config], { rss });
/**
 * Takes a project's outputs (and its manifest) away before a full build by moving them into
 * `<work>/set-aside/`, which goes with the bench's folder at the end: deleting them here made each
 * full build of either tool slower than the one before. On ext4 without a journal (these machines)
 * the inode allocator passes over every inode freed in the last 60 s, for each file it creates
 * (`recently_deleted()` in fs/ext4/ialloc.c; seen with perf): eight rounds of deleting 1,000 outputs
 * and building them again grew a W1000 build from about 300 to about 480 ms, all of it kernel time
 * in the creates. Set aside, the same build stayed at 283-299 ms. No run pays for another's deletes.
 */
let setAsideCount = 0;
const takeOutputsAway = (project) => () => {
  const aside = join(work, 'set-aside');
  mkdirSync(aside, { recursive: true });
  for (const dir of ['.claude', '.ccm']) {
    if (existsSync(join(project, dir))) renameSync(join(project, dir), join(aside, String(setAsideCount++)));
  }
};
const described = (i) => `Bench subagent 0, reviews one area of the code base (edit ${i})`;
/**
 * The edits a "one file changed" measure makes before each run, each returning the text its build
 * must put into the output. ccm keeps a subagent's description in its YAML file and its prompt in a
 * Markdown file; rulesync keeps both in one Markdown file, the description in its frontmatter.
 */
const edits = {
  body: (file) => (i) => {
    writeFileSync(file, `${BODY}\nEdit ${i}.\n`);
    return `Edit ${i}.`;
  },
  rulesyncBody: (file) => {
    const original = readFileSync(file, 'utf8');
    return (i) => {
      writeFileSync(file, `${original}\nEdit ${i}.\n`);
      return `Edit ${i}.`;
    };
  },
  yaml: (file) => (i) => {
    writeFileSync(file, `description: ${described(i)}\n`);
    return described(i);
  },
  frontmatter: (file) => (i) => {
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^description: .*$/m, `description: ${described(i)}`));
    return described(i);
  },
};

/** The relative paths under `.claude/` of a project, to compare what two tools generated. */
function claudeFiles(project) {
  const base = join(project, '.claude');
  if (!existsSync(base)) return [];
  return readdirSync(base, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(base.length + 1)).sort();
}

function expectOutputs(w, label) {
  const files = claudeFiles(w.project);
  const n = w.names.subagents.length + w.names.commands.length;
  if (files.length !== n) throw new Error(`bench: ${label} left ${files.length} files in ${w.project}/.claude, expected ${n}`);
  return files;
}

/** The setup and run of a "one file changed" measure; the run checks that the edit reached the output: a build that wrote nothing measures nothing. */
function oneChanged(output, edit, runBuild) {
  let expected;
  return {
    setup: (i) => {
      expected = edit(i);
    },
    run: ({ rss }) => {
      const result = runBuild({ rss });
      if (!readFileSync(output, 'utf8').includes(expected)) throw new Error(`bench: after the build, ${output} lacks "${expected}"`);
      return result;
    },
  };
}

function startup() {
  const runs = opts.runs ? Number(opts.runs) : 15;
  const p = paired('ccm --version (paired with node -e 0)', runs, { run: ({ rss }) => ccm(['--version'], { rss }) }, { run: node0, rss: false });
  return { nodeMs: p.b.medianMs, versionMs: p.a.medianMs, versionRssMiB: p.a.rssMiB, versionRatio: p.ratio, runs, version: p.a, node: p.b };
}

/**
 * Full, no-op and one-changed builds of W<n>. With `ref` (W1000, already built, when n is 10000) the
 * full and no-op runs alternate with the same runs on `ref`, so the scaling ratios are paired too.
 */
function benchSize(work, n, ref) {
  progress(`W${n}: generating ${n} components`);
  const w = generateCcm(join(work, `W${n}`), n);
  const runs = runsFor(n);
  const withRef = (side) => (ref ? [side(w), side(ref)] : [side(w)]);
  // The order matters: each measure's untimed first run starts from the state the previous one left
  // (the no-op follows full builds, so it has nothing to write from its first run on; that first run,
  // the one that gives the peak RSS, still takes the compile path, since a writing build leaves no
  // no-op stamp (git's racy rule); the timed runs take the shortcut).
  const fullRounds = interleaved(`W${n} full build${ref ? ' (alternating with W1000)' : ''}`, runs,
    withRef((x) => ({ setup: takeOutputsAway(x.project), run: build(x) })));
  const full = { ...fullRounds.stats[0], ...(ref ? { vsW1000: fullRounds.ratio(0, 1) } : {}) };
  const outputs = expectOutputs(w, `W${n} full build`).length;
  const [noopSide, refSide] = withRef((x) => ({ run: build(x) }));
  const noopRounds = interleaved(`W${n} no-op build (alternating with node -e 0${ref ? ' and W1000' : ''})`, runs,
    [noopSide, { run: node0, rss: false }, ...(refSide ? [refSide] : [])]);
  const noop = { ...noopRounds.stats[0], vsNode: noopRounds.ratio(0, 1), nodeMs: noopRounds.stats[1].medianMs, ...(ref ? { vsW1000: noopRounds.ratio(0, 2) } : {}) };
  const one = measure(`W${n} one body changed`, { runs, ...oneChanged(w.editedOutput, edits.body(w.editedBody), build(w)) });
  const oneYaml = measure(`W${n} one description changed (its YAML file)`, { runs, ...oneChanged(w.editedOutput, edits.yaml(w.editedYaml), build(w)) });
  return { w, result: { n, subagents: w.names.subagents.length, commands: w.names.commands.length, outputs, full, noop, one, oneYaml } };
}

/** The bundled example as a team has it: the config repo and its projects' folders are git repositories. */
function exampleRepo(work) {
  const dir = join(work, 'example');
  cpSync(join(root, 'examples/team-config'), join(dir, 'team-config'), { recursive: true });
  gitInitAndCommit(join(dir, 'team-config'));
  for (const project of ['web-app', 'api-service']) {
    mkdirSync(join(dir, 'out', project), { recursive: true });
    writeFileSync(join(dir, 'out', project, 'README.md'), `# ${project}\n`);
    gitInitAndCommit(join(dir, 'out', project));
  }
  return dir;
}

async function benchWatch(dir, w1000) {
  const saves = Number(opts.saves);
  const appendMarker = (original, marker) => `${original}${marker}\n`;
  const w1000Latency = await watchLatency('W1000', { repo: w1000.config, file: w1000.editedBody, edit: appendMarker, output: w1000.editedOutput, saves });
  const w1000Yaml = await watchLatency('W1000 (a description: its YAML file)', {
    repo: w1000.config,
    file: w1000.editedYaml,
    edit: (_original, marker) => `description: Bench subagent 0 (${marker})\n`,
    output: w1000.editedOutput,
    saves,
  });
  const example = await watchLatency('examples/team-config', {
    repo: join(dir, 'team-config'),
    file: join(dir, 'team-config/components/subagents/code-reviewer.md'),
    edit: appendMarker,
    output: join(dir, 'out/web-app/.claude/agents/code-reviewer.md'),
    saves,
  });
  return { w1000: w1000Latency, w1000Yaml, example };
}

/** Issue #12: `ccm ui` as its client uses it. */
async function benchUi(dir, w1000) {
  return {
    firstPageLoad: await firstPageLoad('examples/team-config', join(dir, 'team-config')),
    draftRoundTrip: await draftRoundTrip('W1000', { repo: w1000.config, project: 'app', component: `components/subagents/${w1000.names.subagents[0]}.yaml` }),
  };
}

function benchRulesync(work, w) {
  const tool = installRulesync();
  progress(`rulesync ${tool.rulesyncVersion} on node ${tool.nodeVersion}: generating W1000 input`);
  const r = generateRulesync(join(work, 'rulesync'), 1000);
  rulesyncGenerate(tool, r.project);
  ccm(['build', '--cwd', w.config]);
  const theirs = claudeFiles(r.project);
  const ours = claudeFiles(w.project);
  if (theirs.length !== 1000 || theirs.join('\n') !== ours.join('\n')) {
    const missing = ours.filter((f) => !theirs.includes(f)).slice(0, 5);
    const extra = theirs.filter((f) => !ours.includes(f)).slice(0, 5);
    throw new Error(`bench: rulesync wrote ${theirs.length} files under .claude/, ccm ${ours.length}; expected the same 1000 `
      + `(missing from rulesync: ${missing.join(', ') || 'none'}; only in rulesync: ${extra.join(', ') || 'none'})`);
  }
  const runs = opts.runs ? Number(opts.runs) : 5;
  const theirsRun = ({ rss }) => rulesyncGenerate(tool, r.project, { rss });
  const pair = (label, ours, theirs) => {
    const p = paired(`vs rulesync: ${label}`, runs, ours, theirs);
    return { ccm: p.a, rulesync: p.b, ratio: p.ratio };
  };
  const full = pair('full build', { setup: takeOutputsAway(w.project), run: build(w) }, { setup: takeOutputsAway(r.project), run: theirsRun });
  const noop = pair('no-op build', { run: build(w) }, { run: theirsRun });
  const one = pair('one body changed',
    oneChanged(w.editedOutput, edits.body(w.editedBody), build(w)),
    oneChanged(r.editedOutput, edits.rulesyncBody(r.editedBody), theirsRun));
  const oneYaml = pair('one description changed',
    oneChanged(w.editedOutput, edits.yaml(w.editedYaml), build(w)),
    oneChanged(r.editedOutput, edits.frontmatter(r.editedBody), theirsRun));
  const nodeRuns = Array.from({ length: 5 }, () => run(tool.node, ['-e', '0']).ms);
  return { rulesyncVersion: tool.rulesyncVersion, nodeVersion: tool.nodeVersion, nodeMs: median(nodeRuns), outputs: theirs.length, full, noop, one, oneYaml };
}

function machine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    ccmVersion: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    memGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeGiB: Number((freemem() / 2 ** 30).toFixed(1)),
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
  };
}

const work = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
mkdirSync(join(root, 'node_modules/.cache/ccm-bench'), { recursive: true });
try {
  const results = { machine: machine(), options: { sizes, vs: opts.vs ?? null, runs: opts.runs ? Number(opts.runs) : null } };
  results.startup = startup();
  results.sizes = [];
  const workloads = {};
  for (const n of sizes) {
    const { w, result } = benchSize(work, n, n === 10000 ? workloads[1000] : undefined);
    workloads[n] = w;
    results.sizes.push(result);
  }
  const bySize = (n) => results.sizes.find((s) => s.n === n);
  if (bySize(10000)?.full.vsW1000) results.scaling = { full: bySize(10000).full.vsW1000, noop: bySize(10000).noop.vsW1000, runs: bySize(10000).full.runs };
  const w1000 = workloads[1000] ?? generateCcm(join(work, 'W1000'), 1000);
  if (opts.vs === 'rulesync') results.rulesync = benchRulesync(work, w1000);
  const example = exampleRepo(work);
  results.watch = await benchWatch(example, w1000);
  results.ui = await benchUi(example, w1000);

  const s1000 = bySize(1000);
  results.targets = {
    version: target('ccm --version ≤ 2× node -e 0', results.startup.versionRatio, 2, '×'),
    noopVsNode: target('W1000 no-op ccm build ≤ 3× node -e 0', s1000?.noop.vsNode, 3, '×'),
    rss: {
      full: target('W1000 full build peak RSS ≤ 80 MiB', s1000?.full.rssMiB, 80, 'MiB'),
      noop: target('W1000 no-op build peak RSS ≤ 80 MiB', s1000?.noop.rssMiB, 80, 'MiB'),
      one: target('W1000 one-body-changed build peak RSS ≤ 80 MiB', s1000?.one.rssMiB, 80, 'MiB'),
      oneYaml: target('W1000 one-description-changed build peak RSS ≤ 80 MiB', s1000?.oneYaml.rssMiB, 80, 'MiB'),
    },
    scaling: target('W10000 full ≤ 11× W1000 full', results.scaling?.full, 11, '×'),
    watchP50: target('watch W1000 save → output p50 ≤ 100 ms', results.watch.w1000.p50Ms, 100, 'ms'),
    watchP95: target('watch W1000 save → output p95 ≤ 200 ms', results.watch.w1000.p95Ms, 200, 'ms'),
    watchYamlP50: target('watch W1000 YAML save → output p50 ≤ 100 ms', results.watch.w1000Yaml.p50Ms, 100, 'ms'),
    watchYamlP95: target('watch W1000 YAML save → output p95 ≤ 200 ms', results.watch.w1000Yaml.p95Ms, 200, 'ms'),
    vsFull: target('W1000 full ≤ 0.2× rulesync', results.rulesync?.full.ratio, 0.2, '×'),
    vsNoop: target('W1000 no-op ≤ 0.1× rulesync', results.rulesync?.noop.ratio, 0.1, '×'),
    vsOne: target('W1000 one body changed ≤ 0.1× rulesync', results.rulesync?.one.ratio, 0.1, '×'),
    vsOneYaml: target('W1000 one description (YAML file) changed ≤ 0.1× rulesync', results.rulesync?.oneYaml.ratio, 0.1, '×'),
  };
  results.uiBundle = clientBundle(); // issue #12: the web UI's client, < 500 KB gzip
  console.log(opts.json ? JSON.stringify(results, null, 2) : `${render(results)}\n\n${renderBundle(results.uiBundle)}\n${renderUi(results.ui)}`);
} finally {
  if (opts.keep) process.stderr.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
