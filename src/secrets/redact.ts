/**
 * The one redactor: every secret value decrypted in this process is registered here (by the
 * secret lookup of a build and by the `ccm secrets` verbs, at the moment they decrypt), and
 * everything ccm prints passes through `redactText` on its way out (the sinks of
 * src/cli/program.ts and the last-resort handlers of src/cli/main.ts). A value is replaced by
 * `«secret NAME»`, so a message that would have shown it still says which secret it was.
 *
 * Values shorter than MIN_REDACTED_LENGTH are not searched for: replacing two or three letters
 * wherever they occur would garble every message (and the gaps would show where the value sits).
 * Such a value is too short to be a credential anyway; a build warns about it (SECRET_TOO_SHORT).
 */

import { perRun } from '../run-environment.js';

export const MIN_REDACTED_LENGTH = 6;

interface Registry {
  /** value → name; the first name registered for a value wins, so the marker stays stable. */
  known: Map<string, string>;
  pattern: RegExp | undefined;
}

// One registry per run (src/run-environment.ts): the values one run decrypted are its own.
const REGISTRY = Symbol('redactor');
const registry = (): Registry => perRun<Registry>(REGISTRY, () => ({ known: new Map(), pattern: undefined }));

export function registerSecret(name: string, value: string): void {
  if (value.length < MIN_REDACTED_LENGTH) return;
  const r = registry();
  // A value as it appears inside a JSON string (the --json envelope, `watch --json` lines) too.
  for (const form of new Set([value, JSON.stringify(value).slice(1, -1)])) {
    if (!r.known.has(form)) {
      r.known.set(form, name);
      r.pattern = undefined;
    }
  }
}

/** Whether a value is long enough for the redactor to find it in text. */
export function isRedactable(value: string): boolean {
  return value.length >= MIN_REDACTED_LENGTH;
}

/** `text` with every registered value replaced by `«secret NAME»`, in one pass, longest value first. */
export function redactText(text: string): string {
  const r = registry();
  if (r.known.size === 0) return text;
  r.pattern ??= new RegExp([...r.known.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return text.replace(r.pattern, (value) => `«secret ${r.known.get(value)!}»`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
