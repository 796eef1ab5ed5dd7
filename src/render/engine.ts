import { createRequire } from 'node:module';
import type Handlebars from 'handlebars';
import handlebarsRuntime from 'handlebars/runtime.js';
import { error, warning, type Diagnostic } from '../diagnostics.js';
import type { RawFile } from '../load/model.js';
import { builtFile } from '../built-files.js';
import { builtinTemplates, builtinText, HANDLEBARS_COMPILER_FILE, type TemplateSpec } from './builtin-templates.js';
import { COMPILE_OPTIONS, RUNTIME_OPTIONS } from './compile-options.js';
import { createHelpers } from './helpers.js';
import { formatSize, MAX_OUTPUT_BYTES, tooLarge } from './limits.js';
import { templateError, type LexerLocation, type RenderedFor } from './template-errors.js';

export { toYaml } from './helpers.js';

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
   * Compiles every template that no render has compiled yet, so that a syntax error in one that no
   * project uses is found too (overrides, and built-ins only when running from src/: those of a
   * built package were compiled when it was built); warns about overrides that replace nothing.
   */
  check(diagnostics: Diagnostic[]): void;
}

type HandlebarsEnv = typeof Handlebars;
/** What the Handlebars runtime offers (its typings declare nothing): helpers and precompiled templates, no compiler. */
type RuntimeEnv = Pick<HandlebarsEnv, 'registerHelper' | 'template'>;
const HandlebarsRuntime = handlebarsRuntime as unknown as { create(): RuntimeEnv };

let compilerModule: HandlebarsEnv | undefined;

/**
 * The full Handlebars (parser, compiler and source-map), loaded the first time a template must be
 * compiled: a repo override, a user text, or a built-in when running from src/; the built-ins of a
 * built package come precompiled. The build bundles it into one file (the package has 45 modules).
 * Required, not imported, so that rendering stays synchronous.
 */
function handlebarsCompiler(): HandlebarsEnv {
  compilerModule ??= createRequire(import.meta.url)(builtFile(HANDLEBARS_COMPILER_FILE) ?? 'handlebars') as HandlebarsEnv;
  return compilerModule;
}

/**
 * Outcome of compiling each template text, kept for the process: the same text compiles the same
 * way, and `ccm watch` checks the templates on every rebuild.
 */
const checkedTemplates = new Map<string, Diagnostic | null>();

/** Where Handlebars' (shared) lexer stopped; read right after a failed parse, before anything else parses. */
function lexerLocation(hb: HandlebarsEnv | undefined): LexerLocation | undefined {
  return (hb as unknown as { Parser?: { lexer?: { yylloc?: LexerLocation } } } | undefined)?.Parser?.lexer?.yylloc;
}

/** A template to run: where it comes from (for diagnostics) and how to get its function. */
interface TemplateSource {
  path: string;
  /** The text, read only when a diagnostic quotes it or the template must be compiled. */
  text: () => string;
  /** The precompiled spec of a built-in, when the package build made one. */
  spec?: TemplateSpec;
}

/**
 * Handlebars environments of its own (no global helpers leak between repos): the runtime's for the
 * precompiled built-ins and, once something must be compiled, the compiler's, both with ccm's helpers,
 * compiling with COMPILE_OPTIONS and running with Handlebars' ban on prototype access left in place.
 */
export function createEngine(overrides: ReadonlyMap<string, RawFile>): TemplateEngine {
  const builtins = builtinTemplates();
  const helpers = createHelpers();
  const runtime = HandlebarsRuntime.create();
  runtime.registerHelper(helpers);
  let compiler: HandlebarsEnv | undefined;
  const compilerEnv = (): HandlebarsEnv => {
    if (!compiler) {
      compiler = handlebarsCompiler().create();
      compiler.registerHelper(helpers);
    }
    return compiler;
  };
  const compiled = new Map<string, Handlebars.TemplateDelegate>();

  const sourceOf = (name: string): TemplateSource => {
    const override = overrides.get(name);
    if (override) {
      const text = new TextDecoder().decode(override.bytes);
      return { path: `templates/${name}`, text: () => text };
    }
    const source: TemplateSource = { path: `(built-in) templates/${name}`, text: () => builtinText(name) };
    if (builtins.specs) {
      source.spec = builtins.specs.get(name);
      if (!source.spec) throw new Error(`no built-in template ${name}`);
    }
    return source;
  };

  const run = (key: string, source: TemplateSource, context: object, diagnostics: Diagnostic[]): string | undefined => {
    let text: string;
    try {
      let fn = compiled.get(key);
      if (!fn) {
        fn = source.spec ? runtime.template(source.spec) : compilerEnv().compile(source.text(), COMPILE_OPTIONS);
        compiled.set(key, fn);
      }
      text = fn(context, RUNTIME_OPTIONS);
    } catch (cause) {
      diagnostics.push(templateError(source.path, source.text(), cause, lexerLocation(compiler), renderedFor(context)));
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
    const names = builtins.names;
    for (const name of [...new Set([...names, ...overrides.keys()])].sort()) {
      if (!names.includes(name)) {
        diagnostics.push(warning('UNKNOWN_FILE', 'this template override replaces no built-in template, so ccm never uses it', { file: `templates/${name}`, line: 1, col: 1 },
          `the templates ccm renders are: ${names.map((n) => `templates/${n}`).join(', ')}`));
        continue;
      }
      // A template a render used is compiled already, and reported by that render if it failed.
      if (compiled.has(`tpl:${name}`)) continue;
      const source = sourceOf(name);
      // A precompiled built-in compiled when the package was built.
      if (source.spec) continue;
      const text = source.text();
      const key = `${source.path}\0${text}`;
      let found = checkedTemplates.get(key);
      if (found === undefined) {
        const hb = compilerEnv();
        try {
          // precompile parses and compiles without running, so every branch is checked, used or not.
          hb.precompile(text, COMPILE_OPTIONS);
          found = null;
        } catch (cause) {
          found = templateError(source.path, text, cause, lexerLocation(hb));
        }
        checkedTemplates.set(key, found);
      }
      if (found) diagnostics.push(found);
    }
  };

  return {
    render: (name, context, diagnostics) => run(`tpl:${name}`, sourceOf(name), context, diagnostics),
    renderText: (source, context, diagnostics) => run(`txt:${source.path}\0${source.text}`, { path: source.path, text: () => source.text }, context, diagnostics),
    sourceOf: (name) => sourceOf(name).path,
    check,
  };
}

function renderedFor(context: object): RenderedFor | undefined {
  const { project } = context as { project?: unknown };
  // Every render context but a prompt's names its project; the project's file is projects/<name>.yaml.
  return typeof project === 'string' ? { project, file: `projects/${project}.yaml` } : undefined;
}
