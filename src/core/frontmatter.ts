import { yamlLib } from './yaml-lib.js';

/** A Markdown file cut into the text before its body and the body. */
export interface FrontmatterSplit {
  /**
   * Everything before the body: an optional byte-order mark, the `---` line, the frontmatter, the
   * closing `---` line and the blank lines after it. Empty when the file has no frontmatter.
   */
  prefix: string;
  /** The YAML between the two `---` lines; undefined when the file has no frontmatter block. */
  yaml: string | undefined;
  /** 1-based line of the first YAML line in the file (for messages). */
  yamlLine: number;
  body: string;
}

const OPEN = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSE = /^---[ \t]*(\r?\n|$)/;
const BLANK = /^[ \t]*\r?\n/;

/**
 * Splits a Markdown file the way Claude Code reads one: a frontmatter block only when the very
 * first line is `---` and a later line is `---` again. Lossless: `prefix + body === text`.
 */
export function splitFrontmatter(text: string): FrontmatterSplit {
  const open = OPEN.exec(text);
  if (!open) return { prefix: '', yaml: undefined, yamlLine: 1, body: text };
  let at = open[0].length;
  const yamlStart = at;
  for (;;) {
    const rest = text.slice(at);
    const close = CLOSE.exec(rest);
    if (close) {
      const yaml = text.slice(yamlStart, at).replace(/\r?\n$/, '');
      let end = at + close[0].length;
      for (let blank = BLANK.exec(text.slice(end)); blank; blank = BLANK.exec(text.slice(end))) end += blank[0].length;
      return { prefix: text.slice(0, end), yaml, yamlLine: 2, body: text.slice(end) };
    }
    const nl = text.indexOf('\n', at);
    if (nl < 0) return { prefix: '', yaml: undefined, yamlLine: 1, body: text };
    at = nl + 1;
  }
}

export interface FrontmatterValue {
  value?: Record<string, unknown>;
  /** Why the YAML is not a frontmatter mapping; line/col relative to the YAML text (1-based). */
  error?: { message: string; line: number; col: number };
}

/** The frontmatter YAML as a plain mapping (an empty block is an empty mapping). */
export function parseFrontmatterYaml(yaml: string): FrontmatterValue {
  const doc = yamlLib().parseDocument(yaml, { uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const upTo = yaml.slice(0, first.pos[0]);
    const line = upTo.split('\n').length;
    return { error: { message: first.message.split('\n')[0] ?? 'invalid YAML', line, col: first.pos[0] - upTo.lastIndexOf('\n') } };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    return { error: { message: (cause as Error).message, line: 1, col: 1 } };
  }
  if (value === null || value === undefined) return { value: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return { error: { message: 'the frontmatter is not a mapping of keys to values', line: 1, col: 1 } };
  return { value: value as Record<string, unknown> };
}

const FIELD_START = /^([A-Za-z_][\w-]*):(?=[ \t]|$)/;

/**
 * The top-level fields of frontmatter that a strict YAML parser rejects (an unquoted `: ` inside a
 * value, say), read the forgiving way so that ccm knows the component's name and description: a
 * line that starts with one of `knownKeys` and a colon starts a field; any other line continues the
 * field before it. A field's lines are parsed as YAML on their own when they can be; otherwise its
 * value is the text after the colon, trimmed, without enclosing quotes. Text before the first known
 * key is ignored (it stays in the kept frontmatter text). Deterministic: import and build read alike.
 */
export function lenientFrontmatter(yaml: string, knownKeys: ReadonlySet<string>): Record<string, unknown> {
  const fields: { key: string; lines: string[] }[] = [];
  for (const line of yaml.split(/\r?\n/)) {
    const start = FIELD_START.exec(line);
    if (start && knownKeys.has(start[1]!)) fields.push({ key: start[1]!, lines: [line] });
    else fields[fields.length - 1]?.lines.push(line);
  }
  const out: Record<string, unknown> = {};
  for (const { key, lines } of fields) {
    const parsed = parseFrontmatterYaml(lines.join('\n')).value;
    const value = parsed && Object.keys(parsed).length === 1 && key in parsed ? parsed[key] : looseText(lines, key);
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function looseText(lines: readonly string[], key: string): string {
  const text = [lines[0]!.slice(key.length + 1), ...lines.slice(1)].join('\n').trim();
  const quoted = /^(["'])([\s\S]*)\1$/.exec(text);
  return quoted ? quoted[2]! : text;
}
