#!/usr/bin/env node
// Precompiles the JSON Schemas into standalone ajv validators, one file per schema
// (dist/validate/<schema>.validator.cjs), so a CLI run does not spend ~100 ms compiling schemas and
// loads only the kinds it checks: a repo of subagents and commands never parses the 380 KB settings
// validator. Run by `npm run build` after tsc; when the files are absent (tests running from src/),
// src/validate/ajv.ts compiles the schemas at run time. The generated code requires a few of ajv's
// runtime helpers; esbuild bundles them into each file, so that it needs nothing else, and minifies
// it, since its size is what a run pays to parse.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = path.join(ROOT, 'schemas');
const OUT_DIR = path.join(ROOT, 'dist', 'validate');
const ID_BASE = 'https://ccm.dev/schemas/';
const standaloneCode = standaloneModule.default ?? standaloneModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

// The same options as src/validate/ajv.ts: errors must look the same either way.
const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, code: { source: true } });
addFormats(ajv);
ajv.addKeyword('x-ccm-open'); // see OPEN_KEYWORD in src/validate/ajv.ts
const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json')).sort();
for (const f of files) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')));

const kinds = files.filter((f) => f !== 'common.schema.json');
// The one file of earlier builds: a stale copy must not outlive the split.
rmSync(path.join(OUT_DIR, 'validators.cjs'), { force: true });
await Promise.all(kinds.map((f) => build({
  stdin: { contents: standaloneCode(ajv, { validate: ID_BASE + f }), resolveDir: ROOT, loader: 'js' },
  outfile: path.join(OUT_DIR, f.replace(/\.schema\.json$/, '.validator.cjs')),
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
})));
process.stdout.write(`compile-validators: ${kinds.length} validators → ${path.relative(ROOT, OUT_DIR)}/<schema>.validator.cjs\n`);
