import type { Document } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';
import type { PathSegment, YamlFile } from '../load/yaml-file.js';

/** One config file as adopt leaves it: its text before and after. */
export interface EditedFile {
  path: string;
  before: string;
  after: string;
}

type Op = { kind: 'set'; path: readonly PathSegment[]; value: unknown } | { kind: 'delete'; path: readonly PathSegment[] };

interface Pending {
  file: YamlFile;
  /** New source text for scalars that exist, by offset range in the file's text. */
  splices: Map<string, { start: number; end: number; text: string }>;
  /** Everything else (new keys, new lists, deletions), applied through a yaml Document afterwards. */
  ops: Op[];
}

/**
 * The config repo's YAML files that an adopt changes. A scalar that exists is replaced in the text
 * itself, in the quoting style it had, so every other byte of the file (comments, their spacing,
 * key order, flow and block styles) stays as the user wrote it; new keys and deletions go through
 * the `yaml` Document API, which keeps comments and key order.
 */
export class YamlEdits {
  private readonly pending = new Map<string, Pending>();

  set(file: YamlFile, path: readonly PathSegment[], value: unknown): void {
    const p = this.pendingOf(file);
    const node = file.doc.getIn(path, true);
    const plain = value === null || typeof value !== 'object';
    const { isScalar, Scalar, stringify } = yamlLib();
    if (isScalar(node) && plain && node.range && !String(node.type).startsWith('BLOCK')) {
      const scalar = new Scalar(value);
      if (typeof value === 'string' && node.type) scalar.type = node.type;
      p.splices.set(JSON.stringify(path), { start: node.range[0], end: node.range[1], text: stringify(scalar, { lineWidth: 0 }).trimEnd() });
      return;
    }
    p.ops.push({ kind: 'set', path, value });
  }

  delete(file: YamlFile, path: readonly PathSegment[]): void {
    this.pendingOf(file).ops.push({ kind: 'delete', path });
  }

  /** The files whose text changed, sorted by path. */
  files(): EditedFile[] {
    const out: EditedFile[] = [];
    for (const [path, p] of this.pending) {
      let text = p.file.text;
      for (const s of [...p.splices.values()].sort((a, b) => b.start - a.start)) text = text.slice(0, s.start) + s.text + text.slice(s.end);
      if (p.ops.length > 0) text = applyOps(text, p.ops);
      if (text !== p.file.text) out.push({ path, before: p.file.text, after: text });
    }
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private pendingOf(file: YamlFile): Pending {
    let p = this.pending.get(file.path);
    if (!p) {
      p = { file, splices: new Map(), ops: [] };
      this.pending.set(file.path, p);
    }
    return p;
  }
}

function applyOps(text: string, ops: readonly Op[]): string {
  const { isMap, isSeq, parseDocument } = yamlLib();
  const doc: Document = parseDocument(text);
  for (const op of ops) {
    if (op.kind === 'set') {
      // Parents that do not exist yet are created as block maps, as a person would write them.
      for (let i = 1; i < op.path.length; i++) {
        const parent = op.path.slice(0, i);
        if (!isMap(doc.getIn(parent, true))) doc.setIn(parent, doc.createNode({}));
      }
      const node = doc.createNode(op.value);
      // A list or map written in flow style (`[a, b]`) stays in flow style.
      const existing = doc.getIn(op.path, true);
      if ((isSeq(existing) && isSeq(node)) || (isMap(existing) && isMap(node))) {
        node.flow = existing.flow ?? false;
        // The comments on the replaced node are the user's, about this key: they stay.
        if (existing.comment) node.comment = existing.comment;
        if (existing.commentBefore) node.commentBefore = existing.commentBefore;
      }
      doc.setIn(op.path, node);
      continue;
    }
    doc.deleteIn(op.path);
    // A map emptied by the deletion goes too, so no `mcp: {}` is left behind.
    for (let i = op.path.length - 1; i > 0; i--) {
      const parent = doc.getIn(op.path.slice(0, i), true);
      if (isMap(parent) && parent.items.length === 0) doc.deleteIn(op.path.slice(0, i));
      else break;
    }
  }
  return restoreSpacing(text, doc.toString({ lineWidth: 0, flowCollectionPadding: false }));
}

/**
 * The yaml library writes one space before every comment; a line that differs from one of the
 * original's only by that spacing is given back as the user wrote it (aligned comments stay aligned).
 */
function restoreSpacing(original: string, output: string): string {
  const normal = (line: string): string => line.replace(/[ \t]+#/g, ' #').trimEnd();
  const byNormal = new Map<string, string | null>();
  for (const line of original.split('\n')) {
    const key = normal(line);
    byNormal.set(key, byNormal.has(key) && byNormal.get(key) !== line ? null : line);
  }
  return output.split('\n').map((line) => byNormal.get(normal(line)) ?? line).join('\n');
}
