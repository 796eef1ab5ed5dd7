import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { stringify as stringifyYaml } from 'yaml';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { RawFile } from '../load/model.js';
import { TEMPLATES_DIR } from '../paths.js';
import { formatSize, MAX_INDENT, MAX_OUTPUT_BYTES, tooLarge } from './limits.js';
import { HelperError, templateError, type LexerLocation } from './template-errors.js';

export interface TemplateEngine {
  /**
   * Renders a template by its path below templates/ (e.g. `claude-code/agent.md.hbs`), a repo
   * override winning over the built-in one. Returns undefined and records a TEMPLATE_ERROR on failure.
   */
  render(name: string, context: object, diagnostics: Diagnostic[]): string | undefined;
  /** Renders a user-supplied text (a CLAUDE.md section or prompt body that opted in) with the same helpers. */
  renderText(source: { path: string; text: string }, context: object, diagnostics: Diagnostic[]): string | undefined;
  /** The repo-relative path of the template that `render(name)` uses, for provenance. */
  sourceOf(name: string): string;
  /**
   * Compiles every template, built-in and override, that no render has compiled yet, so that a
   * syntax error in one that no project uses is found too; warns about overrides that replace nothing.
   */
  check(diagnostics: Diagnostic[]): void;
}

const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const;

/** The built-in template names (`claude-code/agent.md.hbs`, …), read from the package once. */
let builtinNames: string[] | undefined;
function builtins(): string[] {
  builtinNames ??= readdirSync(TEMPLATES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.hbs'))
    .map((p) => p.split('\\').join('/'))
    .sort();
  return builtinNames;
}

/**
 * Outcome of compiling each template text, kept for the process: the same text compiles the same
 * way, and `ccm watch` checks the templates on every rebuild (about 30 ms for the built-in ones).
 */
const checkedTemplates = new Map<string, Diagnostic | null>();

/** Where Handlebars' (shared) lexer stopped; read right after a failed parse, before anything else parses. */
function lexerLocation(hb: typeof Handlebars): LexerLocation | undefined {
  return (hb as unknown as { Parser?: { lexer?: { yylloc?: LexerLocation } } }).Parser?.lexer?.yylloc;
}

/**
 * A Handlebars environment of its own (no global helpers leak between repos), in strict mode so a
 * misspelt variable fails with its line, without HTML escaping (outputs are Markdown, JSON, dotenv),
 * and with Handlebars' default ban on prototype access left in place.
 */
export function createEngine(overrides: ReadonlyMap<string, RawFile>): TemplateEngine {
  const hb = Handlebars.create();
  registerHelpers(hb);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const builtinCache = new Map<string, string>();

  const sourceText = (name: string): { path: string; text: string } => {
    const override = overrides.get(name);
    if (override) return { path: `templates/${name}`, text: new TextDecoder().decode(override.bytes) };
    let text = builtinCache.get(name);
    if (text === undefined) {
      text = readFileSync(join(TEMPLATES_DIR, name), 'utf8');
      builtinCache.set(name, text);
    }
    return { path: `(built-in) templates/${name}`, text };
  };

  const run = (key: string, source: { path: string; text: string }, context: object, diagnostics: Diagnostic[]): string | undefined => {
    let text: string;
    try {
      let fn = compiled.get(key);
      if (!fn) {
        fn = hb.compile(source.text, COMPILE_OPTIONS);
        compiled.set(key, fn);
      }
      text = fn(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (cause) {
      diagnostics.push(templateError(source.path, source.text, cause, lexerLocation(hb)));
      return undefined;
    }
    if (tooLarge(text)) {
      diagnostics.push(error('OUTPUT_TOO_LARGE', `template output is over ${formatSize(MAX_OUTPUT_BYTES)}, the most ccm writes into one file`,
        { file: source.path.replace(/^\(built-in\) /, ''), line: 1, col: 1 }, 'check the loops and helpers of this template against the data it renders'));
      return undefined;
    }
    return text;
  };

  const check = (diagnostics: Diagnostic[]): void => {
    const names = builtins();
    for (const name of [...new Set([...names, ...overrides.keys()])].sort()) {
      if (!names.includes(name)) {
        diagnostics.push(warning('UNKNOWN_FILE', 'this template override replaces no built-in template, so ccm never uses it', { file: `templates/${name}`, line: 1, col: 1 },
          `the templates ccm renders are: ${names.map((n) => `templates/${n}`).join(', ')}`));
        continue;
      }
      // A template a render used is compiled already, and reported by that render if it failed.
      if (compiled.has(`tpl:${name}`)) continue;
      const source = sourceText(name);
      const key = `${source.path}\0${source.text}`;
      let found = checkedTemplates.get(key);
      if (found === undefined) {
        try {
          // precompile parses and compiles without running, so every branch is checked, used or not.
          hb.precompile(source.text, COMPILE_OPTIONS);
          found = null;
        } catch (cause) {
          found = templateError(source.path, source.text, cause, lexerLocation(hb));
        }
        checkedTemplates.set(key, found);
      }
      if (found) diagnostics.push(found);
    }
  };

  return {
    render: (name, context, diagnostics) => run(`tpl:${name}`, sourceText(name), context, diagnostics),
    renderText: (source, context, diagnostics) => run(`txt:${source.path}\0${source.text}`, source, context, diagnostics),
    sourceOf: (name) => sourceText(name).path,
    check,
  };
}

interface HelperOptions {
  loc?: { start?: { line?: number; column?: number } };
}

/** A HelperError at the helper call (the options object Handlebars passes last). */
function helperError(options: unknown, message: string, hint?: string): HelperError {
  const start = (options as HelperOptions | undefined)?.loc?.start;
  return new HelperError(message, start?.line ?? 1, (start?.column ?? 0) + 1, hint);
}

const isHelperOptions = (v: unknown): boolean => typeof v === 'object' && v !== null && 'hash' in v && 'data' in v;

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('json', (value: unknown, indent: unknown, options?: unknown) => {
    // Called as {{json x}}, the options object comes second.
    if (isHelperOptions(indent)) [indent, options] = [undefined, indent];
    if (indent !== undefined && !(Number.isInteger(indent) && (indent as number) >= 0 && (indent as number) <= 10)) {
      throw helperError(options, `json: the indent must be a whole number from 0 to 10, not ${JSON.stringify(indent)}`, 'write e.g. {{json value 2}}');
    }
    return checkedSize(JSON.stringify(value, null, (indent as number | undefined) ?? 2) ?? '', 'json', options);
  });
  // The same frontmatter recurs in every project that selects a component; YAML serialisation is
  // the costliest step of a render, so each distinct value is serialised once per engine.
  const yamlCache = new Map<string, string>();
  hb.registerHelper('yaml', (value: unknown) => {
    const key = JSON.stringify(value);
    let text = yamlCache.get(key);
    if (text === undefined) {
      text = toYaml(value);
      yamlCache.set(key, text);
    }
    return text;
  });
  hb.registerHelper('join', (list: unknown, sep: unknown, options?: unknown) => {
    if (isHelperOptions(sep)) [sep, options] = [undefined, sep];
    return Array.isArray(list) ? checkedSize(list.join(typeof sep === 'string' ? sep : ', '), 'join', options) : '';
  });
  hb.registerHelper('indent', (text: unknown, width: unknown, options?: unknown) => {
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
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

function checkedSize(text: string, helper: string, options: unknown): string {
  if (tooLarge(text)) throw helperError(options, `${helper}: the result is over ${formatSize(MAX_OUTPUT_BYTES)}, the most ccm writes into one file`);
  return text;
}

/** YAML for frontmatter: keys in the given order, no line folding, so output is stable and readable. */
export function toYaml(value: unknown): string {
  // YAML 1.1 quoting: `yes`, `on`, `no` and dates stay strings for any frontmatter parser.
  return stringifyYaml(value, { lineWidth: 0, minContentWidth: 0, indent: 2, version: '1.1' });
}

/** Every generated text ends the same way: LF line endings, exactly one final newline. */
export function finalizeText(text: string): string {
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return lf.slice(0, end) + '\n';
}
