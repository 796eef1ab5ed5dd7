import { error, type Diagnostic } from '../diagnostics.js';
import type { OutputFile } from './types.js';

/**
 * The most ccm writes into one output file: the same 10 MiB that the loader reads from one input
 * file. Config outputs are kilobytes; anything near this is a template or helper running away.
 */
export const MAX_OUTPUT_BYTES = 10 * 1024 * 1024;

/** The widest `{{indent text N}}`: enough for any nesting of Markdown or YAML. */
export const MAX_INDENT = 100;

/**
 * Whether `text` plus `extra` characters would exceed MAX_OUTPUT_BYTES in UTF-8. The length is
 * checked first: UTF-8 takes at least one byte per UTF-16 unit and at most three.
 */
export function tooLarge(text: string, extra = 0): boolean {
  const units = text.length + extra;
  if (units > MAX_OUTPUT_BYTES) return true;
  if (units * 3 <= MAX_OUTPUT_BYTES) return false;
  return Buffer.byteLength(text, 'utf8') + extra > MAX_OUTPUT_BYTES;
}

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * OUTPUT_TOO_LARGE for each output over the limit (one assembled from several renders, or copied),
 * at the first source in the repo that produced it.
 */
export function outputSizeDiagnostics(files: readonly OutputFile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of files) {
    // A reused render produces the bytes it did when this check passed for it.
    if (f.reused) continue;
    const size = typeof f.content === 'string' ? (tooLarge(f.content) ? Buffer.byteLength(f.content, 'utf8') : 0) : f.content.byteLength;
    if (size <= MAX_OUTPUT_BYTES) continue;
    const source = f.sources.find((s) => !s.startsWith('(built-in)')) ?? f.sources[0]?.replace(/^\(built-in\) /, '');
    out.push(error('OUTPUT_TOO_LARGE', `${f.path} would be ${formatSize(size)}; ccm writes at most ${formatSize(MAX_OUTPUT_BYTES)} into one file`,
      source ? { file: source, line: 1, col: 1 } : undefined, 'split the content over several components, or shorten it'));
  }
  return out;
}
