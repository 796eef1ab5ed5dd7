import type { Document, YAMLMap } from 'yaml';
import type { DocumentKind } from '../core/kinds.js';
import { yamlLib } from '../core/yaml-lib.js';
import { schemaLine } from '../scaffold/init-files.js';
import { SecretRef } from './model.js';

/** A value with every {@link SecretRef} written as `{secret: NAME}` (the draft's final name). */
export function withSecretNames(value: unknown): unknown {
  if (value instanceof SecretRef) return { secret: value.draft.name };
  if (Array.isArray(value)) return value.map(withSecretNames);
  if (typeof value === 'object' && value !== null && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: withSecretNames(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** YAML text of a new file: the schema line editors use, optional comment lines, then the fields in order. */
export function yamlFile(relPath: string, kind: DocumentKind, schemasRel: string, value: Record<string, unknown>, comments: readonly string[] = []): string {
  const body = yamlLib().stringify(withSecretNames(value), { lineWidth: 0, minContentWidth: 0 });
  return [schemaLine(relPath, kind, schemasRel), ...comments.map((c) => `# ${c}`), body].join('\n');
}

/**
 * Appends names to the lists of `components.<key>` in a profile or project file, editing the YAML
 * document so that comments and styles stay as written. Returns the new text, or undefined when
 * every name is there already.
 */
export function addSelections(text: string, selection: Record<string, readonly string[]>, extra: { listKey?: string; names?: readonly string[] } = {}): string | undefined {
  const { isMap, isScalar, isSeq, parseDocument } = yamlLib();
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  let changed = false;
  const ensureMap = (parent: YAMLMap, key: string): YAMLMap => {
    const existing = parent.get(key, true);
    if (isMap(existing)) return existing;
    const created = doc.createNode({}) as YAMLMap;
    parent.set(key, created);
    return created;
  };
  const appendAll = (parent: YAMLMap, key: string, names: readonly string[]): void => {
    const existing = parent.get(key, true);
    const have = isSeq(existing) ? existing.items.map((i) => (isScalar(i) ? i.value : i)) : [];
    const missing = names.filter((n) => !have.includes(n));
    if (missing.length === 0) return;
    changed = true;
    if (isSeq(existing)) for (const n of missing) existing.add(doc.createNode(n));
    else parent.set(key, doc.createNode([...missing]));
  };
  if (extra.listKey && extra.names) appendAll(doc.contents, extra.listKey, extra.names);
  const nonEmpty = Object.entries(selection).filter(([, names]) => names.length > 0);
  if (nonEmpty.length > 0) {
    const components = ensureMap(doc.contents, 'components');
    for (const [key, names] of nonEmpty) appendAll(components, key, names);
  }
  return changed ? docText(doc) : undefined;
}

/** Sets a top-level key (a plain value) of a YAML document, keeping everything else as written. */
export function setTopLevel(text: string, path: readonly string[], value: unknown): string {
  const { isMap, parseDocument, Scalar } = yamlLib();
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new Error('not a YAML mapping');
  if (!doc.contents.has(path[0])) {
    const key = new Scalar(path[0]);
    key.spaceBefore = doc.contents.items.length > 0;
    const nested = path.slice(1).reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
    doc.contents.items.push(doc.createPair(key, withSecretNames(nested)) as unknown as (typeof doc.contents.items)[number]);
  } else {
    doc.setIn(path, doc.createNode(withSecretNames(value)));
  }
  return docText(doc);
}

function docText(doc: Document): string {
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
