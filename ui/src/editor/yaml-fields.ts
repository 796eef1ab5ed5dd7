// The form fields of the editor and the YAML source are one document: a field edit goes through the
// yaml Document API (comments, key order and the style of untouched keys stay; a folded
// `description: >-` stays folded), and a source edit re-reads the fields.
import { isScalar, isSeq, parseDocument } from 'yaml';

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

/** The source with one form field set (an empty value removes the key). Unparseable source: unchanged. */
export function writeField(text: string, field: FormField, value: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length) return text;
  if (value.trim() === '') {
    doc.delete(field);
    return doc.toString();
  }
  if (field === 'tools') {
    const list = value.split(',').map((s) => s.trim()).filter(Boolean);
    const prev = doc.get(field, true);
    if (isScalar(prev)) {
      // `tools: Read, Grep` is a string in the source: keep it a string.
      prev.value = list.join(', ');
    } else {
      const node = doc.createNode(list, { flow: isSeq(prev) ? prev.flow ?? false : true });
      doc.set(field, node);
    }
    return doc.toString();
  }
  // A scalar set in place keeps its style (folded, quoted) and its comments.
  doc.set(field, value);
  return doc.toString();
}
