#!/usr/bin/env node
// Thin launcher: refuse unsupported Node versions before loading anything that would fail obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`ccm needs Node.js >= 20.19 (this is ${process.versions.node}).\n`);
  process.exit(2);
}
await import('../dist/cli/main.js');
