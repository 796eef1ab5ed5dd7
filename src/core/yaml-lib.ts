import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

/**
 * The yaml library, loaded when first used. A build whose YAML all came from the parse cache
 * parses and prints none (a body edit, a full build of unchanged config), and loading the library
 * is about 7 ms of such a run. The bundle leaves `yaml` out (scripts/bundle.mjs), so the modules
 * that import it directly share this one instance.
 */
export function yamlLib(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
