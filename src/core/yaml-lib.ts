import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { builtFile } from '../built-files.js';

/** The yaml library bundled into one file by `npm run build` (scripts/bundle.mjs); the package has 74 modules. */
export const YAML_LIB_FILE = 'core/yaml.cjs';

let lib: typeof Yaml | undefined;

/**
 * The yaml library, loaded when first used. A build whose YAML all came from the parse cache
 * parses and prints none (a body edit, a full build of unchanged config). Every module of ccm that
 * parses or prints YAML gets it from here, so they share one instance. A built package loads the
 * bundled file (about 6 ms, against 20 for the package's modules); running from src/, the package.
 */
export function yamlLib(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)(builtFile(YAML_LIB_FILE) ?? 'yaml') as typeof Yaml);
}
