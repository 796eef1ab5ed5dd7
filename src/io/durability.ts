import { constants, existsSync, lstatSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { childProcess } from '../core/lazy-builtins.js';
import { ioError } from './no-follow.js';
import { eachLimited } from './pool.js';

/**
 * The durability policy of the write layer, chosen by measurement (scripts/write-bench.mjs; the
 * figures are in README "Crashes and concurrency"):
 *
 * - Staged files are written, and later renamed, one after another by synchronous calls. Measured
 *   against 16 at a time through the thread pool: 0.57× to 0.74× the time for 1,000 files
 *   (write-bench's (f) against (e)), and a third of it in a fresh process, whose promise code is not
 *   yet optimised. The pool only adds round trips: the creates and renames in one folder wait for
 *   that folder's lock anyway. Only a complete file is ever renamed, which is all a kill -9 needs.
 *   For a power cut the staged data must be on the device before the renames: a file system may
 *   persist a rename before the data and show an empty or short file where the old one was (ext4's
 *   delayed allocation on a new name does exactly that).
 * - A build syncs the data of everything it staged (intent records, outputs, manifests) in one
 *   step before the first rename (WriteTransaction.syncData); then each step renames its files and
 *   syncs each folder that received or lost a name, once. Fewer than SYNC_FS_FROM files fsync each
 *   one, concurrently (the device and the journal take many fsyncs in flight together).
 * - From SYNC_FS_FROM files on (or folders, after the renames), on Linux, each file system the
 *   step touches is synced once instead (`sync --file-system`, i.e. syncfs(2)): a file system's
 *   journal commits all its dirty data and names in one go, where 1,000 fsyncs each wait for a
 *   commit of their own. Measured (stage + commit): 1,000 files in 0.7× the time of the per-file
 *   and per-folder fsyncs, within 15% of not syncing at all; 10,000 files in 0.4×. Where `sync`
 *   cannot do that (not Linux, no coreutils, a failure), the step falls back to the per-file and
 *   per-folder fsyncs, so the guarantee never depends on it.
 *
 * Either way a step is on disk before the next one starts, so the steps keep their order across a
 * power cut too: the intent record before any output is replaced, the outputs before the manifest
 * that describes them. The fsyncs, unlike the writes, run many at a time: each waits for the device,
 * and the journal takes many in flight together. The bound: 8, 16 and 64 at once were measured and
 * were within the noise of each other (libuv runs only 4 file calls at a time, the rest queue), so
 * the smaller bound of the fast ones: it also caps open handles, whatever the number of files.
 */
export const WRITE_CONCURRENCY = 16;
/** From this many files or folders in one step on, one syncfs per file system beats an fsync each (about 4 ms for the process). */
export const SYNC_FS_FROM = 64;

/** Errors of file systems and platforms that cannot fsync a folder at all: nothing to make durable there. */
const UNSYNCABLE = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EBADF']);

/** Puts the data of staged files (absolute paths) on the device, before they are renamed. */
export async function syncFiles(paths: readonly string[]): Promise<void> {
  if (paths.length >= SYNC_FS_FROM && (await syncFileSystems(paths.map((p) => dirname(p))))) return;
  await eachLimited(paths, WRITE_CONCURRENCY, (path) => syncOne(path, constants.O_RDONLY | constants.O_NOFOLLOW));
}

/** Puts the names in folders (absolute paths) on the device, each folder once; a folder gone meanwhile is skipped. */
export async function syncFolders(dirs: Iterable<string>): Promise<void> {
  const unique = [...new Set(dirs)];
  if (unique.length >= SYNC_FS_FROM && (await syncFileSystems(unique))) return;
  await eachLimited(unique, WRITE_CONCURRENCY, (dir) => syncOne(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW));
}

/** fsync of one file or folder, never through a link. */
async function syncOne(path: string, flags: number): Promise<void> {
  let handle;
  try {
    handle = await open(path, flags);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw ioError(err, path);
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!UNSYNCABLE.has((err as NodeJS.ErrnoException).code ?? '')) throw ioError(err, path);
  } finally {
    await handle.close();
  }
}

/** coreutils' `sync`, by absolute path (no PATH lookup: a writing build runs no program the environment picks). */
const SYNC_PROGRAMS = ['/usr/bin/sync', '/bin/sync'];
let syncProgram: string | null | undefined;

/**
 * syncfs(2) of each file system holding one of `paths` (one path per device is enough), through
 * one `sync --file-system` process. false when that is not available here or failed: the caller
 * then syncs file by file. `sync` opens each path only to name its file system; it writes nothing.
 */
export async function syncFileSystems(paths: readonly string[]): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  syncProgram ??= SYNC_PROGRAMS.find((p) => existsSync(p)) ?? null;
  if (syncProgram === null) return false;
  const byDevice = new Map<number, string>();
  for (const path of new Set(paths)) {
    try {
      const { dev } = lstatSync(path);
      if (!byDevice.has(dev)) byDevice.set(dev, path);
    } catch {
      // Gone meanwhile: nothing there to make durable.
    }
  }
  if (byDevice.size === 0) return true;
  const program = syncProgram;
  return new Promise((resolve) => {
    childProcess().execFile(program, ['--file-system', '--', ...byDevice.values()], { env: {} }, (err) => resolve(!err));
  });
}
