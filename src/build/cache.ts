import { YamlCache } from '../load/yaml-cache.js';

/**
 * What one process keeps between builds (`ccm watch`): parsed YAML by file content and output
 * bytes by file identity, each reused only while the file is unchanged. A single build needs none.
 */
export interface BuildCache {
  yaml: YamlCache;
}

export function createBuildCache(): BuildCache {
  return { yaml: new YamlCache() };
}
