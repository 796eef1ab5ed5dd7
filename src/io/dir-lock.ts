import { mkdirSync, rmdirSync, statSync, utimesSync } from 'node:fs';

/**
 * A lock that is a folder: mkdir is atomic on every filesystem, NFS included. Its holder refreshes
 * the folder's mtime every `updateMs`; one not refreshed for `staleMs` belongs to a process that
 * died, and the next taker removes it and takes it. This is proper-lockfile's protocol (which ccm
 * used before, and which the lock tests play the other holder with), so a ccm of either kind and this
 * one exclude each other. Written here because the library, with graceful-fs, retry and signal-exit,
 * was some 4 ms of loading in every writing build, a replay's largest single module cost.
 */
export interface DirLockOptions {
  staleMs: number;
  updateMs: number;
  /** Called once, from a timer, when the lock is found lost: removed, or taken over after a stall. */
  onCompromised: (err: Error) => void;
}

export interface DirLock {
  /** Removes the lock; a lock found lost is left to whoever holds it now. */
  release(): void;
}

/** Takes the lock at `path` (its parent must exist); undefined while another live process holds it. */
export function takeDirLock(path: string, options: DirLockOptions): DirLock | undefined {
  if (!makeLock(path) && !(takeOverStale(path, options.staleMs) && makeLock(path))) return undefined;
  try {
    return new HeldLock(path, options);
  } catch (err) {
    // Its mtime could not be set: a lock nobody refreshes is no lock; leave none behind.
    rmdirSync(path);
    throw err;
  }
}

/** Whether this process made the folder; false when it exists. */
function makeLock(path: string): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Removes a lock left unrefreshed for `staleMs`; true when the path is free to take (also when its holder just released it). */
function takeOverStale(path: string, staleMs: number): boolean {
  const mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) return true;
  if (mtimeMs >= Date.now() - staleMs) return false;
  try {
    rmdirSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return true;
}

class HeldLock implements DirLock {
  private mtimeMs: number;
  private refreshedAt = Date.now();
  private lost = false;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly path: string, private readonly options: DirLockOptions) {
    this.mtimeMs = this.touch();
    this.timer = setInterval(() => this.refresh(), options.updateMs);
    this.timer.unref();
    held.add(this);
    if (held.size === 1) listen();
  }

  release(): void {
    if (!held.delete(this)) return;
    clearInterval(this.timer);
    if (held.size === 0) unlisten();
    if (this.lost) return;
    try {
      rmdirSync(this.path);
    } catch {
      // Gone already: nothing of ours is left to remove.
    }
  }

  private refresh(): void {
    const stalled = Date.now() - this.refreshedAt > this.options.staleMs;
    const now = statSync(this.path, { throwIfNoEntry: false })?.mtimeMs;
    let problem: string | undefined;
    if (now === undefined) problem = `${this.path} was removed`;
    else if (now !== this.mtimeMs) problem = `${this.path} was taken over by another process`;
    else if (stalled) problem = `${this.path} went unrefreshed for longer than ${this.options.staleMs / 1000} s`;
    if (problem === undefined) {
      try {
        this.mtimeMs = this.touch();
        this.refreshedAt = Date.now();
        return;
      } catch (err) {
        problem = `${this.path} could not be refreshed: ${(err as Error).message}`;
      }
    }
    this.lost = true;
    this.release();
    this.options.onCompromised(new Error(problem));
  }

  /** Sets the folder's mtime to now; returns it as the filesystem keeps it (its precision may be coarser). */
  private touch(): number {
    const now = new Date();
    utimesSync(this.path, now, now);
    return statSync(this.path).mtimeMs;
  }
}

const held = new Set<HeldLock>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function releaseAll(): void {
  for (const lock of [...held]) lock.release();
}

/**
 * A signal that would end the process (no other listener) removes the locks first, then ends it as
 * the signal would have: a Ctrl-C during a build does not leave the next one waiting for staleness.
 * With another listener (`ccm watch`), that one shuts down and releases the locks on its way.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  process.kill(process.pid, signal);
}

function listen(): void {
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function unlisten(): void {
  process.removeListener('exit', releaseAll);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}
