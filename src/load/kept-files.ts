import { CLOCK_TICK_MS, sameStatKey, settled, type StatKey } from '../cache/stat-key.js';
import type { RawFile } from './model.js';

export interface KeptFile {
  /** The lstat the file was taken from the disk under. */
  stat: StatKey;
  file: RawFile;
  /** The file is trusted by its stat only if its mtime and ctime are older than this (git's racy rule). */
  trustedBeforeMs: number;
}

/**
 * The config files one process took from the disk, kept between its loads (`ccm watch`, the web UI),
 * so that a later load reads only the files that changed. A file is taken again while its lstat
 * holds and is settled against the start of the load that read it; and, once a watcher vouches for
 * the tree (`watch`), without even an lstat while the watcher reported no change at or above its
 * path since that load began. A change reported during a load stays pending for the next one, and
 * a load that does not finish (an error) clears nothing, so no reported change is ever skipped.
 */
export class KeptFiles {
  private byPath = new Map<string, KeptFile>();
  private next: Map<string, KeptFile> | undefined;
  private trustedBeforeMs = -Infinity;
  /**
   * `pending`: each reported path with the number of its latest report; a load clears only the reports
   * made before it began (`seenUpTo`), so a path reported again while the load runs stays pending.
   */
  private watcher: { covers: (path: string) => boolean; pending: Map<string, number>; reports: number; seenUpTo: number | undefined } | undefined;

  begin(): void {
    this.next = new Map();
    this.trustedBeforeMs = Date.now() - CLOCK_TICK_MS;
    if (this.watcher) this.watcher.seenUpTo = this.watcher.reports;
  }

  finish(): void {
    if (!this.next) return;
    this.byPath = this.next;
    this.next = undefined;
    const w = this.watcher;
    if (w?.seenUpTo !== undefined) for (const [path, report] of w.pending) if (report <= w.seenUpTo) w.pending.delete(path);
    if (w) w.seenUpTo = undefined;
  }

  /** Forgets every file (another root). */
  clear(): void {
    this.byPath = new Map();
    this.next = undefined;
    if (this.watcher) this.watcher = { ...this.watcher, pending: new Map(), seenUpTo: undefined };
  }

  /** From now on a watcher reports every change below the root to the paths it `covers` through `changed`. */
  watch(covers: (path: string) => boolean): void {
    this.watcher = { covers, pending: new Map(), reports: 0, seenUpTo: undefined };
  }

  /** The watcher failed: files are trusted by their stat again. */
  unwatch(): void {
    this.watcher = undefined;
  }

  /** A path (file or folder, repo-relative POSIX) the watcher reported added, changed or removed. */
  changed(path: string): void {
    const w = this.watcher;
    if (w) w.pending.set(path, ++w.reports);
  }

  /** The file as kept, without an lstat, where the watcher vouches for it. */
  vouched(path: string): KeptFile | undefined {
    const w = this.watcher;
    const kept = w && this.next ? this.byPath.get(path) : undefined;
    if (!kept || !w || !w.covers(path)) return undefined;
    for (let i = path.indexOf('/'); ; i = path.indexOf('/', i + 1)) {
      if (w.pending.has(i === -1 ? path : path.slice(0, i))) return undefined;
      if (i === -1) break;
    }
    this.next!.set(path, kept);
    return kept;
  }

  /** The file as kept, when `stat` (taken now) proves it unchanged. */
  reuse(path: string, stat: StatKey): KeptFile | undefined {
    const kept = this.next ? this.byPath.get(path) : undefined;
    if (!kept || !sameStatKey(kept.stat, stat) || !settled(stat, kept.trustedBeforeMs)) return undefined;
    this.next!.set(path, kept);
    return kept;
  }

  /** A file the current load took from the disk under `stat`. */
  took(file: RawFile, stat: StatKey): void {
    this.next?.set(file.path, { stat, file, trustedBeforeMs: this.trustedBeforeMs });
  }
}
