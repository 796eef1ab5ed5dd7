import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { MANIFEST_PATH } from '../plan/manifest.js';
import { redactText } from '../secrets/redact.js';
import { toPosix } from '../load/read-tree.js';
import { isWatched } from '../watch/paths.js';
import type { ServerEvent } from './api-types.js';
import type { FileWatcher, OpenWatcher } from '../watch/session.js';

/** Quiet time before a batch of changed paths goes out: an editor's save is several events. */
const BATCH_MS = 40;
/**
 * How often an output root that does not exist yet is looked for: a build in a terminal that makes
 * it changes nothing the watcher sees, and the page must hear of that build within a second.
 */
const MISSING_ROOT_POLL_MS = 400;

type Listener = (event: ServerEvent) => void;

/**
 * The live side of `ccm ui`: every open page subscribes (GET /api/events) and hears of each change
 * to the config repo (an edit in any editor, a save through the UI itself) and each build, the
 * UI's own and those another `ccm build` or `ccm watch` writes (seen as a manifest changing under
 * an output root). The file events come from the same watcher as `ccm watch` (src/watch/), with
 * the same rule for which paths count.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private watcher: FileWatcher | undefined;
  private pending = new Set<string>();
  private pendingRoots = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ownBuild = 0;
  private wanted: readonly string[] = [];
  private readonly watchedRoots = new Set<string>();
  private poll: NodeJS.Timeout | undefined;

  /** Called at once for every change of a config file, before the batch goes out (Workspace.forget). */
  onConfigChange: () => void = () => undefined;

  /** `log`: where a watcher failure is reported (the terminal running `ccm ui`). */
  constructor(private readonly log: (line: string) => void) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  publish(event: ServerEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** While the UI's own build runs, manifest changes are its own (its finished event reports them). */
  async duringOwnBuild<T>(work: () => Promise<T>): Promise<T> {
    this.ownBuild++;
    try {
      return await work();
    } finally {
      void this.findRoots();
      // Its last manifest events arrive just after the rename: let them pass first.
      setTimeout(() => this.ownBuild--, BATCH_MS * 3).unref();
    }
  }

  /**
   * Starts watching the config repo and the manifests of the output roots. Only roots that exist
   * are watched (a path that does not exist yet unsettles chokidar's watch of the others); the
   * rest are added once a build has made them (`findRoots`).
   */
  async watch(root: string, outputRoots: readonly string[], open: OpenWatcher): Promise<void> {
    const roots = outputRoots.filter((r) => r !== root);
    this.wanted = roots;
    const manifestOf = new Map(roots.map((r) => [`${r}${sep}${MANIFEST_PATH.split('/').join(sep)}`, r]));
    const ccmDirs = new Set(roots.map((r) => `${r}${sep}.ccm`));
    const layout = { root, specProjects: new Map(), worktreeProjects: new Map(), outputRoots: new Set(roots) };
    const existing = roots.filter((r) => existsSync(r));
    for (const r of existing) this.watchedRoots.add(r);
    this.watcher = await open({
      paths: existing,
      configRoot: root,
      ignored: (abs) => !(roots.includes(abs) || ccmDirs.has(abs) || manifestOf.has(abs) || isWatched(abs, layout)),
      onChange: (abs) => {
        const outputRoot = manifestOf.get(abs);
        if (outputRoot !== undefined) {
          if (this.ownBuild === 0) this.pendingRoots.add(outputRoot);
        } else if (!roots.includes(abs) && !ccmDirs.has(abs)) {
          const rel = toPosix(relative(root, abs));
          if (rel !== '' && !rel.startsWith('..')) {
            this.pending.add(rel);
            this.onConfigChange();
          }
        }
        this.schedule();
      },
      onError: (err) => this.log(`watching failed: ${redactText(err.message)}`),
    });
    if (existing.length < roots.length) {
      this.poll = setInterval(() => void this.findRoots(), MISSING_ROOT_POLL_MS);
      this.poll.unref();
    }
  }

  /**
   * Watches output roots that appeared (after the UI's own build, or a build elsewhere, which it
   * reports once they are watched, so that a manifest written meanwhile is not missed: the watcher
   * counts what is there when it starts as already known).
   */
  private async findRoots(): Promise<void> {
    const fresh = this.wanted.filter((r) => !this.watchedRoots.has(r) && existsSync(r));
    if (fresh.length === 0) return;
    for (const r of fresh) this.watchedRoots.add(r);
    if (this.watchedRoots.size === this.wanted.length) this.stopPolling();
    // Decided now: the UI's own build may end while the watcher starts, and its roots are not news.
    const elsewhere = this.ownBuild === 0;
    await this.watcher?.add(fresh);
    if (!elsewhere) return;
    for (const r of fresh) this.pendingRoots.add(r);
    this.schedule();
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
  }

  async close(): Promise<void> {
    this.stopPolling();
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    this.watcher = undefined;
    this.listeners.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pending.size > 0) this.publish({ type: 'changed', paths: [...this.pending].sort() });
      // A build elsewhere may have made a root that did not exist yet.
      void this.findRoots();
      if (this.pendingRoots.size > 0) this.publish({ type: 'build', phase: 'elsewhere', roots: [...this.pendingRoots].sort() });
      this.pending = new Set();
      this.pendingRoots = new Set();
    }, BATCH_MS);
  }
}
