import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import type { EntryStat } from '../core/entry-stat.js';
import { isLitter } from '../core/litter.js';
import { READ_ROOTS } from '../core/kinds.js';

export { READ_ROOTS };
import { error, type Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import type { RawFile } from './model.js';
import { sha256 } from '../core/sha256.js';
import { MAX_FILE_BYTES } from './body-text.js';

export interface Tree {
  files: RawFile[];
  diagnostics: Diagnostic[];
}

/** The stat fast path (ParseCache): the content hash of a file whose lstat proves it unchanged. */
export interface StatIndex {
  /** A file this process read, taken again without an lstat (a watcher vouches that it did not change). */
  vouched?(path: string): RawFile | undefined;
  /** The very file an earlier load of this process took, when its lstat proves it unchanged. */
  reuse?(path: string, info: EntryStat): RawFile | undefined;
  known(path: string, info: EntryStat): string | undefined;
  /**
   * Each file this load took from the disk, with its lstat; `keep`: for later loads of this process
   * too (not below a linked folder, whose files a watcher may report under another path).
   */
  took?(file: RawFile, info: EntryStat, keep: boolean): void;
}

/**
 * The lstat of entries and the names in folders, by absolute path, as a walk of the same tree just
 * before saw them (the no-op check's): taken instead of asking the file system again.
 */
export interface TreeListing {
  stats: ReadonlyMap<string, EntryStat>;
  names: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads every file below the known folders. Symlinks are followed only when they resolve inside the
 * repo: a link out of it could make a build read (and publish) files the repo does not hold.
 * Synchronous on purpose: for thousands of small files it is several times faster than
 * promise-based reads, and a build has nothing else to do meanwhile.
 */
export function readTree(root: string, index?: StatIndex, listing?: TreeListing): Tree {
  const realRoot = realpathSync(root);
  const files: RawFile[] = [];
  const diagnostics: Diagnostic[] = [];
  /** Real paths of the folders being walked, outermost first. */
  const walking = new Set<string>([realRoot]);

  /** `rel` is built along with `abs`: path.relative per file costs more than reading a small file. */
  /** `linked`: some folder above was reached through a link, whose target a watcher may report under another path. */
  function visit(abs: string, rel: string, linked: boolean): void {
    // Problems with a whole file point at its start, so that editors and CI annotations can place them.
    const at = { file: rel, line: 1, col: 1 };
    const vouched = linked ? undefined : index?.vouched?.(rel);
    if (vouched) {
      files.push(vouched);
      return;
    }
    let info = listing?.stats.get(abs) ?? statIfPresent(abs);
    // Gone between the folder listing and now: an editor's temporary file during a save.
    if (!info) return;
    const viaLink = info.isSymbolicLink();
    if (viaLink) {
      let target: string;
      try {
        target = realpathSync(abs);
      } catch {
        diagnostics.push(error('UNREADABLE_FILE', 'symbolic link points to a file that does not exist', at, 'remove the link or restore its target'));
        return;
      }
      if (target !== realRoot && !target.startsWith(realRoot + sep)) {
        diagnostics.push(error('SYMLINK_OUTSIDE_REPO', `symbolic link points outside the config repo (to ${target})`, at,
          'copy the file into the repo instead of linking to it, so that the repo alone defines the config'));
        return;
      }
      info = statSync(abs);
      // A link back to a folder the walk is inside of (`loop -> ..`, or two links to each other) never ends.
      if (info.isDirectory() && walking.has(target)) {
        diagnostics.push(error('UNREADABLE_FILE', 'symbolic link points to a folder that contains it, which would make an endless loop', at,
          'remove the link'));
        return;
      }
    }
    if (info.isDirectory()) {
      let entries: string[];
      try {
        entries = [...(listing?.names.get(abs) ?? readdirSync(abs))];
      } catch (cause) {
        diagnostics.push(error('UNREADABLE_FILE', `cannot read folder: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, at, 'check the folder permissions'));
        return;
      }
      entries.sort();
      const real = realpathSync(abs);
      walking.add(real);
      for (const entry of entries) {
        // A nested repository's `.git` (a skill cloned into the repo) is git's, not config.
        if (isLitter(entry)) continue;
        visit(join(abs, entry), `${rel}/${entry}`, linked || viaLink);
      }
      walking.delete(real);
      return;
    }
    if (!info.isFile()) return;
    if (info.size > MAX_FILE_BYTES) {
      diagnostics.push(error('FILE_TOO_LARGE', `file is ${(info.size / 1024 / 1024).toFixed(1)} MiB; ccm reads files up to 10 MiB`, at,
        'keep large assets out of the config repo'));
      return;
    }
    try {
      // Only a regular file: a link could point elsewhere by the time a lazy read follows it.
      const reused = index && !viaLink && !linked ? index.reuse?.(rel, info) : undefined;
      if (reused) {
        files.push(reused);
        return;
      }
      const sha256 = index && !viaLink ? index.known(rel, info) : undefined;
      const file: RawFile = sha256 === undefined ? { path: rel, bytes: readFileSync(abs) } : new KnownFile(rel, abs, sha256);
      if (isExecutable(info.mode)) file.executable = true;
      files.push(file);
      if (!viaLink) index?.took?.(file, info, !linked);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return;
      diagnostics.push(error('UNREADABLE_FILE', `cannot read file: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, at,
        'check the file permissions'));
    }
  }

  for (const top of READ_ROOTS) {
    const abs = join(root, top);
    try {
      lstatSync(abs);
    } catch {
      continue;
    }
    visit(abs, top, false);
  }
  return { files, diagnostics };
}

/**
 * A file the stat fast path knows by its hash: most such files (YAML whose value is cached) are
 * never read. Read later, it must still be the file the hash names; otherwise it changed during
 * the command, and what was loaded earlier no longer describes it.
 */
class KnownFile implements RawFile {
  executable?: true;
  private content: Uint8Array | undefined;

  constructor(
    readonly path: string,
    private readonly abs: string,
    readonly sha256: string,
  ) {}

  get bytes(): Uint8Array {
    if (this.content) return this.content;
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(this.abs);
    } catch {
      bytes = undefined;
    }
    if (!bytes || sha256(bytes) !== this.sha256) {
      throw new CcmError('IO', `${this.path} changed while ccm was reading the config repo`, { hint: 'run the command again' });
    }
    this.content = bytes;
    return bytes;
  }
}

/** Any execute bit, as git decides between modes 100755 and 100644. */
export function isExecutable(mode: number): boolean {
  return (mode & 0o111) !== 0;
}

/** lstat, or undefined when the path no longer exists. */
function statIfPresent(abs: string): Stats | undefined {
  try {
    return lstatSync(abs);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cause;
  }
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
