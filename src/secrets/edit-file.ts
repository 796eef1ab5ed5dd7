import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants, rmSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join } from 'node:path';
import { CcmError } from '../errors.js';
import { tempFolder } from '../run-environment.js';
import { childEnv, type Env } from './identity.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** /dev/shm when there is one (memory: the plaintext never reaches a disk), else the OS temp folder. */
export function editBase(env: Env): string {
  try {
    accessSync('/dev/shm', fsConstants.W_OK | fsConstants.X_OK);
    return '/dev/shm';
  } catch {
    return env['TMPDIR'] || tempFolder();
  }
}

/**
 * Lets the user edit `initial` in `editor` (run through `sh -c`, as git does) and returns the text
 * saved. The text sits in a 0600 file in a fresh 0700 folder (mkdtemp) that is removed on every way
 * out: the editor exits or fails, or ccm receives SIGINT, SIGTERM or SIGHUP while it waits. On such
 * a signal the folder is removed at once, the editor gets the same signal, and an EDITOR_FAILED
 * error with exit code 128 + the signal's number is thrown, so the command ends through
 * src/cli/main.ts like any other instead of the process dying with the plaintext on disk.
 */
export async function editInPrivateFile(name: string, initial: string, editor: string, env: Env): Promise<string> {
  let dir: string | undefined;
  let child: ChildProcess | undefined;
  let signalled: NodeJS.Signals | undefined;
  const remove = (): void => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    signalled ??= signal;
    remove();
    child?.kill(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    dir = await mkdtemp(join(editBase(env), 'ccm-secret-'));
    const file = join(dir, `${name}.txt`);
    await writeFile(file, initial, { mode: 0o600, flag: 'wx' });
    const result = signalled ? undefined : await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
      // `exec`: the shell becomes the editor, so a signal passed on reaches the editor itself.
      child = spawn('/bin/sh', ['-c', `exec ${editor} "$1"`, 'ccm-secrets-edit', file], { stdio: 'inherit', env: childEnv(env) });
      child.on('error', (error) => resolve({ error }));
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    const text = result && !signalled && !('error' in result) && result.code === 0 ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
    if (signalled) {
      throw new CcmError('EDITOR_FAILED', `interrupted by ${signalled}; the temporary copy was removed and nothing was saved`, { exitCode: 128 + (constants.signals[signalled] ?? 0) });
    }
    if (!result) throw new Error('unreachable: no editor result without a signal');
    if ('error' in result) throw new CcmError('EDITOR_FAILED', `cannot start the editor "${editor}": ${result.error.message}; nothing was saved`);
    if (result.code !== 0) throw new CcmError('EDITOR_FAILED', `the editor "${editor}" ${result.code === null ? `was stopped by ${result.signal}` : `exited with code ${result.code}`}; nothing was saved`);
    if (text === undefined) throw new CcmError('EDITOR_FAILED', `the edited copy of ${name} cannot be read back; nothing was saved`);
    return text;
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
    remove();
  }
}
