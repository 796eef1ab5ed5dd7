import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { stringify as stringifyYaml } from 'yaml';
import { error, type Diagnostic } from '../diagnostics.js';
import type { RawFile } from '../load/model.js';
import { TEMPLATES_DIR } from '../paths.js';

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
    try {
      let fn = compiled.get(key);
      if (!fn) {
        fn = hb.compile(source.text, { strict: true, noEscape: true, preventIndent: true });
        compiled.set(key, fn);
      }
      return fn(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (cause) {
      diagnostics.push(templateError(source.path, cause));
      return undefined;
    }
  };

  return {
    render: (name, context, diagnostics) => run(`tpl:${name}`, sourceText(name), context, diagnostics),
    renderText: (source, context, diagnostics) => run(`txt:${source.path}\0${source.text}`, source, context, diagnostics),
    sourceOf: (name) => sourceText(name).path,
  };
}

function templateError(path: string, cause: unknown): Diagnostic {
  const message = cause instanceof Error ? cause.message : String(cause);
  const parse = /Parse error on line (\d+)/.exec(message);
  const strict = / - (\d+):(\d+)$/.exec(message.split('\n')[0] ?? '');
  const line = Number(parse?.[1] ?? strict?.[1] ?? 1);
  const col = strict ? Number(strict[2]) + 1 : 1;
  const first = withoutContext((message.split('\n')[0] ?? message).replace(/ - \d+:\d+$/, ''));
  return error('TEMPLATE_ERROR', `template failed: ${first}`, { file: path.replace(/^\(built-in\) /, ''), line, col },
    /not defined/.test(message) ? 'define the variable in the project or a profile (`variables:`), or use {{#if vars.name}} to make it optional' : 'fix the Handlebars syntax');
}

/**
 * Handlebars names the object it looked into at the end of its messages (`"x" not defined in …`,
 * `Cannot use 'in' operator to search for 'x' in …`); that object can be a decrypted secret value,
 * so the message keeps only the name that was looked up.
 */
function withoutContext(message: string): string {
  const lookedUpInText = /^Cannot use 'in' operator to search for '(.*)' in .*$/s.exec(message);
  if (lookedUpInText) return `"${lookedUpInText[1]}" is looked up in a value that is text or a number, not an object`;
  return message.replace(/^("[^"]*" not defined) in .*$/s, '$1');
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('json', (value: unknown, indent?: unknown) =>
    JSON.stringify(value, null, typeof indent === 'number' ? indent : 2),
  );
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
  hb.registerHelper('join', (list: unknown, sep?: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('indent', (text: unknown, width: unknown) => {
    const pad = ' '.repeat(typeof width === 'number' ? width : 2);
    return String(text ?? '')
      .split('\n')
      .map((l) => (l ? pad + l : l))
      .join('\n');
  });
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
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
