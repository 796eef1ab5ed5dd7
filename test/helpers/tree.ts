import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file below `dir` (POSIX relative paths, sorted) with its bytes. */
export function readTreeFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (abs: string, rel: string): void => {
    for (const name of readdirSync(abs).sort()) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const info = lstatSync(a);
      if (info.isDirectory()) walk(a, r);
      else if (info.isFile()) out.set(r, readFileSync(a));
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

/** The files below `dir` (POSIX relative paths, sorted) that have an execute bit. */
export function executables(dir: string): string[] {
  return [...readTreeFiles(dir).keys()].filter((path) => (statSync(join(dir, path)).mode & 0o111) !== 0);
}

/** path → mtime in ms, to prove that a no-op build touched nothing. */
export function mtimes(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const path of readTreeFiles(dir).keys()) out.set(path, statSync(join(dir, path)).mtimeMs);
  return out;
}

/** A snapshot of a folder's files as text (for equality checks that print readable diffs). */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries([...readTreeFiles(dir)].map(([p, b]) => [p, b.toString('base64')]));
}

/**
 * Every entry below `dir`: files as base64, symbolic links as `-> target` (not followed), folders
 * as `dir`. Equal snapshots before and after a command prove that it wrote nothing.
 */
export function entrySnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (rel: string): void => {
    const abs = join(dir, rel);
    const info = lstatSync(abs);
    if (info.isSymbolicLink()) out[rel] = `-> ${readlinkSync(abs)}`;
    else if (info.isDirectory()) {
      if (rel) out[`${rel}/`] = 'dir';
      for (const e of readdirSync(abs).sort()) visit(rel ? `${rel}/${e}` : e);
    } else out[rel] = readFileSync(abs).toString('base64');
  };
  visit('');
  return out;
}
