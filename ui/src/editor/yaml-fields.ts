// The form fields of the editor and the YAML source are one document: a field edit goes through the
// yaml Document API (comments, key order and the style of untouched keys stay; a folded
// `description: >-` stays folded), and a source edit re-reads the fields.
import { Document, isMap, isNode, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';

/** The common properties the form shows; each is a top-level key of the YAML. */
export const FORM_FIELDS = ['description', 'model', 'tools'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

/** The fields as the form shows them (tools as `A, B`); null when the source does not parse. */
export function readFields(text: string): FormValues | null {
  const doc = parseDocument(text);
  if (doc.errors.length) return null;
  const js = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof js !== 'object' || Array.isArray(js)) return null;
  const str = (v: unknown) => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(', ') : String(v));
  return { description: str(js.description), model: str(js.model), tools: str(js.tools) };
}

/**
 * The source with one form field set (an empty value removes the key); unparseable source comes back
 * unchanged. Only the value's own characters are replaced: yaml's Document API finds the node and
 * writes the new value in the node's style (a folded `>-` stays folded, a flow list stays a flow
 * list), and everything else (comments, order, the formatting of untouched keys) stays byte for byte,
 * which re-printing the whole document would not keep (flow lists gain padding, folded text re-wraps).
 */
export function writeField(text: string, field: FormField, value: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) return text;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === field);
  const current = pair && isNode(pair.value) ? pair.value : null;
  if (value.trim() === '') {
    if (!pair || !isScalar(pair.key) || !pair.key.range) return text;
    const end = current?.range?.[2] ?? pair.key.range[2];
    return text.slice(0, pair.key.range[0]) + text.slice(end).replace(/^[^\S\n]*\n?/, '');
  }
  const printed = printPair(field, newValue(field, value, current));
  if (!current?.range) {
    // A new key goes at the end, after the last line.
    return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${field}: ${printed}`;
  }
  const [from, to] = current.range;
  const trailing = /\s*$/.exec(text.slice(from, to))![0];
  return text.slice(0, from) + printed.replace(/\s+$/, '') + trailing + text.slice(to);
}

/** The new value as a node in the style of the one it replaces. */
function newValue(field: FormField, value: string, current: Node | null): Node {
  const doc = new Document();
  if (field === 'tools') {
    const list = value.split(',').map((s) => s.trim()).filter(Boolean);
    // `tools: Read, Grep` is a string in the source: it stays a string.
    if (isScalar(current)) return doc.createNode(list.join(', '));
    return doc.createNode(list, { flow: isSeq(current) ? current.flow ?? false : true });
  }
  const node = doc.createNode(value);
  if (isScalar(current) && current.type) node.type = current.type;
  return node;
}

/** How yaml prints `field: <node>` at the top level, the part after `field: `. */
function printPair(field: string, node: Node): string {
  const doc = new Document();
  doc.contents = doc.createNode({}) as YAMLMap;
  (doc.contents as YAMLMap).set(field, node);
  const out = doc.toString({ flowCollectionPadding: false });
  return out.slice(out.indexOf(':') + 1).replace(/^ /, '');
}
