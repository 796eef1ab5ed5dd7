import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { createBuildCache } from '../pipeline/cache.js';
import { OutputRecords } from '../cache/output-records.js';
import type { compile } from '../pipeline/compile.js';
import { compileLocked } from '../pipeline/lock.js';
import { countActions, hasChanges, type Counts } from '../pipeline/summary.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { CcmError, ExitCode } from '../errors.js';
import { applyPlans, sweepPlans } from '../io/apply.js';
import { stampBuiltFrom } from '../git/built-from.js';
import { outputDisplayPath } from '../plan/display-path.js';
import { repoSecretSource } from '../secrets/source.js';
import type { Env } from '../secrets/identity.js';
import { WORKTREE_COPIES } from '../plan/worktrees.js';
import { inside, isWatched, legacyWorktreeBase, projectsToBuild, scopeOf, shortPath, specBase, type WatchLayout } from './paths.js';
import { BuildScheduler } from './scheduler.js';

/** How long the saves must pause before `ccm watch` writes its caches back to `.ccm/cache/`. */
const CACHE_WRITE_DELAY_MS = 1_000;

export type WatchEvent =
  | { event: 'ready'; root: string; debounceMs: number; watching: string[] }
  | {
      event: 'build';
      time: string;
      /** Files whose change caused this build (repo-relative when inside the repo); empty for the initial build. */
      changed: string[];
      /** Projects built: 'all', or the ones the change affects. */
      projects: 'all' | string[];
      ok: boolean;
      counts: Counts;
      /** Outputs written or deleted (absolute paths). */
      files: { path: string; action: string }[];
      ms: number;
      diagnostics: Diagnostic[];
    }
  | { event: 'error'; time: string; code: string; message: string; hint?: string };

/** The file-system side, so that the session runs without chokidar in tests. */
export interface FileWatcher {
  /** Resolves once the paths are watched, so that nothing created in them from then on goes unreported. */
  add(paths: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface WatcherSpec {
  paths: readonly string[];
  /** A config repo to watch too: its config file and the folders ccm reads (config-tree.ts). */
  configRoot?: string;
  /** True for paths to ignore (checked for folders and files). */
  ignored: (abs: string) => boolean;
  onChange: (abs: string) => void;
  /**
   * A folder appeared. The watcher lists a new folder before it watches it, so a file created in
   * between (a folder and its file made back to back) may never be reported as a change of its own.
   */
  onFolderAdded?: (abs: string) => void;
  onError: (err: Error) => void;
}

/** Starts watching and resolves once the initial scan is done. */
export type OpenWatcher = (spec: WatcherSpec) => Promise<FileWatcher>;

export interface WatchSessionOptions {
  root: string;
  /** Projects named on the command line; all when empty. */
  projects: readonly string[];
  debounceMs: number;
  env: Env;
  emit: (event: WatchEvent) => void;
  openWatcher: OpenWatcher;
  /** Where the "waiting for another ccm build" line goes (stderr); silent when absent. */
  note?: (line: string) => void;
}

/**
 * `ccm watch` without the CLI: an initial build, then one build per debounced batch of changes,
 * each through the same compile → apply path as `ccm build` (nothing written when any error exists,
 * so an invalid save keeps the last good outputs).
 */
export class WatchSession {
  private readonly scheduler: BuildScheduler;
  private readonly specProjects = new Map<string, string>();
  private readonly worktreeProjects = new Map<string, string>();
  private readonly outputRoots = new Set<string>();
  /** task_metadata.json files this session patched, with the bytes it wrote: their change events are its own. */
  private readonly ownWrites = new Map<string, Buffer>();
  /** Folders reported as new since the last build: each stands for the watched files found in it when the build starts. */
  private readonly newFolders = new Set<string>();
  private readonly watchedSpecBases = new Set<string>();
  private readonly cache = createBuildCache();
  private records: OutputRecords | undefined;
  /** isWatched by path while the layout stays the same (it only ever grows: a new size drops it). */
  private readonly watchedMemo = new Map<string, boolean>();
  private memoLayoutSize = -1;
  /** The caches' write-back of the last successful build, done when the saves pause (or at stop). */
  private pendingCacheWrite: (() => void) | undefined;
  private cacheWriteTimer: NodeJS.Timeout | undefined;
  private watcher: FileWatcher | undefined;
  private initialFailure: unknown;

  constructor(private readonly options: WatchSessionOptions) {
    this.scheduler = new BuildScheduler({
      debounceMs: options.debounceMs,
      run: (changes) => this.build(changes),
      onError: (err) => this.reportError(err),
    });
  }

  get layout(): WatchLayout {
    return { root: this.options.root, specProjects: this.specProjects, worktreeProjects: this.worktreeProjects, outputRoots: this.outputRoots };
  }

  /** Watches, builds once, then emits `ready`. Rejects (after cleaning up) when the initial build cannot start, e.g. an unknown project. */
  async start(): Promise<void> {
    this.watcher = await this.options.openWatcher({
      paths: [],
      configRoot: this.options.root,
      ignored: (abs) => !this.watched(abs),
      onChange: (abs) => this.changed(abs),
      onFolderAdded: (abs) => {
        this.keptFilesChanged(abs);
        this.newFolders.add(abs);
        this.scheduler.notify(abs);
      },
      onError: (err) => {
        // Changes may go unreported from now on: config files are checked by their stat again.
        this.cache.yaml.files.unwatch();
        const hint = (err as NodeJS.ErrnoException).code === 'ENOSPC'
          ? 'the system allows no more file watches, so saves in some folders go unseen: raise the limit (Linux: sudo sysctl fs.inotify.max_user_watches=524288) and start ccm watch again'
          : undefined;
        this.reportError(new CcmError('IO', `watching failed: ${err.message}`, { cause: err, ...(hint ? { hint } : {}) }));
      },
    });
    // The watcher is ready: from now on a config file it reports no change of need not even be lstat'ed.
    const root = this.options.root;
    this.cache.yaml.files.watch((rel) => this.watched(sep === '/' ? `${root}/${rel}` : join(root, rel)));
    this.scheduler.runNow();
    await this.scheduler.idle();
    if (this.initialFailure !== undefined) {
      await this.stop();
      throw this.initialFailure;
    }
    this.options.emit({ event: 'ready', root: this.options.root, debounceMs: this.options.debounceMs, watching: [this.options.root, ...this.watchedSpecBases] });
  }

  /** Stops watching; resolves after the build in flight, if any, has finished. */
  async stop(): Promise<void> {
    await this.scheduler.close();
    this.writeCaches();
    await this.watcher?.close();
    this.watcher = undefined;
  }

  /** Resolves when no build runs or waits (for tests and the benchmark). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  private changed(abs: string): void {
    this.keptFilesChanged(abs);
    if (!this.isOwnWrite(abs)) this.scheduler.notify(abs);
  }

  /** Tells the loader a path below the config repo changed, so its next load looks at it again (KeptFiles). */
  private keptFilesChanged(abs: string): void {
    const rel = inside(this.options.root, abs);
    if (rel !== undefined) this.cache.yaml.files.changed(rel);
  }

  private isOwnWrite(abs: string): boolean {
    const own = this.ownWrites.get(abs);
    if (!own) return false;
    if (sameBytes(abs, own)) return true;
    this.ownWrites.delete(abs);
    return false;
  }

  /**
   * The batch with each new folder replaced by the watched files in it. Listed when the build
   * starts, a debounce after the folder was reported, by when the watcher watches the folder: a
   * file created later is reported by the watcher, one created earlier is found here.
   */
  private withFolderContents(batch: readonly string[]): string[] {
    const changes = new Set<string>();
    for (const c of batch) {
      if (!this.newFolders.delete(c)) changes.add(c);
      else for (const f of watchedFilesIn(c, (abs) => this.watched(abs))) if (!this.isOwnWrite(f)) changes.add(f);
    }
    return [...changes];
  }

  private async build(batch: readonly string[]): Promise<void> {
    const started = performance.now();
    const { root, env } = this.options;
    const changes = this.withFolderContents(batch);
    // Only empty folders appeared (or ones holding nothing but this session's own writes).
    if (batch.length > 0 && changes.length === 0) return;
    const projects = projectsToBuild(changes.map((c) => scopeOf(c, this.layout, existsSync)), this.options.projects);
    if (projects === undefined) return;
    let result;
    let locks;
    let persistCache;
    try {
      // The same locks as `ccm build`, so that a save and a manual build (or the hook) take turns.
      ({ result, locks, persistCache } = await compileLocked(
        root,
        { projects: projects === 'all' ? this.options.projects : projects, force: false, secretSource: repoSecretSource(root, env), cache: this.cache, records: this.openRecords() },
        { wait: true, note: this.options.note ?? (() => undefined) },
      ));
    } catch (err) {
      if (changes.length === 0 && err instanceof CcmError && err.exitCode === ExitCode.usage) {
        this.initialFailure = err;
        return;
      }
      throw err;
    }
    const ok = !hasErrors(result.diagnostics);
    try {
      if (ok && hasChanges(result.plans)) {
        locks.assertHeld();
        // Before applying: the watcher may report the rename before applyPlans returns.
        this.rememberOwnWrites(result.plans);
        // As `ccm build` does, so that `ccm status` knows which config commit the outputs come from.
        stampBuiltFrom(root, result.plans, result.inputs, this.records!.blobs);
        await applyPlans(result.plans);
      } else if (ok) await sweepPlans(result.plans);
      if (ok) {
        this.records!.learn(result.plans, result.targets, result.states);
        await this.learnLayout(result.targets);
      }
    } finally {
      await locks.release();
    }
    // The outputs are on disk: reported before the caches are written back, which only the next
    // command reads (every entry in them is checked against the disk, so they need no lock).
    this.emitBuild(changes, projects, ok, result, started);
    if (ok) {
      const { inputs } = result;
      this.deferCacheWrite(() => {
        this.records!.save(inputs);
        persistCache();
      });
    } else this.deferCacheWrite(undefined);
  }

  /**
   * The caches are written back once the saves pause for a moment, not after every build: only the
   * next command reads them, and a burst of saves would rewrite them each time. A failed build
   * drops the write (a build with errors writes nothing); a lost write only costs the next command time.
   */
  private deferCacheWrite(write: (() => void) | undefined): void {
    this.pendingCacheWrite = write;
    if (this.cacheWriteTimer) clearTimeout(this.cacheWriteTimer);
    this.cacheWriteTimer = write ? setTimeout(() => this.writeCaches(), CACHE_WRITE_DELAY_MS) : undefined;
    this.cacheWriteTimer?.unref();
  }

  private writeCaches(): void {
    if (this.cacheWriteTimer) clearTimeout(this.cacheWriteTimer);
    this.cacheWriteTimer = undefined;
    const write = this.pendingCacheWrite;
    this.pendingCacheWrite = undefined;
    write?.();
  }

  private watched(abs: string): boolean {
    const size = this.outputRoots.size + this.specProjects.size + this.worktreeProjects.size;
    if (size !== this.memoLayoutSize) {
      this.watchedMemo.clear();
      this.memoLayoutSize = size;
    }
    let watched = this.watchedMemo.get(abs);
    if (watched === undefined) this.watchedMemo.set(abs, (watched = isWatched(abs, this.layout)));
    return watched;
  }

  private emitBuild(changes: readonly string[], projects: 'all' | string[], ok: boolean, result: Awaited<ReturnType<typeof compile>>, started: number): void {
    const files = ok
      ? result.plans.flatMap((p) => p.files.filter((f) => f.action !== 'unchanged').map((f) => ({ path: outputDisplayPath(p.root, f.path), action: f.action })))
      : [];
    this.options.emit({
      event: 'build',
      time: new Date().toISOString(),
      changed: changes.map((c) => shortPath(c, this.options.root)),
      projects,
      ok,
      counts: countActions(result.plans),
      files,
      ms: Math.round(performance.now() - started),
      diagnostics: sortDiagnostics(result.diagnostics),
    });
  }

  /** One set of records for the session, with each build's start noted before it reads the disk. */
  private openRecords(): OutputRecords {
    if (this.records) this.records.beginBuild();
    else this.records = OutputRecords.open(this.options.root);
    return this.records;
  }

  private rememberOwnWrites(plans: Awaited<ReturnType<typeof compile>>['plans']): void {
    for (const plan of plans) {
      for (const f of plan.files) {
        if (f.patched && f.content && (f.action === 'create' || f.action === 'update')) this.ownWrites.set(join(plan.root.dir, f.path), Buffer.from(f.content));
      }
    }
  }

  /**
   * Output roots and Auto-Claude projects from a successful build; starts watching the spec
   * folders that now exist and the folders task worktrees appear in (chokidar also watches a path
   * that does not exist yet, for the legacy `.worktrees`, which nothing of ccm's creates).
   */
  private async learnLayout(targets: Awaited<ReturnType<typeof compile>>['targets']): Promise<void> {
    for (const t of targets) {
      this.outputRoots.add(t.root.dir);
      if (t.root.kind === 'project' && t.specPatch) this.specProjects.set(t.root.dir, t.root.project);
      if (t.root.kind === 'project' && t.files.some((f) => (WORKTREE_COPIES as readonly string[]).includes(f.path))) this.worktreeProjects.set(t.root.dir, t.root.project);
    }
    const bases = [
      ...[...new Set([...this.specProjects.keys(), ...this.worktreeProjects.keys()])].map(specBase).filter((b) => existsSync(b)),
      ...[...this.worktreeProjects.keys()].map(legacyWorktreeBase),
    ].filter((b) => !this.watchedSpecBases.has(b));
    if (bases.length === 0 || !this.watcher) return;
    for (const b of bases) this.watchedSpecBases.add(b);
    // Before `ready` and the build event: until the watcher has scanned a base, it takes a spec
    // folder created there for one that was there all along and reports nothing in it.
    await this.watcher.add(bases);
  }

  private reportError(err: unknown): void {
    const errno = (err as NodeJS.ErrnoException | undefined)?.syscall !== undefined;
    const failure = err instanceof CcmError ? err
      : errno ? new CcmError('IO', (err as Error).message, { cause: err, hint: 'the next save retries the build' })
      : new CcmError('INTERNAL', `unexpected failure: ${err instanceof Error ? err.message : String(err)}`, { cause: err, hint: 'this is a bug in ccm; please report it' });
    const event: WatchEvent = { event: 'error', time: new Date().toISOString(), code: failure.code, message: failure.message };
    if (failure.hint) event.hint = failure.hint;
    this.options.emit(event);
  }
}

/** The files below `dir` that `watched` accepts, through the folders it accepts; none once `dir` is gone. */
function watchedFilesIn(dir: string, watched: (abs: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const abs = join(dir, e.name);
    if (!watched(abs)) return [];
    return e.isDirectory() ? watchedFilesIn(abs, watched) : [abs];
  });
}

function sameBytes(abs: string, bytes: Buffer): boolean {
  try {
    return readFileSync(abs).equals(bytes);
  } catch {
    return false;
  }
}
