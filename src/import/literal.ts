/**
 * The literal subset that Auto-Claude's registries are written in — strings, numbers, booleans,
 * lists, dicts/objects, names of earlier module-level constants, `+` concatenation and `*`/`...`
 * spreads — as a small tree that {@link evaluate} turns into plain values. Nothing is ever
 * executed: anything outside the subset becomes a `bad` node that says why, so that a reader can
 * import everything else and report exactly what it could not read.
 */
export type LiteralNode = { line: number } & (
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'const'; v: boolean | null }
  | { t: 'list'; items: LiteralNode[] }
  | { t: 'dict'; entries: DictEntry[] }
  | { t: 'name'; name: string }
  | { t: 'add'; left: LiteralNode; right: LiteralNode }
  | { t: 'spread'; value: LiteralNode }
  | { t: 'bad'; why: string }
);

export interface DictEntry {
  /** A `str` node for literal keys; a `spread` entry has no key. */
  key?: LiteralNode;
  value: LiteralNode;
  line: number;
}

/** A module-level `NAME = <literal>` (Python) or `const NAME = <literal>` (TypeScript). */
export interface Assignment {
  name: string;
  line: number;
  node: LiteralNode;
}

/** What a module-level name stands for: a value, or why it has none. */
export type Binding = { value: unknown; line: number } | { error: string; line: number };

export type Scope = Map<string, Binding>;

export class LiteralError extends Error {
  constructor(
    readonly line: number,
    message: string,
    /** Set when the cause is a constant that could not be read: its name, line and reason. */
    readonly via?: { name: string; line: number; why: string },
  ) {
    super(message);
  }
}

/** The plain value of a node: strings, numbers, booleans, null, arrays and objects. Throws LiteralError. */
export function evaluate(node: LiteralNode, scope: Scope): unknown {
  switch (node.t) {
    case 'str':
    case 'num':
    case 'const':
      return node.v;
    case 'bad':
      throw new LiteralError(node.line, node.why);
    case 'name': {
      const b = scope.get(node.name);
      if (!b) throw new LiteralError(node.line, `${node.name} is not a constant defined earlier in the file`);
      if ('error' in b) throw new LiteralError(node.line, `${node.name} (line ${b.line}) could not be read: ${b.error}`, { name: node.name, line: b.line, why: b.error });
      return b.value;
    }
    case 'add': {
      const left = evaluate(node.left, scope);
      const right = evaluate(node.right, scope);
      if (Array.isArray(left) && Array.isArray(right)) return [...(left as unknown[]), ...(right as unknown[])];
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      throw new LiteralError(node.line, `cannot add ${describe(left)} and ${describe(right)}`);
    }
    case 'spread':
      throw new LiteralError(node.line, 'a spread is allowed only inside a list or dict');
    case 'list': {
      const out: unknown[] = [];
      for (const item of node.items) {
        if (item.t === 'spread') {
          const v = evaluate(item.value, scope);
          if (!Array.isArray(v)) throw new LiteralError(item.line, `cannot spread ${describe(v)} into a list`);
          out.push(...(v as unknown[]));
        } else {
          out.push(evaluate(item, scope));
        }
      }
      return out;
    }
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) {
        if (!entry.key) {
          const v = evaluate(entry.value, scope);
          if (!isPlainObject(v)) throw new LiteralError(entry.line, `cannot spread ${describe(v)} into a dict`);
          for (const [k, x] of Object.entries(v)) defineKey(out, k, x);
          continue;
        }
        defineKey(out, dictKey(entry, scope), evaluate(entry.value, scope));
      }
      return out;
    }
  }
}

/** The string key of a dict entry; throws LiteralError for any other key. */
export function dictKey(entry: DictEntry, scope: Scope): string {
  if (!entry.key) throw new LiteralError(entry.line, 'a spread has no key');
  const key = evaluate(entry.key, scope);
  if (typeof key !== 'string') throw new LiteralError(entry.line, `a key must be a string, not ${describe(key)}`);
  return key;
}

/** Scope of the module-level constants before `upTo` (exclusive), each evaluated in order. */
export function scopeOf(assignments: readonly Assignment[], upTo = assignments.length): Scope {
  const scope: Scope = new Map();
  for (const a of assignments.slice(0, upTo)) {
    try {
      scope.set(a.name, { value: evaluate(a.node, scope), line: a.line });
    } catch (err) {
      scope.set(a.name, { error: err instanceof LiteralError ? err.message : String(err), line: a.line });
    }
  }
  return scope;
}

export function describe(v: unknown): string {
  if (v === null) return 'None';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a dict';
  return `a ${typeof v}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own data property, so that a key `__proto__` stays a plain key. */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// Tokens and the shared expression parser

export interface Token {
  type: 'name' | 'str' | 'num' | 'op' | 'newline' | 'end';
  value: string;
  line: number;
  col: number;
  /** Strings: the decoded text, or why it cannot be used (f-strings, template interpolation, bytes). */
  text?: string;
  bad?: string;
  /** First token of a logical line (Python): its column. */
  indent?: number;
}

export interface Dialect {
  /** Names that stand for constants: True/False/None or true/false/null/undefined. */
  constants: Readonly<Record<string, boolean | null>>;
  /** Spread in lists: `*` (Python) or `...` (TypeScript). */
  listSpread: string;
  /** Spread in dicts: `**` (Python) or `...` (TypeScript). */
  dictSpread: string;
  /** Object keys may be bare identifiers, and `{ key }` is shorthand for `{ key: key }` (TypeScript). */
  bareKeys: boolean;
  /** Skips a type assertion after a value (`as const`, `satisfies T`); TypeScript only. */
  skipSuffix?: (p: Parser) => void;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Recursive descent over tokens, producing `bad` nodes (and skipping ahead) instead of throwing. */
export class Parser {
  pos = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly dialect: Dialect,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  isOp(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'op' && t.value === value;
  }

  /** expr := operand ('+' operand)* */
  expression(): LiteralNode {
    let left = this.operand();
    while (this.isOp('+')) {
      const plus = this.next();
      const right = this.operand();
      left = { t: 'add', left, right, line: plus.line };
    }
    this.dialect.skipSuffix?.(this);
    return left;
  }

  private operand(): LiteralNode {
    const start = this.peek();
    const node = this.primary();
    if (node.t === 'bad') return node;
    const after = this.peek();
    if (after.type === 'op' && (after.value === '(' || after.value === '.' || after.value === '[' || after.value === '?.')) {
      const why = after.value === '(' ? 'a function call is not a literal' : after.value === '[' ? 'indexing is not a literal' : 'attribute access is not a literal';
      this.skipOperand();
      return { t: 'bad', why, line: start.line };
    }
    if (after.type === 'op' && !['+', ',', ')', ']', '}', ':', ';', '='].includes(after.value)) {
      this.skipOperand();
      return { t: 'bad', why: `the operator "${after.value}" is not supported (only + joins lists or strings)`, line: after.line };
    }
    if (after.type === 'name' && ['for', 'if', 'and', 'or', 'not', 'in', 'is', 'lambda'].includes(after.value)) {
      this.skipOperand();
      return { t: 'bad', why: after.value === 'for' ? 'a comprehension is not a literal' : `"${after.value}" expressions are not literals`, line: after.line };
    }
    return node;
  }

  private primary(): LiteralNode {
    const t = this.peek();
    if (t.type === 'str') {
      this.next();
      let text = t.text;
      let bad = t.bad;
      // Adjacent string literals concatenate (Python).
      while (this.peek().type === 'str') {
        const more = this.next();
        bad ??= more.bad;
        text = (text ?? '') + (more.text ?? '');
      }
      return bad !== undefined ? { t: 'bad', why: bad, line: t.line } : { t: 'str', v: text ?? '', line: t.line };
    }
    if (t.type === 'num') {
      this.next();
      const v = Number(t.value.replace(/_/g, ''));
      return Number.isFinite(v) ? { t: 'num', v, line: t.line } : { t: 'bad', why: `cannot read the number ${t.value}`, line: t.line };
    }
    if (t.type === 'name') {
      this.next();
      if (Object.prototype.hasOwnProperty.call(this.dialect.constants, t.value)) return { t: 'const', v: this.dialect.constants[t.value]!, line: t.line };
      return { t: 'name', name: t.value, line: t.line };
    }
    if (t.type === 'op') {
      if (t.value === '-' && this.peek(1).type === 'num') {
        this.next();
        const n = this.next();
        return { t: 'num', v: -Number(n.value.replace(/_/g, '')), line: t.line };
      }
      if (t.value === '[') return this.list();
      if (t.value === '{') return this.dict();
      if (t.value === '(') return this.paren();
    }
    this.skipOperand();
    return { t: 'bad', why: t.type === 'end' ? 'the file ends in the middle of a value' : `unexpected ${JSON.stringify(t.value)}`, line: t.line };
  }

  private list(): LiteralNode {
    const open = this.next();
    const items: LiteralNode[] = [];
    while (!this.isOp(']')) {
      if (this.peek().type === 'end') return { t: 'bad', why: `the list opened on line ${open.line} is never closed`, line: open.line };
      if (this.isOp(this.dialect.listSpread)) {
        const star = this.next();
        items.push({ t: 'spread', value: this.expression(), line: star.line });
      } else {
        items.push(this.expression());
      }
      if (!this.separator(']')) items.push(this.junk(']'));
    }
    this.next();
    return { t: 'list', items, line: open.line };
  }

  private paren(): LiteralNode {
    const open = this.next();
    const items: LiteralNode[] = [];
    let tuple = false;
    while (!this.isOp(')')) {
      if (this.peek().type === 'end') return { t: 'bad', why: `the parenthesis opened on line ${open.line} is never closed`, line: open.line };
      items.push(this.expression());
      if (this.isOp(',')) tuple = true;
      if (!this.separator(')')) items.push(this.junk(')'));
    }
    this.next();
    if (!tuple && items.length === 1) return items[0]!;
    return { t: 'list', items, line: open.line };
  }

  private dict(): LiteralNode {
    const open = this.next();
    const entries: DictEntry[] = [];
    while (!this.isOp('}')) {
      const t = this.peek();
      if (t.type === 'end') return { t: 'bad', why: `the dict opened on line ${open.line} is never closed`, line: open.line };
      if (this.isOp(this.dialect.dictSpread)) {
        this.next();
        entries.push({ value: this.expression(), line: t.line });
      } else {
        let key: LiteralNode;
        if (this.dialect.bareKeys && t.type === 'name') {
          this.next();
          key = { t: 'str', v: t.value, line: t.line };
          if (this.isOp(',') || this.isOp('}')) {
            entries.push({ key, value: { t: 'name', name: t.value, line: t.line }, line: t.line });
            if (!this.separator('}')) entries.push({ key, value: this.junk('}'), line: t.line });
            continue;
          }
        } else if (this.dialect.bareKeys && t.type === 'num') {
          this.next();
          key = { t: 'str', v: String(Number(t.value)), line: t.line };
        } else {
          key = this.expression();
        }
        if (!this.isOp(':')) {
          entries.push({ key, value: this.junk('}', `expected ":" after the key, found ${JSON.stringify(this.peek().value)}`), line: t.line });
          if (this.isOp(',')) this.next();
          continue;
        }
        this.next();
        entries.push({ key, value: this.expression(), line: t.line });
      }
      if (!this.separator('}')) {
        const last = entries[entries.length - 1]!;
        last.value = this.junk('}');
        if (this.isOp(',')) this.next();
      }
    }
    this.next();
    return { t: 'dict', entries, line: open.line };
  }

  /** After an item: a comma (consumed) or the closer (left). False when something else follows. */
  private separator(closer: string): boolean {
    if (this.isOp(',')) {
      this.next();
      return true;
    }
    return this.isOp(closer);
  }

  /** Skips to the next comma or `closer` of this level and returns a bad node for what was skipped. */
  private junk(closer: string, why?: string): LiteralNode {
    const t = this.peek();
    this.skipOperand();
    if (!this.isOp(',') && !this.isOp(closer) && this.peek().type !== 'end') this.next();
    return { t: 'bad', why: why ?? `unexpected ${JSON.stringify(t.value)}`, line: t.line };
  }

  /** Skips tokens up to (not including) a `,`, `;` or closing bracket of the current nesting level. */
  skipOperand(): void {
    const stack: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'end') return;
      if (t.type === 'newline' && stack.length === 0) return;
      if (t.type === 'op') {
        if (stack.length === 0 && [',', ')', ']', '}', ';'].includes(t.value)) return;
        if (CLOSERS[t.value]) stack.push(CLOSERS[t.value]!);
        else if (t.value === stack[stack.length - 1]) stack.pop();
      }
      this.next();
    }
  }
}

/** Escape sequences shared by Python and JavaScript string literals; undefined for an unknown one. */
export function simpleEscape(c: string): string | undefined {
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    case '0':
      return '\0';
    case '\\':
      return '\\';
    case "'":
      return "'";
    case '"':
      return '"';
    default:
      return undefined;
  }
}
