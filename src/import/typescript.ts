import { Parser, simpleEscape, type Assignment, type Dialect, type Token } from './literal.js';

const TS: Dialect = {
  constants: { true: true, false: false, null: null, undefined: null },
  listSpread: '...',
  dictSpread: '...',
  bareKeys: true,
  skipSuffix: skipTypeAssertion,
};

const OPS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**'];
const NAME = /[A-Za-z_$\p{L}][A-Za-z0-9_$\p{L}\p{N}]*/uy;
const NUMBER = /(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(\.[\d_]*)?([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?)n?/y;

export interface TsModule {
  /** Top-level `const NAME = value` (with or without `export` and a type annotation), in file order. */
  assignments: Assignment[];
  error?: { line: number; message: string };
}

/**
 * Reads the top-level `const` declarations of a TypeScript source file without running it: object
 * and array literals, strings, numbers, booleans, names of earlier constants, spreads, and
 * `as const` / `satisfies T` suffixes. Everything else (imports, functions, types) is skipped.
 */
export function readTsModule(text: string): TsModule {
  const { tokens, error } = tokenize(text);
  const assignments: Assignment[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    if (t.type === 'op') {
      if ('([{'.includes(t.value)) depth++;
      else if (')]}'.includes(t.value)) depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth !== 0 || t.type !== 'name' || (t.value !== 'const' && t.value !== 'let' && t.value !== 'var')) continue;
    const name = tokens[i + 1];
    if (!name || name.type !== 'name') continue;
    // Skip an optional type annotation up to the `=` of this declaration.
    let j = i + 2;
    let typeDepth = 0;
    for (; j < tokens.length - 1; j++) {
      const u = tokens[j]!;
      if (u.type !== 'op') continue;
      if ('([{<'.includes(u.value)) typeDepth++;
      else if (')]}>'.includes(u.value)) typeDepth--;
      else if (typeDepth === 0 && (u.value === '=' || u.value === ';')) break;
    }
    if (tokens[j]?.value !== '=') continue;
    const parser = new Parser(tokens.slice(j + 1), TS);
    const node = parser.expression();
    assignments.push({ name: name.value, line: name.line, node });
    i = j + parser.pos;
  }
  return error ? { assignments, error } : { assignments };
}

/** Names that start a new statement: where a type assertion without a `;` ends. */
const STATEMENT_START = new Set(['export', 'const', 'let', 'var', 'function', 'class', 'interface', 'type', 'import', 'enum']);

/** `as const`, `as T`, `satisfies T`: skips the type, which may hold `<…>`, `{…}` and commas. */
function skipTypeAssertion(p: Parser): void {
  const isName = (t: Token, v: string): boolean => t.type === 'name' && t.value === v;
  while (isName(p.peek(), 'as') || isName(p.peek(), 'satisfies')) {
    const keyword = p.next();
    if (keyword.value === 'as' && isName(p.peek(), 'const')) {
      p.next();
      continue;
    }
    let depth = 0;
    for (;;) {
      const t = p.peek();
      if (t.type === 'end') return;
      if (depth === 0 && t.line > keyword.line && t.type === 'name' && STATEMENT_START.has(t.value)) return;
      if (t.type === 'op') {
        if ('([{<'.includes(t.value)) depth++;
        else if (')]}>'.includes(t.value)) {
          if (depth === 0) return;
          depth--;
        } else if (depth === 0 && [',', ';', '='].includes(t.value)) return;
      }
      p.next();
    }
  }
}

export function tokenize(text: string): { tokens: Token[]; error?: { line: number; message: string } } {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string, atLine: number): { tokens: Token[]; error: { line: number; message: string } } => {
    tokens.push({ type: 'end', value: '', line: atLine, col: 1 });
    return { tokens, error: { line: atLine, message } };
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return fail(`a comment starting on line ${line} is not closed`, line);
      for (let k = i; k < end; k++) if (text[k] === '\n') line++;
      i = end + 2;
      lineStart = text.lastIndexOf('\n', i) + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const startLine = line;
      const col = i - lineStart + 1;
      let j = i + 1;
      let out = '';
      let bad: string | undefined;
      let closed = false;
      while (j < text.length) {
        const ch = text[j]!;
        if (ch === '\\') {
          const e = text[j + 1] ?? '';
          if (e === '\n') {
            line++;
            j += 2;
            continue;
          }
          if (e === 'u' || e === 'x') {
            const m = e === 'x' ? /^x([0-9a-fA-F]{2})/.exec(text.slice(j + 1)) : /^u(\{[0-9a-fA-F]+\}|[0-9a-fA-F]{4})/.exec(text.slice(j + 1));
            if (!m) {
              bad ??= `the escape \\${e} is incomplete`;
              j += 2;
              continue;
            }
            out += String.fromCodePoint(parseInt(m[1]!.replace(/[{}]/g, ''), 16));
            j += 1 + m[0].length;
            continue;
          }
          out += simpleEscape(e) ?? e;
          j += 2;
          continue;
        }
        if (ch === c) {
          closed = true;
          j++;
          break;
        }
        if (c === '`' && ch === '$' && text[j + 1] === '{') bad ??= 'a template literal with ${…} is computed when the program runs, so it is not a literal';
        if (ch === '\n') {
          if (c !== '`') break;
          line++;
          lineStart = j + 1;
        }
        out += ch;
        j++;
      }
      if (!closed) return fail(`a string starting on line ${startLine} is not closed`, startLine);
      const token: Token = { type: 'str', value: text.slice(i, j), line: startLine, col };
      if (bad !== undefined) token.bad = bad;
      else token.text = out;
      tokens.push(token);
      i = j;
      continue;
    }
    NAME.lastIndex = i;
    const n = NAME.exec(text);
    if (n) {
      tokens.push({ type: 'name', value: n[0], line, col: i - lineStart + 1 });
      i += n[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      tokens.push({ type: 'num', value: num[0].replace(/n$/, ''), line, col: i - lineStart + 1 });
      i += num[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
    tokens.push({ type: 'op', value: op, line, col: i - lineStart + 1 });
    i += op.length;
  }
  tokens.push({ type: 'end', value: '', line, col: 1 });
  return { tokens };
}
