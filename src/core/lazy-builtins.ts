import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';

// Node's modules that a short run often does not need, got when first used instead of imported:
// loading each is a few milliseconds of every run that imports a module able to use it. A build
// that finds nothing to do hashes nothing; a body edit starts no process.

export function nodeCrypto(): typeof Crypto {
  return process.getBuiltinModule('node:crypto');
}

export function childProcess(): typeof ChildProcess {
  return process.getBuiltinModule('node:child_process');
}
