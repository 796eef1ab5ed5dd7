/**
 * Where strict JSON text first goes wrong, as line:col and a message: Node's JSON.parse messages
 * do not always give a position, and never a line.
 */
export function jsonSyntaxError(text: string): { line: number; col: number; message: string } {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonStop(at, message);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe(text[i])}`);
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail('the string is not closed');
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(`invalid escape \\${e ?? ''}`);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('a control character (such as a line break) inside a string');
      i++;
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail(`unexpected ${describe(text[i])}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a trailing comma before }' : `expected a property name in double quotes, found ${describe(text[i])}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe(text[i])}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected "," or "}", found ${describe(text[i])}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] === ']') fail('a trailing comma before ]');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected "," or "]", found ${describe(text[i])}`);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(c === undefined ? 'the text ends where a value is expected' : `unexpected ${describe(c)}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`);
    return position(text, text.length, 'invalid JSON');
  } catch (err) {
    if (!(err instanceof JsonStop)) throw err;
    return position(text, err.at, err.message);
  }
}

class JsonStop extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

function describe(c: string | undefined): string {
  if (c === undefined) return 'the end of the text';
  if (c === '\n') return 'a line break';
  return JSON.stringify(c);
}

function position(text: string, at: number, message: string): { line: number; col: number; message: string } {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, col: at - (before.lastIndexOf('\n') + 1) + 1, message };
}
