#!/usr/bin/env node
// Thin launcher: refuse unsupported Node versions before loading anything that would fail obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`ccm needs Node.js >= 20.19 (this is ${process.versions.node}).\n`);
  process.exit(2);
}
// Node >= 22.1 can keep V8's compiled code between runs (in the OS temp folder, Node's own cache);
// parsing the bundle and the 700 kB of schema validators is much of a short run. Node 20 lacks it.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
// The bundle of src/cli/main.ts that `npm run build` makes (scripts/bundle.mjs): a few files to load, not 200.
await import('../dist/ccm.mjs');
