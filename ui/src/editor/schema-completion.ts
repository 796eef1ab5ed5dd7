// Completion from the kind's JSON Schema (GET /api/schema/:kind): keys at the cursor's place in the
// YAML, and enum/boolean values after `key: `. Small on purpose: codemirror-json-schema would bring a
// Markdown renderer and a highlighter into the bundle for the same two things.
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';

type Schema = Record<string, unknown>;

function resolve(root: Schema, node: unknown, seen = 0): Schema[] {
  if (!node || typeof node !== 'object' || seen > 20) return [];
  const s = node as Schema;
  const out: Schema[] = [s];
  const ref = s.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Schema | undefined)?.[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
    out.push(...resolve(root, target, seen + 1));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = s[key];
    if (Array.isArray(list)) for (const sub of list) out.push(...resolve(root, sub, seen + 1));
  }
  return out;
}

/** The schemas that describe the value at `path` (keys; `-` for a list item). */
export function schemasAt(root: Schema, path: string[]): Schema[] {
  let current = resolve(root, root);
  for (const key of path) {
    const next: Schema[] = [];
    for (const s of current) {
      if (key === '-') {
        if (s.items) next.push(...resolve(root, s.items));
      } else {
        const props = s.properties as Record<string, unknown> | undefined;
        if (props?.[key]) next.push(...resolve(root, props[key]));
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') next.push(...resolve(root, s.additionalProperties));
      }
    }
    current = next;
  }
  return current;
}

const KEY_LINE = /^(\s*)(-\s+)?([^\s:#][^:#]*?):(\s|$)/;

/** The key path of the block the cursor's line belongs to, from the indentation of the lines above. */
export function pathAt(lines: string[], lineIndex: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i]!;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const m = KEY_LINE.exec(line);
    const lead = line.length - line.trimStart().length;
    if (lead >= limit) continue;
    if (m) {
      if (m[2] && lead + m[2].length < limit) path.unshift(m[3]!.trim(), '-');
      else path.unshift(m[3]!.trim());
    } else if (line.trimStart().startsWith('-')) {
      path.unshift('-');
    }
    limit = lead;
  }
  return path;
}

function describe(s: Schema): string | undefined {
  return typeof s.description === 'string' ? s.description : undefined;
}

export function schemaCompletion(getSchema: () => Schema | null) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const schema = getSchema();
    if (!schema) return null;
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const lines = ctx.state.doc.toString().split('\n');
    const indent = before.length - before.trimStart().length;
    const valueMatch = /^(\s*)(-\s+)?([\w.-]+):\s+(\S*)$/.exec(before);
    if (valueMatch) {
      const key = valueMatch[3]!;
      const own = valueMatch[2] ? [key] : [key];
      const parent = pathAt(lines, line.number - 1, indent + (valueMatch[2]?.length ?? 0));
      const targets = schemasAt(schema, [...parent, ...(valueMatch[2] ? ['-'] : []), ...own]);
      const options: Completion[] = [];
      for (const s of targets) {
        if (Array.isArray(s.enum)) for (const v of s.enum) options.push({ label: String(v), type: 'enum' });
        if (s.const !== undefined) options.push({ label: String(s.const), type: 'enum' });
        if (s.type === 'boolean') options.push({ label: 'true', type: 'keyword' }, { label: 'false', type: 'keyword' });
      }
      if (!options.length) return null;
      return { from: ctx.pos - valueMatch[4]!.length, options: dedupe(options), validFor: /^[\w.-]*$/ };
    }
    const keyMatch = /^(\s*)(-\s+)?([\w.-]*)$/.exec(before);
    if (!keyMatch || (!ctx.explicit && !keyMatch[3])) return null;
    const itemIndent = indent + (keyMatch[2]?.length ?? 0);
    const parent = pathAt(lines, line.number - 1, itemIndent);
    const targets = schemasAt(schema, keyMatch[2] ? [...parent, '-'] : parent);
    const present = new Set(lines.map((l) => KEY_LINE.exec(l)).filter((m) => m && (m[1]!.length + (m[2]?.length ?? 0)) === itemIndent).map((m) => m![3]!.trim()));
    const options: Completion[] = [];
    for (const s of targets) {
      const props = s.properties as Record<string, Schema> | undefined;
      for (const [name, sub] of Object.entries(props ?? {})) {
        if (present.has(name)) continue;
        const info = describe(sub) ?? resolve(schema, sub).map(describe).find(Boolean);
        options.push({ label: name, type: 'property', apply: `${name}: `, ...(info ? { info } : {}) });
      }
    }
    if (!options.length) return null;
    return { from: ctx.pos - keyMatch[3]!.length, options: dedupe(options), validFor: /^[\w.-]*$/ };
  };
}

function dedupe(options: Completion[]): Completion[] {
  const seen = new Set<string>();
  return options.filter((o) => !seen.has(o.label) && seen.add(o.label));
}
