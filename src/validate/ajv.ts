import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020 as Ajv2020Class, ValidateFunction } from 'ajv/dist/2020.js';
import type { FormatsPlugin } from 'ajv-formats';
import { builtFile } from '../built-files.js';
import { SCHEMA_FILE, type DocumentKind } from '../core/kinds.js';
import { SCHEMAS_DIR } from '../paths.js';

/**
 * Annotation on an object schema whose keys Claude Code, not ccm, defines (frontmatter, hooks,
 * `.mcp.json` entries): its `additionalProperties: false` reports unknown keys, which
 * `schema-errors.ts` turns into UNKNOWN_FIELD warnings instead of errors.
 */
export const OPEN_KEYWORD = 'x-ccm-open';

/** Every schema's `$id` is this base plus its file name. */
export const SCHEMA_ID_BASE = 'https://ccm.dev/schemas/';

const precompiled = new Map<DocumentKind, ValidateFunction>();
let compiled: Map<DocumentKind, ValidateFunction> | undefined;

/**
 * The validator of a kind: precompiled at build time into dist/validate/<schema>.validator.cjs
 * (scripts/compile-validators.mjs) and loaded when a kind is first checked, so a run reads only the
 * validators it uses; without those files (tests from src/) all are compiled once from schemas/.
 */
export function validatorFor(kind: DocumentKind): ValidateFunction {
  const built = precompiled.get(kind) ?? (compiled ? undefined : loadPrecompiled(kind));
  if (built) return built;
  compiled ??= compileAll();
  const v = compiled.get(kind);
  if (!v) throw new Error(`no schema compiled for ${kind}`);
  return v;
}

function loadPrecompiled(kind: DocumentKind): ValidateFunction | undefined {
  const file = builtFile(`validate/${SCHEMA_FILE[kind].replace(/\.schema\.json$/, '')}.validator.cjs`);
  if (!file) return undefined;
  const v = (createRequire(import.meta.url)(file) as { validate?: ValidateFunction }).validate;
  if (v) precompiled.set(kind, v);
  return v;
}

/**
 * Compiles the schemas with ajv. The compiler and ajv-formats (about 90 module files) are required
 * only here, so that a built CLI, whose precompiled validators need just ajv's runtime helpers, never
 * loads them; require rather than import keeps `validatorFor` synchronous.
 */
function compileAll(): Map<DocumentKind, ValidateFunction> {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class };
  const addFormats = require('ajv-formats') as FormatsPlugin;
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  addFormats(ajv);
  ajv.addKeyword(OPEN_KEYWORD);
  for (const file of readdirSync(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as object);
  }
  const map = new Map<DocumentKind, ValidateFunction>();
  for (const [kind, file] of Object.entries(SCHEMA_FILE) as [DocumentKind, string][]) {
    const v = ajv.getSchema(SCHEMA_ID_BASE + file);
    if (!v) throw new Error(`schema ${file} is missing from ${SCHEMAS_DIR}`);
    map.set(kind, v);
  }
  return map;
}
