import { warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';
import type { PlannedFile } from './plan.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface JsonPatchInput {
  path: string;
  /** The file's bytes; undefined when it does not exist. */
  current: Uint8Array | undefined;
  set: Record<string, unknown>;
  sources: string[];
  secret?: boolean;
  /** Keys left out of the comparison (secrets rendered as `${NAME}` because they could not be decrypted). */
  uncompared?: readonly string[];
}

/**
 * The one rule for a JSON file the Auto-Claude app writes and ccm patches (the spec folders'
 * task_metadata.json, the GitHub and GitLab runner settings): ccm sets its keys in place, keeps
 * every other key and the key order as the app left them (and the app's choice of a final newline),
 * and creates a missing file with its keys only. The file is not ccm's, so it is never in a
 * manifest, never drift, never deleted: the next build sets ccm's keys again. A file that is not a
 * JSON object is left alone, with a warning.
 */
export function planJsonPatch(input: JsonPatchInput, at: SourcePosition, diagnostics: Diagnostic[]): PlannedFile | undefined {
  let current: Record<string, unknown> = {};
  let trailingNewline = false;
  if (input.current) {
    const text = dec.decode(input.current);
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      current = parsed as Record<string, unknown>;
      trailingNewline = text.endsWith('\n');
    } catch {
      diagnostics.push(warning('OUTPUT_NOT_OWNED', `${input.path.split('/').pop()} is not a JSON object; ccm leaves it alone`, at, 'fix or delete the file, then build again'));
      return undefined;
    }
  }
  const merged: Record<string, unknown> = { ...current, ...input.set };
  const bytes = enc.encode(JSON.stringify(merged, null, 2) + (trailingNewline ? '\n' : ''));
  const planned: PlannedFile = { path: input.path, action: 'unchanged', secret: input.secret === true, sources: input.sources, patched: true };
  if (!input.current) return Object.assign(planned, { action: 'create', content: bytes });
  planned.before = input.current;
  if (!sameJson(without(current, input.uncompared), without(merged, input.uncompared))) Object.assign(planned, { action: 'update', content: bytes });
  return planned;
}

function without(value: Record<string, unknown>, keys: readonly string[] | undefined): Record<string, unknown> {
  if (!keys?.length) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}

function sameJson(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
