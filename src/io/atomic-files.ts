import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FileWrite {
  /** Absolute path of the target. */
  path: string;
  content: Uint8Array | string;
  /**
   * Mode of the file (less the umask, as for any new file), e.g. 0o600 for files holding secrets,
   * 0o755 for scripts. Every write is a new file renamed over the target, so the mode always applies.
   */
  mode?: number;
}

/**
 * Writes many files as one step: each is first written (and synced) beside its target under a
 * temporary name; only when every one is staged are they renamed into place, each rename atomic.
 * A failure while staging removes the staged files, so the targets stay exactly as they were.
 */
export async function writeFilesAtomically(writes: readonly FileWrite[]): Promise<void> {
  const suffix = `.ccm-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const w of writes) {
      await mkdir(dirname(w.path), { recursive: true });
      const temp = w.path + suffix;
      const handle = await open(temp, 'wx', w.mode ?? 0o666);
      staged.push({ temp, target: w.path });
      try {
        await handle.writeFile(w.content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw err;
  }
  for (const s of staged) await rename(s.temp, s.target);
}
