import { closeSync, constants, mkdirSync, openSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeCrypto } from '../core/lazy-builtins.js';
import { checkFolders, ioError, makeFolders } from './no-follow.js';

/**
 * Every file ccm writes is first written into one staging folder of its root,
 * `<root>/.ccm/staging/<pid>-<random>/`, and renamed into place from there. A build killed half way
 * leaves its staged files in that one folder (never beside the outputs), and the next command that
 * writes into the root removes the folders of processes that no longer run. The folder is private
 * (0700: a staged `.env` holds decrypted values) and tells git to ignore it, so a commit made
 * between a crash and the next build cannot take a staged copy along.
 */
export const STAGING_DIR = '.ccm/staging';

export class StagingFolder {
  private count = 0;

  /** `made`: `.ccm` did not exist before; it is removed again when nothing else is put in it. */
  private constructor(readonly dir: string, private readonly made: string | undefined) {}

  static async open(root: string): Promise<StagingFolder> {
    // The root is the user's choice (a new project folder is made here); below it, nothing is followed.
    try {
      mkdirSync(root, { recursive: true });
    } catch (err) {
      throw ioError(err, root);
    }
    const made = makeFolders(root, '.ccm')[0];
    makeFolders(root, STAGING_DIR, 0o700);
    const base = join(root, STAGING_DIR);
    await removeStale(base);
    try {
      writeFileSync(join(base, '.gitignore'), '*\n', { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, join(base, '.gitignore'));
    }
    const own = `${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`;
    makeFolders(root, `${STAGING_DIR}/${own}`, 0o700);
    return new StagingFolder(join(base, own), made);
  }

  /**
   * Writes one file into the folder and returns its path; the commit syncs it before renaming it
   * (see durability.ts). Synchronous, as durability.ts explains: a thousand small files are written
   * fastest one after another.
   */
  write(content: Uint8Array | string, mode = 0o666): string {
    const path = join(this.dir, String(this.count++));
    try {
      const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
      try {
        // Given a descriptor, writeFileSync writes until every byte is out (a bare writeSync may stop short).
        writeFileSync(fd, content);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      throw ioError(err, path);
    }
    return path;
  }

  /** Removes this process's folder, and the staging folder with it when no other ccm uses it. */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    if ((await removeIfUnused(join(this.dir, '..'))) && this.made) {
      try {
        rmdirSync(this.made);
      } catch {
        // Something else was put in `.ccm` meanwhile.
      }
    }
  }
}

/**
 * Clears what killed processes left in a root's staging folder, and the folder when that empties
 * it. For a build with nothing to write: one killed after its last rename, before it removed its
 * folder, leaves outputs that need no change and a staging folder no write would come to clear.
 */
export async function sweepStaging(root: string): Promise<void> {
  const check = checkFolders(root, STAGING_DIR);
  if (!check.ok || check.missing) return;
  const base = join(root, STAGING_DIR);
  await removeStale(base);
  await removeIfUnused(base);
}

/** Removes the staging folder when it holds nothing but its `.gitignore`; whether it did. */
async function removeIfUnused(base: string): Promise<boolean> {
  try {
    if (!readdirSync(base).every((n) => n === '.gitignore')) return false;
    await rm(join(base, '.gitignore'), { force: true });
    rmdirSync(base);
    return true;
  } catch {
    // Another ccm started staging meanwhile: the folder is its now.
    return false;
  }
}

/** Removes the staging folders of processes that are gone (a crash, kill -9); a live one is another ccm at work. */
async function removeStale(base: string): Promise<void> {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^(\d+)-[0-9a-f]+$/.exec(name)?.[1];
    if (pid !== undefined && isRunning(Number(pid))) continue;
    if (name === '.gitignore') continue;
    // rm does not follow links: a link planted here is removed, never its target.
    await rm(join(base, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
