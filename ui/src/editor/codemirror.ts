// The source editor: CodeMirror 6 with YAML (plain text for Markdown bodies), inline diagnostics from
// POST /api/validate (pushed in by the editor page, so one request serves the gutter and the list)
// and completion from the kind's JSON Schema. Loaded lazily: only editor pages pay for it.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { ApiDiagnostic } from '../../../src/ui/api-types.ts';
import { schemaCompletion } from './schema-completion.ts';

export interface SourceEditor {
  view: EditorView;
  setText(text: string): void;
  setDiagnostics(diags: ApiDiagnostic[]): void;
  focusAt(line: number, col: number): void;
  destroy(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  language: 'yaml' | 'markdown';
  label: string;
  onChange(text: string): void;
  schema?: () => Record<string, unknown> | null;
}

export function createSourceEditor(opts: EditorOptions): SourceEditor {
  let applying = false;
  const view = new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.text,
      extensions: [
        lineNumbers(),
        history(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        // Markdown bodies are plain text: @codemirror/lang-markdown brings HTML, CSS and JavaScript
        // parsers along (≈ 250 KB minified) for highlighting nobody needs to edit a prompt.
        ...(opts.language === 'yaml' ? [yaml()] : []),
        ...(opts.schema ? [autocompletion({ override: [schemaCompletion(opts.schema)] })] : []),
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's documented escape hatch), so focus is never trapped.
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': opts.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !applying) opts.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  const toPos = (line: number, col: number) => {
    const doc = view.state.doc;
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + Math.max(col - 1, 0), l.to);
  };
  return {
    view,
    setText(text) {
      if (text === view.state.doc.toString()) return;
      applying = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      applying = false;
    },
    setDiagnostics(diags) {
      const mapped: Diagnostic[] = diags.filter((d) => d.line).map((d) => {
        const from = toPos(d.line!, d.col ?? 1);
        const line = view.state.doc.lineAt(from);
        return { from, to: Math.max(from + 1, line.to) > line.to ? line.to : Math.max(from + 1, line.to), severity: d.severity, message: `${d.code}: ${d.message}${d.hint ? `\n${d.hint}` : ''}`, source: 'ccm' };
      });
      view.dispatch(setDiagnostics(view.state, mapped));
    },
    focusAt(line, col) {
      const pos = toPos(line, col);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
