import { error, warning, type Diagnostic } from '../../diagnostics.js';

export interface EnvEntry {
  key: string;
  value: string;
  line: number;
}

const KEY = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=/;

/**
 * `.auto-claude/.env` as its readers take it: one `KEY=value` per line, `#` comment lines, values
 * bare or in one pair of `"` / `'` quotes on the same line. A bare value loses a ` # comment` tail
 * (python-dotenv; the Auto-Claude app keeps it, so that is a warning), a quoted value is decoded as
 * python-dotenv does (a warning when that needed backslash escapes, which the app reads literally).
 * Broken lines and repeated keys are errors at file:line; a repeated key keeps its last value, as
 * every reader does.
 */
export function parseDotenv(text: string, file: string): { entries: EnvEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byKey = new Map<string, EnvEntry>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const indent = line.length - trimmed.length;
    const at = (col: number): { file: string; line: number; col: number } => ({ file, line: lineNo, col: indent + col });
    const m = KEY.exec(trimmed);
    if (!m) {
      diagnostics.push(error('IMPORT_SYNTAX', 'this line is not KEY=value; it is not imported', at(1), 'fix or remove the line, then import again'));
      return;
    }
    const key = m[1]!;
    const valueStart = m[0].length;
    const rest = trimmed.slice(valueStart);
    const lead = rest.length - rest.trimStart().length;
    const raw2 = rest.trimStart();
    let value: string;
    const quote = raw2[0];
    if (quote === '"' || quote === "'") {
      let j = 1;
      let out = '';
      let escaped = false;
      let closed = false;
      while (j < raw2.length) {
        const c = raw2[j]!;
        if (c === '\\' && j + 1 < raw2.length && (quote === '"' || raw2[j + 1] === "'" || raw2[j + 1] === '\\')) {
          const e = raw2[j + 1]!;
          escaped = true;
          out += quote === '"' ? (DOUBLE_ESCAPES[e] ?? `\\${e}`) : e;
          j += 2;
          continue;
        }
        if (c === quote) {
          closed = true;
          break;
        }
        out += c;
        j++;
      }
      if (!closed) {
        diagnostics.push(error('IMPORT_SYNTAX', `the value of ${key} opens a ${quote} quote that is not closed on this line (a value cannot span lines); it is not imported`,
          at(valueStart + lead + 1), `close the quote, or write the value on one line`));
        return;
      }
      const after = raw2.slice(j + 1);
      if (after.trim() !== '' && !/^[ \t]+#/.test(after)) {
        diagnostics.push(error('IMPORT_SYNTAX', `text after the closing ${quote} of ${key}'s value; it is not imported`, at(valueStart + lead + j + 2 + (after.length - after.trimStart().length)),
          'put the whole value inside the quotes'));
        return;
      }
      if (escaped) {
        diagnostics.push(warning('IMPORT_NOT_EXACT', `the value of ${key} uses backslash escapes: python-dotenv decodes them (and so does the import), the Auto-Claude app reads them literally`,
          at(valueStart + lead + 1)));
      }
      value = out;
    } else {
      const comment = /[ \t]#/.exec(raw2);
      if (comment) {
        diagnostics.push(warning('IMPORT_NOT_EXACT', `the unquoted value of ${key} has a " #" tail: python-dotenv (and the import) drop it as a comment, the Auto-Claude app keeps it`,
          at(valueStart + lead + comment.index + 2), 'quote the value if the # belongs to it, or remove the comment'));
      }
      value = (comment ? raw2.slice(0, comment.index) : raw2).trimEnd();
    }
    const previous = byKey.get(key);
    if (previous) {
      diagnostics.push(error('IMPORT_SYNTAX', `${key} is set again (first on line ${previous.line}); the later value is imported, as every reader takes the last one`,
        at(1), 'remove one of the two lines'));
      byKey.delete(key);
    }
    byKey.set(key, { key, value, line: lineNo });
  });
  return { entries: [...byKey.values()], diagnostics };
}

const DOUBLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * The key → value map a .env file gives its readers, for comparing an original with a build
 * (problems ignored: the original's were reported when it was imported).
 */
export function envValues(text: string): Map<string, string> {
  return new Map(parseDotenv(text, '').entries.map((e) => [e.key, e.value]));
}
