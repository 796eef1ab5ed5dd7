#!/usr/bin/env node
// Prints build figures for a generated repo of 1,000 components and 20 projects (DESIGN.md §8).
// Measures; asserts nothing. Run with `npm run bench` (which builds dist/ first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
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
  console.log(`heap used ${(mem.heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(mem.rss / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  // --keep leaves the generated repo for profiling (`node --cpu-prof`).
  if (process.argv.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
