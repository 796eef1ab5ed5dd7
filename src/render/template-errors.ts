import { error, type Diagnostic } from '../diagnostics.js';

/** Where a Handlebars lexer stood (1-based lines, 0-based columns), as jison records it. */
export interface LexerLocation {
  first_line: number;
  first_column: number;
}

/** An error a ccm helper raises, at the helper call (Handlebars passes its position as `options.loc`). */
export class HelperError extends Error {
  constructor(message: string, readonly line: number, readonly col: number, readonly hint?: string) {
    super(message);
  }
}

/** The project a render was for, and its file. */
export interface RenderedFor {
  project: string;
  file: string;
}

/**
 * A TEMPLATE_ERROR for a failed compile or render. Handlebars puts the useful part of a parse
 * error on the lines after "Parse error on line N:" (an excerpt, a caret line, what it expected),
 * and the position only in its lexer; `lexer` is that position, read right after the failure.
 * `renderedFor` names the project, for an error that only some projects' data causes.
 */
export function templateError(path: string, text: string, cause: unknown, lexer?: LexerLocation, renderedFor?: RenderedFor): Diagnostic {
  const file = path.replace(/^\(built-in\) /, '');
  if (cause instanceof HelperError) return error('TEMPLATE_ERROR', `template failed: ${cause.message}`, { file, line: cause.line, col: cause.col }, cause.hint);
  const message = cause instanceof Error ? cause.message : String(cause);
  const lines = message.split('\n');
  const head = lines[0] ?? message;
  if (/^(Parse|Lexical) error on line \d+/.test(head)) return parseError(file, text, lines, lexer);
  const strict = / - (\d+):(\d+)$/.exec(head);
  const line = Number(strict?.[1] ?? 1);
  const col = strict ? Number(strict[2]) + 1 : 1;
  const first = withoutContext(head.replace(/ - \d+:\d+$/, ''));
  // One template serves every project, so a missing variable is missing for one of them: say which.
  const undefinedName = /^"([^"]*)" not defined$/.exec(first)?.[1];
  if (undefinedName !== undefined && renderedFor) {
    return error('TEMPLATE_ERROR', `template failed: "${undefinedName}" not defined for project "${renderedFor.project}"`, { file, line, col },
      `add \`${undefinedName}: …\` under \`variables:\` in ${renderedFor.file} or a profile it uses, or use {{#if vars.${undefinedName}}} to make it optional`);
  }
  return error('TEMPLATE_ERROR', `template failed: ${first}`, { file, line, col },
    /not defined/.test(message) ? 'define the variable in the project or a profile (`variables:`), or use {{#if vars.name}} to make it optional'
      : /could not be found/.test(message) && /partial/i.test(message) ? 'ccm registers no partials: write the text into the template itself'
        : 'fix the Handlebars syntax');
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

function parseError(file: string, text: string, lines: string[], lexer: LexerLocation | undefined): Diagnostic {
  // lines: "Parse error on line N:", the excerpt, the caret line, "Expecting …, got …".
  const expecting = lines.slice(3).join(' ').trim() || (lines[0] ?? '').replace(/^.*?\.\s*/, '');
  const excerpt = (lines[1] ?? '').trim();
  const got = /got '([A-Z_]+)'\s*$/.exec(expecting)?.[1];
  const open = got === 'EOF' ? unclosedBlock(text) : undefined;
  if (open) {
    return error('TEMPLATE_ERROR', `template failed: {{${open.sigil}${open.name}}} is never closed: the template ends before {{/${open.name}}} (Handlebars: ${expecting})`,
      { file, line: open.line, col: open.col }, `add {{/${open.name}}} where the block should end`);
  }
  const line = lexer?.first_line ?? Number(/line (\d+)/.exec(lines[0] ?? '')?.[1] ?? 1);
  const col = (lexer?.first_column ?? 0) + 1;
  return error('TEMPLATE_ERROR', `template failed: Handlebars syntax error: ${expecting}${excerpt ? ` (near "${excerpt}")` : ''}`, { file, line, col },
    'fix the Handlebars syntax: every {{ needs its }}, every {{#block}} its {{/block}}');
}

/**
 * The innermost block (`{{#name}}`, `{{^name}}`) still open at the end of a template, found by a
 * plain scan (comments blanked out first) since Handlebars' parser does not say where it started.
 */
export function unclosedBlock(text: string): { name: string; sigil: string; line: number; col: number } | undefined {
  const plain = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: { name: string; sigil: string; offset: number }[] = [];
  // `{{#> partial}}` and `{{#*inline "x"}}` close as {{/partial}} and {{/inline}}.
  for (const m of plain.matchAll(/\{\{~?\s*([#^/])\s*([>*]?)\s*([^\s}~]+)/g)) {
    const [, sigil, kind, name] = m as unknown as [string, string, string, string];
    if (sigil === '/') {
      const i = stack.map((b) => b.name).lastIndexOf(name);
      if (i >= 0) stack.length = i;
    } else stack.push({ name, sigil: sigil + kind, offset: m.index });
  }
  const open = stack.at(-1);
  if (!open) return undefined;
  const before = text.slice(0, open.offset);
  const line = before.split('\n').length;
  return { name: open.name, sigil: open.sigil, line, col: open.offset - before.lastIndexOf('\n') };
}
