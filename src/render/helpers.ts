import type { HelperDelegate } from 'handlebars';
import { yamlLib } from '../core/yaml-lib.js';
import { formatSize, MAX_INDENT, MAX_OUTPUT_BYTES, tooLarge } from './limits.js';
import { HelperError } from './template-errors.js';

interface HelperOptions {
  loc?: { start?: { line?: number; column?: number } };
}

/** A HelperError at the helper call (the options object Handlebars passes last). */
function helperError(options: unknown, message: string, hint?: string): HelperError {
  const start = (options as HelperOptions | undefined)?.loc?.start;
  return new HelperError(message, start?.line ?? 1, (start?.column ?? 0) + 1, hint);
}

const isHelperOptions = (v: unknown): boolean => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

/**
 * ccm's template helpers, registered on each Handlebars environment of one engine (the runtime's for
 * the precompiled built-ins, the compiler's for overrides and user texts), so that both share one cache.
 */
export function createHelpers(): Record<string, HelperDelegate> {
  // The same frontmatter recurs in every project that selects a component; YAML serialisation is
  // the costliest step of a render, so each distinct value is serialised once per engine.
  const yamlCache = new Map<string, string>();
  return {
    json: (value: unknown, indent: unknown, options?: unknown) => {
      // Called as {{json x}}, the options object comes second.
      if (isHelperOptions(indent)) [indent, options] = [undefined, indent];
      if (indent !== undefined && !(Number.isInteger(indent) && (indent as number) >= 0 && (indent as number) <= 10)) {
        throw helperError(options, `json: the indent must be a whole number from 0 to 10, not ${JSON.stringify(indent)}`, 'write e.g. {{json value 2}}');
      }
      return checkedSize(JSON.stringify(value, null, (indent as number | undefined) ?? 2) ?? '', 'json', options);
    },
    yaml: (value: unknown) => {
      const key = JSON.stringify(value);
      let text = yamlCache.get(key);
      if (text === undefined) {
        text = toYaml(value);
        yamlCache.set(key, text);
      }
      return text;
    },
    join: (list: unknown, sep: unknown, options?: unknown) => {
      if (isHelperOptions(sep)) [sep, options] = [undefined, sep];
      return Array.isArray(list) ? checkedSize(list.join(typeof sep === 'string' ? sep : ', '), 'join', options) : '';
    },
    indent: (text: unknown, width: unknown, options?: unknown) => {
      if (isHelperOptions(width)) [width, options] = [undefined, width];
      if (width !== undefined && !(Number.isInteger(width) && (width as number) >= 0 && (width as number) <= MAX_INDENT)) {
        throw helperError(options, `indent: the width must be a whole number from 0 to ${MAX_INDENT}, not ${JSON.stringify(width)}`, 'write e.g. {{indent text 2}}');
      }
      const pad = (width as number | undefined) ?? 2;
      const source = String(text ?? '');
      // Measured before the padding is built, so that a huge result fails without being allocated.
      const lines = source.split('\n');
      if (tooLarge(source, lines.length * pad)) throw helperError(options, `indent: the result would be over ${formatSize(MAX_OUTPUT_BYTES)}, the most ccm writes into one file`);
      const spaces = ' '.repeat(pad);
      return lines.map((l) => (l ? spaces + l : l)).join('\n');
    },
    eq: (a: unknown, b: unknown) => a === b,
  };
}

function checkedSize(text: string, helper: string, options: unknown): string {
  if (tooLarge(text)) throw helperError(options, `${helper}: the result is over ${formatSize(MAX_OUTPUT_BYTES)}, the most ccm writes into one file`);
  return text;
}

/** YAML for frontmatter: keys in the given order, no line folding, so output is stable and readable. */
export function toYaml(value: unknown): string {
  // YAML 1.1 quoting: `yes`, `on`, `no` and dates stay strings for any frontmatter parser.
  return plainYaml(value) ?? yamlLib().stringify(value, { lineWidth: 0, minContentWidth: 0, indent: 2, version: '1.1' });
}

/**
 * Words that need no quotes in YAML 1.1 or 1.2: letters, digits and `_ - . / ( ) ' ,` in words
 * separated by single spaces, starting with a letter or `_`, with no `:` or `#` anywhere.
 */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./()',-]*(?: [A-Za-z0-9_./()',-]+)*$/;
/** Plain words that YAML 1.1 reads as a boolean or null, which stringify quotes. */
const SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

const plain = (s: string): boolean => PLAIN.test(s) && !SPECIAL.test(s);

/**
 * What the yaml library's `stringify` gives for the frontmatter of nearly every component (a flat
 * mapping of plain words, whole numbers, booleans and lists of plain words), without building a
 * YAML document; undefined for anything else, which takes the library. A test holds the two equal on every input
 * this accepts.
 */
export function plainYaml(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  let out = '';
  for (const [key, v] of Object.entries(value)) {
    if (!plain(key)) return undefined;
    if (typeof v === 'string') {
      if (!plain(v)) return undefined;
      out += `${key}: ${v}\n`;
    } else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0))) {
      out += `${key}: ${String(v)}\n`;
    } else if (Array.isArray(v)) {
      if (v.length === 0) out += `${key}: []\n`;
      else {
        if (!v.every((item) => typeof item === 'string' && plain(item))) return undefined;
        out += `${key}:\n${v.map((item) => `  - ${item as string}\n`).join('')}`;
      }
    } else return undefined;
  }
  return out === '' ? undefined : out;
}
