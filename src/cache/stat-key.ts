import { lstatSync } from 'node:fs';
import type { EntryStat } from '../core/entry-stat.js';

/**
 * A file as lstat saw it, as git's index keeps it: when all five are equal, the file is taken as
 * unchanged. ctime is in it because no tool can set it back: an edit followed by `touch -d` keeps
 * size and mtime, never ctime.
 */
export type StatKey = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number, mode: number];

/** Longer than a file system timestamp lags the clock it is compared with. */
export const CLOCK_TICK_MS = 10;

export function statKeyOf(info: EntryStat): StatKey {
  return [info.size, info.mtimeMs, info.ctimeMs, info.ino, info.mode];
}

/** The lstat of a path as a key; undefined when it does not exist (or cannot be looked at). */
export function lstatKey(abs: string): StatKey | undefined {
  try {
    return statKeyOf(lstatSync(abs));
  } catch {
    return undefined;
  }
}

/** Whether `info` is the file `key` was taken of, without making a key of it. */
export function statMatches(key: StatKey, info: EntryStat): boolean {
  return key[0] === info.size && key[1] === info.mtimeMs && key[2] === info.ctimeMs && key[3] === info.ino && key[4] === info.mode;
}

export function sameStatKey(a: StatKey | undefined, b: StatKey | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

/**
 * git's rule against "racy" entries: a key proves a file unchanged only if the file was last
 * modified before `trustedBeforeMs` (the moment its stat was taken, less a clock tick). A file
 * changed in the same tick as its stat may change again in that tick without its key changing.
 */
export function settled(key: StatKey, trustedBeforeMs: number): boolean {
  return Math.max(key[1], key[2]) < trustedBeforeMs;
}

/** A key read back from a cache file: anything else is not one. */
export function isStatKey(value: unknown): value is StatKey {
  return Array.isArray(value) && value.length === 5 && value.every((n) => typeof n === 'number');
}
