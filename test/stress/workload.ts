import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLI, tempTree } from '../helpers/cli.js';
import { readTreeFiles } from '../helpers/tree.js';

/**
 * A config repo whose project gets `count` subagents and commands, each with a body that names a
 * `version`: switching versions rewrites every output, so a build stopped half way leaves a tree
 * where some files are of one version and some of the other.
 */
export function bigConfig(dir: string, out: string, prefix: string, count: number): { setVersion: (v: string) => void } {
  const half = Math.floor(count / 2);
  const agents = Array.from({ length: half }, (_, i) => `${prefix}-agent-${i}`);
  const commands = Array.from({ length: count - half }, (_, i) => `${prefix}-cmd-${i}`);
  tempTree({
    'ccm.config.yaml': 'version: 1\n',
    'projects/app.yaml': `path: ${out}\ntargets: [claude-code]\ncomponents:\n  subagents: [${agents.join(', ')}]\n  commands: [${commands.join(', ')}]\n`,
  }, dir);
  const setVersion = (version: string): void => {
    const body = `Version ${version}.\n\n${'A paragraph of instructions that makes the file a realistic size. '.repeat(18)}\n`;
    for (const name of agents) {
      writeFileSync(join(dir, `components/subagents/${name}.yaml`), `description: ${name}, version ${version}.\n`);
      writeFileSync(join(dir, `components/subagents/${name}.md`), body);
    }
    for (const name of commands) {
      writeFileSync(join(dir, `components/commands/${name}.yaml`), `description: ${name}, version ${version}.\n`);
      writeFileSync(join(dir, `components/commands/${name}.md`), body);
    }
  };
  tempTree({ 'components/subagents/.keep': '', 'components/commands/.keep': '' }, dir);
  setVersion('a');
  return { setVersion };
}

export function startCcm(args: readonly string[], cwd: string): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, done };
}

/** The project's files as text, without ccm's own folder. */
export function outputs(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, bytes] of readTreeFiles(dir)) if (!path.startsWith('.ccm/')) files.set(path, bytes.toString('utf8'));
  return files;
}

/** Every path below `dir` that is ccm's litter: staged files, temp files beside outputs, intent records. */
export function leftovers(dir: string): string[] {
  return [...readTreeFiles(dir).keys()].filter((p) => p.startsWith('.ccm/staging') || p.includes('.ccm-tmp-') || /\.tmp$/.test(p));
}

/** Resolves once `path` exists (polled as fast as the event loop allows), or after `limitMs`. */
export async function until(path: string, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!existsSync(path) && Date.now() < end) await new Promise((r) => setImmediate(r));
}

/** Resolves at the first entry renamed into `dir` (or after `limitMs`). */
export function renamedInto(dir: string, limitMs: number): { seen: Promise<void>; close: () => void } {
  const watcher = watch(dir);
  let timer: NodeJS.Timeout | undefined;
  const seen = new Promise<void>((resolve) => {
    watcher.once('change', () => resolve());
    timer = setTimeout(resolve, limitMs);
  });
  return { seen, close: () => { clearTimeout(timer); watcher.close(); } };
}

/**
 * Starts `ccm build` in `config` and kills it (SIGKILL) at a moment that round `i` picks, a third of
 * the rounds each: anywhere within `buildMs`, once files are being staged, and at the first rename
 * into the project (seen through inotify, far sooner than a poll could: hundreds of renames take a
 * few milliseconds), that is, among the renames.
 */
export async function killBuild(i: number, config: string, out: string, buildMs: number): Promise<void> {
  const firstRename = i % 3 === 2 ? renamedInto(join(out, '.claude/agents'), buildMs * 3) : undefined;
  const run = startCcm(['build'], config);
  if (i % 3 === 0) await sleep(Math.random() * buildMs);
  else if (i % 3 === 1) await until(join(out, '.ccm/staging'), buildMs * 3);
  else await firstRename!.seen;
  run.child.kill('SIGKILL');
  firstRename?.close();
  await run.done;
}
