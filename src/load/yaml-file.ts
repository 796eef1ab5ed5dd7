import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';
import { error, warning, type Diagnostic, type SourcePosition } from '../diagnostics.js';

/**
 * A parsed YAML document that can still answer "where in the file is this value?". A file whose
 * value came from the parse cache has no `doc` until something asks for one (a position, an edit):
 * only files with diagnostics need it, and parsing with positions is most of what loading costs.
 */
export interface YamlFile<Value = unknown> {
  /** Repo-relative POSIX path. */
  readonly path: string;
  /** The file's text, without a byte-order mark. */
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /**
   * Plain JavaScript value of the document (a map, once parseYaml accepted it). In a ConfigRepo it
   * is typed as the document's schema type (load/model.ts), which later stages may rely on.
   */
  readonly value: Value;
}

/** The one set of parser options, so that a document parsed later has the positions the first parse had. */
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false } as const;

/**
 * A YAML file known by its value (from the parse cache); `text` is read and `doc` parsed on first
 * use, exactly as parseYaml parses them, so positions are the ones a cold parse reports.
 */
export class CachedYamlFile implements YamlFile<Record<string, unknown>> {
  private source: string | undefined;
  private parsed: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;

  constructor(
    readonly path: string,
    readonly value: Record<string, unknown>,
    private readonly readBytes: () => Uint8Array,
  ) {}

  get text(): string {
    if (this.source === undefined) {
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.readBytes());
      this.source = text.startsWith('\uFEFF') ? text.slice(1) : text;
    }
    return this.source;
  }

  get doc(): Document.Parsed {
    return this.positions().doc;
  }

  get lineCounter(): LineCounter {
    return this.positions().lineCounter;
  }

  private positions(): { doc: Document.Parsed; lineCounter: LineCounter } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = yamlLib();
      const lineCounter = new LineCounter();
      this.parsed = { doc: parseDocument(this.text, { lineCounter, ...PARSE_OPTIONS }), lineCounter };
    }
    return this.parsed;
  }
}

export const MAX_YAML_BYTES = 1024 * 1024;

export type PathSegment = string | number;

/**
 * Parses one YAML file. Returns the file or the diagnostics that explain why it cannot be used;
 * never throws for content problems.
 */
export function parseYaml(path: string, bytes: Uint8Array): { file?: YamlFile<Record<string, unknown>>; diagnostics: Diagnostic[] } {
  const at = { file: path, line: 1, col: 1 };
  if (bytes.byteLength > MAX_YAML_BYTES) {
    return fail(error('FILE_TOO_LARGE', `file is ${formatSize(bytes.byteLength)}; ccm reads YAML files up to ${formatSize(MAX_YAML_BYTES)}`, at,
      'component definitions are small; move long text into the Markdown body beside the YAML file'));
  }
  if (bytes.includes(0)) {
    return fail(error('BINARY_FILE', 'file is binary (it contains NUL bytes), not YAML text', at, 'replace it with a UTF-8 YAML file or move it out of the config repo'));
  }
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so that the check below can see (and warn about) it.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail(error('BINARY_FILE', 'file is not valid UTF-8 text', at, 'save the file as UTF-8'));
  }
  const diagnostics: Diagnostic[] = [];
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    diagnostics.push(warning('BOM', 'file starts with a UTF-8 byte-order mark; ccm ignores it', at, 'save the file as UTF-8 without BOM'));
  }
  if (text.trim() === '') {
    diagnostics.push(error('EMPTY_FILE', 'file is empty; expected a YAML mapping of keys to values', at, 'add the fields of this component, or delete the file'));
    return { diagnostics };
  }
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
  const errorLines = new Set<number>();
  for (const e of doc.errors) {
    const found = lineCounter.linePos(e.pos[0]).line;
    const pos = lineCounter.linePos(yamlErrorOffset(doc, e.code, e.message, e.pos[0]));
    // One syntax error usually makes the parser trip over the rest of its line; report the first per
    // line, where the parser found it as well as where it is reported (an unclosed bracket further up).
    if (errorLines.has(found) || errorLines.has(pos.line)) continue;
    errorLines.add(found).add(pos.line);
    diagnostics.push(error('YAML_SYNTAX', describeYamlError(e.code, e.message), { file: path, line: pos.line, col: pos.col }, yamlHint(e.code, e.message)));
  }
  if (doc.errors.length > 0) return { diagnostics };
  if (!isMap(doc.contents)) {
    const node = doc.contents;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    const found = isSeq(node) ? 'a list' : isScalar(node) ? (node.value === null ? 'an empty document' : `a single ${typeof node.value}`) : 'not a mapping';
    diagnostics.push(error('YAML_NOT_A_MAP', `expected a mapping of keys to values, found ${found}`, { file: path, ...pos },
      'write `key: value` pairs at the top level, e.g. `description: …`'));
    return { diagnostics };
  }
  let value: Record<string, unknown>;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (cause) {
    // yaml throws (rather than reporting) when aliases expand into too many nodes: a "billion laughs" file.
    diagnostics.push(error('YAML_SYNTAX', `invalid YAML: ${(cause as Error).message.replace(/\.$/, '')}`, at,
      'write the values out instead of repeating anchors (&name) through aliases (*name)'));
    return { diagnostics };
  }
  // A value whose type JSON lacks would reach the schemas as an object: the tag is the one error.
  const tags = unsupportedTags(path, text, doc, lineCounter);
  if (tags.length > 0) return { diagnostics: [...diagnostics, ...tags] };
  diagnostics.push(...nonFiniteNumbers(path, text, doc, lineCounter));
  return { file: { path, text, doc, lineCounter, value }, diagnostics };
}

/** The tags of JSON's values: what every file ccm reads and every file it writes can hold. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * An explicit tag that makes a value something JSON has no form for (`!!binary` bytes, a
 * `!!timestamp` date, a `!!set`, an application's `!foo`) would reach the schemas as an object, and
 * a tag YAML cannot resolve would silently become a string: one error at the tag instead.
 */
function unsupportedTags(path: string, text: string, doc: Document.Parsed, lineCounter: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  yamlLib().visit(doc, {
    Node(_key, node) {
      if (!node.tag || PLAIN_TAGS.has(node.tag) || !node.range) return;
      let at = text.lastIndexOf('!', node.range[0]);
      while (at > 0 && text[at - 1] === '!') at--;
      const written = text.slice(at, node.range[0]).trim() || node.tag;
      out.push(error('YAML_TAG', `the YAML tag ${written} is not supported: ccm's files hold only strings, numbers, booleans, null, lists and mappings`, { file: path, ...lineCounter.linePos(Math.max(at, 0)) },
        'remove the tag and write the value as plain text (quote it if it looks like a number or a date)'));
    },
  });
  return out;
}

/**
 * `.inf`, `-.inf`, `.nan` and numbers too large for a double (`1e400`) are numbers to YAML but have
 * no JSON, and YAML writes them back as `.inf`: no output ccm writes can carry one. The one check
 * for every YAML file ccm reads, at the number.
 */
function nonFiniteNumbers(path: string, text: string, doc: Document.Parsed, lineCounter: LineCounter): Diagnostic[] {
  const out: Diagnostic[] = [];
  yamlLib().visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || Number.isFinite(node.value) || !node.range) return;
      const written = text.slice(node.range[0], node.range[1]).trim();
      out.push(error('NUMBER_NOT_FINITE', `${written} is not a finite number (YAML reads it as ${String(node.value)})`, { file: path, ...lineCounter.linePos(node.range[0]) },
        `write a number between ±${Number.MAX_VALUE.toPrecision(3)}, or quote it ("${written}") if it is text`));
    },
  });
  return out;
}

function fail(d: Diagnostic): { diagnostics: Diagnostic[] } {
  return { diagnostics: [d] };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * The yaml package reports an unclosed quote or bracket where the file (or the collection around
 * it) ends, which may be many lines after the mistake; the scalar or flow collection it could not
 * close starts at the useful place.
 */
function yamlErrorOffset(doc: Document.Parsed, code: string, message: string, offset: number): number {
  const unclosedFlow = code === 'BAD_INDENT' && UNCLOSED_FLOW.test(message);
  if (code !== 'MISSING_CHAR' && !unclosedFlow) return offset;
  let start: number | undefined;
  const consider = (node: Node): void => {
    if (node.range && node.range[0] < offset && node.range[1] >= offset && (start === undefined || node.range[0] > start)) start = node.range[0];
  };
  yamlLib().visit(doc, {
    Scalar(_key, node) {
      if (!unclosedFlow && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) consider(node);
    },
    Seq(_key, node) {
      if (unclosedFlow && node.flow) consider(node);
    },
    Map(_key, node) {
      if (unclosedFlow && node.flow) consider(node);
    },
  });
  return start ?? offset;
}

/** The yaml package's message for a `[` or `{` without its closing bracket (its code is BAD_INDENT). */
const UNCLOSED_FLOW = /^Flow (sequence|map) in block collection must be sufficiently indented and end with a [\]}]/;

function describeYamlError(code: string, message: string): string {
  // The yaml package appends a source excerpt after the first line; the position is reported separately.
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  const flow = UNCLOSED_FLOW.exec(first);
  if (flow) return `invalid YAML: the ${flow[1] === 'map' ? 'map { that starts here has no closing }' : 'list [ that starts here has no closing ]'} (or goes on in a line indented no deeper than its key)`;
  const quote = /^Missing closing (["'])quote$/.exec(first);
  if (quote) return `invalid YAML: quoted string has no closing ${quote[1]}`;
  return `invalid YAML: ${first.charAt(0).toLowerCase()}${first.slice(1)}`;
}

function yamlHint(code: string, message: string): string | undefined {
  if (/tab/i.test(message)) return 'indent with spaces; YAML does not allow tabs for indentation';
  if (/quote/i.test(message)) return 'close the quoted string with the same quote character it starts with';
  const flow = UNCLOSED_FLOW.exec(message);
  if (flow) return `close it with ${flow[1] === 'map' ? '}' : ']'}; if it goes on over more lines, indent them deeper than its key`;
  if (code === 'DUPLICATE_KEY') return 'each key may appear once per mapping; remove or merge the repeated key';
  if (code === 'BAD_INDENT') return 'align keys of the same mapping at the same column';
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'quote a value that contains ": " (e.g. `description: "a: b"`), or check the indentation of the line below';
  if (code === 'UNEXPECTED_TOKEN') return 'check the indentation of this line against the lines above it';
  return undefined;
}

/**
 * Finds the node at a JSON path. With `key: true` and a final string segment, returns the key node,
 * so that "unknown key" errors point at the key rather than its value.
 */
export function nodeAt(file: YamlFile, path: readonly PathSegment[], key = false): Node | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  let node: unknown = file.doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return node as Node;
      if (last && key) return pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return node as Node;
      node = item;
    } else {
      return node as Node | undefined;
    }
  }
  return node as Node | undefined;
}

/** Source position (1-based) of the value at a JSON path, or of its closest existing ancestor. */
export function positionOf(file: YamlFile, path: readonly PathSegment[], key = false): SourcePosition {
  const node = nodeAt(file, path, key);
  const offset = node?.range?.[0];
  if (offset === undefined) return { file: file.path, line: 1, col: 1 };
  const { line, col } = file.lineCounter.linePos(offset);
  return { file: file.path, line, col };
}

/** Splits an ajv-style JSON pointer (`/a/0/b`) into path segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
