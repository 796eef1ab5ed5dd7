import type { FSWatcher } from 'chokidar';
import { watchConfigTree } from './config-tree.js';
import type { FileWatcher, OpenWatcher } from './session.js';

/**
 * The file-system side of `ccm watch` and `ccm ui`, imported lazily (so `ccm --version` never loads
 * chokidar): the config repo through config-tree.ts, every other path (spec and worktree folders,
 * output roots) through chokidar.
 *
 * Options, measured on Linux (inotify), save → event: 1-2 ms for a write or a rename-save with
 * neither option. `atomic` is off: it turns unlink + add within 100 ms into one change, at the price
 * of delaying every unlink by 100 ms (measured 101 ms); the debounce already gathers both halves of a
 * rename-save into one build. `awaitWriteFinish` is off: it adds its stability threshold to every
 * save (measured 53 ms at 50 ms, 2,007 ms with the default); editors write a file in one call, and
 * a build that catches a file half-written (an EMPTY_FILE error at worst, nothing written) is
 * followed by one for the whole file, since the end of the write is another change.
 *
 * Each path gets a watcher of its own, so that `add` can resolve once the path is watched:
 * chokidar's `add()` never says when its scan is done, only a watcher's `ready` does, and that
 * comes too early in a watcher that also holds a path that does not exist (chokidar 5 counts such a
 * path as done twice: measured, `ready` 0.6 ms after the open, before the `.auto-claude` folders
 * beside a missing `.worktrees` were even read). For a missing path itself `ready` still comes a
 * stat before chokidar watches its parent for it.
 */
export const openChokidar: OpenWatcher = async ({ paths, configRoot, ignored, onChange, onFolderAdded, onError }) => {
  const { watch } = await import('chokidar');
  const watchers: FSWatcher[] = [];
  const tree = configRoot === undefined ? undefined : watchConfigTree({ root: configRoot, ignored, onChange, onError });
  // A watcher closed before its scan is done never becomes ready: its `add` must not wait forever.
  const waiting = new Set<() => void>();
  const open = (path: string): Promise<void> => {
    const watcher = watch(path, { ignoreInitial: true, atomic: false, ignored: (p: string) => ignored(p) });
    watchers.push(watcher);
    watcher.on('all', (event, abs) => {
      if (event === 'add' || event === 'change' || event === 'unlink' || event === 'unlinkDir') onChange(abs);
      else if (event === 'addDir') onFolderAdded?.(abs);
    });
    watcher.on('error', (err) => onError(err instanceof Error ? err : new Error(String(err))));
    return new Promise<void>((resolve) => {
      const done = (): void => {
        waiting.delete(done);
        resolve();
      };
      waiting.add(done);
      watcher.once('ready', done);
    });
  };
  const openAll = async (more: readonly string[]): Promise<void> => {
    await Promise.all(more.map(open));
  };
  await openAll(paths);
  const handle: FileWatcher = {
    add: openAll,
    close: async () => {
      tree?.close();
      await Promise.all(watchers.splice(0).map((w) => w.close()));
      for (const done of [...waiting]) done();
    },
  };
  return handle;
};
