import { ParseCache } from '../load/parse-cache.js';
import { DiskCache } from '../plan/disk-state.js';

/**
 * What one process keeps between builds (`ccm watch`): parsed YAML by file content (the parse
 * cache of `.ccm/cache/`, kept in memory, so a rebuild reads only files whose stat changed) and
 * output bytes by file identity, each reused only while the file is unchanged. A single writing
 * build keeps only the parse cache (`compileLocked`), to write it back.
 */
export interface BuildCache {
  yaml: ParseCache;
  disk?: DiskCache;
}

export function createBuildCache(): BuildCache {
  return { yaml: new ParseCache(), disk: new DiskCache() };
}
