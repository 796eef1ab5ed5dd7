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
// A run of ccm is short and holds little (a full W1000 build: about 25 MiB of live heap), so V8's
// young generation need not double up to its 32 MiB: it stays at its first size, which V8 reads each
// time it would grow it. Measured (paired runs): peak RSS of a full W1000 build 98 → 73 MiB, of a
// one-body build 81 → 68 MiB, times within the noise. Not for the long-running commands, which
// allocate on every save and spent three times as long collecting garbage with it.
if (!process.argv.slice(2).some((arg) => arg === 'watch' || arg === 'ui')) {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--semi-space-growth-factor=1');
}
// The bundle of src/cli/main.ts that `npm run build` makes (scripts/bundle.mjs): a few files to load, not 200.
await import('../dist/ccm.mjs');
