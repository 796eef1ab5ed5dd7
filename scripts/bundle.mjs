#!/usr/bin/env node
// Bundles the CLI with esbuild into dist/ccm.mjs (bin/ccm.js imports it), so that a run loads a
// handful of files instead of some 200 modules of ccm and its dependencies. Each lazy import()
// (commands, secrets, watch, prompts) stays a chunk of its own, loaded only when reached. Every
// chunk sits directly in dist/, as the compiled modules of src/ do, so the package paths they derive
// from import.meta.url (src/paths.ts, src/built-files.ts) resolve the same. Run by `npm run build`
// after tsc and the precompile steps; CCM_BUNDLE_EXTERNAL=1 leaves dependencies out (for measuring).
// It also bundles the Handlebars compiler into one file, which the engine requires for what it
// compiles at run time (overrides, user texts) in place of the package's 45 modules, and the yaml
// library into another, which src/core/yaml-lib.ts requires on first use (the package has 74).
import { readFileSync, rmSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { sourceHash, writeBuildStamp } from './build-stamp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const PREFIX = 'ccm';
const { HANDLEBARS_COMPILER_FILE } = await import('../dist/render/builtin-templates.js');
const { YAML_LIB_FILE } = await import('../dist/core/yaml-lib.js');

// Chunk names carry content hashes: drop those of the previous bundle so dist/ ships only this one.
for (const f of readdirSync(DIST)) if (f.startsWith(`${PREFIX}.`) || f.startsWith(`${PREFIX}-`)) rmSync(path.join(DIST, f));

/**
 * commander requires node:child_process as it loads, for subcommands that are programs of their
 * own, which ccm has none of; loading it (with net, dgram and streams) is about 5 ms of every run.
 * The bundle gets it on first use instead. A commander without that line fails the build, so an
 * upgrade cannot silently undo this.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(eager)) throw new Error(`bundle: ${args.path} no longer has the line \`${eager}\`; update scripts/bundle.mjs`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { [PREFIX]: 'src/cli/main.ts' },
  outdir: DIST,
  chunkNames: `${PREFIX}-[name]-[hash]`,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: process.env.CCM_BUNDLE_EXTERNAL ? 'external' : undefined,
  // Required when first used, from its own bundle below (src/core/yaml-lib.ts): a build whose YAML
  // all came from the parse cache never loads it, and every module that uses it shares one instance.
  external: ['yaml'],
  // Bundled CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: { js: "import { createRequire as __ccmCreateRequire } from 'node:module'; const require = __ccmCreateRequire(import.meta.url);" },
  legalComments: 'none',
  // The identity of .ccm/cache/ files (src/cache/store.ts): what this build was made from.
  define: { CCM_BUILD_IDENTITY: JSON.stringify(sourceHash().slice(0, 32)) },
  // For stack traces under `node --enable-source-maps`; a plain run never reads them.
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [lazyChildProcess],
});

await build({
  absWorkingDir: ROOT,
  // Its default export, as `require('handlebars')` gives it, without the require.extensions hook
  // for .hbs files that the package's main module installs.
  stdin: { contents: "module.exports = require('handlebars/dist/cjs/handlebars.js').default;", resolveDir: ROOT, loader: 'js' },
  outfile: path.join(DIST, HANDLEBARS_COMPILER_FILE),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  absWorkingDir: ROOT,
  entryPoints: [path.join(ROOT, 'node_modules/yaml/dist/index.js')],
  outfile: path.join(DIST, YAML_LIB_FILE),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // 115 instead of 262 kB to parse: a cold build's peak RSS stays where the package's modules kept it.
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).filter((f) => !f.endsWith('.map'));
process.stdout.write(`bundle: ${outputs.length} files → dist/${PREFIX}.mjs and chunks; Handlebars compiler → dist/${HANDLEBARS_COMPILER_FILE}; yaml → dist/${YAML_LIB_FILE}\n`);
// The build is complete: record what it was made from (scripts/build-stamp.mjs).
writeBuildStamp();
