import type * as Crypto from 'node:crypto';

/**
 * node:crypto, got when first used instead of imported: loading it is a few milliseconds of every
 * run, and a build that finds nothing to do (or `ccm --version`) never hashes anything, though it
 * loads modules that can (the manifest's paths, the staging folder's name).
 */
export function nodeCrypto(): typeof Crypto {
  return process.getBuiltinModule('node:crypto');
}
