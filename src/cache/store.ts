import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeCrypto } from '../core/lazy-builtins.js';
import { checkFolders, makeFolders } from '../io/no-follow.js';
import { PACKAGE_ROOT, SCHEMAS_DIR, TEMPLATES_DIR } from '../paths.js';

/**
 * The config repo's `.ccm/cache/`: what one machine learnt from earlier builds (parsed files,
 * fingerprints of outputs it wrote, the stats it saw them with). Every file in it is a hint, never
 * a fact: it is ignored when it is missing, unreadable, from another ccm build or not a cache
 * file at all, and the build is then exactly what it would be without it. It is git-ignored (it
 * holds machine facts such as inode numbers) and written atomically, never through a link.
 */
export const CACHE_DIR = '.ccm/cache';

export interface CacheRead<T> {
  data: T;
  /**
   * Modification time of the cache file as the file system recorded it: a file whose own mtime is
   * not older than this may have changed in the same clock tick after it was recorded (git's
   * "racy" entries), so its stat alone does not prove it unchanged.
   */
  writtenAtMs: number;
}

/** Reads `.ccm/cache/<name>.json`; undefined when absent, corrupt, or written by another build of ccm. */
export function readCache<T>(configRoot: string, name: string): CacheRead<T> | undefined {
  if (!checkFolders(configRoot, CACHE_DIR).ok) return undefined;
  const folder = folderId(configRoot);
  if (folder === undefined) return undefined;
  const path = join(configRoot, CACHE_DIR, `${name}.json`);
  try {
    const info = lstatSync(path);
    if (!info.isFile()) return undefined;
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { identity?: unknown; folder?: unknown; data?: unknown };
    if (parsed.identity !== cacheIdentity() || parsed.folder !== folder || parsed.data === undefined) return undefined;
    return { data: parsed.data as T, writtenAtMs: info.mtimeMs };
  } catch {
    return undefined;
  }
}

/**
 * Replaces `.ccm/cache/<name>.json`, atomically (temp file and rename: a reader sees the old file
 * or the new one). A cache that cannot be written (a read-only repo, a link where the folder
 * should be) only makes the next build slower, so a failure is ignored. Returns the written
 * file's mtime (what `readCache` will report as `writtenAtMs`), undefined when nothing was written.
 */
export function writeCache(configRoot: string, name: string, data: unknown): number | undefined {
  const dir = join(configRoot, CACHE_DIR);
  const temp = join(dir, `.${name}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`);
  try {
    makeFolders(configRoot, CACHE_DIR);
    ensureIgnored(dir);
    writeFileSync(temp, JSON.stringify({ identity: cacheIdentity(), folder: folderId(configRoot), data }), { flag: 'wx' });
    // The temp file's own mtime: after the rename another process may already have replaced the file.
    const writtenAtMs = statSync(temp).mtimeMs;
    renameSync(temp, join(dir, `${name}.json`));
    return writtenAtMs;
  } catch {
    // Where the folder is not one (a file in its place), even removing the temp file fails.
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written, so nothing is left behind
    }
    return undefined;
  }
}

/**
 * The cache folder as this machine's file system knows it (device and inode). Each cache file
 * names the folder it was written into, so one that arrived any other way (force-added to a
 * commit and checked out, copied from another clone) is ignored: a parsed value it claims for a
 * file's content never replaces what the file says. Nobody can know the inode a checkout gets.
 */
function folderId(configRoot: string): string | undefined {
  try {
    const info = lstatSync(join(configRoot, CACHE_DIR));
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/** The cache is per machine: git must never pick it up, whatever the repo's own .gitignore says. */
function ensureIgnored(dir: string): void {
  try {
    writeFileSync(join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

let identity: string | undefined;

/**
 * What `npm run build` was made from (scripts/build-stamp.mjs: a hash of src/, schemas/, templates/,
 * package.json, …), put into the bundle by scripts/bundle.mjs; not defined when running from src/.
 */
declare const CCM_BUILD_IDENTITY: string | undefined;

/**
 * Which ccm wrote a cache, so a cache never outlives the code that wrote it, an upgrade or a
 * rebuild from changed sources included. The bundle knows it from its build. Running from src/
 * (tests), it is the package version, the schemas (what "valid" means), the built-in templates
 * (what an output looks like) and the code itself (the time this module was last changed).
 */
export function cacheIdentity(): string {
  if (identity !== undefined) return identity;
  if (typeof CCM_BUILD_IDENTITY === 'string') return (identity = CCM_BUILD_IDENTITY);
  const hash = nodeCrypto().createHash('sha256');
  hash.update(readFileSync(join(PACKAGE_ROOT, 'package.json')));
  for (const name of readdirSync(SCHEMAS_DIR).sort()) hash.update(name).update(readFileSync(join(SCHEMAS_DIR, name)));
  for (const name of readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.hbs')).sort()) {
    hash.update(name).update(readFileSync(join(TEMPLATES_DIR, name)));
  }
  hash.update(String(statSync(fileURLToPath(import.meta.url)).mtimeMs));
  identity = hash.digest('hex').slice(0, 32);
  return identity;
}
