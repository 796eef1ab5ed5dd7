import { AsyncLocalStorage } from 'node:async_hooks';
import { homedir, tmpdir } from 'node:os';

/**
 * The environment variables and working folder of one run of ccm. A process that runs ccm once
 * (bin/ccm.js) has one run, whose environment is the process's own. A process that runs it several
 * times side by side (the in-process end-to-end tests, a server) gives each run its own: the code
 * below the CLI reads `runEnv()` instead of `process.env`, so one run's HOME, git variables or age
 * key never leak into another's, and per-run state (git's answers, the redactor's values) lives in
 * `perRun` instead of module variables.
 */
export interface RunEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** State that lives as long as the run (see `perRun`). */
  readonly state: Map<symbol, unknown>;
}

const current = new AsyncLocalStorage<RunEnvironment>();
let processRun: RunEnvironment | undefined;

/** Runs `fn` (and everything it starts, timers and callbacks included) as a run of its own. */
export function withRunEnvironment<T>(env: Readonly<Record<string, string | undefined>>, cwd: string, fn: () => T): T {
  return current.run({ env, cwd, state: new Map() }, fn);
}

/** The run this code belongs to: the one `withRunEnvironment` started, else the process's. */
export function runEnv(): RunEnvironment {
  return current.getStore() ?? (processRun ??= { env: process.env, cwd: process.cwd(), state: new Map() });
}

/** A value made once per run, e.g. a cache whose answers depend on the run's environment. */
export function perRun<T>(key: symbol, make: () => T): T {
  const { state } = runEnv();
  if (!state.has(key)) state.set(key, make());
  return state.get(key) as T;
}

/** The user's home folder: the run's $HOME, as os.homedir() reads the process's. */
export function homeFolder(): string {
  return runEnv().env['HOME'] || homedir();
}

/** The folder for temporary files: the run's $TMPDIR, as os.tmpdir() reads the process's. */
export function tempFolder(): string {
  const dir = runEnv().env['TMPDIR'];
  return dir ? dir.replace(/(.)\/+$/, '$1') : tmpdir();
}
