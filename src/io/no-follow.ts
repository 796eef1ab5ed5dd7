import { lstatSync, mkdirSync, rmdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CcmError } from '../errors.js';

/**
 * Paths inside an output root (or the config repo) are walked one component at a time with lstat,
 * never through a symbolic link: every folder and file below a root can arrive through a pull
 * request, a link among them, and a link would aim ccm's reads and writes at its target. The root
 * itself is the user's choice and may be a link; nothing below it is followed.
 */

export type FolderCheck = { ok: true; missing: boolean } | { ok: false; at: string; what: string };

/**
 * Whether the folders on the way to `relDir` (POSIX, relative to `root`; '' or '.' for the root)
 * are real folders. `missing`: the chain ends early (the rest would be created), which is fine.
 */
export function checkFolders(root: string, relDir: string): FolderCheck {
  if (relDir.split(/[/\\]/).includes('..')) return { ok: false, at: relDir, what: 'outside the root' };
  let current = root;
  for (const segment of segmentsOf(relDir)) {
    current = join(current, segment);
    const info = lstatOrUndefined(current);
    if (!info) return { ok: true, missing: true };
    if (info.isSymbolicLink()) return { ok: false, at: current, what: 'a symbolic link' };
    if (!info.isDirectory()) return { ok: false, at: current, what: 'not a folder' };
  }
  return { ok: true, missing: false };
}

/**
 * Creates the folders on the way to `relDir` one at a time, refusing any link or file on the way;
 * returns the folders it created, outermost first.
 */
export function makeFolders(root: string, relDir: string, mode?: number): string[] {
  const created: string[] = [];
  if (relDir.split(/[/\\]/).includes('..')) throw linkError(relDir, 'outside the root');
  let current = root;
  for (const segment of segmentsOf(relDir)) {
    current = join(current, segment);
    let info = lstatOrUndefined(current);
    if (!info) {
      try {
        mkdirSync(current, mode === undefined ? {} : { mode });
        created.push(current);
      } catch (err) {
        // Another process made it in between: look at what it made.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, current);
      }
      info = lstatOrUndefined(current);
    }
    if (!info?.isDirectory() || info.isSymbolicLink()) throw linkError(current, info?.isSymbolicLink() ? 'a symbolic link' : 'not a folder');
  }
  return created;
}

/**
 * `makeFolders` for many folders at once (each `relDir` as there): every distinct folder on the
 * way is looked at (and made) once, parents before children, however many files go into it.
 * Returns the folders it created, outermost first; on a failure it removes them again.
 */
export function makeFolderTree(root: string, relDirs: Iterable<string>): string[] {
  const wanted = new Set<string>();
  for (const relDir of relDirs) {
    if (relDir.split(/[/\\]/).includes('..')) throw linkError(relDir, 'outside the root');
    const segments = segmentsOf(relDir);
    for (let depth = 1; depth <= segments.length; depth++) wanted.add(segments.slice(0, depth).join('/'));
  }
  const byDepth = [...wanted].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0));
  const created: string[] = [];
  try {
    // Its parent is already known to be a real folder: only the last component needs a look.
    for (const rel of byDepth) created.push(...makeFolders(join(root, dirname(rel)), basename(rel)));
  } catch (err) {
    removeFolders(created);
    throw err;
  }
  return created;
}

/** Removes folders a failed step made (outermost first, as made), those still empty only. */
export function removeFolders(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty: something else writes there too.
    }
  }
}

export function linkError(at: string, what: string): CcmError {
  return new CcmError('IO', `refusing to write through ${at}: it is ${what}`, {
    hint: 'ccm writes only into real folders inside its output roots and never follows a link; replace it with a real folder, or remove it',
  });
}

/** An errno failure of a write, as a located error: a read-only folder is the user's to fix, not a bug. */
export function ioError(err: unknown, path: string): CcmError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EROFS' ? 'the file system is read-only'
      : code === 'ENOSPC' ? 'no space left on the device'
        : code === 'ENOTDIR' ? 'a file is where a folder should be'
          : code === 'EISDIR' ? 'a folder is where a file should be'
            : (err as Error).message;
  return new CcmError('IO', `could not write ${path}: ${reason}`, {
    hint: 'nothing was changed; fix the folder (its owner, mode or free space) and run the command again',
    cause: err,
  });
}

function segmentsOf(rel: string): string[] {
  return rel.split('/').filter((s) => s !== '' && s !== '.');
}

function lstatOrUndefined(abs: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}
