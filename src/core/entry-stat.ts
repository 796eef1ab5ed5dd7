import { constants, type Stats } from 'node:fs';

/** What ccm reads of an lstat: a Stats is one, and so is what {@link keptStat} keeps of it. */
export type EntryStat = Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino' | 'mode' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

const { S_IFMT, S_IFREG, S_IFDIR, S_IFLNK } = constants;

/**
 * The part of an lstat ccm uses, for a stat it holds on to (the walk keeps one per config file):
 * Node 20's Stats carries four Date objects and thirteen more numbers, about five times the memory.
 */
class KeptStat implements EntryStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly mode: number;

  constructor(info: EntryStat) {
    this.size = info.size;
    this.mtimeMs = info.mtimeMs;
    this.ctimeMs = info.ctimeMs;
    this.ino = info.ino;
    this.mode = info.mode;
  }

  isFile(): boolean {
    return (this.mode & S_IFMT) === S_IFREG;
  }

  isDirectory(): boolean {
    return (this.mode & S_IFMT) === S_IFDIR;
  }

  isSymbolicLink(): boolean {
    return (this.mode & S_IFMT) === S_IFLNK;
  }
}

export function keptStat(info: EntryStat): EntryStat {
  return new KeptStat(info);
}
