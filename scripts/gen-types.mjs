#!/usr/bin/env node
// Generates src/generated/*.ts from schemas/*.schema.json with json-schema-to-typescript.
//
//   node scripts/gen-types.mjs          write the generated files (npm run gen)
//   node scripts/gen-types.mjs --check  write nothing; exit 1 naming every stale file
//
// The schemas are written for ajv (draft 2020-12, strict mode), not for the type generator, so each
// schema is first turned into a self-contained copy shaped for json-schema-to-typescript:
// - cross-file $refs (common.schema.json#/$defs/x, mcp-server.schema.json) are inlined into the
//   copy's own $defs, so every file is standalone and names its types after the $defs keys;
// - keywords next to a $ref (written for editors) are dropped, except a description, which moves to
//   an allOf wrapper: that way each $ref still resolves to the very same definition object and
//   becomes one named type (instead of many anonymous copies), and the property keeps its doc comment;
// - a "dispatcher" (an object whose allOf is a list of if/then branches, each then a single $ref,
//   used so that ajv reports errors of the selected branch only) becomes the union of its branches;
// - leftover if/then/else/not keywords, which have no TypeScript equivalent, are dropped;
// - json-schema-to-typescript's "referenced by ... via the definition" notes are removed.
// common.ts declares the shared definitions once; a kind's file then drops each declaration that is
// identical to one an earlier file declares (common's, or another kind's such as mcp-server's) and
// imports it instead, and index.ts re-exports common.ts plus each kind's own types.

import { readdir, readFile, writeFile, unlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA_DIR = path.join(ROOT, 'schemas');
const OUT_DIR = path.join(ROOT, 'src', 'generated');
const SUFFIX = '.schema.json';
const COMMON = `common${SUFFIX}`;

const COMPILE_OPTIONS = {
  bannerComment: '',
  cwd: SCHEMA_DIR,
  declareExternallyReferenced: true,
  ignoreMinAndMaxItems: true,
  unknownAny: true,
  strictIndexSignatures: false,
  format: true,
  style: {
    bracketSpacing: true,
    printWidth: 120,
    semi: true,
    singleQuote: true,
    tabWidth: 2,
    trailingComma: 'all',
    useTabs: false,
  },
};

/** @param {string} file */
function banner(file) {
  return [
    '/* eslint-disable */',
    '/**',
    ` * GENERATED FILE - DO NOT EDIT. Source: schemas/${file}`,
    ' * Regenerate with `npm run gen` (node scripts/gen-types.mjs); `node scripts/gen-types.mjs --check` fails when stale.',
    ' */',
    '',
  ].join('\n');
}

const clone = (value) => JSON.parse(JSON.stringify(value));
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const upperFirst = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** Output module name for a schema file: profile.schema.json -> profile, ccm.config.schema.json -> ccm.config. */
export function moduleName(file) {
  return file.slice(0, -SUFFIX.length);
}

/** Load every schema of schemas/, keyed by file name, sorted. */
export async function loadSchemas(dir = SCHEMA_DIR) {
  const files = (await readdir(dir)).filter((f) => f.endsWith(SUFFIX)).sort();
  const schemas = new Map();
  for (const file of files) schemas.set(file, JSON.parse(await readFile(path.join(dir, file), 'utf8')));
  return schemas;
}

/** Split a $ref into [file, json pointer]; file is `from` for a local ref. */
function splitRef(ref, from) {
  const hash = ref.indexOf('#');
  const file = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  return [file === '' ? from : file, pointer];
}

/**
 * Make a self-contained copy of `file`'s schema: every $ref points into the copy's own $defs.
 * @param {string} file
 * @param {Map<string, any>} schemas
 */
function bundle(file, schemas) {
  const root = clone(schemas.get(file));
  delete root.$defs;
  /** @type {Record<string, any>} */
  const defs = {};
  /** @type {Map<string, string>} def key -> "file#pointer" it came from */
  const origin = new Map();

  /** Import the target of a ref into defs; return the local ref to use. */
  const importTarget = (targetFile, pointer) => {
    const source = schemas.get(targetFile);
    if (!source) throw new Error(`${file}: $ref to unknown schema file ${targetFile}`);
    let key;
    let node;
    if (pointer === '' || pointer === '/') {
      key = source.title;
      if (!key) throw new Error(`${targetFile}: a schema referenced as a whole needs a title`);
      node = clone(source);
      delete node.$defs;
      delete node.$id;
      delete node.$schema;
      delete node.examples;
    } else {
      const match = /^\/\$defs\/([^/]+)$/.exec(pointer);
      if (!match) throw new Error(`${file}: unsupported $ref pointer ${targetFile}#${pointer}`);
      key = match[1];
      node = source.$defs?.[key];
      if (!node) throw new Error(`${file}: $ref target ${targetFile}#${pointer} does not exist`);
      node = clone(node);
    }
    const id = `${targetFile}#${pointer}`;
    const seen = origin.get(key);
    if (seen !== undefined) {
      if (seen !== id) throw new Error(`${file}: type name clash on "${key}" (${seen} vs ${id})`);
      return `#/$defs/${key}`;
    }
    origin.set(key, id);
    defs[key] = null; // reserve before recursing (cycles)
    defs[key] = rewrite(node, targetFile);
    return `#/$defs/${key}`;
  };

  /** Rewrite every $ref of `node`, which belongs to `from`. */
  const rewrite = (node, from) => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, from));
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string') {
      const [targetFile, pointer] = splitRef(node.$ref, from);
      // Other keywords beside a $ref are editor documentation. json-schema-to-typescript would turn a
      // $ref with siblings into a fresh anonymous type, so keep only the description, on a wrapper
      // that still resolves to the one named type of the definition.
      const ref = { $ref: importTarget(targetFile, pointer) };
      return typeof node.description === 'string' ? { description: node.description, allOf: [ref] } : ref;
    }
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = rewrite(v, from);
    return out;
  };

  const body = rewrite(root, file);
  if (file === COMMON) {
    // common.schema.json has no root type: import every definition so all of them are declared.
    for (const key of Object.keys(schemas.get(file).$defs ?? {})) importTarget(file, `/$defs/${key}`);
  }
  // Local definitions of this file keep their order after the root; imported ones follow.
  const ordered = {};
  for (const key of Object.keys(schemas.get(file).$defs ?? {})) if (key in defs) ordered[key] = defs[key];
  for (const key of Object.keys(defs).sort()) if (!(key in ordered)) ordered[key] = defs[key];
  return { ...body, $defs: ordered };
}

/** Reshape ajv-oriented constructs into what json-schema-to-typescript can express. */
function forTypes(node) {
  if (Array.isArray(node)) return node.map(forTypes);
  if (!isObject(node)) return node;
  const branches = node.allOf;
  if (
    Array.isArray(branches) &&
    branches.length > 0 &&
    branches.every((b) => isObject(b) && 'if' in b && isObject(b.then) && Object.keys(b.then).join() === '$ref')
  ) {
    const union = { anyOf: branches.map((b) => ({ $ref: b.then.$ref })) };
    if (node.title) union.title = node.title;
    if (node.description) union.description = node.description;
    if (node.$defs) union.$defs = forTypes(node.$defs);
    return union;
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'if' || k === 'then' || k === 'else' || k === 'not') continue;
    out[k] = k === 'properties' || k === '$defs' ? mapValues(v, forTypes) : forTypes(v);
  }
  return out;
}

const mapValues = (obj, fn) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v)]));

/**
 * Drop json-schema-to-typescript's "This interface was referenced by `X`'s JSON-Schema via the
 * `definition` "y"." notes: they name the bundled copy, not a source file, and add nothing.
 */
function tidy(code) {
  return code.replace(/\/\*\*\n((?: \*.*\n)*?) \*\/\n/g, (block, body) => {
    const lines = body.split('\n').filter((l) => l !== '');
    const kept = [];
    for (let i = 0; i < lines.length; i++) {
      if (/^ \* This interface was referenced by `.*`'s JSON-Schema$/.test(lines[i])) {
        if (/^ \* via the `definition` ".*"\.$/.test(lines[i + 1] ?? '')) i++;
        continue;
      }
      kept.push(lines[i]);
    }
    while (kept.length > 0 && kept[kept.length - 1] === ' *') kept.pop();
    return kept.length === 0 ? '' : `/**\n${kept.join('\n')}\n */\n`;
  });
}

/**
 * Top-level declarations of a generated module (each with its doc comment) by name, and the text
 * before the first one.
 */
function declarations(code) {
  const starts = [...code.matchAll(/^(?:\/\*\*\n(?:(?! \*\/).*\n)* \*\/\n)?export (?:interface|type) (\w+)/gm)];
  const blocks = new Map();
  starts.forEach((m, i) => blocks.set(m[1], code.slice(m.index, starts[i + 1]?.index ?? code.length).trimEnd()));
  return { head: code.slice(0, starts[0]?.index ?? code.length).trimEnd(), blocks };
}

/**
 * Replaces the declarations identical to one an earlier module declares (common.ts, or another kind
 * such as mcp-server.ts for subagent.ts's inline servers) by type imports from that module. The
 * module's own exported types always stay. Returns the new content and the blocks it still declares.
 */
function importShared(content, known, own) {
  const { head, blocks } = declarations(content);
  const from = new Map();
  const kept = [];
  for (const [name, text] of blocks) {
    const earlier = known.get(name);
    if (!own.includes(name) && earlier?.text === text) from.set(earlier.mod, [...(from.get(earlier.mod) ?? []), name]);
    else kept.push([name, text]);
  }
  if (from.size === 0) return { content, kept };
  const imports = [...from].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mod, names]) => `import type { ${names.sort().join(', ')} } from './${mod}.js';`);
  return { content: `${head}\n\n${imports.join('\n')}\n\n${kept.map(([, text]) => text).join('\n\n')}\n`, kept };
}

/** Names declared by a generated module. */
function declaredNames(code) {
  return [...code.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
}

/**
 * Generate every output file in memory.
 * @returns {Promise<Map<string, string>>} path relative to the repository root -> content
 */
export async function generate() {
  const schemas = await loadSchemas();
  if (!schemas.has(COMMON)) throw new Error(`schemas/${COMMON} is missing`);
  const outputs = new Map();
  const exports = [];
  let commonNames = [];
  // common first; each later file imports what it shares with an earlier one (never the reverse, so
  // imports cannot form a cycle).
  const ordered = [...schemas].sort(([a], [b]) => (a === COMMON ? -1 : b === COMMON ? 1 : 0));
  /** Declaration name → the first module declaring it and its text. */
  const known = new Map();
  const remember = (mod, blocks) => {
    for (const [name, text] of blocks) if (!known.has(name)) known.set(name, { mod, text });
  };
  for (const [file, schema] of ordered) {
    if (!schema.title) throw new Error(`schemas/${file} has no title`);
    const prepared = forTypes(bundle(file, schemas));
    const unreachableDefinitions = file === COMMON;
    if (unreachableDefinitions) delete prepared.anyOf;
    const code = await compile(prepared, schema.title, { ...COMPILE_OPTIONS, unreachableDefinitions });
    const names = declaredNames(code);
    const mod = moduleName(file);
    let content = banner(file) + '\n' + tidy(code).trimEnd() + '\n';
    if (file === COMMON) {
      // The root of common.schema.json is a bag of definitions, not a type of its own.
      content = content.replace(/^(?:\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export interface CcmCommon \{\n {2}\[k: string\]: unknown;\n\}\n/m, '');
      commonNames = declaredNames(content);
      remember(mod, declarations(content).blocks);
      if (commonNames.includes(schema.title)) throw new Error(`src/generated/${mod}.ts: could not drop the root type`);
    } else {
      const own = [schema.title, ...Object.keys(schema.$defs ?? {}).map(upperFirst)];
      const missing = own.filter((n) => !names.includes(n));
      if (missing.length > 0) throw new Error(`src/generated/${mod}.ts lacks expected types: ${missing.join(', ')}`);
      exports.push({ mod, names: own });
      const shared = importShared(content, known, own);
      content = shared.content;
      remember(mod, shared.kept);
    }
    outputs.set(path.posix.join('src/generated', `${mod}.ts`), content);
  }
  const seen = new Set(commonNames);
  const lines = [banner('*.schema.json').trimEnd(), '', "export type * from './common.js';"];
  for (const { mod, names } of exports) {
    const clash = names.filter((n) => seen.has(n));
    if (clash.length > 0) throw new Error(`index.ts: type names exported twice: ${clash.join(', ')}`);
    names.forEach((n) => seen.add(n));
    lines.push(`export type { ${names.join(', ')} } from './${mod}.js';`);
  }
  outputs.set('src/generated/index.ts', lines.join('\n') + '\n');
  return outputs;
}

/**
 * Compare what would be generated with the files on disk.
 * @returns {Promise<string[]>} stale, missing or extra files (paths relative to the repository root)
 */
export async function findStale(outputs) {
  const stale = [];
  for (const [rel, content] of outputs) {
    let current = null;
    try {
      current = await readFile(path.join(ROOT, rel), 'utf8');
    } catch {
      current = null;
    }
    if (current !== content) stale.push(rel);
  }
  for (const rel of await existingGenerated()) if (!outputs.has(rel)) stale.push(rel);
  return stale.sort();
}

async function existingGenerated() {
  try {
    return (await readdir(OUT_DIR)).filter((f) => f.endsWith('.ts')).map((f) => path.posix.join('src/generated', f));
  } catch {
    return [];
  }
}

async function main(argv) {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`gen-types: unknown argument(s): ${unknown.join(' ')}\nusage: node scripts/gen-types.mjs [--check]\n`);
    return 2;
  }
  const outputs = await generate();
  const stale = await findStale(outputs);
  if (check) {
    if (stale.length === 0) {
      process.stdout.write(`gen-types: ${outputs.size} generated files are up to date\n`);
      return 0;
    }
    for (const rel of stale) process.stderr.write(`gen-types: stale: ${rel}\n`);
    process.stderr.write('gen-types: run `npm run gen` and commit the result\n');
    return 1;
  }
  await mkdir(OUT_DIR, { recursive: true });
  for (const rel of stale) {
    const abs = path.join(ROOT, rel);
    if (outputs.has(rel)) await writeFile(abs, outputs.get(rel), 'utf8');
    else await unlink(abs);
    process.stdout.write(`gen-types: ${outputs.has(rel) ? 'wrote' : 'removed'} ${rel}\n`);
  }
  if (stale.length === 0) process.stdout.write('gen-types: nothing to do\n');
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`gen-types: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
