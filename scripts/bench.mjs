#!/usr/bin/env node
// Prints build figures for a generated repo of 1,000 components and 20 projects (DESIGN.md §8).
// Measures; asserts nothing. Run with `npm run bench` (which builds dist/ first).
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpSync, existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { compile } = await import(join(root, 'dist/build/compile.js'));
const { applyPlans } = await import(join(root, 'dist/io/apply.js'));

const COUNTS = { subagents: 300, commands: 300, 'mcp-servers': 200, 'claude-md': 100, settings: 50, hooks: 50 };
const PROJECTS = 20;

function put(base, path, text) {
  const abs = join(base, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

function generate(base) {
  put(base, 'ccm.config.yaml', 'version: 1\n');
  const names = {};
  for (const [kind, n] of Object.entries(COUNTS)) {
    names[kind] = [];
    for (let i = 0; i < n; i++) {
      const name = `${kind.replace(/s$/, '').replace('-server', '')}-${String(i).padStart(4, '0')}`;
      names[kind].push(name);
      const dir = `components/${kind}`;
      if (kind === 'subagents') {
        put(base, `${dir}/${name}.yaml`, `description: Bench agent ${i}\ntools: [Read, Grep]\nmodel: sonnet\n`);
        put(base, `${dir}/${name}.md`, `You are agent ${i}.\n${'Follow the rules. '.repeat(40)}\n`);
      } else if (kind === 'commands') {
        put(base, `${dir}/${name}.yaml`, `description: Bench command ${i}\nargument-hint: "[x]"\n`);
        put(base, `${dir}/${name}.md`, `Do task ${i} with $ARGUMENTS.\n`);
      } else if (kind === 'mcp-servers') {
        put(base, `${dir}/${name}.yaml`, `command: npx\nargs: ["-y", "server-${i}"]\n`);
      } else if (kind === 'claude-md') {
        put(base, `${dir}/${name}.yaml`, `order: ${i}\n`);
        put(base, `${dir}/${name}.md`, `## Section ${i}\n\n${'Rule text. '.repeat(20)}\n`);
      } else if (kind === 'settings') {
        put(base, `${dir}/${name}.yaml`, `permissions:\n  allow: ["Bash(npm run task${i})"]\nenv:\n  BENCH_${i}: "${i}"\n`);
      } else if (kind === 'hooks') {
        put(base, `${dir}/${name}.yaml`, `hooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: echo ${i}\n`);
      }
    }
  }
  const selection = Object.entries(names).map(([k, list]) => `  ${k}: [${list.join(', ')}]`).join('\n');
  put(base, 'profiles/all.yaml', `components:\n${selection}\n`);
  for (let p = 0; p < PROJECTS; p++) {
    put(base, `projects/p${p}.yaml`, `path: ../out/p${p}\nprofiles: [all]\ntargets: [claude-code]\n`);
  }
}

/**
 * `ccm watch --json` as a child process: saves `body` `n` times, each time measuring from the save to
 * `output` holding the new text, and waiting for the build event before the next save.
 */
async function watchLatency(repo, body, output, n = 20) {
  const child = spawn(process.execPath, [join(root, 'bin/ccm.js'), 'watch', '--json', '--cwd', repo], { stdio: ['ignore', 'pipe', 'inherit'] });
  const events = [];
  createInterface({ input: child.stdout }).on('line', (line) => events.push(JSON.parse(line)));
  const until = async (check) => {
    const end = Date.now() + 60_000;
    while (!check()) {
      if (Date.now() > end) throw new Error(`watch bench timed out; events: ${JSON.stringify(events.slice(-3))}`);
      await sleep(1);
    }
  };
  try {
    await until(() => events.some((e) => e.event === 'ready'));
    const original = readFileSync(body, 'utf8');
    const samples = [];
    for (let i = 0; i < n; i++) {
      const builds = events.filter((e) => e.event === 'build').length;
      const marker = `Watch bench save ${i}.`;
      writeFileSync(body, `${original}${marker}\n`);
      const t = performance.now();
      await until(() => existsSync(output) && readFileSync(output, 'utf8').includes(marker));
      samples.push(performance.now() - t);
      await until(() => events.filter((e) => e.event === 'build').length > builds);
    }
    const failed = events.filter((e) => e.event === 'error' || (e.event === 'build' && !e.ok));
    if (failed.length) throw new Error(`watch bench: failed builds: ${JSON.stringify(failed[0])}`);
    samples.sort((a, b) => a - b);
    const builds = events.filter((e) => e.event === 'build').slice(1).map((e) => e.ms).sort((a, b) => a - b);
    return { median: samples[Math.floor(n / 2)], p90: samples[Math.ceil(n * 0.9) - 1], buildMedian: builds[Math.floor(builds.length / 2)] };
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

async function timed(fn) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function build(repo) {
  const result = await compile(repo, { projects: [], force: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`bench repo invalid: ${JSON.stringify(errors.slice(0, 3))}`);
  await applyPlans(result.plans);
  return result;
}

const work = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
try {
  const repo = join(work, 'config');
  generate(repo);
  const first = await timed(() => build(repo));
  const files = first.value.plans.flatMap((p) => p.files.filter((f) => f.content).map((f) => ({ path: join(p.root.dir, f.path), content: f.content })));
  const bytes = files.reduce((n, f) => n + f.content.byteLength, 0);
  const noop = await timed(() => build(repo));
  const changed = noop.value.plans.flatMap((p) => p.files).filter((f) => f.action !== 'unchanged').length;
  writeFileSync(join(repo, 'components/subagents/subagent-0000.md'), 'You are agent zero, edited.\n');
  const one = await timed(() => build(repo));
  const plainDir = join(work, 'plain');
  const plain = await timed(async () => {
    for (const f of files) {
      const target = join(plainDir, f.path.slice(work.length));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.content);
    }
  });
  rmSync(join(work, 'out'), { recursive: true, force: true });
  const again = await timed(() => build(repo));
  const cli = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [join(root, 'bin/ccm.js'), '--version']);
    cli.push(performance.now() - t);
  }
  cli.sort((a, b) => a - b);
  // What a pre-commit hook costs: a whole `ccm build --check` process on the unchanged repo.
  const check = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'bin/ccm.js'), 'build', '--check', '--cwd', repo]);
    if (r.status !== 0) throw new Error(`bench: ccm build --check failed: ${r.stderr}`);
    check.push(performance.now() - t);
  }
  check.sort((a, b) => a - b);
  const watchBench = await watchLatency(repo, join(repo, 'components/subagents/subagent-0000.md'), join(work, 'out/p0/.claude/agents/subagent-0000.md'));
  const example = join(work, 'examples');
  cpSync(join(root, 'examples'), example, { recursive: true });
  rmSync(join(example, 'out'), { recursive: true, force: true });
  const watchExample = await watchLatency(join(example, 'team-config'), join(example, 'team-config/components/subagents/code-reviewer.md'),
    join(example, 'out/web-app/.claude/agents/code-reviewer.md'));
  const mem = process.memoryUsage();
  const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  console.log(`ccm ${version} bench: ${Object.values(COUNTS).reduce((a, b) => a + b)} components, ${PROJECTS} projects, ${files.length} output files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
  console.log(`first build (everything new)       ${fmt(first.ms)}`);
  console.log(`no-op rebuild                      ${fmt(noop.ms)}   (${changed} files changed)`);
  console.log(`one file changed                   ${fmt(one.ms)}`);
  console.log(`rebuild into an empty output       ${fmt(again.ms)}`);
  console.log(`plain fs.writeFile of same bytes   ${fmt(plain.ms)}`);
  console.log(`ratio full build / plain writes    ${(again.ms / plain.ms).toFixed(2)}x`);
  console.log(`ccm --version (median of 5)        ${fmt(cli[2])}`);
  console.log(`ccm build --check process, no-op   ${fmt(check[1])}   (median of 3)`);
  const w = (r) => `median ${fmt(r.median)}, p90 ${fmt(r.p90)}   (build ${r.buildMedian} ms + 50 ms debounce)`;
  console.log(`watch: save → output, bench repo  ${w(watchBench)}`);
  console.log(`watch: save → output, example     ${w(watchExample)}`);
  console.log(`heap used ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(mem.rss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  // --keep leaves the generated repo for profiling (`node --cpu-prof`).
  if (process.argv.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
