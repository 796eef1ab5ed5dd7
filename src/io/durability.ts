import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ioError } from './no-follow.js';
import { eachLimited } from './pool.js';

/**
 * The durability policy of the write layer, chosen by measurement (scripts/write-bench.mjs; the
 * figures are in README "Crashes and concurrency"):
 *
 * - Staged files are written WRITE_CONCURRENCY at a time, and each is fsynced before it is closed.
 *   Only a complete file is ever renamed, which is all a kill -9 needs; the fsync is for a power
 *   cut: without it a file system may persist the rename before the data and show an empty or
 *   short file where the old one was (ext4's delayed allocation on a new name does exactly that).
 *   Many fsyncs in flight cost far less than one after another: the device and the journal take
 *   them together (1,000 files: about a third of the serial time).
 * - After the renames of one step (intent records, outputs, deletes, manifests) each folder that
 *   received or lost a name is fsynced once, not once per file, with the staging folder the names
 *   left. A step is then on disk before the next one starts, so the steps keep their order across
 *   a power cut too: the intent record before any output is replaced, the outputs before the
 *   manifest that describes them. Measured, this adds little to the file fsyncs.
 *
 * Not syncing at all was the fastest (about two thirds of the chosen policy's time) and is still
 * kill -9 safe, but a power cut could then leave empty outputs that the manifest calls ccm's;
 * syncing only the folders has the same hole. The bound: 8, 16 and 64 at once were measured and
 * were within the noise of each other (libuv runs only 4 file calls at a time, the rest queue), so
 * the smaller bound of the fast ones: it also caps open handles, whatever the number of files.
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
