import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(PROJECT_ROOT, 'bin', 'ccm.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

type Options = {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  signal?: AbortSignal;
  /** Each piece of stdout as it is written, for a command that runs until `signal` (`ccm ui`, `ccm watch`). */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
};

/**
 * Runs ccm as a user would, in this process: `run(argv, io)` of src/cli/program.ts with its own
 * environment, working folder, stdin and captured stdout/stderr, over real files, real git and real
 * age. Only the process boundary is skipped; what needs one (exit through main.ts, signals, a
 * terminal, the git hook) uses `ccmProcess`.
 */
export async function ccm(args: readonly string[], options: Options = {}): Promise<CliRun> {
  const { run } = await import('../../src/cli/program.js');
  let stdout = '';
  let stderr = '';
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', ...options.env })) if (v !== undefined) env[k] = v;
  const code = await run(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        options.onStdout?.(text);
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        options.onStderr?.(text);
      },
    },
    env,
    cwd: options.cwd ?? PROJECT_ROOT,
    isTTY: false,
    stdin: Readable.from(options.input ? [Buffer.from(options.input)] : []),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout, stderr };
}

/** Runs the real CLI (bin/ccm.js over the bundle the global setup built) in its own process. */
export function ccmProcess(args: readonly string[], options: Omit<Options, 'signal' | 'onStdout' | 'onStderr'> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** Removes the temp folders made so far; test/helpers/each-file.ts calls it after every test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A fresh temp folder, removed after the test file finishes. */
export function tempDir(prefix = 'ccm-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a file tree (`path → content`) into a new temp folder and returns it. */
export function tempTree(files: Record<string, string | Uint8Array>, dir = tempDir()): string {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return dir;
}

/** Copies a folder of this repo (e.g. `examples/team-config`) into a temp folder. */
export function tempCopy(relPath: string): string {
  const dir = tempDir();
  // What a build of the example wrote (the README's first command makes examples/out/) is not part of the
  // example: every copy starts as a clean clone has it.
  const generated = join(PROJECT_ROOT, 'examples', 'out');
  cpSync(join(PROJECT_ROOT, relPath), dir, { recursive: true, filter: (source) => source !== generated });
  return dir;
}

/**
 * All that ccm prints on stderr for a build or validate of the bundled example: the warning about its
 * one deliberate unknown frontmatter key (examples/team-config/components/subagents/db-migrator.yaml).
 */
export const EXAMPLE_STDERR = /^components\/subagents\/db-migrator\.yaml:\d+:1: warning UNKNOWN_FIELD: unknown key "runbook" is kept and written as is\n {2}hint: [^\n]*\n0 errors, 1 warning\n$/;

/** `fn` over `items` one after another (runs of ccm over one repo must not overlap), in order. */
export async function inTurn<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
