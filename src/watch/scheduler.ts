/**
 * Debounces change notifications into builds, one build at a time. Changes that arrive while a
 * build runs are gathered and, once it ends and the debounce has elapsed, run as exactly one
 * follow-up build. Knows nothing about files or chokidar, so tests drive it with fake timers.
 */
export interface SchedulerOptions {
  /** Quiet time after the last change before a build starts. */
  debounceMs: number;
  /** One build for the changes gathered since the previous one (in arrival order, without repeats). Never called concurrently. */
  run: (changes: readonly string[]) => Promise<void>;
  /** Called when `run` rejects; the scheduler carries on. */
  onError?: (err: unknown) => void;
}

export class BuildScheduler {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private forced = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  /** True while a build runs. */
  get building(): boolean {
    return this.inFlight !== undefined;
  }

  /** Records a change and restarts the debounce. */
  notify(change: string): void {
    if (this.closed) return;
    this.pending.add(change);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.inFlight) this.start();
    }, this.options.debounceMs);
  }

  /** Builds now, without waiting for a change or the debounce (the initial build); after the running one if any. */
  runNow(): void {
    if (this.closed) return;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.inFlight) this.forced = true;
    else this.start();
  }

  /** Resolves when no build runs and none is waiting. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops pending changes and resolves once the running build, if any, has finished. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.forced = false;
    await this.inFlight;
    for (const wake of this.waiters.splice(0)) wake();
  }

  private isIdle(): boolean {
    return !this.inFlight && this.timer === undefined && (this.closed || (this.pending.size === 0 && !this.forced));
  }

  private start(): void {
    const changes = [...this.pending];
    this.pending.clear();
    this.forced = false;
    this.inFlight = (async () => {
      try {
        await this.options.run(changes);
      } catch (err) {
        this.options.onError?.(err);
      }
    })().finally(() => {
      this.inFlight = undefined;
      // Changes that came in during the build: one follow-up, once their debounce is over.
      if (!this.closed && this.timer === undefined && (this.pending.size > 0 || this.forced)) this.start();
      else if (this.isIdle()) for (const wake of this.waiters.splice(0)) wake();
    });
  }
}
