import { ParseCache } from '../load/parse-cache.js';

/**
 * What one process keeps between builds (`ccm watch`): parsed YAML by file content (the parse
 * cache of `.ccm/cache/`, kept in memory, so a rebuild reads only files whose stat changed). A
 * single writing build keeps only the parse cache (`compileLocked`), to write it back. What is
 * known of the outputs is in cache/output-records.ts.
 */
export interface BuildCache {
  yaml: ParseCache;
}

export function createBuildCache(): BuildCache {
  return { yaml: new ParseCache() };
}
