import { renameSync, rmSync } from 'node:fs';
import { rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CcmError } from '../errors.js';
import { syncFiles, syncFolders } from './durability.js';
import { checkFolders, type FolderCheck, ioError, linkError, makeFolderTree, removeFolders } from './no-follow.js';
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

export interface Staged {
  root: string;
  path: string;
  temp: string;
}

/**
 * The one way ccm changes files under a root (an output root, the config repo): every file is
 * staged first (see staging.ts), and only once all are staged are they renamed into place, each
 * rename atomic. No path below the root is followed through a symbolic link (see no-follow.ts).
 * Files are staged and renamed one after another, by synchronous calls (durability.ts says why, and
 * what is synced).
 */
export class WriteTransaction {
  private readonly folders = new Map<string, Promise<StagingFolder>>();
  /** Per root and folder: the staging writes of one transaction look at each folder once. */
  private readonly checked = new Map<string, FolderCheck>();
  /** Staged files whose data is on the device already (`syncData`). */
  private readonly synced = new Set<string>();

  async stage(root: string, write: FileWrite): Promise<Staged> {
    const [staged] = await this.stageAll(root, [write]);
    return staged as Staged;
  }

  /**
   * Stages files under one root; returns them in the order given. A folder on the way that is a
   * link or a file stops the batch before anything is written.
   */
  async stageAll(root: string, writes: readonly FileWrite[]): Promise<Staged[]> {
    for (const w of writes) assertRelative(w.path);
    for (const dir of new Set(writes.map((w) => dirname(w.path)))) {
      const check = this.checkOnce(root, dir);
      if (!check.ok) throw linkError(check.at, check.what);
    }
    if (writes.length === 0) return [];
    const folder = await this.folderOf(root);
    return writes.map((w) => ({ root, path: w.path, temp: folder.write(w.content, w.mode) }));
  }

  /**
   * Puts the data of staged files on the device, all in one step, so that the commits that later
   * rename them (in their order) need only sync the folders: a build syncs its intent records,
   * outputs and manifests together, where each commit would otherwise wait for its own.
   */
  async syncData(files: readonly Staged[]): Promise<void> {
    await syncFiles(files.map((f) => f.temp));
    for (const f of files) this.synced.add(f.temp);
  }

  /**
   * Renames staged files into place. Their folders are made first, all of them, each once, so that
   * a folder that cannot be made (a link, a file, no permission) stops the step before any file is
   * replaced; the folders made by then are removed again. The staged data is synced, then the
   * files are renamed; each folder they land in is then synced once (durability.ts says how).
   */
  async commit(files: readonly Staged[]): Promise<void> {
    const byRoot = new Map<string, Set<string>>();
    for (const f of files) {
      const dirs = byRoot.get(f.root) ?? new Set<string>();
      dirs.add(dirname(f.path));
      byRoot.set(f.root, dirs);
    }
    const created: string[] = [];
    try {
      for (const [root, dirs] of byRoot) created.push(...makeFolderTree(root, dirs));
    } catch (err) {
      removeFolders(created);
      throw err;
    }
    await syncFiles(files.filter((f) => !this.synced.has(f.temp)).map((f) => f.temp));
    for (const f of files) {
      const target = join(f.root, f.path);
      try {
        renameSync(f.temp, target);
      } catch (err) {
        throw ioError(err, target);
      }
    }
    await syncFolders(files.flatMap((f) => [dirname(join(f.root, f.path)), dirname(f.temp)]));
  }

  /** Removes the staging folders; staged files not committed go with them. */
  async close(): Promise<void> {
    for (const opening of this.folders.values()) {
      const folder = await opening.catch(() => undefined);
      await folder?.remove();
    }
    this.folders.clear();
  }

  private checkOnce(root: string, dir: string): FolderCheck {
    const key = `${root}\0${dir}`;
    let check = this.checked.get(key);
    if (!check) {
      check = checkFolders(root, dir);
      this.checked.set(key, check);
    }
    return check;
  }

  /** The root's staging folder, opened once even when stages of one root run at the same time. */
  private folderOf(root: string): Promise<StagingFolder> {
    let folder = this.folders.get(root);
    if (!folder) {
      folder = StagingFolder.open(root);
      this.folders.set(root, folder);
    }
    return folder;
  }
}

/** Writes files under one root, all or nothing. */
export async function writeFilesAtomically(root: string, writes: readonly FileWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const tx = new WriteTransaction();
  try {
    await tx.commit(await tx.stageAll(root, writes));
  } finally {
    await tx.close();
  }
}

/** Deletes a file under a root (never through a link), then the folders it leaves empty (never the root). */
export async function removeFile(root: string, path: string): Promise<void> {
  await removeFiles(root, [path]);
}

/**
 * Deletes files under a root, then the folders they leave empty (never the root).
 * Each folder on the way is checked once before anything is deleted: a link or a file among them
 * stops the step with nothing removed.
 */
export async function removeFiles(root: string, paths: readonly string[]): Promise<void> {
  for (const path of paths) assertRelative(path);
  const present = new Set<string>();
  for (const dir of new Set(paths.map((p) => dirname(p)))) {
    const check = checkFolders(root, dir);
    if (!check.ok) throw linkError(check.at, check.what);
    if (!check.missing) present.add(dir);
  }
  const targets = paths.filter((p) => present.has(dirname(p)));
  for (const path of targets) {
    try {
      rmSync(join(root, path), { force: true });
    } catch (err) {
      throw ioError(err, join(root, path));
    }
  }
  // Deepest first, so a folder emptied by removing its last subfolder goes too; a folder still
  // holding anything refuses (rmdir never follows a link), and so do all above it.
  const touched = new Set(targets.map((p) => dirname(p)));
  for (const dir of [...ancestorsOf(present)].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      await rmdir(join(root, dir));
      touched.add(dirname(dir));
    } catch {
      // Not empty, or not ours to remove.
    }
  }
  await syncFolders([...touched].map((d) => join(root, d)));
}

/** Every folder on the way to each of `dirs`, the root itself left out. */
function ancestorsOf(dirs: Iterable<string>): Set<string> {
  const all = new Set<string>();
  for (let dir of dirs) {
    while (dir !== '.' && dir !== '' && !all.has(dir)) {
      all.add(dir);
      dir = dirname(dir);
    }
  }
  return all;
}

function assertRelative(path: string): void {
  const segments = path.split('/');
  if (path === '' || path.startsWith('/') || path.includes('\\') || segments.some((s) => s === '..' || s === '' || s === '.')) {
    throw new CcmError('INTERNAL', `not a path inside a root: ${JSON.stringify(path)}`);
  }
}
