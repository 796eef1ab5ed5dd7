// A document's editor: the YAML source (and its Markdown body) with schema completion and inline
// errors, form fields for the common properties kept in sync with the source, the rendered output of
// a project beside it, and the diff against disk before saving.
import { createTwoFilesPatch } from 'diff';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiDiagnostic, DocumentKind, DocumentRead, PreviewResponse, RepoSummary, StaleErrorBody } from '../../../src/ui/api-types.ts';
import { api, ApiFailure } from '../api.ts';
import { Diagnostics, DiffView, ErrorBox, Page } from '../components/common.tsx';
import type { SourceEditor } from '../editor/codemirror.ts';
import { FORM_FIELDS, readFields, writeField, type FormField, type FormValues } from '../editor/yaml-fields.ts';
import { kindLabel } from '../kinds.ts';
import { onServerEvent } from '../live.ts';
import { href } from '../router.ts';

interface Draft {
  text: string;
  body: string | null;
}

const FIELD_LABELS: Record<FormField, string> = { description: 'Description', model: 'Model', tools: 'Tools (comma-separated)' };

/** Debounces `fn` by `ms`: the validate and preview calls follow typing, not every key. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function useSourceEditor(host: { current: HTMLDivElement | null }, text: string | null, language: 'yaml' | 'markdown', label: string, onChange: (t: string) => void, schema?: () => Record<string, unknown> | null) {
  const ref = useRef<SourceEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  // Texts the editor itself produced: a render that lags behind the typing carries one of them, and
  // must not put the editor back to it (keys typed meanwhile would be lost).
  const emitted = useRef(new Set<string>());
  const emit = (t: string) => {
    if (emitted.current.size > 200) emitted.current.clear();
    emitted.current.add(t);
    onChangeRef.current(t);
  };
  const ready = text !== null;
  useEffect(() => {
    if (!ready || !host.current) return;
    let editor: SourceEditor | null = null;
    let cancelled = false;
    void import('../editor/codemirror.ts').then(({ createSourceEditor }) => {
      if (cancelled || !host.current) return;
      editor = createSourceEditor({ parent: host.current, text: text!, language, label, onChange: emit, ...(schema ? { schema } : {}) });
      ref.current = editor;
    });
    return () => {
      cancelled = true;
      editor?.destroy();
      ref.current = null;
    };
  }, [ready, label]);
  // The form and reloads change the text from outside: the editor follows.
  useEffect(() => {
    if (text === null || emitted.current.has(text)) return;
    emitted.current.clear();
    ref.current?.setText(text);
  }, [text]);
  return ref;
}

export function Editor({ kind, name }: { kind: DocumentKind; name: string }) {
  const [doc, setDoc] = useState<DocumentRead | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [diags, setDiags] = useState<ApiDiagnostic[]>([]);
  const [elsewhere, setElsewhere] = useState<ApiDiagnostic[]>([]);
  const [validating, setValidating] = useState(false);
  const [repo, setRepo] = useState<RepoSummary | null>(null);
  const [project, setProject] = useState<string>('');
  const [preview, setPreview] = useState<PreviewResponse | null>(null);
  const [previewError, setPreviewError] = useState<Error | null>(null);
  const [previewBehind, setPreviewBehind] = useState(false);
  const [reviewing, setReviewing] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [stale, setStale] = useState<StaleErrorBody | null>(null);
  const [changedOnDisk, setChangedOnDisk] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [newName, setNewName] = useState(name);
  const schemaRef = useRef<Record<string, unknown> | null>(null);
  const yamlHost = useRef<HTMLDivElement>(null);
  const bodyHost = useRef<HTMLDivElement>(null);

  const dirty = !!doc && !!draft && (draft.text !== doc.text || draft.body !== (doc.body?.text ?? null));

  const load = () => {
    api.read(kind, name).then(
      (d) => {
        setDoc(d);
        setDraft({ text: d.text, body: d.body?.text ?? null });
        setDiags(d.diagnostics);
        setChangedOnDisk(false);
        setStale(null);
        setLoadError(null);
      },
      (e: Error) => setLoadError(e),
    );
  };
  useEffect(() => {
    setDoc(null);
    setDraft(null);
    setNewName(name);
    load();
    api.schema(kind).then((s) => (schemaRef.current = s), () => (schemaRef.current = null));
    api.repo().then((r) => {
      setRepo(r);
      setProject((p) => p || r.projects[0]?.name || '');
    }, () => undefined);
  }, [kind, name]);

  // Another editor (or git) changed this document: reload when there is nothing unsaved, else say so.
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => onServerEvent((e) => {
    if (e.type !== 'changed' || !doc) return;
    const mine = [doc.path, doc.body?.path].filter(Boolean);
    if (!e.paths.some((p) => mine.includes(p))) return;
    if (dirtyRef.current) setChangedOnDisk(true);
    else load();
  }), [doc?.path, doc?.body?.path]);

  const yamlEditor = useSourceEditor(yamlHost, draft?.text ?? null, 'yaml', `YAML source of ${name}`, (text) => setDraft((d) => d && { ...d, text }), () => schemaRef.current);
  const bodyEditor = useSourceEditor(bodyHost, doc?.body ? draft?.body ?? '' : null, 'markdown', `Markdown body of ${name}`, (body) => setDraft((d) => d && { ...d, body }));

  const drafts = (d: Draft) => [
    { path: doc!.path, text: d.text },
    ...(doc!.body ? [{ path: doc!.body.path, text: d.body }] : []),
  ];

  // Validate the draft as it is typed: diagnostics inline and in the list.
  const settled = useDebounced(draft, 250);
  useEffect(() => {
    if (!doc || !settled) return;
    let current = true;
    setValidating(true);
    const body = doc.body ? [{ path: doc.body.path, text: settled.body }] : [];
    api.validate({ path: doc.path, text: settled.text, drafts: body }).then(
      (r) => {
        if (!current) return;
        setDiags(r.diagnostics);
        setElsewhere(r.elsewhere);
        setValidating(false);
      },
      (e: Error) => {
        if (!current) return;
        setValidating(false);
        if (e instanceof ApiFailure && e.body.error.diagnostics) setDiags(e.body.error.diagnostics);
      },
    );
    return () => {
      current = false;
    };
  }, [settled, doc]);
  useEffect(() => yamlEditor.current?.setDiagnostics(diags.filter((d) => !d.file || d.file === doc?.path)), [diags, yamlEditor.current]);
  useEffect(() => bodyEditor.current?.setDiagnostics(diags.filter((d) => d.file && d.file === doc?.body?.path)), [diags, bodyEditor.current]);

  // The rendered output of the chosen project with the draft in place.
  useEffect(() => {
    if (!doc || !settled || !project) return;
    let current = true;
    api.preview({ project, drafts: drafts(settled) }).then(
      (p) => {
        if (!current) return;
        setPreviewError(null);
        // A draft with errors renders nothing: keep showing the last render, marked as behind.
        const failed = !p.files.length && p.diagnostics.some((d) => d.severity === 'error');
        setPreviewBehind(failed);
        if (!failed) setPreview(p);
      },
      (e: Error) => current && setPreviewError(e),
    );
    return () => {
      current = false;
    };
  }, [settled, project, doc]);

  if (loadError) return <Page title={`${kindLabel(kind)}: ${name}`}><ErrorBox error={loadError} /></Page>;
  if (!doc || !draft) return <Page title={`${kindLabel(kind)}: ${name}`}><p class="muted">Loading…</p></Page>;

  const fields: FormValues | null = readFields(draft.text);
  const setField = (field: FormField, value: string) => setDraft((d) => d && { ...d, text: writeField(d.text, field, value) });
  const errors = diags.filter((d) => d.severity === 'error');
  const mine = preview?.files.filter((f) => f.sources.includes(doc.path) || (doc.body && f.sources.includes(doc.body.path))) ?? [];
  const yamlDiff = createTwoFilesPatch(doc.path, doc.path, doc.text, draft.text, 'on disk', 'draft');
  const bodyDiff = doc.body ? createTwoFilesPatch(doc.body.path, doc.body.path, doc.body.text, draft.body ?? '', 'on disk', 'draft') : '';

  const save = async (baseRevision: string) => {
    setSaveError(null);
    try {
      const r = await api.save(kind, name, { text: draft.text, ...(doc.body ? { body: draft.body } : {}), baseRevision });
      setDoc(r.document);
      setDraft({ text: r.document.text, body: r.document.body?.text ?? null });
      setElsewhere(r.elsewhere);
      setReviewing(false);
      setStale(null);
      setChangedOnDisk(false);
      setSaved(`Saved ${r.written.join(', ') || doc.path}.`);
    } catch (e) {
      if (e instanceof ApiFailure && e.stale) setStale(e.stale);
      else setSaveError(e as Error);
    }
  };
  const rename = async () => {
    try {
      const r = await api.rename(kind, name, { to: newName, baseRevision: doc.revision });
      location.hash = href('components', kind, r.document.name);
    } catch (e) {
      setSaveError(e as Error);
    }
  };
  const pick = (d: ApiDiagnostic) => (d.file && d.file === doc.body?.path ? bodyEditor : yamlEditor).current?.focusAt(d.line ?? 1, d.col ?? 1);

  return (
    <Page
      title={`${kindLabel(kind)}: ${name}`}
      actions={<>
        <a href={href('components', kind)}>Back to {kindLabel(kind)}</a>
        <button type="button" onClick={() => { setSaved(null); setReviewing(true); }} disabled={!dirty}>Review changes</button>
      </>}
    >
      <p class="muted"><code>{doc.path}</code>{doc.body && <> + <code>{doc.body.path}</code></>} {dirty ? <strong class="badge">unsaved</strong> : <span class="badge ok">saved</span>}</p>
      {saved && <p role="status" class="ok-note">{saved}</p>}
      {changedOnDisk && <div class="warn" role="alert">This file changed on disk while you edited it. <button type="button" onClick={load}>Load the disk version</button> (your edits are dropped) or save to see both versions.</div>}
      <div class="editor-grid">
        <div class="editor-main">
          {fields ? (
            <fieldset class="form-fields">
              <legend>Common properties</legend>
              {kind !== 'project' && kind !== 'profile' && (
                <div class="field">
                  <label for="f-name">Name</label>
                  <div class="row">
                    <input id="f-name" value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />
                    <button type="button" onClick={rename} disabled={newName === name || !newName || dirty} title={dirty ? 'Save first' : undefined}>Rename</button>
                  </div>
                </div>
              )}
              {FORM_FIELDS.map((f) => (
                <div class="field" key={f}>
                  <label for={`f-${f}`}>{FIELD_LABELS[f]}</label>
                  {f === 'description'
                    ? <textarea id={`f-${f}`} rows={3} value={fields[f]} onInput={(e) => setField(f, e.currentTarget.value)} />
                    : <input id={`f-${f}`} value={fields[f]} onInput={(e) => setField(f, e.currentTarget.value)} />}
                </div>
              ))}
            </fieldset>
          ) : <p class="warn">The source does not parse: fix it in the source below to use the form.</p>}
          <h2 id="src-h">Source</h2>
          <div class="cm-host" ref={yamlHost} aria-labelledby="src-h" />
          {doc.body && <><h2 id="body-h">Body (Markdown)</h2><div class="cm-host" ref={bodyHost} aria-labelledby="body-h" /></>}
          <h2>Problems {validating && <span class="muted">(checking…)</span>}</h2>
          <div aria-live="polite">
            {diags.length ? <Diagnostics items={diags} onPick={pick} /> : <p class="ok-note">No problems.</p>}
            {elsewhere.length > 0 && <><h3>Elsewhere in the repo</h3><Diagnostics items={elsewhere} label="Problems elsewhere" /></>}
          </div>
        </div>
        <aside class="editor-side" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview</h2>
          <label for="preview-project">Project</label>{' '}
          <select id="preview-project" value={project} onChange={(e) => setProject(e.currentTarget.value)}>
            {repo?.projects.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
          </select>
          <ErrorBox error={previewError} />
          <div aria-live="polite" class="preview">
            {(previewBehind || errors.length > 0) && <p class="warn">The draft has errors: this is the last render that worked.</p>}
            {preview && !mine.length && <p class="muted">No output of {project} comes from this file.</p>}
            {mine.map((f) => (
              <details key={f.root + f.path} open>
                <summary><code>{f.path}</code> <span class={`badge ${f.action}`}>{f.action}</span></summary>
                {f.secret ? <p class="muted">Holds secrets: not shown.</p> : <pre class="rendered" tabIndex={0} aria-label={`Rendered ${f.path}`}>{f.content}</pre>}
                {f.diff && <DiffView diff={f.diff} label={`Diff of ${f.path} against disk`} />}
              </details>
            ))}
          </div>
        </aside>
      </div>
      {(reviewing || stale) && (
        <div class="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="review-h" class="dialog" ref={(el) => {
              if (el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>('h2')?.focus();
            }}
            onKeyDown={(e) => { if (e.key === 'Escape') { setReviewing(false); setStale(null); } }}>
            {stale ? (
              <>
                <h2 id="review-h" tabIndex={-1}>Changed on disk since you opened it</h2>
                <p>Someone saved this document meanwhile. Their version against yours:</p>
                <DiffView diff={createTwoFilesPatch(doc.path, doc.path, stale.current?.text ?? '', stale.yours.text ?? '', 'on disk now', 'yours')} label="Disk version against yours" />
                <div class="actions">
                  <button type="button" onClick={load}>Take the disk version</button>
                  {stale.current && <button type="button" onClick={() => save(stale.current!.revision)}>Overwrite with mine</button>}
                  <button type="button" onClick={() => setStale(null)}>Keep editing</button>
                </div>
              </>
            ) : (
              <>
                <h2 id="review-h" tabIndex={-1}>Review changes</h2>
                <DiffView diff={yamlDiff} label="Source diff against disk" />
                {bodyDiff && draft.body !== (doc.body?.text ?? null) && <DiffView diff={bodyDiff} label="Body diff against disk" />}
                {errors.length > 0 && <p class="error" role="alert">{errors.length} error(s): the server refuses to save an invalid document. Fix them first.</p>}
                <ErrorBox error={saveError} />
                <div class="actions">
                  <button type="button" class="primary" onClick={() => save(doc.revision)}>Save</button>
                  <button type="button" onClick={() => setReviewing(false)}>Cancel</button>
                </div>
              </>
            )}
          </div>
        </div>
      )}
      {!reviewing && <ErrorBox error={saveError} />}
    </Page>
  );
}
