import { rename, rm, rmdir } from 'node:fs/promises';
import { rmdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CcmError } from '../errors.js';
import { checkFolders, ioError, linkError, makeFolders } from './no-follow.js';
import { StagingFolder } from './staging.js';

export interface FileWrite {
  /** POSIX path relative to the root. */
  path: string;
  content: Uint8Array | string;
  /**
   * Mode of the file (less the umask, as for any new file), e.g. 0o600 for files holding secrets,
   * 0o755 for scripts. Every write is a new file renamed over the target, so the mode always applies.
   */
  mode?: number;
}

interface Staged {
  root: string;
  path: string;
  temp: string;
}

/**
 * The one way ccm changes files under a root (an output root, the config repo): every file is
 * staged first (see staging.ts), and only once all are staged are they renamed into place, each
 * rename atomic. No path below the root is followed through a symbolic link (see no-follow.ts).
 */
export class WriteTransaction {
  private readonly folders = new Map<string, StagingFolder>();

  async stage(root: string, write: FileWrite): Promise<Staged> {
    assertRelative(write.path);
    const check = checkFolders(root, dirname(write.path));
    if (!check.ok) throw linkError(check.at, check.what);
    let folder = this.folders.get(root);
    if (!folder) {
      folder = await StagingFolder.open(root);
      this.folders.set(root, folder);
    }
    return { root, path: write.path, temp: await folder.write(write.content, write.mode) };
  }

  /**
   * Renames staged files into place. Their folders are made first, all of them, so that a folder
   * that cannot be made (a link, a file, no permission) stops the step before any file is replaced;
   * the folders made by then are removed again.
   */
  async commit(files: readonly Staged[]): Promise<void> {
    const created: string[] = [];
    try {
      for (const f of files) created.push(...makeFolders(f.root, dirname(f.path)));
    } catch (err) {
      for (const dir of created.reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          // Not empty: something else writes there too.
        }
      }
      throw err;
    }
    for (const f of files) {
      const target = join(f.root, f.path);
      try {
        await rename(f.temp, target);
      } catch (err) {
        throw ioError(err, target);
      }
    }
  }

  /** Removes the staging folders; staged files not committed go with them. */
  async close(): Promise<void> {
    for (const folder of this.folders.values()) await folder.remove();
    this.folders.clear();
  }
}

/** Writes files under one root, all or nothing. */
export async function writeFilesAtomically(root: string, writes: readonly FileWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const tx = new WriteTransaction();
  try {
    const staged = [];
    for (const w of writes) staged.push(await tx.stage(root, w));
    await tx.commit(staged);
  } finally {
    await tx.close();
  }
}

/** Deletes a file under a root (never through a link), then the folders it leaves empty (never the root). */
export async function removeFile(root: string, path: string): Promise<void> {
  assertRelative(path);
  const check = checkFolders(root, dirname(path));
  if (!check.ok) throw linkError(check.at, check.what);
  if (check.missing) return;
  try {
    await rm(join(root, path), { force: true });
  } catch (err) {
    throw ioError(err, join(root, path));
  }
  let current = dirname(path);
  while (current !== '.' && current !== '') {
    try {
      await rmdir(join(root, current));
    } catch {
      return;
    }
    current = dirname(current);
  }
}

function assertRelative(path: string): void {
  const segments = path.split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || segments.some((s) => s === '..' || s === '' || s === '.')) {
    throw new CcmError('INTERNAL', `not a path inside a root: ${JSON.stringify(path)}`);
  }
}
