import { sha256 } from '../core/sha256.js';
import type { ManifestEntry } from './manifest.js';
import { isRedactable } from '../secrets/redact.js';

/**
 * How a file holding secrets is recorded in the committed manifest without revealing anything
 * about a value (not even its length or place). Such files are dotenv files (`.auto-claude/.env`):
 * the entry names the keys whose values are secret, and hashes the file with the rest of each of
 * those lines (everything after `KEY=`) replaced by one fixed placeholder. Checking a file on disk
 * needs no value and no age key: redact the same keys the same way, hash, compare. A changed
 * secret value is therefore an update, never drift, and `ccm status` works without the key.
 */

const PLACEHOLDER = '<secret>';
/** `KEY=…` and `export KEY=…`, as python-dotenv reads them; the rest of the line is the value. */
const ASSIGNMENT = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=)[\s\S]*$/;

/** `text` with the value of every line that assigns one of `keys` replaced by the placeholder. */
export function withoutSecretValues(text: string, keys: readonly string[]): string {
  const names = new Set(keys);
  return text
    .split('\n')
    .map((line) => {
      const m = ASSIGNMENT.exec(line);
      return m && names.has(m[2]!) ? m[1]! + PLACEHOLDER : line;
    })
    .join('\n');
}

/**
 * The manifest entry of a file holding secrets, or undefined when one of `values` still appears
 * after redaction (a template that writes a value outside its own `KEY=` line): hashing that text
 * would commit a fingerprint of the value. Values too short to search for are not checked (see
 * src/secrets/redact.ts).
 */
export function secretEntry(text: string, keys: readonly string[], values: readonly { value: string }[]): ManifestEntry | undefined {
  const secretKeys = [...new Set(keys)].sort();
  const redacted = withoutSecretValues(text, secretKeys);
  if (values.some((s) => isRedactable(s.value) && redacted.includes(s.value))) return undefined;
  return { sha256: sha256(redacted), redacted: true, secretKeys };
}

/**
 * Whether a file on disk is still as ccm wrote it, judged by an entry of a file holding secrets.
 * An entry of an older ccm (no `secretKeys`; it recorded where values sat) cannot be checked
 * without the old values: it counts as ccm's own, so the next build rewrites it once, and is
 * never reported as drift.
 */
export function matchesSecretEntry(text: string, owned: ManifestEntry): boolean {
  const keys: unknown = owned.secretKeys;
  if (keys === undefined) return true;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return false;
  return sha256(withoutSecretValues(text, keys)) === owned.sha256;
}

/** Did the file stay as ccm wrote it? For a file holding secrets, judged with its secret values left out. */
export function holdsEntry(bytes: Uint8Array, owned: ManifestEntry): boolean {
  if (!owned.redacted) return sha256(bytes) === owned.sha256;
  return matchesSecretEntry(new TextDecoder().decode(bytes), owned);
}
