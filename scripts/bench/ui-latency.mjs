/* global fetch */
// `ccm ui --json` as a child process, measured as its client uses it (issue #12):
// - first page load: from the first request to a fresh server until the dashboard has what it shows
//   (index.html, then its scripts and styles and the dashboard's API calls, in parallel as a browser
//   fetches them; target < 1 s on the bundled example), and the same page load again, warm;
// - draft round trip: the editor's one call per pause in typing, `POST /api/preview` with the changed
//   YAML and `files: "affected"`, which answers the draft's diagnostics and its rendered files (target
//   < 150 ms p50 on W1000).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ccm, ccmBin } from './proc.mjs';
import { median, percentile } from './stats.mjs';
import { progress } from './measure.mjs';

/** CCM_BENCH_PROF=<folder> writes a CPU profile of each ccm ui process there. */
async function startUi(repo) {
  const child = spawn(process.execPath, [...(process.env.CCM_BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CCM_BENCH_PROF}`] : []), ccmBin, 'ui', '--json', '--cwd', repo], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench: ccm ui exited ${code} before it listened: ${stderr.slice(0, 2000)}`)));
  });
  const url = new URL(JSON.parse(line).url);
  const token = url.searchParams.get('token');
  const origin = url.origin;
  const get = async (path, init = {}) => {
    const res = await fetch(`${origin}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
    const body = await res.text();
    if (!res.ok) throw new Error(`bench: ${init.method ?? 'GET'} ${path} answered ${res.status}: ${body.slice(0, 500)}`);
    return body;
  };
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGINT');
  });
  return { get, stop };
}

async function pageLoad(get) {
  const t = performance.now();
  const html = await get('/');
  const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  await Promise.all([...assets.map((a) => get(a)), get('/api/repo'), get('/api/status')]);
  return performance.now() - t;
}

export async function firstPageLoad(label, repo, { runs = 10 } = {}) {
  progress(`ui ${label}: first page load, then ${runs} more`);
  const ui = await startUi(repo);
  try {
    const firstMs = await pageLoad(ui.get);
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await pageLoad(ui.get));
    return { firstMs: Math.round(firstMs), warmP50Ms: Math.round(median(warm)), runs };
  } finally {
    await ui.stop();
  }
}

export async function draftRoundTrip(label, { repo, project, component, rounds = 30 }) {
  progress(`ui ${label}: ${rounds} draft previews of ${component}`);
  // As in use: the project is built, so the draft's output is the one file that differs from the disk.
  ccm(['build', '--cwd', repo]);
  const ui = await startUi(repo);
  const original = readFileSync(join(repo, component), 'utf8');
  try {
    const preview = (i) => ui.get('/api/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ project, files: 'affected', drafts: [{ path: component, text: original.replace(/\n$/, ` (draft ${i})\n`) }] }),
    });
    const first = JSON.parse(await preview(-1));
    if (!first.files.some((f) => f.content?.includes('(draft -1)'))) throw new Error(`bench: the preview of ${component} does not show the draft`);
    const samples = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await preview(i);
      samples.push(performance.now() - t);
    }
    return { p50Ms: Math.round(median(samples)), p95Ms: Math.round(percentile(samples, 95)), rounds };
  } finally {
    await ui.stop();
  }
}

export function renderUi(ui) {
  const verdict = (value, limit) => `target < ${limit} ms: ${value < limit ? 'met' : 'NOT met'}`;
  return [
    `ccm ui, first page load (examples/team-config): ${ui.firstPageLoad.firstMs} ms on a fresh server, ${verdict(ui.firstPageLoad.firstMs, 1000)}; warm ${ui.firstPageLoad.warmP50Ms} ms (p50 of ${ui.firstPageLoad.runs})`,
    `ccm ui, draft validate + preview (W1000, POST /api/preview, files: affected): p50 ${ui.draftRoundTrip.p50Ms} ms, p95 ${ui.draftRoundTrip.p95Ms} ms over ${ui.draftRoundTrip.rounds}, ${verdict(ui.draftRoundTrip.p50Ms, 150)}`,
  ].join('\n');
}
