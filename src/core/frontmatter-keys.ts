import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILE, type ComponentKind } from './kinds.js';
import { SCHEMAS_DIR } from '../paths.js';

const cache = new Map<ComponentKind, ReadonlySet<string>>();

/**
 * The frontmatter keys ccm knows for a Markdown kind (subagent, skill, command), read from its
 * schema so that the lenient reader of non-YAML frontmatter and the schema never disagree.
 */
export function frontmatterKeys(kind: ComponentKind): ReadonlySet<string> {
  let keys = cache.get(kind);
  if (!keys) {
    const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, SCHEMA_FILE[kind]), 'utf8')) as { properties?: Record<string, unknown> };
    keys = new Set(Object.keys(schema.properties ?? {}).filter((k) => k !== 'frontmatterText'));
    cache.set(kind, keys);
  }
  return keys;
}
