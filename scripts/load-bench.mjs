#!/usr/bin/env node
// Prints load + validate (+ resolve) figures for generated repos of N components, cold (no
// .ccm/cache) and warm (the parse cache of the previous run), in process, medians of several runs.
// Measures; asserts nothing. Usage: node scripts/load-bench.mjs [--dist DIR] [N ...] (build dist/ first).
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const dist = distAt >= 0 ? resolve(args.splice(distAt, 2)[1]) : fileURLToPath(new URL('../dist', import.meta.url));
const sizes = args.length ? args.map(Number) : [1000, 10000];
const RUNS = Number(process.env.RUNS ?? 7);

const { loadRepo } = await import(join(dist, 'load/load-repo.js'));
// A writing build's load (it writes .ccm/cache/ back); a dist from before the parse cache has none.
const ParseCache = existsSync(join(dist, 'load/parse-cache.js')) ? (await import(join(dist, 'load/parse-cache.js'))).ParseCache : undefined;
const { validateRepo } = await import(join(dist, 'validate/validate.js'));
const { resolveProject } = await import(join(dist, 'resolve/resolve.js'));

function put(base, path, text) {
  const abs = join(base, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** Half subagents, half commands, each with a ~1.2 KB Markdown body; one profile selecting all. */
function generate(base, n) {
  put(base, 'ccm.config.yaml', 'version: 1\n');
  const body = 'Follow the project rules and keep changes small. '.repeat(24);
  const agents = [];
  const commands = [];
  for (let i = 0; i < n / 2; i++) {
    const id = String(i).padStart(5, '0');
    agents.push(`agent-${id}`);
    commands.push(`command-${id}`);
    put(base, `components/subagents/agent-${id}.yaml`, `description: Bench agent ${i} that reviews code\ntools: [Read, Grep, Glob]\nmodel: sonnet\n`);
    put(base, `components/subagents/agent-${id}.md`, `You are agent ${i}.\n${body}\n`);
    put(base, `components/commands/command-${id}.yaml`, `description: Bench command ${i}\nargument-hint: "[file]"\nallowed-tools: [Read]\n`);
    put(base, `components/commands/command-${id}.md`, `Do task ${i} with $ARGUMENTS.\n${body}\n`);
  }
  put(base, 'profiles/all.yaml', `components:\n  subagents: [${agents.join(', ')}]\n  commands: [${commands.join(', ')}]\n`);
  put(base, 'projects/app.yaml', 'path: ../out/app\nprofiles: [all]\ntargets: [claude-code]\n');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(repo) {
  const t0 = performance.now();
  const cache = ParseCache ? new ParseCache() : undefined;
  const { repo: model, diagnostics } = await loadRepo(repo, cache);
  cache?.persist();
  const t1 = performance.now();
  const found = validateRepo(model);
  const t2 = performance.now();
  const resolved = resolveProject(model, 'app');
  const t3 = performance.now();
  const errors = [...diagnostics, ...found, ...resolved.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`bench repo invalid: ${JSON.stringify(errors.slice(0, 3))}`);
  return { load: t1 - t0, validate: t2 - t1, resolve: t3 - t2 };
}

const work = mkdtempSync(join(tmpdir(), 'ccm-load-bench-'));
try {
  for (const n of sizes) {
    const repo = join(work, `w${n}`);
    generate(repo, n);
    // Makes every file's mtime older than the cache written below, as between two real commands.
    await sleep(20);
    await once(repo);
    const cold = [];
    const warm = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(join(repo, '.ccm/cache'), { recursive: true, force: true });
      cold.push(await once(repo));
      warm.push(await once(repo));
    }
    const row = (label, rs) => {
      const load = median(rs.map((r) => r.load));
      const validate = median(rs.map((r) => r.validate));
      const res = median(rs.map((r) => r.resolve));
      const total = median(rs.map((r) => r.load + r.validate + r.resolve));
      console.log(`W${n} ${label}: load ${load.toFixed(1)} ms, validate ${validate.toFixed(1)} ms, resolve ${res.toFixed(1)} ms, total ${total.toFixed(1)} ms`);
      return total;
    };
    const c = row('cold', cold);
    const w = row('warm', warm);
    console.log(`W${n} warm/cold ${(w / c).toFixed(2)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
