import { Parser, simpleEscape, type Assignment, type Dialect, type Token } from './literal.js';

const PYTHON: Dialect = { constants: { True: true, False: false, None: null }, listSpread: '*', dictSpread: '**', bareKeys: false };

const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];
const NAME = /[A-Za-z_\p{L}][A-Za-z0-9_\p{L}\p{N}]*/uy;
const NUMBER = /(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|\d[\d_]*(\.[\d_]*)?([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?)[jJ]?/y;
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;

export interface PythonModule {
  /** Module-level `NAME = value` and `NAME: type = value` statements, in file order. */
  assignments: Assignment[];
  /** A problem that stopped the tokenizer (everything after it is unread). */
  error?: { line: number; message: string };
}

/**
 * Reads the module-level assignments of a Python source file without running it. Statements of
 * any other kind (imports, functions, classes, conditionals) are skipped, and so is everything
 * indented below them.
 */
export function readPythonModule(text: string): PythonModule {
  const { tokens, error } = tokenize(text);
  const assignments: Assignment[] = [];
  let start = 0;
  while (start < tokens.length - 1) {
    let end = start;
    while (tokens[end]!.type !== 'newline' && tokens[end]!.type !== 'end') end++;
    const line = tokens.slice(start, end);
    start = end + 1;
    const first = line[0];
    if (!first || first.indent !== 0 || first.type !== 'name' || line.length < 3) continue;
    let eq = -1;
    if (line[1]!.type === 'op' && line[1]!.value === '=') eq = 1;
    else if (line[1]!.type === 'op' && line[1]!.value === ':') eq = topLevelEquals(line, 2);
    if (eq < 0) continue;
    const exprTokens: Token[] = [...line.slice(eq + 1), { type: 'end', value: '', line: line[line.length - 1]!.line, col: 0 }];
    const parser = new Parser(exprTokens, PYTHON);
    let node = parser.expression();
    const rest = parser.peek();
    if (rest.type !== 'end' && node.t !== 'bad') {
      node = { t: 'bad', why: rest.type === 'op' && rest.value === '=' ? 'a chained assignment is not supported' : `unexpected ${JSON.stringify(rest.value)} after the value`, line: rest.line };
    }
    assignments.push({ name: first.value, line: first.line, node });
  }
  return error ? { assignments, error } : { assignments };
}

function topLevelEquals(line: readonly Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const t = line[i]!;
    if (t.type !== 'op') continue;
    if ('([{'.includes(t.value)) depth++;
    else if (')]}'.includes(t.value)) depth--;
    else if (t.value === '=' && depth === 0) return i;
  }
  return -1;
}

/** Python tokens; newlines only where a logical line ends (not inside brackets or after `\`). */
export function tokenize(text: string): { tokens: Token[]; error?: { line: number; message: string } } {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let depth = 0;
  let atLineStart = true;
  const push = (t: Omit<Token, 'line' | 'col'>, at: number, atLine: number, atLineStartOffset: number): void => {
    const token: Token = { ...t, line: atLine, col: at - atLineStartOffset + 1 };
    if (atLineStart && t.type !== 'newline') {
      token.indent = at - atLineStartOffset;
      atLineStart = false;
    }
    tokens.push(token);
  };
  const fail = (message: string, atLine: number): { tokens: Token[]; error: { line: number; message: string } } => {
    tokens.push({ type: 'end', value: '', line: atLine, col: 1 });
    return { tokens, error: { line: atLine, message } };
  };

  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (depth === 0 && !atLineStart) {
        tokens.push({ type: 'newline', value: '\n', line, col: 0 });
      }
      if (depth === 0) atLineStart = true;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
      line++;
      lineStart = i;
      continue;
    }
    STRING_START.lastIndex = i;
    const s = STRING_START.exec(text);
    if (s) {
      const prefix = s[1]!.toLowerCase();
      const quote = s[2]!;
      const startLine = line;
      const startLineOffset = lineStart;
      const at = i;
      let j = i + s[0].length;
      let raw = '';
      let closed = false;
      while (j < text.length) {
        const ch = text[j]!;
        if (ch === '\\') {
          raw += text.slice(j, j + 2);
          if (text[j + 1] === '\n') {
            line++;
            lineStart = j + 2;
          }
          j += 2;
          continue;
        }
        if (text.startsWith(quote, j)) {
          closed = true;
          j += quote.length;
          break;
        }
        if (ch === '\n') {
          if (quote.length === 1) break;
          line++;
          lineStart = j + 1;
        }
        raw += ch;
        j++;
      }
      if (!closed) return fail(`a string starting on line ${startLine} is not closed`, startLine);
      const token: Omit<Token, 'line' | 'col'> = { type: 'str', value: text.slice(at, j) };
      if (prefix.includes('f')) token.bad = 'an f-string is computed when the program runs, so it is not a literal';
      else if (prefix.includes('b')) token.bad = 'a bytes literal is not text';
      else {
        const decoded = prefix.includes('r') ? { text: raw } : decodePython(raw);
        if ('bad' in decoded) token.bad = decoded.bad;
        else token.text = decoded.text;
      }
      push(token, at, startLine, startLineOffset);
      i = j;
      continue;
    }
    NAME.lastIndex = i;
    const n = NAME.exec(text);
    if (n) {
      push({ type: 'name', value: n[0] }, i, line, lineStart);
      i += n[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(text);
    if (num) {
      push({ type: 'num', value: num[0] }, i, line, lineStart);
      i += num[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
    if ('([{'.includes(op)) depth++;
    else if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    push({ type: 'op', value: op }, i, line, lineStart);
    i += op.length;
  }
  if (!atLineStart) tokens.push({ type: 'newline', value: '\n', line, col: 0 });
  tokens.push({ type: 'end', value: '', line, col: 1 });
  return { tokens };
}

function decodePython(raw: string): { text: string } | { bad: string } {
  if (!raw.includes('\\')) return { text: raw };
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[i + 1] ?? '';
    const simple = simpleEscape(e);
    if (e === '\n') {
      i++;
    } else if (e === 'a') {
      out += '\x07';
      i++;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) return { bad: `the escape \\${e}${hex} is incomplete` };
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + len;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(raw.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length;
    } else if (e === 'N') {
      return { bad: 'named Unicode escapes (\\N{…}) are not supported' };
    } else if (simple !== undefined) {
      out += simple;
      i++;
    } else {
      out += c;
    }
  }
  return { text: out };
}
