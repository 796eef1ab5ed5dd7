import { lstatSync, readdirSync, realpathSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { CONFIG_FILE, READ_ROOTS } from '../core/kinds.js';
import { isLitter } from '../core/litter.js';

export interface TreeWatcherSpec {
  root: string;
  ignored: (abs: string) => boolean;
  onChange: (abs: string) => void;
  onError: (err: Error) => void;
}

/**
 * The config repo as `ccm watch` watches it: `ccm.config.yaml` and every folder below the ones ccm
 * reads, each with a `fs.watch` of its own (inotify, FSEvents, ReadDirectoryChangesW), which names
 * the entry that changed. Why not chokidar here: it re-reads a whole folder, an lstat of every
 * entry, on every event in it, and a save in a folder of 1,000 components then cost more than the
 * build it started (measured, npm run bench's watch W1000: p50 137 → 81 ms). Why not fs.watch's
 * `recursive` on Linux: Node 20 watches each file's inode there, and loses a file saved by renaming
 * a temporary file over it. A folder's own watch sees a rename-save like any other save.
 *
 * A folder that appears is watched at once and the files already in it are reported (they may have
 * been made before its watch began); one that goes away is dropped. A link is followed into the
 * folder it points to, whose changes are reported under the link's path, as readTree reads them. `.git`, `.ccm` and everything else
 * are not watched. A path is reported whatever happened to it, unless `ignored` rejects it.
 */
export function watchConfigTree({ root, ignored, onChange, onError }: TreeWatcherSpec): { close(): void } {
  const folders = new Map<string, FSWatcher>();
  let closed = false;
  const report = (abs: string): void => {
    if (!closed && !ignored(abs)) onChange(abs);
  };

  /**
   * Watches `dir` and every folder below it, its paths reported as below `shown` (where readTree
   * sees them: a linked folder under the link's path); with `announce`, reports the files found (a
   * folder just made). Watchers are kept by their shown path.
   */
  const watchFolder = (dir: string, shown: string, announce: boolean): void => {
    if (closed || folders.has(shown) || isLitter(basename(shown))) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => changed(dir, shown, name?.toString()));
    } catch (err) {
      // Gone already, or not a folder: its parent's watch reports it. Anything else (the system's
      // limit of watches, ENOSPC on Linux) means changes there would go unseen: say so.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !closed) onError(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    watcher.on('error', () => forget(shown));
    folders.set(shown, watcher);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (isLitter(name)) continue;
      const kind = kindOf(join(dir, name));
      if (kind === 'folder') watchFolder(join(dir, name), join(shown, name), announce);
      else if (kind === 'link') followLink(join(dir, name), join(shown, name));
      else if (announce && kind === 'file') report(join(shown, name));
    }
  };

  const followLink = (abs: string, shown: string): void => {
    try {
      const target = realpathSync(abs);
      if (statSync(target).isDirectory()) watchFolder(target, shown, false);
    } catch {
      // a dangling link: the build reports it
    }
  };

  const changed = (dir: string, shown: string, name: string | undefined): void => {
    if (name === undefined) {
      report(shown);
      return;
    }
    const abs = join(dir, name);
    const shownAbs = join(shown, name);
    const kind = kindOf(abs);
    if (kind === 'folder') watchFolder(abs, shownAbs, true);
    else {
      // Removed, or no longer a folder: what was watched below it goes.
      for (const watched of [...folders.keys()]) if (watched === shownAbs || watched.startsWith(shownAbs + sep)) forget(watched);
      if (kind === 'link') followLink(abs, shownAbs);
    }
    report(shownAbs);
  };

  const forget = (dir: string): void => {
    folders.get(dir)?.close();
    folders.delete(dir);
  };

  let rootWatcher: FSWatcher;
  try {
    rootWatcher = watch(root, (_event, name) => {
      const entry = name?.toString();
      if (entry === CONFIG_FILE) report(join(root, entry));
      else if (entry !== undefined && (READ_ROOTS as readonly string[]).includes(entry)) changed(root, root, entry);
    });
  } catch (err) {
    onError(err instanceof Error ? err : new Error(String(err)));
    return { close: () => undefined };
  }
  rootWatcher.on('error', (err) => {
    if (!closed) onError(err);
  });
  for (const top of READ_ROOTS) {
    const abs = join(root, top);
    const kind = kindOf(abs);
    if (kind === 'folder') watchFolder(abs, abs, false);
    else if (kind === 'link') followLink(abs, abs);
  }
  return {
    close: () => {
      closed = true;
      rootWatcher.close();
      for (const dir of [...folders.keys()]) forget(dir);
    },
  };
}

function kindOf(abs: string): 'folder' | 'file' | 'link' | 'none' {
  try {
    const info = lstatSync(abs);
    return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'none';
  } catch {
    return 'none';
  }
}
