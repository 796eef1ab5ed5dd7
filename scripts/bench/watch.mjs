// `ccm watch --json` as a child process: the time from saving a component's file to its output file
// holding the new text, as a user sees it (debounce, build and atomic rename included).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { ccmBin } from './proc.mjs';
import { median, percentile } from './stats.mjs';
import { progress } from './measure.mjs';

/**
 * Saves `file` `saves` times, as `edit(original, marker)` makes it; each time measures until `output`
 * holds the marker, then waits for the build event so that the next save starts from a quiet watcher.
 * Restores `file` at the end.
 */
export async function watchLatency(label, { repo, file, edit, output, saves = 30 }) {
  progress(`watch ${label}: ${saves} saves`);
  const child = spawn(process.execPath, [...(process.env.CCM_BENCH_WATCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CCM_BENCH_WATCH_PROF}`] : []), ccmBin, 'watch', '--json', '--cwd', repo], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  createInterface({ input: child.stdout }).on('line', (line) => events.push(JSON.parse(line)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const until = async (check, what) => {
    const end = Date.now() + 120_000;
    while (!check()) {
      if (child.exitCode !== null) throw new Error(`bench: ccm watch exited ${child.exitCode} while waiting for ${what}: ${stderr.slice(0, 2000)}`);
      if (Date.now() > end) throw new Error(`bench: watch timed out waiting for ${what}; last events: ${JSON.stringify(events.slice(-3))}`);
      await sleep(1);
    }
  };
  const original = readFileSync(file, 'utf8');
  try {
    await until(() => events.some((e) => e.event === 'ready'), 'the ready event');
    const samples = [];
    for (let i = 0; i < saves; i++) {
      const builds = events.filter((e) => e.event === 'build').length;
      const marker = `Watch bench save ${i}.`;
      writeFileSync(file, edit(original, marker));
      const t = performance.now();
      await until(() => existsSync(output) && readFileSync(output, 'utf8').includes(marker), `save ${i} in ${output}`);
      samples.push(performance.now() - t);
      await until(() => events.filter((e) => e.event === 'build').length > builds, `the build event of save ${i}`);
    }
    const failed = events.filter((e) => e.event === 'error' || (e.event === 'build' && !e.ok));
    if (failed.length) throw new Error(`bench: watch had failed builds: ${JSON.stringify(failed[0])}`);
    // Builds before 'ready' are the initial one; those after it are the saves'.
    const readyAt = events.findIndex((e) => e.event === 'ready');
    const buildMs = events.slice(readyAt + 1).filter((e) => e.event === 'build').map((e) => e.ms);
    return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), saves, samples, buildMedianMs: median(buildMs) };
  } finally {
    child.kill('SIGINT');
    await exited;
    writeFileSync(file, original);
  }
}
