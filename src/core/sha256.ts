import { nodeCrypto } from './lazy-builtins.js';

/** The content hash ccm keeps of a file (manifest entries, the caches), as hex; a string is hashed as UTF-8. */
export function sha256(bytes: Uint8Array | string): string {
  return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
}
