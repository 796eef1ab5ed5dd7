import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics.js';
import { CcmError } from '../errors.js';
import type { OutputFile } from './types.js';

/**
 * What this machine's previous builds know about one root's outputs (cache/output-records.ts):
 * for a path and the fingerprint of a render, the sha256 of the bytes that render produced.
 */
export interface RenderMemo {
  /** sha256 of what a clean render with exactly this fingerprint produced at `path`, if one is known. */
  known(path: string, fingerprint: string): string | undefined;
  /** Identity of a template: built-in (covered by the cache's ccm identity) or the override's bytes. */
  templateKey(name: string): string;
}

/**
 * The fingerprint of one render: the template, the output path and exactly the data the template
 * sees (key order included, as it shapes the output; `undefined` kept apart from a missing key,
 * which strict Handlebars treats differently). Helpers are code, so the cache identity covers them.
 * Never computed for outputs holding secrets: it would be a plain hash of the values.
 */
export function renderFingerprint(templateKey: string, path: string, context: unknown): string {
  return createHash('sha256').update(templateKey).update('\0').update(path).update('\0').update(JSON.stringify(context, keepUndefined)).digest('hex');
}

const UNDEFINED = '\u0000undefined';

function keepUndefined(_key: string, value: unknown): unknown {
  return value === undefined ? UNDEFINED : value;
}

/**
 * Renders an output through the memo: when this machine rendered the same fingerprint cleanly
 * before, the file comes back with `reused` set and its `content` rendered only if something
 * reads it (the plan does not when the disk still holds those bytes). Otherwise it renders now,
 * and carries its fingerprint only if the render reported nothing, so that a reused render can
 * never have hidden a diagnostic.
 */
export function memoized(
  memo: RenderMemo | undefined,
  file: { template: string; path: string; context: object; sources: string[] },
  diagnostics: Diagnostic[],
  render: (diagnostics: Diagnostic[]) => string | undefined,
): OutputFile | undefined {
  if (!memo) {
    const content = render(diagnostics);
    return content === undefined ? undefined : { path: file.path, content, sources: file.sources };
  }
  const fingerprint = renderFingerprint(memo.templateKey(file.template), file.path, file.context);
  const sha256 = memo.known(file.path, fingerprint);
  if (sha256 !== undefined) return lazyOutput({ path: file.path, sources: file.sources, fingerprint, reused: { sha256 } }, render);
  const own: Diagnostic[] = [];
  const content = render(own);
  diagnostics.push(...own);
  if (content === undefined) return undefined;
  const out: OutputFile = { path: file.path, content, sources: file.sources };
  if (own.length === 0) out.fingerprint = fingerprint;
  return out;
}

function lazyOutput(base: Omit<OutputFile, 'content'>, render: (diagnostics: Diagnostic[]) => string | undefined): OutputFile {
  let content: string | undefined;
  const out = { ...base } as OutputFile;
  Object.defineProperty(out, 'content', {
    enumerable: true,
    get(): string {
      if (content === undefined) {
        const found: Diagnostic[] = [];
        content = render(found);
        // The same fingerprint rendered cleanly before; a render is a pure function of it.
        if (content === undefined || found.length > 0) throw new CcmError('INTERNAL', `render of ${base.path} changed although its fingerprint did not`);
      }
      return content;
    },
  });
  return out;
}
