import { mkdir, realpath, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CcmError } from '../errors.js';
import { type DirLock, takeDirLock } from '../io/dir-lock.js';

/**
 * The lock a writing build holds on its config repo and on each output root, so that two builds
 * (two terminals, `ccm watch`, the pre-commit hook) never interleave their writes or plan against a
 * disk state another build is changing. It is a folder (see io/dir-lock.ts). The name says "lock",
 * and layouts.ts never lets an output path enter `.ccm/`, so it can never be mistaken for an output
 * or for the manifest beside it.
 */
export const LOCK_FILE = '.ccm/build.lock';

/**
 * A live build refreshes its lock's mtime every UPDATE_MS; one untouched for STALE_MS belongs to a
 * killed build and is taken over. 10 s leaves a busy machine five missed refreshes before a live
 * build could lose its lock; a crashed build delays the next one by at most that long.
 */
const STALE_MS = 10_000;
const UPDATE_MS = 2_000;
/** How long a build waits for another before giving up (a hung build must not hang its successors forever). */
const WAIT_MS = 60_000;
const POLL_MS = 200;

export interface LockOptions {
  /** false: fail at once with LOCKED when another build holds a lock (`ccm build --no-wait`). */
  wait: boolean;
  /** Where the one "waiting for …" line goes (stderr). */
  note: (line: string) => void;
}

/** Locks held by one build; release them all with `release()`, whatever happened. */
export class BuildLocks {
  private readonly held = new Map<string, () => Promise<void>>();
  private compromised: Error | undefined;
  /** Folders made only to hold a lock (`.ccm/`, a new project folder): removed on release while still empty. */
  private readonly made: { lockDir: string; first: string }[] = [];

  constructor(private readonly options: LockOptions) {}

  /** Takes the lock of each folder not held yet, in sorted real-path order so that two builds can never deadlock. */
  async acquire(dirs: readonly string[]): Promise<void> {
    const real: string[] = [];
    for (const dir of dirs) {
      try {
        // The folder must exist for its lock to. What this makes is removed again on release while
        // empty, so a build that stops with an error leaves the disk as it was.
        const first = await mkdir(join(dir, '.ccm'), { recursive: true });
        if (first !== undefined) this.made.push({ lockDir: join(dir, '.ccm'), first });
        real.push(await realpath(dir));
      } catch (err) {
        throw new CcmError('IO', `cannot create the build lock in ${dir}: ${(err as Error).message}`, { cause: err });
      }
    }
    for (const dir of [...new Set(real)].sort()) {
      if (!this.held.has(dir)) this.held.set(dir, await this.lockOne(dir));
    }
  }

  /** Throws LOCKED when a lock was lost while held (its folder removed, or taken over as stale after a long stall). */
  assertHeld(): void {
    if (this.compromised) {
      throw new CcmError('LOCKED', `the build lock was lost while building: ${this.compromised.message}`, { hint: 'another ccm build may have run meanwhile; build again' });
    }
  }

  async release(): Promise<void> {
    const releases = [...this.held.values()].reverse();
    this.held.clear();
    // A lost lock cannot be released; the other releases must still run.
    for (const release of releases) await release().catch(() => undefined);
    for (const { lockDir, first } of this.made.splice(0).reverse()) await removeEmpty(lockDir, first);
  }

  private async lockOne(dir: string): Promise<() => Promise<void>> {
    const lockPath = join(dir, LOCK_FILE);
    const deadline = Date.now() + WAIT_MS;
    let told = false;
    for (;;) {
      const lock = this.tryLock(lockPath);
      if (lock) return async () => lock.release();
      if (!this.options.wait) {
        throw new CcmError('LOCKED', `another ccm build of ${dir} is running`, { hint: `wait for it, or build without --no-wait; a lock left by a killed build (${lockPath}) is taken over after ${STALE_MS / 1000} s` });
      }
      if (Date.now() >= deadline) {
        throw new CcmError('LOCKED', `gave up after ${WAIT_MS / 1000} s waiting for another ccm build of ${dir}`, { hint: `if no ccm build is running, remove ${lockPath}` });
      }
      if (!told) {
        told = true;
        this.options.note(`waiting for another ccm build of ${dir} (lock held since ${await heldSince(lockPath)})`);
      }
      await sleep(POLL_MS);
    }
  }

  /** The lock at `lockPath` if it is free (or stale); undefined while another build holds it. */
  private tryLock(lockPath: string): DirLock | undefined {
    try {
      return takeDirLock(lockPath, {
        staleMs: STALE_MS,
        updateMs: UPDATE_MS,
        // Not thrown from the timer: the build checks before applying (assertHeld).
        onCompromised: (err) => {
          this.compromised = err;
        },
      });
    } catch (err) {
      throw new CcmError('IO', `cannot take the build lock ${lockPath}: ${(err as Error).message}`, { cause: err });
    }
  }
}

/**
 * Runs `work` under the build locks of `dirs` (a write that is not a build: an import, a prompt
 * upgrade), released whatever happens; `work` calls `locks.assertHeld()` before each later step.
 */
export async function withBuildLocks<T>(dirs: readonly string[], options: LockOptions, work: (locks: BuildLocks) => Promise<T>): Promise<T> {
  const locks = new BuildLocks(options);
  try {
    await locks.acquire(dirs);
    return await work(locks);
  } finally {
    await locks.release();
  }
}

/** Removes `dir` and its parents up to and including `first` while they are empty; stops at the first that is not. */
async function removeEmpty(dir: string, first: string): Promise<void> {
  for (let d = dir; d.length >= first.length; d = dirname(d)) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === first) return;
  }
}

/** When the lock was made: its birth time where the filesystem keeps one, else its last refresh. */
async function heldSince(lockPath: string): Promise<string> {
  try {
    const s = await stat(lockPath);
    return (s.birthtimeMs > 0 ? s.birthtime : s.mtime).toISOString();
  } catch {
    return 'a moment ago';
  }
}
