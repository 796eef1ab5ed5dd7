import type { FileWatcher, OpenWatcher } from './session.js';

/**
 * The chokidar side of `ccm watch`, imported lazily (so `ccm --version` never loads chokidar).
 *
 * Options, measured on Linux (inotify), save → event: 1-2 ms for a write or a rename-save with
 * neither option. `atomic` is off: it turns unlink + add within 100 ms into one change, at the price
 * of delaying every unlink by 100 ms (measured 101 ms); the debounce already gathers both halves of a
 * rename-save into one build. `awaitWriteFinish` is off: it adds its stability threshold to every
 * save (measured 53 ms at 50 ms, 2,007 ms with the default); editors write a file in one call, and
 * a build that catches a file half-written (an EMPTY_FILE error at worst, nothing written) is
 * followed by one for the whole file, since the end of the write is another change.
 */
export const openChokidar: OpenWatcher = async ({ paths, ignored, onChange, onError }) => {
  const { watch } = await import('chokidar');
  const watcher = watch([...paths], { ignoreInitial: true, atomic: false, ignored: (path: string) => ignored(path) });
  watcher.on('all', (event, path) => {
    if (event === 'add' || event === 'change' || event === 'unlink' || event === 'unlinkDir') onChange(path);
  });
  watcher.on('error', (err) => onError(err instanceof Error ? err : new Error(String(err))));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  const handle: FileWatcher = {
    add: (more) => {
      watcher.add([...more]);
    },
    close: () => watcher.close(),
  };
  return handle;
};
