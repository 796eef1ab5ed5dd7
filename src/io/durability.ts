import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ioError } from './no-follow.js';
import { eachLimited } from './pool.js';

/**
 * The durability policy of the write layer, chosen by measurement (scripts/write-bench.mjs; the
 * figures and the choice are in README "Crashes and concurrency"):
 *
 * - Staged files are written WRITE_CONCURRENCY at a time, and each is fsynced before it is closed.
 *   Only a complete file is ever renamed, which is all a kill -9 needs; the fsync is for a power
 *   cut: without it a file system may persist the rename before the data and show an empty or
 *   short file where the old one was (ext4's delayed allocation on a new name does exactly that).
 * - After the renames of one step (intent records, outputs, manifests, deletes) each folder that
 *   received a name is fsynced once (not once per file), with the staging folder the names left.
 *   That makes the step last across a power cut before the next step starts, so the steps keep
 *   their order on disk too: the intent record is on disk before any output is replaced, the
 *   outputs before the manifest that describes them.
 *
 * Writing unsynced (measured: the fastest) would keep kill -9 safety but could leave torn outputs
 * after a power cut; syncing each folder but not the files is not enough on its own for the same
 * reason. Concurrent file fsyncs cost little next to serial ones: the device takes them together.
 */
export const WRITE_CONCURRENCY = 16;
export const SYNC_FILES = true;

/** Errors of file systems and platforms that cannot fsync a folder at all: nothing to make durable there. */
const UNSYNCABLE = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM', 'EBADF']);

/** Fsyncs each folder once (absolute paths), never through a link; a folder gone meanwhile is skipped. */
export async function syncFolders(dirs: Iterable<string>): Promise<void> {
  await eachLimited([...new Set(dirs)], WRITE_CONCURRENCY, async (dir) => {
    let handle;
    try {
      handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw ioError(err, dir);
    }
    try {
      await handle.sync();
    } catch (err) {
      if (!UNSYNCABLE.has((err as NodeJS.ErrnoException).code ?? '')) throw ioError(err, dir);
    } finally {
      await handle.close();
    }
  });
}
