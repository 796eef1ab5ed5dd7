import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { isLitter } from '../core/litter.js';
import { CONFIG_FILE, READ_ROOTS } from '../core/kinds.js';
import type { Diagnostic } from '../diagnostics.js';
import { STAGING_DIR } from '../io/staging.js';
import { MANIFEST_PATH } from '../plan/manifest.js';
import type { RootPlan } from '../plan/plan.js';
import type { RenderedTarget } from '../render/types.js';
import { keptStat, type EntryStat } from '../core/entry-stat.js';
import { CLOCK_TICK_MS, lstatKey, sameStatKey, settled, statKeyOf, type StatKey } from './stat-key.js';

/**
 * The config repo as lstat sees it, without reading a byte: every file below the folders ccm
 * reads, and ccm.config.yaml. `clean` is false where the walk cannot vouch for what a load would
 * read (a symbolic link, an unreadable folder); such a repo never takes the no-op shortcut.
 */
export interface ConfigWalk {
  files: Record<string, StatKey>;
  /**
   * What the walk saw, by absolute path: the lstat of each entry and the names in each folder, so
   * that a build past the shortcut reads the tree without asking the file system again (readTree's `listing`).
   */
  stats: Map<string, EntryStat>;
  names: Map<string, string[]>;
  /** Files modified at or after this time may change again unseen within one clock tick (git's racy rule). */
  trustedBeforeMs: number;
  clean: boolean;
}

/**
 * What a build that found nothing to do saw, so that the next identical build can say so
 * from lstat alone: the config files, every output, its folders and manifest, and what it reported.
 */
export interface NoOpStamp {
  home: string;
  config: Record<string, StatKey>;
  roots: { dir: string; folders: Record<string, StatKey>; manifest: StatKey }[];
  diagnostics: Diagnostic[];
  summary: unknown[];
  counts: Record<string, number>;
  /** The token of the replay graph recorded with this stamp (cache/replay-graph.ts), if one was. */
  replay?: string;
  /** Config files whose `inputs` entry in the graph replayed builds since have changed, with the entry now. */
  replayInputs?: Record<string, string>;
}

export function walkConfig(root: string): ConfigWalk {
  const walk: ConfigWalk = { files: {}, stats: new Map(), names: new Map(), trustedBeforeMs: Date.now() - CLOCK_TICK_MS, clean: true };
  const visit = (abs: string, rel: string, top: boolean): void => {
    let info: Stats;
    try {
      info = lstatSync(abs);
    } catch {
      if (!top) walk.clean = false;
      return;
    }
    walk.stats.set(abs, keptStat(info));
    if (info.isSymbolicLink()) walk.clean = false;
    else if (info.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(abs);
      } catch {
        walk.clean = false;
        return;
      }
      walk.names.set(abs, names);
      // Not join(): `abs` is normalised already and a name holds no separator, and join's
      // normalising was a tenth of what a replayed build allocates.
      for (const name of names) if (!isLitter(name)) visit(abs + sep + name, `${rel}/${name}`, false);
    } else if (info.isFile()) walk.files[rel] = statKeyOf(info);
  };
  visit(join(root, CONFIG_FILE), CONFIG_FILE, false);
  for (const top of READ_ROOTS) visit(join(root, top), top, true);
  return walk;
}

/**
 * The config files that may have changed since the stamp: those whose lstat differs, or is too
 * recent to prove anything (an edit can hide in a clock tick). Undefined when more than files
 * changed: a file added or removed, a link or unreadable folder, another HOME (`~` in paths).
 * Nothing changed since the stamp when this is empty and `rootsUnchanged` holds.
 */
export function changedConfigFiles(stamp: NoOpStamp, walk: ConfigWalk, home: string): string[] | undefined {
  if (!walk.clean || stamp.home !== home) return undefined;
  const paths = Object.keys(walk.files);
  if (paths.length !== Object.keys(stamp.config).length) return undefined;
  const changed: string[] = [];
  for (const path of paths) {
    const then = stamp.config[path];
    if (then === undefined) return undefined;
    const now = walk.files[path]!;
    if (!sameStatKey(now, then) || !settled(now, walk.trustedBeforeMs)) changed.push(path);
  }
  return changed;
}

/**
 * Every root of the stamp as it was: its manifest, no staging folder (a build at work there, or the
 * intent record or leftovers of a killed one, which the full pipeline recovers from and clears), the
 * same folders and outputs (`outputUnchanged`: the records' own check).
 */
export function rootsUnchanged(stamp: NoOpStamp, outputUnchanged: (dir: string) => boolean): boolean {
  return stamp.roots.every((root) => {
    if (!sameStatKey(lstatKey(join(root.dir, MANIFEST_PATH)), root.manifest) || lstatKey(join(root.dir, STAGING_DIR)) !== undefined) return false;
    // A folder swapped for a link (or moved and linked back) has another inode or mode.
    for (const [folder, then] of Object.entries(root.folders)) if (!sameStatKey(lstatKey(join(root.dir, folder)), then)) return false;
    return outputUnchanged(root.dir);
  });
}

/**
 * The stamp of a build of every project, taken once its writes are done: what the next build would
 * find with nothing changed. `summary` and `counts` are that next build's report (every file kept).
 * Undefined where the shortcut could not be trusted: files the app writes too (specs, the
 * GitHub/GitLab settings), task worktrees, files holding secrets (which need the key to be checked),
 * a config repo with links, a build that deleted or found drifted files, and one that wrote with
 * diagnostics, which may have been about the disk as it was (a file adopted) and not repeat.
 */
export function stampNoOp(walk: ConfigWalk, home: string, targets: readonly RenderedTarget[], plans: readonly RootPlan[], diagnostics: Diagnostic[], summary: unknown[], counts: Record<string, number>): NoOpStamp | undefined {
  if (!walk.clean) return undefined;
  if (!Object.values(walk.files).every((k) => settled(k, walk.trustedBeforeMs))) return undefined;
  if (targets.some((t) => t.specPatch || t.filePatches?.length || t.files.some((f) => f.secret || f.path.includes('/worktrees/') || f.path.startsWith('.worktrees/')))) return undefined;
  if (plans.some((p) => p.files.some((f) => f.action === 'delete' || f.action === 'drifted'))) return undefined;
  const wrote = plans.some((p) => p.createDir || p.manifestChanged || p.files.some((f) => f.action !== 'unchanged'));
  if (wrote && diagnostics.length > 0) return undefined;
  const roots: NoOpStamp['roots'] = [];
  for (const plan of plans) {
    const folders = new Set<string>();
    for (const f of plan.files) for (let d = dirname(f.path); d !== '.' && !folders.has(d); d = dirname(d)) folders.add(d);
    const root = rootStamp(plan.root.dir, folders);
    if (!root) return undefined;
    roots.push(root);
  }
  return { home, config: walk.files, roots, diagnostics, summary, counts };
}

/**
 * The stamp after a replayed build (pipeline/replay.ts), which wrote some outputs of the same
 * file set and reports what the stamp reports: the walk's config files, and each root's manifest
 * and folders as they are now. Undefined when a config file is too recent to prove anything.
 */
export function restamp(stamp: NoOpStamp, walk: ConfigWalk, replayInputs: Record<string, string>): NoOpStamp | undefined {
  if (!Object.values(walk.files).every((k) => settled(k, walk.trustedBeforeMs))) return undefined;
  const roots: NoOpStamp['roots'] = [];
  for (const then of stamp.roots) {
    const root = rootStamp(then.dir, Object.keys(then.folders));
    if (!root) return undefined;
    roots.push(root);
  }
  return { ...stamp, config: walk.files, roots, replayInputs };
}

/** A root as a stamp keeps it: its manifest's and these folders' lstat now; undefined when one is missing. */
function rootStamp(dir: string, folders: Iterable<string>): NoOpStamp['roots'][number] | undefined {
  const manifest = lstatKey(join(dir, MANIFEST_PATH));
  if (!manifest) return undefined;
  const keys: Record<string, StatKey> = {};
  for (const folder of folders) {
    const k = lstatKey(join(dir, folder));
    if (!k) return undefined;
    keys[folder] = k;
  }
  return { dir, folders: keys, manifest };
}
