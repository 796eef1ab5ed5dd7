#!/usr/bin/env node
// Prints figures for ccm's write layer: stage + commit of 1,000 files of ~1.3 KB into a fresh folder
// inside a git repo (and 10,000 once), under each durability policy the write layer could take.
// Measures; asserts nothing. The machine is noisy: compare the ratios within one run.
//
//   node scripts/write-bench.mjs [--rounds 5] [--files 1000] [--big 10000] [--only REGEX] [--dist dist ...]
//
// The policies are spelled out here with plain fs calls, the way src/io/ does them (O_EXCL|O_NOFOLLOW
// temp files in one staging folder, then renames); each `--dist` folder adds a row that runs that
// build's own `writeFilesAtomically`, so a build of main and one of a branch can be compared.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const ROUNDS = Number(option('rounds', 5));
const FILES = Number(option('files', 1000));
const BIG = Number(option('big', 10000));
const only = new RegExp(option('only', '.'));
const dists = args.flatMap((a, i) => (a === '--dist' ? [resolve(args[i + 1])] : []));

/** A build's layout: agents and commands in two folders, skills one folder each. */
function workload(n) {
  const text = (i) => `---\nname: item-${i}\ndescription: Bench item ${i}\n---\n${'Follow the rules of the bench. '.repeat(40)}\n`;
  return Array.from({ length: n }, (_, i) => {
    const kind = i % 5;
    const path = kind < 2 ? `.claude/agents/a-${i}.md` : kind < 4 ? `.claude/commands/c-${i}.md` : `.claude/skills/s-${i}/SKILL.md`;
    return { path, content: text(i) };
  });
}

async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

async function writeTemp(path, content, sync) {
  const handle = await open(path, FLAGS, 0o666);
  try {
    await handle.writeFile(content);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path) {
  const handle = await open(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function stagingOf(root) {
  const dir = join(root, '.ccm/staging', `${process.pid}-bench`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** (a) before issue #10: one file at a time, each synced; one mkdir -p per file; renames one at a time. */
async function serial(root, writes) {
  const staging = stagingOf(root);
  const temps = [];
  for (const [i, w] of writes.entries()) {
    temps.push(join(staging, String(i)));
    await writeTemp(temps[i], w.content, true);
  }
  for (const [i, w] of writes.entries()) {
    await mkdir(dirname(join(root, w.path)), { recursive: true });
    await rename(temps[i], join(root, w.path));
  }
}

/** syncfs(2) of the file system holding `path`, through coreutils (what the write layer runs). */
function syncFs(path) {
  const r = spawnSync('sync', ['--file-system', path]);
  if (r.status !== 0) throw new Error(`write-bench: sync --file-system failed: ${r.stderr || r.error}`);
}

/**
 * (b)–(e): temp files written `limit` at a time, one mkdir per folder, renames `limit` at a time;
 * `syncFs`: one syncfs before the renames and one after, instead of any fsync.
 */
function concurrent({ limit, syncFiles, syncDirs, syncFs: wholeFs = false }) {
  return async (root, writes) => {
    const staging = stagingOf(root);
    await pool(writes, limit, (w, i) => writeTemp(join(staging, String(i)), w.content, syncFiles));
    const folders = [...new Set(writes.map((w) => dirname(join(root, w.path))))].sort();
    for (const folder of folders) await mkdir(folder, { recursive: true });
    if (wholeFs) syncFs(staging);
    await pool(writes, limit, (w, i) => rename(join(staging, String(i)), join(root, w.path)));
    if (syncDirs) await pool([...folders, staging], limit, syncDir);
    if (wholeFs) syncFs(staging);
  };
}

/**
 * (f): what (e) does, with synchronous calls one after another: no promise and no thread-pool round
 * trip per call (a create in one folder waits for that folder's lock anyway).
 */
async function oneByOne(root, writes) {
  const staging = stagingOf(root);
  writes.forEach((w, i) => {
    const fd = openSync(join(staging, String(i)), FLAGS, 0o666);
    try {
      writeSync(fd, w.content);
    } finally {
      closeSync(fd);
    }
  });
  const folders = [...new Set(writes.map((w) => dirname(join(root, w.path))))].sort();
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  syncFs(staging);
  writes.forEach((w, i) => renameSync(join(staging, String(i)), join(root, w.path)));
  syncFs(staging);
}

async function layerOf(dist) {
  const { writeFilesAtomically } = await import(join(dist, 'io/transaction.js'));
  return (root, writes) => writeFilesAtomically(root, writes);
}

const policies = [
  ['(a) serial, fsync each file (before issue #10)', serial],
  ...[8, 16, 64].map((n) => [`(b) ${n} at once, fsync each file`, concurrent({ limit: n, syncFiles: true, syncDirs: false })]),
  ...[16, 64].map((n) => [`(c) ${n} at once, fsync each folder once`, concurrent({ limit: n, syncFiles: false, syncDirs: true })]),
  ...[16, 64].map((n) => [`(b+c) ${n} at once, fsync files + each folder`, concurrent({ limit: n, syncFiles: true, syncDirs: true })]),
  ['(d) 16 at once, no fsync', concurrent({ limit: 16, syncFiles: false, syncDirs: false })],
  ['(e) 16 at once, syncfs before and after the renames', concurrent({ limit: 16, syncFiles: false, syncDirs: false, syncFs: true })],
  ['(f) one by one, synchronous calls, syncfs as (e)', oneByOne],
];
for (const dist of dists) policies.push([`write layer of ${dist}`, await layerOf(dist)]);
const chosen = policies.filter(([name], i) => i === 0 || only.test(name));

const base = mkdtempSync(join(tmpdir(), 'ccm-write-bench-'));
spawnSync('git', ['init', '-q', base]);
let runs = 0;

async function once(fn, writes) {
  const root = join(base, `out-${runs++}`);
  spawnSync('sync');
  const started = process.hrtime.bigint();
  await fn(root, writes);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rmSync(root, { recursive: true, force: true });
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function table(n, rounds, rows) {
  const writes = workload(n);
  const times = new Map(rows.map(([name]) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    // Each round in another order, so a noisy moment does not always land on one policy.
    const order = r % 2 === 0 ? rows : [...rows].reverse();
    for (const [name, fn] of order) times.get(name).push(await once(fn, writes));
  }
  const baseline = median(times.get(rows[0][0]));
  console.log(`\n${n} files, ${new Set(writes.map((w) => dirname(w.path))).size} folders, median of ${rounds}:`);
  for (const [name] of rows) {
    const ms = median(times.get(name));
    console.log(`  ${name.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   ${(ms / baseline).toFixed(2)}×`);
  }
}

try {
  await table(FILES, ROUNDS, chosen);
  if (BIG > 0) await table(BIG, 1, chosen.filter(([name]) => !/\(b\) 8|\(c\) 64|\(b\+c\) 64/.test(name)));
} finally {
  rmSync(base, { recursive: true, force: true });
}
