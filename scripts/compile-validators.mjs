#!/usr/bin/env node
// Precompiles the JSON Schemas into standalone ajv validators (dist/validate/validators.cjs), so a
// CLI run does not spend ~100 ms compiling schemas. Run by `npm run build` after tsc; when the file
// is absent (tests running from src/), src/validate/ajv.ts compiles the schemas at run time.
// The generated code requires a few of ajv's runtime helpers; esbuild bundles them in, so that the
// file needs nothing else, and minifies it, since its size (about 1 MB) is what a run pays to parse.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const OUT = path.join(ROOT, 'dist', 'validate', 'validators.cjs');
const ID_BASE = 'https://ccm.dev/schemas/';
const standaloneCode = standaloneModule.default ?? standaloneModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

// The same options as src/validate/ajv.ts: errors must look the same either way.
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, code: { source: true } });
addFormats(ajv);
ajv.addKeyword('x-ccm-open'); // see OPEN_KEYWORD in src/validate/ajv.ts
const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')).sort();
for (const f of files) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')));

/** Export name of a schema file: `ccm.config.schema.json` → `ccm_config`. */
const exportName = (file) => file.replace(/\.schema\.json$/, '').replace(/[^A-Za-z0-9]/g, '_');
const refs = Object.fromEntries(files.filter((f) => f !== 'common.schema.json').map((f) => [exportName(f), ID_BASE + f]));
await build({
  stdin: { contents: standaloneCode(ajv, refs), resolveDir: ROOT, loader: 'js' },
  outfile: OUT,
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
process.stdout.write(`compile-validators: ${Object.keys(refs).length} validators → ${path.relative(ROOT, OUT)}\n`);
